"""A score that needs a rationale has none (or too short a one).

## What it checks
That when any score in `label.scores` is one of the option `levels` (by default the extremes
1 and 5), `label.rationale` is a string of at least `min_length` characters (leading and
trailing spaces not counted).

## Why it matters
Extreme scores move averages and agreement the most, and they are the ones reviewers audit.
A rubric that asks for a reason behind them gets one only if the linter enforces it.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 5, "correctness": 5, "coherence": 5, "honesty": 5}}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 5, "correctness": 5, "coherence": 5, "honesty": 5}, "rationale": "Correct, complete and as short as the question allows."}}
```

## Options
* `levels` (list of score values, default `[1, 5]`): scores that need a rationale.
* `min_length` (integer, default `20`): the shortest acceptable rationale, in characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "LKT003"
NAME = "rationale-required"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "levels": {
            "type": "array",
            "items": {"type": ["integer", "string"]},
            "default": [1, 5],
            "description": "Score values that need a rationale.",
        },
        "min_length": {
            "type": "integer",
            "minimum": 1,
            "default": 20,
            "description": "Shortest acceptable rationale, in characters.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the levels as a typed set."""
    levels = options["levels"]
    return {
        **options,
        "_levels": frozenset((type(v), v) for v in levels),
        "_values": frozenset(levels),
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a missing or short rationale behind a score that needs one."""
    label = record.get("label")
    scores = label.get("scores") if label.__class__ is dict else None
    if scores.__class__ is not dict:
        return ()
    rationale = label.get("rationale")
    minimum = options["min_length"]
    if (
        rationale.__class__ is str
        and len(rationale) >= minimum
        and len(rationale.strip()) >= minimum
    ):
        return ()  # fast path: a rationale long enough for any score
    try:  # fast path in C: no score equals a level (True == 1 and 1.0 == 1 are sorted below)
        if options["_values"].isdisjoint(scores.values()):
            return ()
    except TypeError:  # an unhashable score (a list): LBL009's business, check the rest
        pass
    levels = options["_levels"]
    needing = [
        (dim, v)
        for dim, v in scores.items()
        if v.__class__ is not list and v.__class__ is not dict and (type(v), v) in levels
    ]
    if not needing:
        return ()
    text = rationale.strip() if isinstance(rationale, str) else ""
    if len(text) >= minimum:
        return ()
    dim, value = needing[0]
    because = f"{dim!r} is {value}" + (
        f" (and {len(needing) - 1} more)" if len(needing) > 1 else ""
    )
    if not text:
        return (RecordProblem(f"a rationale is required because {because}", "/label"),)
    return (
        RecordProblem(
            f"the rationale has {len(text)} characters; at least {minimum} are required "
            f"because {because}",
            "/label/rationale",
        ),
    )
