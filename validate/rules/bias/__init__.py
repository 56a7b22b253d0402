"""Bias evaluation rules (``BIA``): dimensions, kinds and severities come from the checklist; the verdict follows them."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
