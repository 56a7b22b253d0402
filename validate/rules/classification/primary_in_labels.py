"""A primary label that is not one of the labels, or not the deepest on its path.

## What it checks
That the single label in `primary_field` (default `primary`) is one of the labels in
`field` (default `labels`). With `deepest` on, also that it is the deepest label on its own
path: when `primary` is a parent level, none of its children (scale levels naming it as
`parent`) may be in `field`.

## Why it matters
Single-label consumers and agreement read `primary`; multi-label consumers read `labels`.
If `primary` is outside the set, or a Tier 1 label while its Tier 2 child is tagged, the two
views of the same record disagree and per-tier figures double-count or miss it.

## Failing example
```json
{"id": "t1", "rubric": "text_classification", "label": {"labels": ["sports", "football"], "primary": "sports"}}
```

## Passing example
```json
{"id": "t1", "rubric": "text_classification", "label": {"labels": ["sports", "football"], "primary": "football"}}
```

## Options
* `field` (string, default `labels`): the label field that holds the list of labels.
* `primary_field` (string, default `primary`): the label field that holds the primary label.
* `deepest` (boolean, default `true`): also require the primary label to be the deepest on
  its path (uses the `parent` keys of the field's scale).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer
from validate.rules.classification.scale import parents

CODE = "CLS005"
NAME = "primary-in-labels"
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
        "primary_field": {
            "type": "string",
            "default": "primary",
            "description": "Label field holding the primary label.",
        },
        "deepest": {
            "type": "boolean",
            "default": True,
            "description": "Require the primary label to be the deepest on its path.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: parent -> children of the field's scale."""
    children: dict[Any, list[Any]] = {}
    if options["deepest"]:
        for child, parent in parents(rubric, options["field"]).items():
            children.setdefault(parent, []).append(child)
    return {**options, "_children": children}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a primary label outside the labels, or above a tagged child."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    field = options["field"]
    values = label.get(field)
    primary = label.get(options["primary_field"])
    if values.__class__ is not list or primary.__class__ is not str:
        return ()
    if primary not in values:
        return (
            RecordProblem(
                f"primary {primary!r} is not one of {field!r} ("
                + ", ".join(repr(v) for v in values[:8])
                + ")",
                pointer("label", options["primary_field"]),
            ),
        )
    below = options["_children"].get(primary)
    if below:
        tagged = [c for c in below if c in values]
        if tagged:
            return (
                RecordProblem(
                    f"primary {primary!r} has its child {tagged[0]!r} in {field!r}: the "
                    "primary label is the deepest on its path",
                    pointer("label", options["primary_field"]),
                ),
            )
    return ()
