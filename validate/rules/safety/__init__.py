"""Safety evaluation rules (``SAF``): categories and severities come from the named policy; the verdict follows them."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
