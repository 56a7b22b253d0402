"""An empty OCR error span (`start == end`) whose type is not one that inserts text.

## What it checks
For every error of `label.errors` with `start == end` (an insertion point, empty `text`):
its `type` is one of `types` (by default only `missing_text`: text the OCR dropped).

## Why it matters
Every other error type corrects characters that are there; an empty span for them means
the annotator clicked instead of selecting, and the correction is then inserted next to the
wrong text instead of replacing it.

## Failing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "The ct sat."}, "label": {"corrected_text": "The cat sat.", "errors": [{"start": 5, "end": 5, "text": "", "type": "character_confusion", "correction": "a"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "The ct sat."}, "label": {"corrected_text": "The cat sat.", "errors": [{"start": 5, "end": 5, "text": "", "type": "missing_text", "correction": "a"}]}}
```

## Options
* `types` (list of error types, default `["missing_text"]`): the types that may have an empty
  span.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.ocr import ocr_errors

CODE = "OCR003"
NAME = "empty-span-type"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "types": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["missing_text"],
            "description": "Error types that may have an empty span.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report empty spans of types that replace text."""
    errors = ocr_errors(record)
    if not errors:
        return ()
    allowed = options["types"]
    problems = []
    for i, error in errors:
        start, kind = error.get("start"), error.get("type")
        if (
            start.__class__ is int
            and start == error.get("end")
            and kind.__class__ is str
            and kind not in allowed
        ):
            problems.append(
                RecordProblem(
                    f"error {i} has an empty span at {start} but type {kind!r}; only "
                    f"{', '.join(allowed)} may be empty (select the characters it corrects)",
                    f"/label/errors/{i}",
                )
            )
    return problems
