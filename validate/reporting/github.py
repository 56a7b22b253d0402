"""GitHub Actions reporter: workflow commands that become annotations, plus a job summary.

Limits (GitHub Actions, per step): at most 10 error, 10 warning and 10 notice annotations are
shown; the rest are dropped silently. 50 annotations per job (all steps together) and 50 per
run on top of that. Sources:

* actions/toolkit, ``docs/problem-matchers.md``, section "Limitations" ("10 warning
  annotations, 10 error annotations, and 10 notice annotations per step; 50 annotations per
  job"), added in actions/toolkit#734;
* GitHub community discussions #26680 and #68471 (the limit, and users asking for a message
  when annotations are dropped, which is what :func:`render` prints).

A step summary (``GITHUB_STEP_SUMMARY``) is capped at 1 MiB; bigger uploads are aborted with
"$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k" (seen in public
workflow runs), so :func:`render_job_summary` stays bounded.

Escaping follows actions/toolkit ``packages/core/src/command.ts`` (``escapeData`` and
``escapeProperty``), which the runner decodes.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from validate.findings import Finding, Severity
from validate.reporting.model import (
    Report,
    RuleMeta,
    file_groups,
    in_pieces,
    plural,
    summary_line,
)

MAX_ERROR_ANNOTATIONS = 10
"""Error annotations GitHub shows per step."""
MAX_WARNING_ANNOTATIONS = 10
"""Warning annotations GitHub shows per step."""
MAX_NOTICE_ANNOTATIONS = 10
"""Notice annotations GitHub shows per step (the overflow notice counts against it)."""

ANNOTATION_CAPS: dict[Severity, int] = {
    Severity.ERROR: MAX_ERROR_ANNOTATIONS,
    Severity.WARNING: MAX_WARNING_ANNOTATIONS,
    Severity.INFO: MAX_NOTICE_ANNOTATIONS,
}
COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}

STEP_SUMMARY_LIMIT = 1024 * 1024
"""Bytes GitHub accepts in one step summary."""
JOB_SUMMARY_MAX_FINDINGS = 20
"""Findings listed in the job summary (the rest are counted)."""
JOB_SUMMARY_MESSAGE_CHARS = 300
"""Longer messages are cut in the job summary so 20 rows stay small."""

SEE_ALL_HINT = (
    "All findings are listed in this step's log; "
    "run `rubricate lint --format text` (or json/sarif) to see them all."
)


def escape_data(text: str) -> str:
    """Escape a workflow-command message: ``%``, CR and LF (``%`` first, so it stays exact)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, rule: RuleMeta) -> str:
    """One finding as ``::error file=F,line=L,col=C,title=CODE name::message``.

    ``line``/``col`` are left out when 0 ("whole file"), which GitHub shows as a file-level
    annotation rather than pointing at a line that does not exist.
    """
    props = [("file", finding.file)]
    if finding.line >= 1:
        props.append(("line", str(finding.line)))
        if finding.column >= 1:
            props.append(("col", str(finding.column)))
    props.append(("title", f"{finding.code} {rule.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(finding.message)}"


def log_line(finding: Finding) -> str:
    """A finding that was not annotated, as a plain log line.

    It starts with the severity, never with ``::``, and its line breaks are escaped, so a
    crafted file name or message cannot smuggle a workflow command into the log.
    """
    message = finding.message.replace("\r", "\\r").replace("\n", "\\n")
    location = finding.location().replace("\r", "\\r").replace("\n", "\\n")
    return f"{finding.severity}: {location}: {finding.code} {message}"


def _caps(report: Report) -> dict[Severity, int]:
    """Annotation caps for this report.

    When anything overflows, one notice slot is kept for the overflow notice itself, or
    GitHub would drop exactly the message that explains what was dropped.
    """
    counts = report.counts_by_severity()
    caps = dict(ANNOTATION_CAPS)
    if any(counts[sev] > cap for sev, cap in caps.items()):
        caps[Severity.INFO] -= 1
    return caps


def _group_start(path: str) -> str:
    return f"::group::{escape_data(path)}\n"


def _lines(report: Report) -> Iterator[str]:
    """:func:`render`'s lines, newline included, one at a time."""
    catalog = report.rule_catalog()
    caps = _caps(report)
    used: Counter[Severity] = Counter()
    not_annotated = 0
    for finding in file_groups(report.findings, _group_start, "::endgroup::\n"):
        if isinstance(finding, str):
            yield finding
        elif used[finding.severity] < caps[finding.severity]:
            used[finding.severity] += 1
            yield annotation(finding, catalog[finding.code]) + "\n"
        else:
            not_annotated += 1
            yield log_line(finding) + "\n"
    if not_annotated:
        limits = (
            f"{MAX_ERROR_ANNOTATIONS} error, {MAX_WARNING_ANNOTATIONS} warning and "
            f"{MAX_NOTICE_ANNOTATIONS} notice annotations per step"
        )
        text = (
            f"{plural(not_annotated, 'more finding')} not annotated "
            f"(GitHub shows at most {limits}). {SEE_ALL_HINT}"
        )
        yield f"::notice::{escape_data(text)}\n"
    yield summary_line(report) + "\n"


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s output in pieces of a few hundred lines: the log lists every finding
    (the annotations are capped, the log is not), so it is never one string in memory."""
    return in_pieces(_lines(report))


def render(report: Report) -> str:
    """Render ``report`` as workflow commands: a group per file, capped annotations.

    Findings beyond the caps are printed as plain log lines in their group, followed by one
    ``::notice::`` saying how many were not annotated. The output ends with the verdict line.
    """
    return "".join(chunks(report))


def _md(text: str) -> str:
    """``text`` safe inside a Markdown table cell.

    HTML is escaped (messages quote untrusted label files), Markdown punctuation that could
    start emphasis, strike-through, links or code is backslash-escaped, ``|`` would end the
    cell and line breaks would end the row.
    """
    out = text.replace("\\", "\\\\")
    for char in "`*_[]~|":
        out = out.replace(char, "\\" + char)
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_job_summary(report: Report) -> str:
    """The Markdown job summary: verdict, counts by severity, counts per rule, first findings."""
    catalog = report.rule_catalog()
    counts = report.counts_by_severity()
    failed = report.summary.get("failed")
    status = "failed" if failed else "passed" if failed is not None else "finished"
    head = [
        f"## Rubricate lint {status}",
        "",
        _md(summary_line(report)),
        "",
        "| severity | findings |",
        "| --- | ---: |",
        *(f"| {sev} | {n:,} |" for sev, n in counts.items()),
        "",
    ]
    by_code = report.counts_by_code()
    if by_code:
        head += ["| rule | name | findings |", "| --- | --- | ---: |"]
        for code, n in by_code:
            rule = catalog[code]
            head.append(f"| [{_md(code)}]({rule.help_uri}) | {_md(rule.name)} | {n:,} |")
        head.append("")
    shown = report.findings[:JOB_SUMMARY_MAX_FINDINGS]
    body: list[str] = []
    if shown:
        title = "Findings" if len(shown) == len(report.findings) else f"First {len(shown)} findings"
        body += [f"### {title}", "", "| location | rule | severity | message |"]
        body.append("| --- | --- | --- | --- |")
        for f in shown:
            message = _md(_truncate(f.message, JOB_SUMMARY_MESSAGE_CHARS))
            body.append(f"| {_md(f.location())} | {_md(f.code)} | {f.severity} | {message} |")
        rest = len(report.findings) - len(shown)
        if rest:
            body += ["", f"{plural(rest, 'more finding')} not listed. {_md(SEE_ALL_HINT)}"]
        body.append("")
    text = "\n".join(head + body) + "\n"
    if len(text.encode("utf-8")) > STEP_SUMMARY_LIMIT:
        # Only pathological paths or rule lists get here; the counts matter most, keep them.
        text = "\n".join(head) + "\n"
    return text


def write_job_summary(report: Report, path: str | os.PathLike[str]) -> None:
    """Append the job summary of ``report`` to ``path`` (the ``GITHUB_STEP_SUMMARY`` file).

    GitHub expects steps to append to this file, so this is the one output that is not
    replaced atomically: the whole summary goes out in a single write, flushed and synced, so
    a reader never sees half of it next to other tools' summaries.
    """
    data = render_job_summary(report).encode("utf-8", errors="backslashreplace")
    with Path(path).open("ab") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
