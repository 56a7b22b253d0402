"""Span rules (``SPN``): quoted spans lie inside the item text and quote it exactly; no forbidden overlaps.

The rules are generic: the options say where a rubric's spans are and which item field they
index (the path syntax and the ``lists`` form are described in
:mod:`validate.rules.spans.spec`).
"""

from __future__ import annotations

from types import ModuleType

from validate.rules.spans import span_in_text, span_overlap, span_text_matches, span_whitespace

RULE_MODULES: tuple[ModuleType, ...] = (
    span_in_text,
    span_text_matches,
    span_overlap,
    span_whitespace,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
