"""Classification rules (``CLS``): labels from the label set, single vs multi, hierarchy, exclusive labels."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
