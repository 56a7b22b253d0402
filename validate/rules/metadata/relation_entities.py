"""A relation whose head or tail is not an entity of the label, or links an entity to itself.

## What it checks
For every relation of `label.relations`: `head` and `tail` are indices (0-based) of
`label.entities`, and they differ.

## Why it matters
Relations point at entities by position. An index past the end points at nothing, and one
that happens to be in range after an entity was deleted points at the wrong entity, so the
relation silently changes meaning. A relation from an entity to itself is never meant.

## Failing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "Ana Ruiz works for Airbus."}, "label": {"topics": ["business"], "entities": [{"start": 0, "end": 8, "text": "Ana Ruiz", "type": "PERSON"}, {"start": 19, "end": 25, "text": "Airbus", "type": "ORG"}], "relations": [{"head": 0, "tail": 2, "type": "works_for"}], "key_phrases": []}}
```

## Passing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "Ana Ruiz works for Airbus."}, "label": {"topics": ["business"], "entities": [{"start": 0, "end": 8, "text": "Ana Ruiz", "type": "PERSON"}, {"start": 19, "end": 25, "text": "Airbus", "type": "ORG"}], "relations": [{"head": 0, "tail": 1, "type": "works_for"}], "key_phrases": []}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "MTD001"
NAME = "relation-entities"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report relation ends that are not entity indices, and self-relations."""
    label = record.get("label")
    relations = label.get("relations") if label.__class__ is dict else None
    if relations.__class__ is not list or not relations:
        return ()
    entities = label.get("entities")
    count = len(entities) if entities.__class__ is list else 0
    problems = []
    for i, relation in enumerate(relations):
        if relation.__class__ is not dict:
            continue
        head, tail = relation.get("head"), relation.get("tail")
        for end, value in (("head", head), ("tail", tail)):
            if value.__class__ is int and not 0 <= value < count:
                problems.append(
                    RecordProblem(
                        f"relation {i}: {end} {value} is not an entity index "
                        f"(the label has {count} entities: 0..{count - 1})"
                        if count
                        else f"relation {i}: {end} {value} is not an entity index "
                        "(the label has no entities)",
                        f"/label/relations/{i}/{end}",
                    )
                )
        if head.__class__ is int and head == tail:
            problems.append(
                RecordProblem(
                    f"relation {i} links entity {head} to itself", f"/label/relations/{i}/tail"
                )
            )
    return problems
