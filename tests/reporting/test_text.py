"""Text reporter behaviour beyond the goldens."""

from __future__ import annotations

from collections.abc import Callable

from validate.findings import Severity
from validate.reporting import text
from validate.reporting.model import Report

from .samples import FILE_A, finding, many_findings


def test_one_line_per_finding_then_summary(report: Report) -> None:
    lines = text.render(report).splitlines()
    starts = [line for line in lines if line.startswith("data/")]
    assert len(starts) == len(report.findings)
    assert lines[-1] == "Found 3 errors, 1 warning, 1 info in 2 files."


def test_clean_report_counts_files_and_records(make_report: Callable[..., Report]) -> None:
    out = text.render(make_report(findings=[], summary={"files": 2, "records": 1000}))
    assert out == "All checks passed: 2 files, 1,000 records.\n"


def test_clean_report_without_records(make_report: Callable[..., Report]) -> None:
    out = text.render(make_report(findings=[], files=["a.yaml"], summary={}))
    assert out == "All checks passed: 1 file.\n"


def test_singular_and_plural(make_report: Callable[..., Report]) -> None:
    one = finding(FILE_A, 1, 1, "RNK001", "m")
    two_info = [
        finding(FILE_A, 1, 1, "DST001", "m"),
        finding(FILE_A, 2, 1, "DST001", "m"),
    ]
    assert text.render(make_report(findings=[one])).endswith("Found 1 warning in 1 file.\n")
    assert text.render(make_report(findings=two_info)).endswith("Found 2 info in 1 file.\n")


def test_no_ansi_without_colour(report: Report) -> None:
    assert "\x1b" not in text.render(report)


def test_colour_follows_finding_severity(make_report: Callable[..., Report]) -> None:
    # RNK001 defaults to warning; configured up to error it must be red, not yellow.
    raised = finding(FILE_A, 1, 1, "RNK001", "m", severity=Severity.ERROR)
    out = text.render(make_report(findings=[raised], colour=True))
    assert "\x1b[31mRNK001" in out
    assert "\x1b[33m" not in out


def test_control_characters_are_neutralised(make_report: Callable[..., Report]) -> None:
    # A record that tries to clear the screen and recolour the terminal.
    hostile = finding(FILE_A, 7, 1, "LKT001", "bad \x1b[2J\x1b[31mvalue\x07 end")
    out = text.render(make_report(findings=[hostile]))
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "bad \\x1b[2J\\x1b[31mvalue\\x07 end" in out


def test_multiline_message_continues_indented(make_report: Callable[..., Report]) -> None:
    f = finding(FILE_A, 7, 1, "LKT001", "first\r\nsecond\nthird")
    lines = text.render(make_report(findings=[f])).splitlines()
    assert lines[:3] == [
        "data/a.jsonl:7:1: LKT001 first",
        "    | second",
        "    | third",
    ]


def test_no_line_starts_with_the_message_text(make_report: Callable[..., Report]) -> None:
    """GitHub's runner reads ``::error::`` at the start of a line after any indent: a label
    value with a line break must not put one there."""
    f = finding(FILE_A, 7, 1, "LKT001", "x\n::error::injected\n\t::warning::too")
    for line in text.render(make_report(findings=[f])).splitlines():
        assert not line.lstrip().startswith("::"), line


def test_statistics_table_sorted_by_count(report: Report) -> None:
    table = text.statistics_table(report)
    assert table[0].split() == ["2", "LKT001", "score-out-of-range"]
    assert [row.split()[1] for row in table[1:]] == ["DST001", "LBL001", "RNK001"]


def test_statistics_for_clean_report_prints_only_summary(
    make_report: Callable[..., Report],
) -> None:
    out = text.render(make_report(findings=[], statistics=True))
    assert out == "All checks passed: 3 files, 1,000 records.\n"


def test_a_long_report_comes_in_pieces_that_join_to_render(
    make_report: Callable[..., Report],
) -> None:
    findings = many_findings(1200)
    for statistics in (False, True):
        report = make_report(findings=findings, statistics=statistics)
        pieces = list(text.chunks(report))
        assert len(pieces) == 4  # 512 + 512 + 176 findings, then the verdict
        assert "".join(pieces) == text.render(report)
        lines = text.render(report).splitlines()
        assert (
            lines[0] == "a.jsonl:1:1: LBL001 bad 1"
            and lines[1199] == "a.jsonl:1200:1: LBL001 bad 1200"
        )
        assert lines[-1].startswith("Found 1,200 errors")
    clean = text.render(make_report(findings=[], statistics=True))
    assert not clean.startswith("\n") and clean.count("\n") == 1
