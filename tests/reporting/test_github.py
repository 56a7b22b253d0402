"""GitHub Actions reporter: escaping, grouping, annotation caps and the job summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from validate.findings import Finding
from validate.reporting import github
from validate.reporting.model import Report

from .samples import FILE_A, FILE_B, finding, many_findings

COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::")


def _annotations(out: str, kind: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"::{kind} ")]


def _errors(n: int, file: str = FILE_A) -> list[Finding]:
    return [finding(file, i + 1, 1, "LKT001", f"score {i + 1} off the scale") for i in range(n)]


def test_escape_data() -> None:
    assert github.escape_data("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d"
    # "%" first: an already escaped-looking "%0A" must survive as literal text.
    assert github.escape_data("%0A") == "%250A"


def test_escape_property() -> None:
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_annotation_format_and_severity_commands(report: Report) -> None:
    out = github.render(report)
    assert (
        "::error file=data/a.jsonl,line=3,col=12,title=LKT001 score-out-of-range::"
        'score 7 for dimension "helpfulness" is outside the scale 1-5'
    ) in out.splitlines()
    assert len(_annotations(out, "error")) == 3
    assert len(_annotations(out, "warning")) == 1
    assert len(_annotations(out, "notice")) == 1


def test_whole_file_finding_has_no_line(report: Report) -> None:
    (notice,) = _annotations(github.render(report), "notice")
    assert notice.startswith("::notice file=data/a.jsonl,title=DST001 agreement-below-minimum::")


def test_message_and_file_escaped(report: Report) -> None:
    out = github.render(report)
    assert "100%25 of keys checked, none named id,%0Avalue was <script>" in out
    assert "file=data/batch 2%2Cv1.csv,line=2" in out


def test_injection_stays_on_one_line(make_report: Callable[..., Report]) -> None:
    evil = finding(FILE_A, 1, 1, "LKT001", "x\n::error::forged\r\n::add-mask::y")
    out = github.render(make_report(findings=[evil]))
    lines = out.splitlines()
    assert sum(1 for line in lines if line.startswith("::error")) == 1
    assert "forged" in _annotations(out, "error")[0]


def test_groups_per_file(report: Report) -> None:
    lines = github.render(report).splitlines()
    assert [line for line in lines if line.startswith("::group::")] == [
        f"::group::{FILE_A}",
        f"::group::{github.escape_data(FILE_B)}",
    ]
    assert lines.count("::endgroup::") == 2
    assert lines[-1] == "Found 3 errors, 1 warning, 1 info in 2 files."


def test_25_errors_give_10_annotations_and_one_notice(
    make_report: Callable[..., Report],
) -> None:
    out = github.render(make_report(findings=_errors(25)))
    assert len(_annotations(out, "error")) == github.MAX_ERROR_ANNOTATIONS == 10
    notices = [line for line in out.splitlines() if line.startswith("::notice")]
    assert len(notices) == 1
    assert notices[0].startswith("::notice::15 more findings not annotated")
    assert "rubricate lint --format text" in notices[0]
    # The 15 not annotated are still in the log, as plain lines that are not commands.
    plain = [line for line in out.splitlines() if line.startswith("error: ")]
    assert len(plain) == 15
    assert plain[0] == "error: data/a.jsonl:11:1: LKT001 score 11 off the scale"


def test_caps_are_per_severity(make_report: Callable[..., Report]) -> None:
    warnings = [finding(FILE_B, i + 1, 1, "RNK001", f"w{i}", record_id=f"r{i}") for i in range(12)]
    out = github.render(make_report(findings=sorted(_errors(3) + warnings)))
    assert len(_annotations(out, "error")) == 3
    assert len(_annotations(out, "warning")) == 10
    assert "::notice::2 more findings not annotated" in out


def test_overflow_notice_keeps_a_notice_slot(make_report: Callable[..., Report]) -> None:
    # 11 info findings: 9 notice annotations + the overflow notice = GitHub's 10.
    infos = [finding(FILE_A, i + 1, 1, "DST001", f"i{i}") for i in range(11)]
    out = github.render(make_report(findings=infos))
    notices = [line for line in out.splitlines() if line.startswith("::notice")]
    assert len(notices) == github.MAX_NOTICE_ANNOTATIONS
    assert notices[-1].startswith("::notice::2 more findings not annotated")


def test_exactly_at_cap_needs_no_notice(make_report: Callable[..., Report]) -> None:
    infos = [finding(FILE_A, i + 1, 1, "DST001", f"i{i}") for i in range(10)]
    out = github.render(make_report(findings=infos))
    assert len(_annotations(out, "notice")) == 10
    assert "not annotated" not in out


def test_clean_report(make_report: Callable[..., Report]) -> None:
    assert github.render(make_report(findings=[])) == "All checks passed: 3 files, 1,000 records.\n"


def test_every_command_line_is_well_formed(make_report: Callable[..., Report]) -> None:
    out = github.render(make_report(findings=_errors(12)))
    for line in out.splitlines():
        if line.startswith("::") and not line.startswith(("::group::", "::endgroup::")):
            assert COMMAND.match(line), line


def test_job_summary_lists_first_20(make_report: Callable[..., Report]) -> None:
    md = github.render_job_summary(make_report(findings=_errors(25)))
    assert "### First 20 findings" in md
    rows = [line for line in md.splitlines() if line.startswith("| data/a.jsonl:")]
    assert len(rows) == github.JOB_SUMMARY_MAX_FINDINGS
    assert "5 more findings not listed." in md
    assert "| [LKT001](https://rubricate.github.io/rubricate/rules/LKT001.html) |" in md
    assert "| error | 25 |" in md


def test_job_summary_escapes_markdown_and_html(make_report: Callable[..., Report]) -> None:
    nasty = finding(FILE_A, 1, 1, "LKT001", "a | b <img src=x> *c* [d](e)\nf")
    md = github.render_job_summary(make_report(findings=[nasty]))
    row = next(line for line in md.splitlines() if line.startswith("| data/a.jsonl:1:1"))
    assert "a \\| b &lt;img src=x&gt; \\*c\\* \\[d\\](e)<br>f" in row
    # Four cells = five unescaped pipes; the message's own pipe is escaped.
    assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_job_summary_status(make_report: Callable[..., Report]) -> None:
    passed = github.render_job_summary(make_report(findings=[], summary={"failed": False}))
    assert passed.startswith("## Rubricate lint passed\n")
    assert "### " not in passed


def test_write_job_summary_appends(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "step_summary.md"
    path.write_text("# Earlier step\n", encoding="utf-8")
    github.write_job_summary(report, path)
    github.write_job_summary(report, str(path))
    text = path.read_text(encoding="utf-8")
    summary = github.render_job_summary(report)
    assert text == "# Earlier step\n" + summary + summary


def test_a_long_log_comes_in_pieces_that_join_to_render(
    make_report: Callable[..., Report],
) -> None:
    """Past the annotation caps every finding is still a log line: the log streams."""
    report = make_report(findings=many_findings(1200), files=["a.jsonl"])
    pieces = list(github.chunks(report))
    assert len(pieces) == 3  # 512 lines a piece: group, 1,200 findings, endgroup, notice, verdict
    out = github.render(report)
    assert "".join(pieces) == out
    lines = out.splitlines()
    assert lines[0] == "::group::a.jsonl" and lines[-3] == "::endgroup::"
    assert sum(line.startswith("::error ") for line in lines) == github.MAX_ERROR_ANNOTATIONS
    assert lines[-2].startswith("::notice::1,190 more findings not annotated")
