"""An exclusive label used together with other labels.

## What it checks
That a label named in the option `labels` (for example `oos` for intents, `neutral` for
GoEmotions emotions, `other` for topics, `none_of_the_above` for image classes) is the only
element of the list `field` whenever it appears.

## Why it matters
Exclusive labels mean "nothing else applies". `oos` next to `transfer` or `neutral` next
to `joy` contradicts itself: the record counts as both in scope and out of scope, and
out-of-scope recall, the number that matters most for intent models, becomes unreliable.

## Failing example
```json
{"id": "i1", "rubric": "intent_classification", "label": {"intents": ["oos", "balance"]}}
```

## Passing example
```json
{"id": "i1", "rubric": "intent_classification", "label": {"intents": ["oos"]}}
```

## Options
* `field` (string, default `labels`): the label field that holds the list of labels.
* `labels` (list of strings, default `[]`): the labels that must be used alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer

CODE = "CLS004"
NAME = "exclusive-label"
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
        "labels": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Labels that must be used alone.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the exclusive labels as a set."""
    return {**options, "_exclusive": frozenset(options["labels"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an exclusive label that shares the list with other labels."""
    label = record.get("label")
    values = label.get(options["field"]) if label.__class__ is dict else None
    if values.__class__ is not list or len(values) < 2:
        return ()  # fast path: one label is always fine
    exclusive = options["_exclusive"]
    seen: set[str] = set()  # an exclusive label repeated: its others were counted once
    for index, value in enumerate(values):
        if value.__class__ is str and value in exclusive and value not in seen:
            seen.add(value)
            others = [v for v in values if v != value]
            if not others:
                continue  # a repeat of the same label: the schema's uniqueItems says so
            return (
                RecordProblem(
                    f"{value!r} must be used alone, but {options['field']!r} also has "
                    + ", ".join(repr(v) for v in others[:5])
                    + (f" and {len(others) - 5} more" if len(others) > 5 else ""),
                    pointer("label", options["field"], index),
                ),
            )
    return ()
