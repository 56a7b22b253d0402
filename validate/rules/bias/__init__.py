"""Bias evaluation rules (``BIA``): dimensions, kinds and severities come from the checklist; the verdict follows them."""

from __future__ import annotations

from types import ModuleType

from validate.rules.bias import bias_verdict, checklist_ids, kind_unlisted

RULE_MODULES: tuple[ModuleType, ...] = (checklist_ids, kind_unlisted, bias_verdict)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
