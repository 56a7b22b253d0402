"""Translation QA rules (``MQM``): MQM error annotations against the segment and the score.

Spans (inside the target or source, quoted exactly) are the span rules' (``SPN`` with
``side_field: side``); categories and severities from the typology are the label schema's.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any


def mqm_errors(record: dict[str, Any]) -> list[tuple[int, dict[str, Any]]] | None:
    """``(index, error)`` of every object in ``label.errors``; None when it is not a list."""
    label = record.get("label")
    items = label.get("errors") if label.__class__ is dict else None
    if items.__class__ is not list:
        return None
    return [(i, e) for i, e in enumerate(items) if e.__class__ is dict]


from validate.rules.translation import (  # noqa: E402  (the helpers above come first)
    duplicate_error,
    error_side,
    mqm_score,
    non_translation,
    source_error_neutral,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    non_translation,
    source_error_neutral,
    error_side,
    mqm_score,
    duplicate_error,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
