"""OCR / transcription correction rules (``OCR``): corrections applied, changed, typed consistently.

``error_rate`` (not a rule) computes CER and WER per record for the QA report.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


def ocr_errors(record: dict[str, Any]) -> list[tuple[int, dict[str, Any]]] | None:
    """``(index, error)`` of every object in ``label.errors``; None when it is not a list."""
    label = record.get("label")
    items = label.get("errors") if label.__class__ is dict else None
    if items.__class__ is not list:
        return None
    return [(i, e) for i, e in enumerate(items) if e.__class__ is dict]


from validate.rules.ocr import (  # noqa: E402  (the helpers above come first)
    corrected_text,
    correction_changes,
    correction_form,
    empty_span_type,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    corrected_text,
    correction_changes,
    empty_span_type,
    correction_form,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
