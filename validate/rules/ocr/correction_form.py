"""An OCR correction in the wrong form for its error type.

## What it checks
For every error of `label.errors`: when its `type` is one of `empty_for` (by default
`line_break_hyphenation` and `spurious_text`), `correction` is empty (the characters are
removed); when its type is a key of `fixed` (by default `illegible`), `correction` is
exactly that key's value (`[illegible]`).

## Why it matters
These types have one right correction: a hyphen at a line break and spurious marks are
deleted, and an illegible passage gets the fixed token instead of a guess. Any other
correction is a guess or a typo that the corrected text then carries into the training
data.

## Failing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "The c@t sat."}, "label": {"corrected_text": "The cat sat.", "errors": [{"start": 5, "end": 6, "text": "@", "type": "illegible", "correction": "a"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "The c@t sat."}, "label": {"corrected_text": "The c[illegible]t sat.", "errors": [{"start": 5, "end": 6, "text": "@", "type": "illegible", "correction": "[illegible]"}]}}
```

## Options
* `empty_for` (list of error types, default `["line_break_hyphenation", "spurious_text"]`):
  types whose correction is empty.
* `fixed` (object, error type -> string, default `{"illegible": "[illegible]"}`): types
  whose correction is one fixed token.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.ocr import ocr_errors

CODE = "OCR004"
NAME = "correction-form"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "empty_for": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["line_break_hyphenation", "spurious_text"],
            "description": "Error types whose correction is empty.",
        },
        "fixed": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "default": {"illegible": "[illegible]"},
            "description": "Error types whose correction is one fixed token.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report corrections that do not have their type's fixed form."""
    errors = ocr_errors(record)
    if not errors:
        return ()
    empty_for, fixed = options["empty_for"], options["fixed"]
    problems = []
    for i, error in errors:
        kind, correction = error.get("type"), error.get("correction")
        if kind.__class__ is not str or correction.__class__ is not str:
            continue
        if kind in empty_for and correction:
            problems.append(
                RecordProblem(
                    f"error {i} ({kind}): the correction must be empty (the text is removed), "
                    f"not {correction!r}",
                    f"/label/errors/{i}/correction",
                )
            )
        elif kind in fixed and correction != fixed[kind]:
            problems.append(
                RecordProblem(
                    f"error {i} ({kind}): the correction must be {fixed[kind]!r}, "
                    f"not {correction!r}",
                    f"/label/errors/{i}/correction",
                )
            )
    return problems
