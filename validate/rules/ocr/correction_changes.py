"""An OCR error whose correction is the same as the text it corrects.

## What it checks
For every error of `label.errors`: `correction` differs from `text` (the annotated OCR
text). An error that changes nothing is not an error.

## Why it matters
A no-op correction inflates the error counts per type and the annotator's apparent work,
while the corrected text (and so CER) stays the same. It is usually a span marked and then
never given its correction.

## Failing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "Tbe cat sat."}, "label": {"corrected_text": "Tbe cat sat.", "errors": [{"start": 0, "end": 2, "text": "Tb", "type": "character_confusion", "correction": "Tb"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "Tbe cat sat."}, "label": {"corrected_text": "The cat sat.", "errors": [{"start": 0, "end": 2, "text": "Tb", "type": "character_confusion", "correction": "Th"}]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.ocr import ocr_errors

CODE = "OCR002"
NAME = "correction-changes-text"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report corrections equal to their text."""
    errors = ocr_errors(record)
    if not errors:
        return ()
    return [
        RecordProblem(
            f"error {i}: the correction {error['text']!r} is the same as the text; an error "
            "must change something",
            f"/label/errors/{i}/correction",
        )
        for i, error in errors
        if error.get("text").__class__ is str and error.get("correction") == error["text"]
    ]
