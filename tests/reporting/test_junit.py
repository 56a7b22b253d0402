"""JUnit reporter: parsed back with a real JUnit parser (junitparser)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

from validate.reporting import junit
from validate.reporting.model import Report

from .samples import ESCAPE_MESSAGE, FILE_A, FILE_B, FILE_CLEAN, finding, many_findings


def _parse(tmp_path: Path, xml: str) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(xml, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def test_suites_cases_failures(report: Report, tmp_path: Path) -> None:
    xml = _parse(tmp_path, junit.render(report))
    suites = list(xml)
    assert [s.name for s in suites] == [FILE_A, FILE_B, FILE_CLEAN]
    assert [s.tests for s in suites] == [5, 5, 5]
    assert [s.failures for s in suites] == [3, 2, 0]
    assert xml.tests == 15
    assert xml.failures == 5
    failed = {
        (case.classname, case.name)
        for suite in suites
        for case in suite
        if any(isinstance(r, Failure) for r in case.result)
    }
    assert failed == {
        (FILE_A, "DST001 agreement-below-minimum"),
        (FILE_A, "LBL001 missing-required-field"),
        (FILE_A, "LKT001 score-out-of-range"),
        (FILE_B, "LKT001 score-out-of-range"),
        (FILE_B, "RNK001 ranking-not-permutation"),
    }


def test_clean_file_has_passing_cases_for_every_rule(report: Report, tmp_path: Path) -> None:
    clean = list(_parse(tmp_path, junit.render(report)))[2]
    cases = list(clean)
    assert [c.name for c in cases] == [
        f"{code} {r.name}" for code, r in sorted(report.rules.items())
    ]
    assert all(c.is_passed for c in cases)


def test_failure_lists_findings_and_escapes(report: Report, tmp_path: Path) -> None:
    xml_text = junit.render(report)
    assert "<script>" not in xml_text
    assert "&lt;script&gt;" in xml_text
    suite = next(iter(_parse(tmp_path, xml_text)))
    case = next(c for c in suite if c.name.startswith("LBL001"))
    (failure,) = case.result
    assert failure.type == "LBL001"
    assert failure.message == "LBL001 missing-required-field: 1 finding"
    assert failure.text == f"5:1: {ESCAPE_MESSAGE.replace(chr(10), chr(10) + '    | ')}"


def test_several_findings_one_failure(make_report: Callable[..., Report], tmp_path: Path) -> None:
    findings = [finding(FILE_A, n, 2, "LKT001", f"score {n}") for n in (1, 2, 3)]
    suite = next(iter(_parse(tmp_path, junit.render(make_report(findings=findings)))))
    case = next(c for c in suite if c.name.startswith("LKT001"))
    (failure,) = case.result
    assert failure.message == "LKT001 score-out-of-range: 3 findings"
    assert failure.text.splitlines() == ["1:2: score 1", "2:2: score 2", "3:2: score 3"]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x0b", "\ufffe"])
def test_xml_illegal_characters_still_parse(
    char: str, make_report: Callable[..., Report], tmp_path: Path
) -> None:
    hostile = finding(FILE_A, 1, 1, "LKT001", f"bad{char}value")
    xml = _parse(tmp_path, junit.render(make_report(findings=[hostile], files=[FILE_A])))
    case = next(c for c in next(iter(xml)) if c.name.startswith("LKT001"))
    assert case.result[0].text.startswith("1:1: bad\\")


def test_finding_in_unlisted_file_gets_a_suite(
    make_report: Callable[..., Report], tmp_path: Path
) -> None:
    extra = finding("rubrics/likert.yaml", 4, 3, "LKT001", "m")
    xml = _parse(tmp_path, junit.render(make_report(findings=[extra], files=[FILE_A])))
    assert [s.name for s in xml] == [FILE_A, "rubrics/likert.yaml"]


def _reindented(xml: str) -> str:
    """``xml`` parsed and written again by ElementTree, indented as the reporter indents."""
    body = xml.split("\n", 1)[1]
    root = ET.fromstring(body)
    ET.indent(root, space="  ")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'


@pytest.mark.parametrize("files", [[], [FILE_A], [FILE_A, FILE_B, FILE_CLEAN, 'q"<&>.jsonl']])
def test_streamed_document_is_what_elementtree_writes(
    files: list[str], make_report: Callable[..., Report]
) -> None:
    """The suites are serialised one at a time; joined, they equal one serialisation of the
    whole tree, whatever the number of files (none: an empty ``<testsuites />``)."""
    findings = [replace(f, file=files[0]) for f in many_findings(40)] if files else []
    findings += [finding(path, 2, 1, "LKT001", "<m>") for path in files[1:]]
    report = make_report(findings=findings, files=files)
    out = junit.render(report)
    assert out == _reindented(out)
    assert out.count("<failure ") == len(files)
    assert "".join(junit.chunks(report)) == out


def test_a_long_report_comes_one_suite_at_a_time(make_report: Callable[..., Report]) -> None:
    files = [f"part{i}.jsonl" for i in range(30)]
    findings = [finding(path, 1, 1, "LKT001", "bad") for path in files]
    pieces = list(junit.chunks(make_report(findings=findings, files=files)))
    assert len(pieces) == 30 + 3  # declaration, <testsuites>, a suite each, </testsuites>
    root = ET.fromstring("".join(pieces[1:]))
    assert root.get("tests") == str(30 * 5) and root.get("failures") == "30"
