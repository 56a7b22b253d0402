"""GitLab Code Quality reporter: the shape GitLab reads, unique fingerprints, severities."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from validate.findings import Severity
from validate.reporting import gitlab, sarif
from validate.reporting.model import Report

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}  # GitLab's scale


def test_every_issue_has_the_fields_gitlab_reads(report: Report) -> None:
    issues = json.loads(gitlab.render(report))
    assert len(issues) == len(report.findings)
    for issue, finding in zip(issues, report.findings, strict=True):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding.code
        assert issue["description"] == f"{finding.code} {finding.message}"
        assert issue["severity"] in SEVERITIES
        assert issue["location"]["path"] == finding.file
        assert issue["location"]["lines"]["begin"] == max(1, finding.line) >= 1


def test_severities_rank_errors_above_warnings(report: Report) -> None:
    by_code = {
        f.severity: i["severity"]
        for f, i in zip(report.findings, json.loads(gitlab.render(report)), strict=True)
    }
    assert by_code == {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def test_fingerprints_are_stable_and_unique(make_report: Callable[..., Report]) -> None:
    """GitLab shows one issue per fingerprint: two equal findings must not collapse."""
    base = make_report()
    twice = make_report(findings=[*base.findings, base.findings[1]])
    issues = json.loads(gitlab.render(twice))
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)
    # the first of each keeps SARIF's stable fingerprint; a rerun gives the same values
    assert prints[: len(base.findings)] == [sarif.fingerprint(f) for f in base.findings]
    assert json.loads(gitlab.render(twice)) == issues


def test_windows_paths_use_forward_slashes(report: Report) -> None:
    finding = replace(report.findings[0], file="data\\part 1.jsonl")
    issues = json.loads(gitlab.render(replace(report, findings=[finding])))
    assert issues[0]["location"]["path"] == "data/part 1.jsonl"


def test_a_clean_run_is_an_empty_array(make_report: Callable[..., Report]) -> None:
    assert gitlab.render(make_report(findings=[])) == "[]\n"
