"""Text reporter: ``path:line:col: CODE message`` per finding, the way editors link them.

Messages quote label-file content, which nobody vetted: control characters (ANSI escapes
included) are shown as ``\\xNN`` so a record cannot rewrite the terminal, and a multi-line
message continues on indented lines marked ``|`` so every line that starts a finding still
starts with its ``path:line:col:``, and no line starts with the record's text: a CI runner
reads a command at the start of a line after any indent (GitHub's ``::error::``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validate.findings import Finding, Severity
from validate.reporting.model import Report, in_pieces, summary_line

BOLD = "\x1b[1m"
RESET = "\x1b[0m"
SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.ERROR: "\x1b[31m",  # red
    Severity.WARNING: "\x1b[33m",  # yellow
    Severity.INFO: "\x1b[34m",  # blue
}
GREEN = "\x1b[32m"

CONTINUATION_INDENT = "    | "
"""What a message's later lines start with: not whitespace alone (see the module doc)."""

# C0 controls except tab and newline (newline is handled as a continuation), DEL, C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters made visible (``\\x1b``), newlines kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\r\n", "\n"))


def _message(text: str) -> str:
    return printable(text).replace("\n", "\n" + CONTINUATION_INDENT)


def format_finding(finding: Finding, *, colour: bool = False) -> str:
    """One finding as ``path:line:col: CODE message`` (ANSI-coloured when ``colour``)."""
    path = printable(finding.file).replace("\n", "\\n")
    message = _message(finding.message)
    if not colour:
        return f"{path}:{finding.line}:{finding.column}: {finding.code} {message}"
    code_colour = SEVERITY_COLOURS[finding.severity]
    return (
        f"{BOLD}{path}{RESET}:{finding.line}:{finding.column}: "
        f"{BOLD}{code_colour}{finding.code}{RESET} {message}"
    )


def statistics_table(report: Report) -> list[str]:
    """Counts per code, most frequent first, as aligned ``count  CODE  rule-name`` rows."""
    catalog = report.rule_catalog()
    rows = [(f"{count:,}", code, catalog[code].name) for code, count in report.counts_by_code()]
    if not rows:
        return []
    count_width = max(len(row[0]) for row in rows)
    code_width = max(len(row[1]) for row in rows)
    return [
        f"{count:>{count_width}}  {code:<{code_width}}  {printable(name)}"
        for count, code, name in rows
    ]


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s text in pieces: the findings a few hundred lines at a time, then the
    statistics and the verdict."""
    yield from in_pieces(format_finding(f, colour=report.colour) + "\n" for f in report.findings)
    tail: list[str] = []
    if report.statistics:
        table = statistics_table(report)
        if table:
            if report.findings:
                tail.append("")
            tail.extend(table)
    if report.findings or tail:
        tail.append("")
    verdict = summary_line(report)
    if report.colour:
        verdict = f"{BOLD}{verdict}{RESET}" if report.findings else f"{GREEN}{verdict}{RESET}"
    tail.append(verdict)
    yield "".join(line + "\n" for line in tail)


def render(report: Report) -> str:
    """Render ``report`` as text: findings, then statistics if asked, then the verdict line.

    The verdict line comes last (after the statistics table) so a CI log always ends on it.
    """
    return "".join(chunks(report))
