"""Rule selection: prefixes, names, the longest selector winning, per-file ignores."""

from __future__ import annotations

import pytest

from validate.rules.registry import RULES
from validate.selection import RuleSelection, SelectionError


def test_the_longest_selector_wins_and_ignore_wins_a_tie() -> None:
    selection = RuleSelection.build(
        RULES, select=["LKT"], ignore=["LKT0"], extend_select=["LKT001"]
    )
    assert selection.enabled("LKT001")
    assert not selection.enabled("LKT002")
    assert not selection.enabled("BOX001")
    tie = RuleSelection.build(RULES, select=["BOX"], ignore=["BOX"])
    assert not tie.enabled("BOX001")


def test_rule_names_select_their_codes() -> None:
    selection = RuleSelection.build(RULES, select=["box-duplicate"])
    assert selection.select == ["BOX004"]
    assert selection.enabled("BOX004") and not selection.enabled("BOX001")


def test_per_file_ignores_answer_per_path_however_often_asked() -> None:
    selection = RuleSelection.build(RULES, per_file_ignores={"legacy/*.jsonl": ["LKT"]})
    for _ in range(3):  # answers are remembered: each path keeps its own
        assert not selection.enabled_for_file("LKT001", "legacy/a.jsonl")
        assert not selection.enabled_for_file("LKT001", "data/legacy/a.jsonl")
        assert selection.enabled_for_file("LKT001", "fresh/a.jsonl")
        assert selection.enabled_for_file("BOX001", "legacy/a.jsonl")
        assert not selection.enabled_for_file("LKT001", "legacy\\a.jsonl")  # Windows paths


def test_an_unknown_selector_is_refused_by_name() -> None:
    with pytest.raises(SelectionError, match="unknown rule or prefix 'NOPE1'"):
        RuleSelection.build(RULES, select=["NOPE1"])
