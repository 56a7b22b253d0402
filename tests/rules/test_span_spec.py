"""The span rules' shared options: path syntax, the ``lists`` form and ``side_field``."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from validate.rules.spans import span_in_text, span_overlap, span_text_matches
from validate.rules.spans.spec import iter_spans, parse_path, prepare_lists


def _run(module: Any, record: dict[str, Any], **options: Any) -> list[str]:
    defaults = {k: v["default"] for k, v in module.OPTIONS["properties"].items() if "default" in v}
    prepared = module.prepare(None, {**defaults, **options})
    return [p.pointer for p in module.check(record, None, prepared)]


def test_parse_path() -> None:
    assert parse_path("claims") == (("claims", False),)
    assert parse_path("citations[*].statement") == (("citations", True), ("statement", False))
    for bad in ("", "a..b", "a[0]", "a.[*]", "/a"):
        with pytest.raises(ValueError):
            parse_path(bad)


def test_iter_spans_lists_objects_and_nested_paths() -> None:
    label = {
        "citations": [
            {"start": 1, "end": 2, "statement": {"start": 0, "end": 1}},
            {"start": 3, "end": 4},  # no statement: skipped
            "junk",
        ],
    }
    assert [p for p, _ in iter_spans(label, parse_path("citations"))] == [
        "/label/citations/0",
        "/label/citations/1",
    ]
    assert [p for p, _ in iter_spans(label, parse_path("citations[*].statement"))] == [
        "/label/citations/0/statement"
    ]
    assert list(iter_spans(label, parse_path("missing[*].x"))) == []
    assert list(iter_spans({"citations": "x"}, parse_path("citations[*].statement"))) == []


def test_lists_inherit_top_level_keys() -> None:
    lists = prepare_lists(
        {
            "text_field": "response",
            "side_field": None,
            "lists": [{"spans": "a"}, {"spans": "b", "text_field": "prompt"}],
        }
    )
    assert [(s.path, s.text_field) for s in lists] == [("a", "response"), ("b", "prompt")]


def test_options_schema_wants_spans_or_lists_not_both() -> None:
    validator = Draft202012Validator(span_in_text.OPTIONS)
    assert validator.is_valid({"spans": "claims", "text_field": "response"})
    assert validator.is_valid({"lists": [{"spans": "a"}, {"spans": "b[*].c"}]})
    assert not validator.is_valid({})
    assert not validator.is_valid({"spans": "a", "lists": [{"spans": "b"}]})
    assert not validator.is_valid({"spans": "a[0]"})
    assert not validator.is_valid({"lists": [{"text_field": "x"}]})
    assert not validator.is_valid({"lists": [{"spans": "a", "ordered": True}]})  # SPN003's key
    assert Draft202012Validator(span_overlap.OPTIONS).is_valid(
        {"lists": [{"spans": "a", "ordered": True, "against": "b[*].c"}]}
    )


def test_side_field_picks_the_item_field() -> None:
    record = {
        "item": {"source": "Closed on Mondays and holidays.", "target": "Montags zu."},
        "label": {
            "errors": [
                {"side": "source", "start": 18, "end": 30, "text": "and holidays"},
                {"start": 0, "end": 7, "text": "Montags"},
                {"side": "target", "start": 18, "end": 30, "text": "and holidays"},
            ]
        },
    }
    options = {"spans": "errors", "text_field": "target", "side_field": "side"}
    assert _run(span_in_text, record, **options) == ["/label/errors/2"]
    assert _run(span_text_matches, record, **options) == []
    # without side_field every span indexes the target
    assert _run(span_in_text, record, spans="errors", text_field="target") == [
        "/label/errors/0",
        "/label/errors/2",
    ]


def test_overlap_semantics() -> None:
    def spans(*pairs: tuple[int, int]) -> dict[str, Any]:
        return {
            "item": {"text": "x" * 20},
            "label": {"s": [{"start": a, "end": b, "text": "x" * (b - a)} for a, b in pairs]},
        }

    assert _run(span_overlap, spans((0, 5), (5, 9)), spans="s") == []  # touching
    assert _run(span_overlap, spans((0, 5), (4, 9)), spans="s") == ["/label/s/1"]
    assert _run(span_overlap, spans((4, 9), (0, 5)), spans="s") == ["/label/s/1"]
    assert _run(span_overlap, spans((0, 9), (3, 3)), spans="s") == ["/label/s/1"]  # empty inside
    assert _run(span_overlap, spans((3, 3), (3, 9)), spans="s") == []  # empty at a start
    assert _run(span_overlap, spans((2, 4), (2, 4)), spans="s") == ["/label/s/1"]
    assert _run(span_overlap, spans((2, 4), (2, 4)), spans="s", allow_identical=True) == []
    assert _run(span_overlap, spans((6, 8), (0, 2)), spans="s") == []
    assert _run(span_overlap, spans((6, 8), (0, 2)), spans="s", ordered=True) == ["/label/s/1"]
