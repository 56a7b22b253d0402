"""A relation between entities whose types the relation type does not allow.

## What it checks
For every relation of `label.relations` whose `head` and `tail` are valid entity indices
(MTD001 reports the others) and whose `type` is listed in `allowed`: the head entity's
`type` is one of the relation's `head` types and the tail entity's one of its `tail` types.
The default table is the `metadata_tagging` rubric's: `works_for` and `leads` PERSON ->
ORG/GPE; `member_of` PERSON/ORG/GPE -> ORG; `located_in` ORG/FAC/GPE/LOC/EVENT ->
GPE/LOC/FAC; `founded` PERSON/ORG -> ORG; `created` PERSON/ORG ->
PRODUCT/WORK_OF_ART/LAW. A relation type the table does not list is not checked.

## Why it matters
Type constraints are what make a relation mean something: "Airbus works_for Ana Ruiz" is a
reversed relation, and "Toulouse located_in Airbus" a wrong one. Knowledge-graph builds and
relation-extraction training take such edges at face value.

## Failing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "Ana Ruiz works for Airbus."}, "label": {"topics": ["business"], "entities": [{"start": 0, "end": 8, "text": "Ana Ruiz", "type": "PERSON"}, {"start": 19, "end": 25, "text": "Airbus", "type": "ORG"}], "relations": [{"head": 1, "tail": 0, "type": "works_for"}], "key_phrases": []}}
```

## Passing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "Ana Ruiz works for Airbus."}, "label": {"topics": ["business"], "entities": [{"start": 0, "end": 8, "text": "Ana Ruiz", "type": "PERSON"}, {"start": 19, "end": 25, "text": "Airbus", "type": "ORG"}], "relations": [{"head": 0, "tail": 1, "type": "works_for"}], "key_phrases": []}}
```

## Options
* `allowed` (object, relation type -> `{head: [entity types], tail: [entity types]}`): the
  entity types each relation type allows at each end; default the table above.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "MTD002"
NAME = "relation-entity-types"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR


def _ends(head: list[str], tail: list[str]) -> dict[str, list[str]]:
    return {"head": head, "tail": tail}


OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "allowed": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["head", "tail"],
                "properties": {
                    "head": {"type": "array", "items": {"type": "string"}},
                    "tail": {"type": "array", "items": {"type": "string"}},
                },
                "additionalProperties": False,
            },
            "default": {
                "works_for": _ends(["PERSON"], ["ORG", "GPE"]),
                "leads": _ends(["PERSON"], ["ORG", "GPE"]),
                "member_of": _ends(["PERSON", "ORG", "GPE"], ["ORG"]),
                "located_in": _ends(["ORG", "FAC", "GPE", "LOC", "EVENT"], ["GPE", "LOC", "FAC"]),
                "founded": _ends(["PERSON", "ORG"], ["ORG"]),
                "created": _ends(["PERSON", "ORG"], ["PRODUCT", "WORK_OF_ART", "LAW"]),
            },
            "description": "Entity types allowed at each end of each relation type.",
        }
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the table as sets."""
    return {
        **options,
        "_allowed": {
            rel: (frozenset(ends["head"]), frozenset(ends["tail"]))
            for rel, ends in options["allowed"].items()
        },
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report relations whose end types the relation type does not allow."""
    label = record.get("label")
    relations = label.get("relations") if label.__class__ is dict else None
    if relations.__class__ is not list or not relations:
        return ()
    entities = label.get("entities")
    if entities.__class__ is not list:
        return ()
    allowed = options["_allowed"]
    problems = []
    for i, relation in enumerate(relations):
        if relation.__class__ is not dict:
            continue
        ends = allowed.get(relation.get("type")) if relation.get("type").__class__ is str else None
        if ends is None:
            continue
        for end, types in zip(("head", "tail"), ends, strict=True):
            index = relation.get(end)
            if index.__class__ is not int or not 0 <= index < len(entities):
                continue
            entity = entities[index]
            kind = entity.get("type") if entity.__class__ is dict else None
            if kind.__class__ is str and kind not in types:
                problems.append(
                    RecordProblem(
                        f"relation {i} ({relation['type']}): the {end} entity {index} is "
                        f"{kind}, but the {end} must be {' or '.join(sorted(types))}",
                        f"/label/relations/{i}/{end}",
                    )
                )
    return problems
