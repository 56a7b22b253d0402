"""A cited source id that the item does not provide, or an outside source on a grounded item.

## What it checks
For every entry of `label.sources`:

* an `id` must be one of `item.sources[*].id` (and the item must have sources at all);
* when the item has `sources`, the entry must cite one of them by `id`: a grounded answer
  cites only the documents it was given, not an outside `title` and `url`.

## Why it matters
Grounded reference answers are checked against the documents in the item. A citation to an
id that is not there points at nothing, and an outside source on a grounded item means the
answer used knowledge the task told the writer not to use.

## Failing example
```json
{"id": "r1", "rubric": "reference_answer", "item": {"prompt": "Hours?", "sources": [{"id": "s1", "title": "Hours", "text": "Open 9-5."}]}, "label": {"answer": "Open 9-5 [s2].", "criteria": {"correct": "yes", "complete": "yes", "concise": "yes", "verifiable": "yes", "follows_format": "yes"}, "sources": [{"id": "s2", "supports": "Open 9-5"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "reference_answer", "item": {"prompt": "Hours?", "sources": [{"id": "s1", "title": "Hours", "text": "Open 9-5."}]}, "label": {"answer": "Open 9-5 [s1].", "criteria": {"correct": "yes", "complete": "yes", "concise": "yes", "verifiable": "yes", "follows_format": "yes"}, "sources": [{"id": "s1", "supports": "Open 9-5"}]}}
```

## Options
* `grounded_ids_only` (boolean, default `true`): on an item with `sources`, report entries
  that cite an outside source instead of an item source id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "REF002"
NAME = "cited-source-exists"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "grounded_ids_only": {
            "type": "boolean",
            "default": True,
            "description": "On an item with sources, every entry must cite one by id.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report unknown cited ids and outside sources on grounded items."""
    label = record.get("label")
    sources = label.get("sources") if label.__class__ is dict else None
    if sources.__class__ is not list or not sources:
        return ()
    item = record.get("item")
    given = item.get("sources") if item.__class__ is dict else None
    grounded = given.__class__ is list and bool(given)
    known = (
        {s.get("id") for s in given if s.__class__ is dict and s.get("id").__class__ is str}
        if grounded
        else set()
    )
    problems = []
    for index, source in enumerate(sources):
        if source.__class__ is not dict:
            continue
        sid = source.get("id")
        if sid.__class__ is str:
            if sid in known:
                continue
            if grounded:
                shown = ", ".join(repr(k) for k in sorted(known)) or "none with an id"
                message = f"source {index} cites {sid!r}, not among the item's sources ({shown})"
            else:
                message = (
                    f"source {index} cites {sid!r} but the item has no sources; cite an "
                    "outside source with title and url"
                )
            problems.append(RecordProblem(message, f"/label/sources/{index}/id"))
        elif grounded and options["grounded_ids_only"]:
            problems.append(
                RecordProblem(
                    f"source {index} cites an outside source but the item gives sources: a "
                    "grounded answer cites the item's sources by id",
                    f"/label/sources/{index}",
                )
            )
    return problems
