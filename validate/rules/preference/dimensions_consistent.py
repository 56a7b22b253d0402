"""An overall preference the per-dimension passes do not support.

## What it checks
The overall `label.preference` against the per-dimension passes in `label.dimensions`
(each `a`, `b` or `tie`):

* an overall `a` (or `b`) needs at least one dimension that says `a` (or `b`);
* an overall `tie` needs every dimension to say `tie`;
* hence, when every dimension says `tie`, the overall is `tie` or `both_bad`.

`both_bad` may go with any passes (they record what separates two bad responses).

## Why it matters
The overall choice is built from the passes. A winner that wins no pass, or a tie over
passes that separate the responses, means one of the two answers was misclicked, and the
pair then trains the reward model in a direction nobody decided.

## Failing example
```json
{"id": "r1", "rubric": "rlhf_preference", "label": {"preference": "a", "strength": 1, "dimensions": {"helpful": "b", "honest": "tie", "harmless": "tie"}}}
```

## Passing example
```json
{"id": "r1", "rubric": "rlhf_preference", "label": {"preference": "b", "strength": 1, "dimensions": {"helpful": "b", "honest": "tie", "harmless": "tie"}}}
```

## Options
* `tie` (string, default `"tie"`): the value meaning "no difference", overall and per
  dimension.
* `sides` (list of strings, default `["a", "b"]`): the overall choices that name a winner.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "PRF002"
NAME = "dimensions-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "tie": {
            "type": "string",
            "default": "tie",
            "description": "The value meaning no difference.",
        },
        "sides": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["a", "b"],
            "description": "Overall choices that name a winner.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the winning sides as a set."""
    return {**options, "_sides": frozenset(options["sides"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an overall choice that the dimension passes contradict."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    dims = label.get("dimensions")
    choice = label.get("preference")
    if dims.__class__ is not dict or not dims or choice.__class__ is not str:
        return ()
    values = dims.values()
    tie = options["tie"]
    if choice in options["_sides"]:
        if choice in values:
            return ()  # fast path: the winner wins at least one pass
        if all(v == tie for v in values):
            message = (
                f"every dimension is {tie!r}, so the overall preference must be {tie!r} "
                f"or 'both_bad', not {choice!r}"
            )
        else:
            message = f"overall preference {choice!r} but no dimension says {choice!r}"
        return (RecordProblem(message, "/label/preference"),)
    if choice == tie:
        differing = [d for d, v in dims.items() if v != tie]
        if differing:
            shown = ", ".join(f"{d} = {dims[d]!r}" for d in differing)
            return (
                RecordProblem(
                    f"overall {tie!r} needs every dimension {tie!r}; {shown}",
                    "/label/preference",
                ),
            )
    return ()
