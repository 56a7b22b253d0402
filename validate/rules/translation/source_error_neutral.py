"""A `Source error` with a severity other than Neutral.

## What it checks
For every error of `label.errors` whose `category` is `category` (default `Source error`):
its `severity` is `severity` (default `Neutral`).

## Why it matters
A source error is a problem in the text the translator was given, not in the translation;
MQM records it for the data owner and charges the translation nothing. A Minor or Major
source error adds 1 or 5 points to a system that did nothing wrong.

## Failing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "The the cat.", "target": "Die Katze."}, "label": {"errors": [{"category": "Source error", "severity": "Minor", "side": "source", "start": 0, "end": 7, "text": "The the"}], "score": 1}}
```

## Passing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "The the cat.", "target": "Die Katze."}, "label": {"errors": [{"category": "Source error", "severity": "Neutral", "side": "source", "start": 0, "end": 7, "text": "The the"}], "score": 0}}
```

## Options
* `category` (string, default `Source error`): the category of errors in the source.
* `severity` (string, default `Neutral`): its only allowed severity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.translation import mqm_errors

CODE = "MQM002"
NAME = "source-error-neutral"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "category": {
            "type": "string",
            "default": "Source error",
            "description": "The category of errors in the source.",
        },
        "severity": {
            "type": "string",
            "default": "Neutral",
            "description": "Its only allowed severity.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report source errors that are not Neutral."""
    errors = mqm_errors(record)
    if not errors:
        return ()
    category, wanted = options["category"], options["severity"]
    return [
        RecordProblem(
            f"error {i}: a {category} costs the translation nothing; its severity must be "
            f"{wanted}, not {error.get('severity')!r}",
            f"/label/errors/{i}/severity",
        )
        for i, error in errors
        if error.get("category") == category
        and error.get("severity") != wanted
        and error.get("severity").__class__ is str
    ]
