"""A tie in a ranking where the rubric does not allow ties.

## What it checks
A tie is written as a nested list of ids at one position: `["b", ["a", "c"], "d"]`. With
`allow_ties: false` (the default) every element of `label.ranking` must be a single id.
With `allow_ties: true` a tie must hold at least two ids.

## Why it matters
Rubrics without ties force a decision the downstream reward model needs; a tie where none
is allowed drops that comparison from training, and annotators who tie a lot go unnoticed.

## Failing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}, "label": {"ranking": ["b", ["a", "c"]]}}
```

## Passing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}, "label": {"ranking": ["b", "a", "c"]}}
```

## Options
* `allow_ties` (boolean, default `false`): whether nested lists (ties) are allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "RNK002"
NAME = "ties-not-allowed"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "allow_ties": {
            "type": "boolean",
            "default": False,
            "description": "Allow ties (nested lists of ids) in the ranking.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report ties (or, where ties are allowed, ties of fewer than two ids)."""
    label = record.get("label")
    ranking = label.get("ranking") if label.__class__ is dict else None
    if ranking.__class__ is not list:
        return ()
    problems = []
    for position, entry in enumerate(ranking):
        if entry.__class__ is not list:
            continue
        where = f"/label/ranking/{position}"
        if not options["allow_ties"]:
            problems.append(
                RecordProblem(
                    f"tie at rank {position + 1} ({', '.join(map(repr, entry))}); "
                    "this rubric does not allow ties",
                    where,
                )
            )
        elif len(entry) < 2:
            problems.append(
                RecordProblem(f"a tie at rank {position + 1} needs two or more ids", where)
            )
    return problems
