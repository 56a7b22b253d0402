"""A child label without its parent label.

## What it checks
That for every label in the list `field` (default `labels`) whose level on the field's scale
names a `parent`, that parent is in the list too (full-path labelling: a Tier 2 label implies
its Tier 1 label). Deeper hierarchies are covered level by level. The hierarchy comes from
the scale's `parent` keys; a field without parents never fails.

## Why it matters
Hierarchical consumers count a Tier 1 topic by its own label. A record tagged `football`
but not `sports` disappears from every sports count and makes per-tier precision and
recall meaningless.

## Failing example
```json
{"id": "t1", "rubric": "text_classification", "label": {"labels": ["football"], "primary": "football"}}
```

## Passing example
```json
{"id": "t1", "rubric": "text_classification", "label": {"labels": ["sports", "football"], "primary": "football"}}
```

## Options
* `field` (string, default `labels`): the label field that holds the list of labels; its
  values come from a scale whose levels may name a `parent`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer
from validate.rules.classification.scale import parents

CODE = "CLS003"
NAME = "hierarchy-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "field": {
            "type": "string",
            "default": "labels",
            "description": "Label field holding the list of labels.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the child -> parent map of the field's scale."""
    return {**options, "_parents": parents(rubric, options["field"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every label whose parent is missing from the list."""
    tree = options["_parents"]
    label = record.get("label")
    values = label.get(options["field"]) if label.__class__ is dict else None
    if values.__class__ is not list or not tree:
        return ()
    try:
        present = set(values)
    except TypeError:  # unhashable entries: LBL009's business
        return ()
    problems = []
    for index, value in enumerate(values):
        parent = tree.get(value)
        if parent is not None and parent not in present:
            problems.append(
                RecordProblem(
                    f"{value!r} is under {parent!r}, which is missing: label the full path "
                    f"(add {parent!r})",
                    pointer("label", options["field"], index),
                )
            )
    return problems
