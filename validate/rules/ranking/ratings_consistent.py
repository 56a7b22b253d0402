"""Ratings that contradict the ranking.

## What it checks
When `label.ratings` maps response ids to ratings, that no response ranked above another
has a *lower* rating. Equal ratings are fine; ids in a tie are not compared with each other.
Ratings that are not numbers are LBL009's business and are skipped here.

## Why it matters
A ranking and a rating that disagree mean the annotator changed their mind half-way; which
of the two is the real judgement is unknowable, so the record should be reviewed.

## Failing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}]}, "label": {"ranking": ["a", "b"], "ratings": {"a": 3, "b": 6}}}
```

## Passing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}]}, "label": {"ranking": ["a", "b"], "ratings": {"a": 6, "b": 6}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.ranking import flat_ranking

CODE = "RNK003"
NAME = "ranking-ratings-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report pairs ranked one way and rated the other."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    ranking = label.get("ranking")
    ratings = label.get("ratings")
    if ranking.__class__ is not list or ratings.__class__ is not dict:
        return ()
    if len(ranking) <= 1:
        return ()
    previous = None
    for rid in ranking:  # fast path: flat ranking, numeric ratings, never increasing
        if rid.__class__ is not str:
            break
        value = ratings.get(rid)
        if value.__class__ is not int and value.__class__ is not float:
            break
        if previous is not None and value > previous:
            break
        previous = value
    else:
        return ()
    rated = [
        (pos, rid, ratings[rid])
        for pos, rid in flat_ranking(ranking)
        if rid.__class__ is str and rid in ratings and ratings[rid].__class__ in (int, float)
    ]
    inverted = [
        f"{a!r} ({ra}) above {b!r} ({rb})"
        for i, (pa, a, ra) in enumerate(rated)
        for pb, b, rb in rated[i + 1 :]
        if pa < pb and ra < rb
    ]
    inverted = list(dict.fromkeys(inverted))
    if not inverted:
        return ()
    return (
        RecordProblem(f"ranked higher but rated lower: {'; '.join(inverted)}", "/label/ratings"),
    )
