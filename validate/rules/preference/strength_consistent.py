"""A tie or "both bad" with a strength other than 0.

## What it checks
That when `label.preference` is one of the option `zero_choices` (by default `tie` and
`both_bad`), `label.strength` is `0` ("negligibly better / unsure"). A winner (`a` or `b`)
may carry any strength on the scale; the label schema checks the values themselves.

## Why it matters
A strength measures how much better the winner is. A tie has no winner, so "a tie that is
significantly better" is a contradiction: reward-model training uses the strength as a
margin and would push two interchangeable responses apart.

## Failing example
```json
{"id": "r1", "rubric": "rlhf_preference", "label": {"preference": "tie", "strength": 3, "dimensions": {"helpful": "tie", "honest": "tie", "harmless": "tie"}}}
```

## Passing example
```json
{"id": "r1", "rubric": "rlhf_preference", "label": {"preference": "tie", "strength": 0, "dimensions": {"helpful": "tie", "honest": "tie", "harmless": "tie"}}}
```

## Options
* `zero_choices` (list of strings, default `["tie", "both_bad"]`): the choices that must
  carry strength `0`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "PRF001"
NAME = "strength-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "zero_choices": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["tie", "both_bad"],
            "description": "Choices that must carry strength 0.",
        }
    },
    "additionalProperties": False,
}


def strength_labels(rubric: Any) -> dict[Any, str]:
    """The strength scale's level labels by value (for messages), or ``{}``."""
    schema = (rubric.data.get("label") or {}).get("schema") or {}
    prop = (schema.get("properties") or {}).get("strength")
    scale = rubric.scales.get(prop.get("x-scale")) if isinstance(prop, dict) else None
    if not isinstance(scale, dict):
        return {}
    return {
        lv["value"]: str(lv.get("label", lv["value"]))
        for lv in scale.get("levels", [])
        if isinstance(lv, dict) and "value" in lv and lv["value"].__class__ is int
    }


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the zero choices as a set and the strength labels."""
    return {
        **options,
        "_zero": frozenset(options["zero_choices"]),
        "_labels": strength_labels(rubric),
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a non-zero strength on a choice without a winner."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    strength = label.get("strength")
    if strength == 0 or strength is None:
        return ()
    choice = label.get("preference")
    if choice.__class__ is not str or choice not in options["_zero"]:
        return ()
    if strength.__class__ is not int:  # a string or float strength is LBL009's business
        return ()
    shown = options["_labels"].get(strength)
    named = f"{strength} ({shown!r})" if shown else str(strength)
    zero = options["_labels"].get(0)
    return (
        RecordProblem(
            f"preference {choice!r} has no winner, so its strength must be 0"
            + (f" ({zero!r})" if zero else "")
            + f", not {named}",
            "/label/strength",
        ),
    )
