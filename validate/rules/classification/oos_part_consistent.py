"""`has_oos_part` set on an utterance labelled out of scope.

## What it checks
That the flag `flag_field` (default `has_oos_part`) is `true` only when the list `field`
(default `intents`) does not contain the out-of-scope label `oos_label` (default `oos`).
The flag marks an in-scope utterance that also makes an unsupported request; an utterance
that is out of scope as a whole has no "out-of-scope part".

## Why it matters
The flag feeds the report's count of partly supported requests. Setting it on `oos`
utterances counts them twice and hides which in-scope requests came with an unsupported
one.

## Failing example
```json
{"id": "i1", "rubric": "intent_classification", "label": {"intents": ["oos"], "has_oos_part": true}}
```

## Passing example
```json
{"id": "i1", "rubric": "intent_classification", "label": {"intents": ["travel_notification"], "has_oos_part": true}}
```

## Options
* `field` (string, default `intents`): the label field that holds the list of intents.
* `flag_field` (string, default `has_oos_part`): the boolean label field.
* `oos_label` (string, default `oos`): the out-of-scope label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer

CODE = "CLS006"
NAME = "oos-part-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "field": {
            "type": "string",
            "default": "intents",
            "description": "Label field holding the list of intents.",
        },
        "flag_field": {
            "type": "string",
            "default": "has_oos_part",
            "description": "The boolean label field.",
        },
        "oos_label": {
            "type": "string",
            "default": "oos",
            "description": "The out-of-scope label.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report the flag set on an out-of-scope label."""
    label = record.get("label")
    if label.__class__ is not dict or label.get(options["flag_field"]) is not True:
        return ()  # fast path: the flag is absent or false on almost every record
    values = label.get(options["field"])
    if values.__class__ is list and options["oos_label"] in values:
        return (
            RecordProblem(
                f"{options['flag_field']!r} is true but {options['field']!r} contains "
                f"{options['oos_label']!r}: the flag marks an in-scope utterance with an "
                "unsupported part; leave it out for out-of-scope utterances",
                pointer("label", options["flag_field"]),
            ),
        )
    return ()
