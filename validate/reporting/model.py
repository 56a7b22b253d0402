"""What every reporter renders: one :class:`Report`, plain data built by the lint engine.

Reporters are pure functions ``render(report) -> str``; they never read the environment, the
clock or the file system, so the same report always renders to the same bytes (golden tests).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from validate.findings import Finding, Severity
from validate.rules.base import RuleInfo, rule_page_url


@dataclass(frozen=True)
class RuleMeta:
    """What a reporter needs to know about a rule.

    Built from the rule's :class:`RuleInfo`, or, for a code that produced findings but is not
    in :attr:`Report.rules` (an engine pseudo-rule such as a parse error), from the finding
    itself, so a report never fails to render because of a missing rule entry.
    """

    code: str
    name: str
    summary: str
    doc: str
    help_uri: str
    default_severity: Severity


@dataclass(frozen=True)
class Report:
    """Everything one lint run reports.

    ``findings`` are already sorted (``Finding`` sorts by file, line, column, code).
    ``files`` lists every input file checked, including clean ones (JUnit needs them).
    ``rules`` holds at least every rule that produced a finding and may hold every rule run.
    ``summary`` and ``metrics`` are free-form JSON-ready dicts from the engine, e.g.
    ``{"files": 2, "records": 1000, "findings": 3, "by_severity": {...}, "fail_on": "error",
    "failed": True}``.
    """

    findings: list[Finding]
    files: list[str]
    rules: dict[str, RuleInfo]
    summary: dict[str, Any]
    metrics: dict[str, Any] = field(default_factory=dict)
    tool_version: str = "0.1.0"
    colour: bool = False
    statistics: bool = False

    def rule_catalog(self) -> dict[str, RuleMeta]:
        """Every rule of the report, keyed and ordered by code.

        The union of :attr:`rules` and the codes of :attr:`findings`; each code appears once.
        """
        metas: dict[str, RuleMeta] = {}
        for code, info in self.rules.items():
            metas[code] = RuleMeta(
                code=code,
                name=info.name,
                summary=info.summary if info.doc else info.name,
                doc=info.doc,
                help_uri=info.help_uri(),
                default_severity=info.default_severity,
            )
        for finding in self.findings:
            if finding.code not in metas:
                metas[finding.code] = RuleMeta(
                    code=finding.code,
                    name=finding.name,
                    summary=finding.name,
                    doc=finding.name,
                    help_uri=finding.help_uri or rule_page_url(finding.code),
                    default_severity=finding.severity,
                )
        return dict(sorted(metas.items()))

    def all_files(self) -> list[str]:
        """Input files in the order given, then any file only named by a finding (sorted).

        Each path appears once. The extra files cover findings about files the engine did not
        list as inputs (a rubric source, a gold file), which reporters must still show.
        """
        seen = dict.fromkeys(self.files)
        extra = sorted({f.file for f in self.findings if f.file not in seen})
        return [*seen, *extra]

    def files_with_findings(self) -> int:
        """How many distinct files have at least one finding."""
        return len({f.file for f in self.findings})

    def counts_by_severity(self) -> dict[Severity, int]:
        """Finding counts for every severity, most severe first (zero counts included)."""
        counts = Counter(f.severity for f in self.findings)
        return {sev: counts.get(sev, 0) for sev in sorted(Severity, reverse=True)}

    def counts_by_code(self) -> list[tuple[str, int]]:
        """``(code, count)`` for every code with findings, most frequent first, then by code."""
        counts = Counter(f.code for f in self.findings)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


PIECE = 512
"""Lines or items a streamed reporter joins into one piece of output."""


def in_pieces(parts: Iterable[str]) -> Iterator[str]:
    """``parts`` joined :data:`PIECE` at a time: what a streamed reporter writes as it goes,
    so a report with a finding on every record is never one string in memory."""
    batch: list[str] = []
    for part in parts:
        batch.append(part)
        if len(batch) >= PIECE:
            yield "".join(batch)
            batch.clear()
    if batch:
        yield "".join(batch)


def file_groups(
    findings: Iterable[Finding], start: Callable[[str], str], end: str
) -> Iterator[str | Finding]:
    """``findings`` (in report order: grouped by file) with ``start(file)`` before each file's
    first and ``end`` after its last: the collapsible log groups of the CI formats."""
    current: str | None = None
    for finding in findings:
        if finding.file != current:
            if current is not None:
                yield end
            current = finding.file
            yield start(current)
        yield finding
    if current is not None:
        yield end


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``"1 error"``, ``"2 errors"``, ``"1,000 records"``: a count with its noun agreed."""
    word = noun if count == 1 else (plural_form or f"{noun}s")
    return f"{count:,} {word}"


def severity_phrase(counts: dict[Severity, int]) -> str:
    """``"3 errors, 1 warning"``: the non-zero counts, most severe first.

    "info" is uncountable in English, so it never takes a plural ``s``.
    """
    nouns = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
    parts = [
        plural(n, nouns[sev], "info" if sev is Severity.INFO else None)
        for sev, n in counts.items()
        if n
    ]
    return ", ".join(parts)


def summary_line(report: Report) -> str:
    """The one-line verdict shared by the text and GitHub reporters.

    ``Found 3 errors, 1 warning in 2 files.`` (files that have findings) or
    ``All checks passed: 2 files, 1,000 records.`` (files checked; records when known).
    """
    if report.findings:
        counts = severity_phrase(report.counts_by_severity())
        return f"Found {counts} in {plural(report.files_with_findings(), 'file')}."
    n_files = report.summary.get("files", len(report.files))
    parts = [plural(int(n_files), "file")]
    records = report.summary.get("records")
    if records is not None:
        parts.append(plural(int(records), "record"))
    return f"All checks passed: {', '.join(parts)}."
