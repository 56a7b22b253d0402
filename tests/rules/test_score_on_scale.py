"""LKT001's messages say what was written and how to write it instead."""

from __future__ import annotations

from pathlib import Path

from tests.lint.conftest import PROJECT, write_jsonl
from validate.lint.engine import LintOptions, execute
from validate.rules.registry import RULES
from validate.selection import RuleSelection


def _messages(tmp_path: Path, helpfulness: str) -> list[str]:
    line = (
        '{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": '
        + helpfulness
        + ', "correctness": 4, "coherence": 3, "honesty": 4}}}'
    )
    path = write_jsonl(tmp_path / "r.jsonl", [line])
    result = execute(
        LintOptions(
            files=[str(path)],
            root=PROJECT,
            selection=RuleSelection.build(RULES, select=["LKT001"]),
            dataset=False,
        )
    )
    return [f.message for f in result.findings]


def test_an_integral_float_gets_the_integer_to_write(tmp_path: Path) -> None:
    (message,) = _messages(tmp_path, "4.0")
    assert "4.0 (a number with a decimal point; write 4)" in message


def test_a_huge_integer_is_not_quoted_back_as_digits_nobody_wrote(tmp_path: Path) -> None:
    # orjson reads integers beyond 64 bits as floats: the value is off the scale, and the
    # message must not claim a decimal point or suggest 123456789012345677877719597056.
    (message,) = _messages(tmp_path, "123456789012345678901234567890")
    assert "decimal point" not in message and "write" not in message
    assert "1.2345678901234568e+29" in message and "expected one of 1, 2, 3, 4, 5" in message
