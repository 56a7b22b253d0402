"""Azure Pipelines reporter: logging commands that become the issues of the pipeline run.

Each error or warning is one ``task.logissue`` command (Microsoft Learn, "Logging commands",
section "LogIssue: Log an error or warning"):

``##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=CODE;]message``

* ``type`` is ``error`` or ``warning``. Azure Pipelines has no notice level, so info findings
  are plain log lines;
* ``linenumber``/``columnnumber`` are left out for a finding about a whole file (line 0);
* the message is the text format's ``path:line:col: CODE message``, because the agent writes
  only the message to the log (as ``##[error]message``), where a label file's line number is
  what a reader needs.

Escaping follows microsoft/azure-pipelines-task-lib ``node/taskcommand.ts``: property values
escape ``%`` (as ``%AZP25``), CR, LF, ``]`` and ``;``; the message escapes ``%``, CR and LF.
Label content is defused as well (:mod:`validate.log_commands`): the agent acts on
``##vso[`` anywhere in a line.

Limits: the agent keeps the first ten or so errors and warnings of a step as the step's issues
and only counts the rest (``_maxIssueCount`` in the agent's ``ExecutionContext``); every
finding is still written to the log, so nothing is capped here. Findings are grouped per file
(``##[group]``) so a long log folds. With ``--statistics`` the text format's count per rule
follows. The output ends with the verdict line; the step fails by the exit status, as with
every format.
"""

from __future__ import annotations

from collections.abc import Iterator

from validate.findings import Finding, Severity
from validate.log_commands import defuse_text
from validate.reporting.model import Report, file_groups, in_pieces, summary_line
from validate.reporting.text import format_finding, printable, statistics_table

ISSUE_TYPES: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def escape_data(text: str) -> str:
    """A logging command's message: ``%``, CR and LF escaped (``%`` first), label content
    defused."""
    text = defuse_text(text)
    return text.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A logging command's property value: as the message, plus ``]`` and ``;``."""
    return escape_data(text).replace("]", "%5D").replace(";", "%3B")


def issue(finding: Finding) -> str:
    """One finding as a ``task.logissue`` command (an info finding as a plain log line)."""
    located = format_finding(finding)
    kind = ISSUE_TYPES.get(finding.severity)
    if kind is None:
        return defuse_text(located)
    props = [f"type={kind}", f"sourcepath={escape_property(finding.file)}"]
    if finding.line >= 1:
        props.append(f"linenumber={finding.line}")
        if finding.column >= 1:
            props.append(f"columnnumber={finding.column}")
    props.append(f"code={escape_property(finding.code)}")
    return f"##vso[task.logissue {';'.join(props)};]{escape_data(located)}"


def _group_start(path: str) -> str:
    name = defuse_text(printable(path).replace("\n", "\\n"))
    return f"##[group]{name}\n"


def _lines(report: Report) -> Iterator[str]:
    for item in file_groups(report.findings, _group_start, "##[endgroup]\n"):
        yield item if isinstance(item, str) else issue(item) + "\n"
    if report.statistics:  # --statistics: the text format's table, as plain lines
        yield from (row + "\n" for row in statistics_table(report))
    yield summary_line(report) + "\n"


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s output in pieces of a few hundred lines."""
    return in_pieces(_lines(report))


def render(report: Report) -> str:
    """Render ``report`` as Azure Pipelines logging commands, a group per file, then the
    verdict line."""
    return "".join(chunks(report))
