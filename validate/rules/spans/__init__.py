"""Span rules (``SPN``): quoted spans lie inside the item text and quote it exactly; no forbidden overlaps."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
