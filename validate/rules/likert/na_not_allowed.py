"""N/A (`null`) on a dimension that does not allow it.

## What it checks
That `label.scores` holds `null` only for dimensions the rubric marks `na_allowed: true`.

## Why it matters
N/A is a judgement ("this dimension does not apply"), not a way to skip a hard call. Where
the rubric does not allow it, a `null` is a missing score that silently drops out of
averages and agreement.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": null, "correctness": 4, "coherence": 4, "honesty": 4}}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": null}}}
```
(`honesty` allows N/A in `likert_rating`.)

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer

CODE = "LKT002"
NAME = "na-not-allowed"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the scored dimensions that do not allow N/A."""
    strict = [d["id"] for d in rubric.dimensions if "scale" in d and not d.get("na_allowed")]
    return {**options, "_strict": strict}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report ``null`` scores on dimensions without N/A."""
    label = record.get("label")
    scores = label.get("scores") if label.__class__ is dict else None
    if scores.__class__ is not dict or None not in scores.values():
        return ()
    return [
        RecordProblem(
            f"{dim!r} is null (N/A) but the rubric does not allow N/A on it; give a score",
            pointer("label", "scores", dim),
        )
        for dim in options["_strict"]
        if dim in scores and scores[dim] is None
    ]
