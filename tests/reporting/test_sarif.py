"""SARIF reporter: schema validity, rules listed once, locations, fingerprints."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from tests.paths import SARIF_SCHEMA, require_shared
from validate.findings import Finding, Severity
from validate.reporting import sarif
from validate.reporting.model import Report

from .samples import FILE_A, finding


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    """The OASIS SARIF 2.1.0 schema (draft-04), read from disk: nothing is fetched."""
    schema = json.loads(require_shared(SARIF_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def _log(report: Report) -> dict[str, Any]:
    return json.loads(sarif.render(report))


def _assert_valid(validator: jsonschema.Draft4Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sample_report_is_valid_sarif(
    report: Report, validator: jsonschema.Draft4Validator
) -> None:
    _assert_valid(validator, _log(report))


def test_empty_report_is_valid_with_empty_results(
    make_report: Callable[..., Report], validator: jsonschema.Draft4Validator
) -> None:
    log = _log(make_report(findings=[], rules={}, files=[], summary={}))
    _assert_valid(validator, log)
    # An empty list (not a missing key) tells viewers the tool ran and found nothing.
    assert log["runs"][0]["results"] == []


def test_absolute_and_odd_paths_are_valid(
    make_report: Callable[..., Report], validator: jsonschema.Draft4Validator
) -> None:
    paths = ["/srv/data/a b.jsonl", "C:\\data\\x.csv", "./rel/100%.jsonl", "c:odd.jsonl"]
    findings = [finding(p, 1, 1, "LKT001", "m") for p in paths]
    log = _log(make_report(findings=sorted(findings), files=paths))
    _assert_valid(validator, log)
    uris = [a["location"] for a in log["runs"][0]["artifacts"]]
    assert uris == [
        {"uri": "file:///srv/data/a%20b.jsonl"},
        {"uri": "file:///C:/data/x.csv"},
        {"uri": "rel/100%25.jsonl", "uriBaseId": "%SRCROOT%"},
        # A colon in a relative first segment would read as a URI scheme.
        {"uri": "c%3Aodd.jsonl", "uriBaseId": "%SRCROOT%"},
    ]


def test_each_rule_listed_once_and_indexed(report: Report) -> None:
    run = _log(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(report.rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_rule_descriptor_fields(report: Report) -> None:
    rules = {r["id"]: r for r in _log(report)["runs"][0]["tool"]["driver"]["rules"]}
    rnk = rules["RNK001"]
    info = report.rules["RNK001"]
    assert rnk["name"] == "ranking-not-permutation"
    assert rnk["shortDescription"] == {"text": info.summary}
    assert rnk["fullDescription"] == {"text": info.doc}
    assert rnk["help"] == {"text": info.doc, "markdown": info.doc}
    assert rnk["helpUri"] == info.help_uri()
    assert rnk["defaultConfiguration"] == {"level": "warning"}
    assert rules["DST001"]["defaultConfiguration"] == {"level": "note"}
    assert rules["LKT001"]["defaultConfiguration"] == {"level": "error"}


def test_locations_and_properties(report: Report) -> None:
    run = _log(report)["runs"][0]
    results = run["results"]
    whole_file = results[0]["locations"][0]["physicalLocation"]
    assert "region" not in whole_file  # line 0: regions need startLine >= 1
    assert "properties" not in results[0]
    located = results[1]
    assert located["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 12,
    }
    assert located["properties"] == {
        "record_id": "lbl-000003",
        "pointer": "/label/scores/helpfulness",
    }
    # The empty pointer ("" = the whole record) is a value, kept.
    assert results[2]["properties"] == {"pointer": ""}
    artifacts = [a["location"]["uri"] for a in run["artifacts"]]
    assert artifacts == ["data/a.jsonl", "data/batch%202,v1.csv", "data/clean.jsonl"]
    for result in results:
        loc = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifacts[loc["index"]] == loc["uri"]


def test_no_start_column_when_column_is_zero(make_report: Callable[..., Report]) -> None:
    log = _log(make_report(findings=[finding(FILE_A, 4, 0, "LKT001", "m")]))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 4}


def _fingerprints(report: Report) -> list[str]:
    return [
        r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in _log(report)["runs"][0]["results"]
    ]


def test_fingerprints_stable_across_renders(make_report: Callable[..., Report]) -> None:
    assert _fingerprints(make_report()) == _fingerprints(make_report())


def test_fingerprints_differ_between_findings(report: Report) -> None:
    prints = _fingerprints(report)
    assert len(set(prints)) == len(prints)


def test_fingerprint_follows_record_not_line() -> None:
    base = finding(FILE_A, 3, 12, "LKT001", "m", record_id="lbl-3")
    moved = dataclasses.replace(base, line=30, column=1)
    assert sarif.fingerprint(base) == sarif.fingerprint(moved)
    other_record = dataclasses.replace(base, record_id="lbl-4")
    assert sarif.fingerprint(base) != sarif.fingerprint(other_record)


def test_fingerprint_without_record_uses_line_and_message() -> None:
    base = finding(FILE_A, 3, 1, "LKT001", "m")
    assert sarif.fingerprint(base) != sarif.fingerprint(dataclasses.replace(base, line=4))
    assert sarif.fingerprint(base) != sarif.fingerprint(dataclasses.replace(base, message="n"))
    assert sarif.fingerprint(base) != sarif.fingerprint(dataclasses.replace(base, code="LBL001"))
    # Record "3" and line 3 must not collide.
    with_id = dataclasses.replace(base, record_id="3")
    assert sarif.fingerprint(base) != sarif.fingerprint(with_id)
    # The same file spelled with Windows separators is the same file.
    windows = dataclasses.replace(base, file=FILE_A.replace("/", "\\"))
    assert sarif.fingerprint(base) == sarif.fingerprint(windows)


def test_unknown_rule_gets_a_descriptor(
    make_report: Callable[..., Report], validator: jsonschema.Draft4Validator
) -> None:
    parse_error = Finding("x.jsonl", 2, 1, "LBL000", "invalid-json", Severity.ERROR, "bad")
    log = _log(make_report(findings=[parse_error], rules={}, files=["x.jsonl"]))
    _assert_valid(validator, log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["LBL000"]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 0
