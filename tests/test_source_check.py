"""Rule settings from the configuration file: every problem named, as SRC015 names it."""

from __future__ import annotations

import pytest

from validate.rules.registry import RULES
from validate.source_check import RuleOptionsError, RuleSettings


def _problems(options: dict, table: str = "rules") -> list[str]:
    with pytest.raises(RuleOptionsError) as caught:
        RuleSettings(options=options).validate(RULES, table=table)
    return str(caught.value).splitlines()


def test_valid_options_pass_and_merge_over_defaults() -> None:
    settings = RuleSettings(options={"LKT003": {"levels": [1]}})
    settings.validate(RULES)
    assert settings.options_for(RULES["LKT003"]) == {
        **RULES["LKT003"].default_options(),
        "levels": [1],
    }


def test_every_problem_is_named_one_per_line() -> None:
    problems = _problems({"LKT003": {"levelz": [1], "min_length": -3}, "NOPE001": {}})
    assert problems == [
        "unknown option 'levelz' for rule LKT003; known options: levels, min_length",
        "rules.LKT003.min_length: option of rule LKT003: -3 is less than the minimum of 1",
        "options given for unknown rule 'NOPE001'",
    ]


def test_the_key_names_the_table_and_list_positions() -> None:
    problems = _problems({"LKT003": {"levels": [1, 2.5]}}, table="tool.rubricate.rules")
    assert problems == [
        "tool.rubricate.rules.LKT003.levels.1: "
        "option of rule LKT003: 2.5 is not of type 'integer', 'string'"
    ]


def test_the_same_checks_as_a_rubric_gets() -> None:
    """SRC015 and the configuration read one rule method: same messages, same order."""
    given = {"levelz": 1, "levels": "x"}
    messages = [p.message for p in RULES["LKT003"].option_problems(given)]
    assert [
        p.split(": ", 1)[-1] if p.startswith("rules.") else p for p in _problems({"LKT003": given})
    ] == messages
