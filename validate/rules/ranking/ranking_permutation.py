"""A ranking that is not a permutation of the item's responses.

## What it checks
That `label.ranking` names every response id of `item.responses` exactly once: no id
missing, none unknown, none repeated (tied ids inside a nested list count too). A record
whose item lists no responses cannot be checked and is reported as such.

Split with LBL009: this rule owns the *contents* of `ranking`; when a rubric lists it, the
compiled label schema only requires `ranking` to be an array, so a repeated or missing id
is reported once, here, with the ids named.

## Why it matters
A ranking with a missing or repeated response silently drops or double-counts comparisons:
every pairwise preference derived from it is wrong.

## Failing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}, "label": {"ranking": ["a", "a", "d"]}}
```

## Passing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}, "label": {"ranking": ["b", "a", "c"]}}
```

## Options
None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.ranking import flat_ranking, response_ids

CODE = "RNK001"
NAME = "ranking-permutation"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def relax_label_schema(schema: dict[str, Any], rubric: dict[str, Any]) -> dict[str, Any]:
    """Leave the elements of ``ranking`` (ids, ties, count, repeats) to the ranking rules."""
    ranking = schema.get("properties", {}).get("ranking")
    if isinstance(ranking, dict):
        schema = {**schema, "properties": {**schema["properties"], "ranking": {"type": "array"}}}
    return schema


def _ids(values: Iterable[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Name the missing, unknown and repeated ids of the ranking."""
    label = record.get("label")
    ranking = label.get("ranking") if label.__class__ is dict else None
    if ranking.__class__ is not list:
        return ()
    expected = response_ids(record)
    if expected is None:
        return (
            RecordProblem(
                "the item lists no responses (item.responses): the ranking cannot be checked",
                "/item/responses",
            ),
        )
    if ranking == expected:
        return ()
    try:  # the usual case: a flat list of distinct ids (a tie, a list, raises TypeError)
        ranked = set(ranking)
        if len(ranked) == len(ranking) == len(expected) and ranked == set(expected):
            return ()
    except TypeError:
        pass
    flat = [rid for _, rid in flat_ranking(ranking)]
    if len(flat) == len(expected) and len(set(map(repr, flat))) == len(flat):
        try:
            if set(flat) == set(expected):
                return ()
        except TypeError:
            pass
    problems = []
    bad = [v for v in flat if v.__class__ is not str]
    if bad:
        problems.append(
            RecordProblem(
                f"ranking holds values that are not response ids: {_ids(bad)}", "/label/ranking"
            )
        )
    counts = Counter(v for v in flat if v.__class__ is str)
    known = {e for e in expected if e.__class__ is str}
    missing = [e for e in expected if e.__class__ is str and e not in counts]
    unknown = [v for v in counts if v not in known]
    repeated = [v for v, n in counts.items() if n > 1]
    if missing:
        problems.append(
            RecordProblem(f"ranking leaves out response {_ids(missing)}", "/label/ranking")
        )
    if unknown:
        problems.append(
            RecordProblem(
                f"ranking names {_ids(unknown)}, not among the item's responses ({_ids(expected)})",
                "/label/ranking",
            )
        )
    if repeated:
        problems.append(RecordProblem(f"ranking repeats {_ids(repeated)}", "/label/ranking"))
    return problems
