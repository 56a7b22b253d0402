"""JSON reporter: the documented shape and key order."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.findings import Finding, Severity
from validate.reporting import json_report
from validate.reporting.model import Report

from .samples import many_findings


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


_scalar = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text()  # control characters, emoji, lone surrogates (orjson refuses those)
)
_value = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(_value, max_size=5), depth=st.integers(0, 3), after=st.booleans())
def test_streamed_json_has_the_bytes_of_one_dumps(
    items: list[Any], depth: int, after: bool
) -> None:
    def document(value: Any) -> Any:
        doc: Any = {"before": [1, "x"], "items": value}
        if after:
            doc["after"] = {"k": None}
        for _ in range(depth):
            doc = {"nested": [doc]}
        return doc

    streamed = "".join(json_report.indented_json(document(json_report.ITEMS), iter(items)))
    expected = json.dumps(document(items), indent=2, ensure_ascii=False, allow_nan=False)
    assert streamed == expected + "\n"


def test_a_long_report_comes_in_pieces_that_join_to_render(
    make_report: Callable[..., Report],
) -> None:
    findings = many_findings(1200)
    report = make_report(findings=findings)
    pieces = list(json_report.chunks(report))
    assert len(pieces) > 3  # 512 findings a piece
    assert "".join(pieces) == json_report.render(report)
    assert len(json.loads(json_report.render(report))["findings"]) == 1200
