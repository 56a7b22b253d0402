"""A preference that needs a rationale has none (or too short a one).

## What it checks
That `label.rationale` is a string of at least `min_length` characters (leading and
trailing spaces not counted) when any of these holds:

* `label.strength` is one of the option `strengths` (by default `3`, "significantly
  better");
* `label.preference` is one of the option `choices` (by default `both_bad`);
* `label.preference` differs from the pass named by `tradeoff_dimension` (by default
  `dimensions.helpful`): the overall choice is a trade-off against helpfulness.

## Why it matters
These are the judgements reviewers audit: the strongest preferences weigh most in
reward-model training, "both bad" discards a pair, and a trade-off against helpfulness is
exactly where annotators disagree. Without the deciding difference written down, nobody can
check them.

## Failing example
```json
{"id": "r1", "rubric": "rlhf_preference", "label": {"preference": "b", "strength": 3, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "b"}}}
```

## Passing example
```json
{"id": "r1", "rubric": "rlhf_preference", "label": {"preference": "b", "strength": 3, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "b"}, "rationale": "a forges a medical note; harm outweighs its helpfulness."}}
```

## Options
* `strengths` (list of integers, default `[3]`): strengths that need a rationale.
* `choices` (list of strings, default `["both_bad"]`): overall choices that need a
  rationale.
* `tradeoff_dimension` (string or null, default `"helpful"`): a rationale is needed when
  the overall preference differs from this dimension's pass; `null` turns this off.
* `min_length` (integer, default `20`): the shortest acceptable rationale, in characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "PRF003"
NAME = "preference-rationale-required"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "strengths": {
            "type": "array",
            "items": {"type": "integer"},
            "default": [3],
            "description": "Strengths that need a rationale.",
        },
        "choices": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["both_bad"],
            "description": "Overall choices that need a rationale.",
        },
        "tradeoff_dimension": {
            "type": ["string", "null"],
            "default": "helpful",
            "description": "Dimension whose pass, when it differs from the overall choice, "
            "needs a rationale.",
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
    """Per rubric, once: the strengths and choices as sets."""
    return {
        **options,
        "_strengths": frozenset(options["strengths"]),
        "_choices": frozenset(options["choices"]),
    }


def _reason(label: dict[str, Any], options: dict[str, Any]) -> str | None:
    """Why this label needs a rationale, or None."""
    strength = label.get("strength")
    if strength.__class__ is int and strength in options["_strengths"]:
        return f"strength is {strength}"
    choice = label.get("preference")
    if choice.__class__ is not str:
        return None
    if choice in options["_choices"]:
        return f"preference is {choice!r}"
    dim = options["tradeoff_dimension"]
    dims = label.get("dimensions")
    if dim is not None and dims.__class__ is dict:
        side = dims.get(dim)
        if side.__class__ is str and side != choice:
            return f"preference {choice!r} differs from {dim} = {side!r}"
    return None


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a missing or short rationale where the rubric requires one."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    rationale = label.get("rationale")
    minimum = options["min_length"]
    if (
        rationale.__class__ is str
        and len(rationale) >= minimum
        and len(rationale.strip()) >= minimum
    ):
        return ()  # fast path: a rationale long enough for any label
    because = _reason(label, options)
    if because is None:
        return ()
    text = rationale.strip() if rationale.__class__ is str else ""
    if not text:
        return (RecordProblem(f"a rationale is required because {because}", "/label"),)
    return (
        RecordProblem(
            f"the rationale has {len(text)} characters; at least {minimum} are required "
            f"because {because}",
            "/label/rationale",
        ),
    )
