"""Output editing rules (``EDT``): the edit changes something and every tracked change is real."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
