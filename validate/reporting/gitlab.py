"""GitLab Code Quality reporter: the JSON array GitLab shows in merge requests and pipelines.

A CI job uploads it as a report artifact (``artifacts: reports: codequality: FILE``); GitLab
then lists the findings in the merge request's Code Quality widget, new ones first, and on
the pipeline's Code Quality tab. The format is GitLab's subset of the Code Climate engine
specification (docs.gitlab.com, "Code Quality", section "Code Quality report format"): one
object per issue with

* ``description`` (the message), ``check_name`` (the rule code);
* ``fingerprint``, which GitLab uses to tell new findings from old ones and to drop repeats:
  two issues with one fingerprint show as one. It is the SARIF reporter's fingerprint (code,
  file, record id or line, message: stable when records are inserted above), made unique
  within a report by counting repeats;
* ``severity``, one of ``info``, ``minor``, ``major``, ``critical``, ``blocker``: errors are
  ``major`` and warnings ``minor``, as other linters map theirs, and infos ``info``;
* ``location.path`` (forward slashes, as given on the command line: run the linter from the
  repository root so paths match the merge request's files) and ``location.lines.begin``
  (at least 1; a finding about a whole file, at line 0, points at line 1).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

from validate.findings import Finding, Severity
from validate.reporting.json_report import ITEMS, indented_json
from validate.reporting.model import Report
from validate.reporting.sarif import fingerprint as stable_fingerprint

SEVERITIES: dict[Severity, str] = {
    Severity.ERROR: "major",
    Severity.WARNING: "minor",
    Severity.INFO: "info",
}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """One Code Quality issue for ``finding``."""
    return {
        "description": f"{finding.code} {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "location": {
            "path": finding.file.replace("\\", "/"),
            "lines": {"begin": max(1, finding.line)},
        },
    }


def _issues(report: Report) -> Iterator[dict[str, Any]]:
    seen: Counter[str] = Counter()
    for finding in report.findings:
        base = stable_fingerprint(finding)
        seen[base] += 1
        repeat = seen[base]
        # the first keeps the stable value; a repeat of it (two equal messages on one record)
        # gets its own, still stable while the findings keep their order
        unique = base if repeat == 1 else hashlib.sha256(f"{base}\x1f{repeat}".encode()).hexdigest()
        yield issue(finding, unique)


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s text in pieces (what ``-o`` and standard output write as they go)."""
    return indented_json(ITEMS, _issues(report))


def render(report: Report) -> str:
    """Render ``report`` as a GitLab Code Quality report (a JSON array, trailing newline)."""
    return "".join(chunks(report))
