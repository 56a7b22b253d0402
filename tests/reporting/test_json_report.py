"""JSON reporter: the documented shape and key order."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from validate.findings import Finding, Severity
from validate.reporting import json_report
from validate.reporting.model import Report


def test_shape_and_key_order(report: Report) -> None:
    out = json_report.render(report)
    assert out.endswith("}\n")
    data = json.loads(out)
    assert list(data) == ["findings", "summary", "metrics"]
    assert len(data["findings"]) == len(report.findings)
    for item in data["findings"]:
        assert tuple(item) == json_report.FINDING_KEYS
    assert data["summary"]["failed"] is True
    assert data["metrics"]["agreement"] == {"krippendorff_alpha": 0.41}


def test_round_trips_the_escaping_message(report: Report) -> None:
    data = json.loads(json_report.render(report))
    messages = {f["message"] for f in data["findings"]}
    assert {f.message for f in report.findings} == messages


def test_help_uri_from_finding_wins(make_report: Callable[..., Report]) -> None:
    custom = Finding(
        "a.jsonl", 1, 1, "LKT001", "score-out-of-range", Severity.ERROR, "m",
        help_uri="https://example.org/LKT001",
    )  # fmt: skip
    data = json.loads(json_report.render(make_report(findings=[custom])))
    assert data["findings"][0]["help_uri"] == "https://example.org/LKT001"


def test_unknown_code_still_renders(make_report: Callable[..., Report]) -> None:
    # An engine pseudo-rule (e.g. a parse error) that is not in the rule table.
    parse_error = Finding("a.jsonl", 9, 1, "LBL000", "invalid-json", Severity.ERROR, "bad JSON")
    data = json.loads(json_report.render(make_report(findings=[parse_error], rules={})))
    assert (
        data["findings"][0]["help_uri"] == "https://rubricate.github.io/rubricate/rules/LBL000.html"
    )


def test_free_form_values_are_made_json_safe(make_report: Callable[..., Report]) -> None:
    metrics = {
        "z": math.nan,
        "a": (1, 2),
        "by": {Severity.ERROR: Severity.WARNING},
        "inf": math.inf,
    }
    data = json.loads(json_report.render(make_report(metrics=metrics)))
    assert list(data["metrics"]) == ["a", "by", "inf", "z"]
    assert data["metrics"] == {"a": [1, 2], "by": {"error": "warning"}, "inf": None, "z": None}
