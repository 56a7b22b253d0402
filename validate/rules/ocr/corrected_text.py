"""A corrected text that is not the OCR text with the annotated corrections applied.

## What it checks
That `label.corrected_text` equals `item.ocr_text` with every error's span
`[start, end)` replaced by its `correction`, the errors applied in order of position. So
`errors: []` means `corrected_text` is exactly `item.ocr_text`. Skipped when a span is
invalid or two spans overlap (SPN001 and SPN003 report those) or the item has no
`ocr_text`. The message names the first character where the texts part.

## Why it matters
The error list and the corrected text are two records of one decision; CER and WER, gold
comparison and the training target use the corrected text, while error statistics use the
list. When they disagree, an unannotated edit slipped into the text (or an annotated one
never made it), and one of the two is wrong.

## Failing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "Tbe cat sat."}, "label": {"corrected_text": "The cat sat!", "errors": [{"start": 0, "end": 2, "text": "Tb", "type": "character_confusion", "correction": "Th"}]}}
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

CODE = "OCR001"
NAME = "corrected-text-applies"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def apply_corrections(ocr_text: str, errors: list[dict[str, Any]]) -> str | None:
    """``ocr_text`` with every error's span replaced by its correction.

    None when an error lacks integer offsets or a string correction, a span lies outside the
    text, or two spans overlap (two empty spans at one position apply in list order).
    """
    edits = []
    for order, error in enumerate(errors):
        start, end, correction = error.get("start"), error.get("end"), error.get("correction")
        if start.__class__ is not int or end.__class__ is not int:
            return None
        if correction.__class__ is not str or not 0 <= start <= end <= len(ocr_text):
            return None
        edits.append((start, end, order, correction))
    edits.sort()
    pieces = []
    at = 0
    for start, end, _, correction in edits:
        if start < at:
            return None  # overlapping spans
        pieces.append(ocr_text[at:start])
        pieces.append(correction)
        at = end
    pieces.append(ocr_text[at:])
    return "".join(pieces)


def _first_difference(a: str, b: str) -> int:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a corrected text that the annotated corrections do not produce."""
    errors = ocr_errors(record)
    corrected = record["label"].get("corrected_text") if errors is not None else None
    item = record.get("item")
    ocr_text = item.get("ocr_text") if item.__class__ is dict else None
    if corrected.__class__ is not str or ocr_text.__class__ is not str:
        return ()
    if not errors:
        if corrected == ocr_text:
            return ()
        at = _first_difference(corrected, ocr_text)
        return (
            RecordProblem(
                "no errors are annotated, but corrected_text differs from item.ocr_text "
                f"(first at character {at}); annotate every correction",
                "/label/corrected_text",
            ),
        )
    expected = apply_corrections(ocr_text, [e for _, e in errors])
    if expected is None or expected == corrected:
        return ()
    at = _first_difference(corrected, expected)
    return (
        RecordProblem(
            "corrected_text is not item.ocr_text with the annotated corrections applied: "
            f"they differ from character {at} ({corrected[at : at + 20]!r} where the "
            f"corrections give {expected[at : at + 20]!r})",
            "/label/corrected_text",
        ),
    )
