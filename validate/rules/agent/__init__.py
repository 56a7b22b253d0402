"""Agent trajectory rules (``AGT``): step labels match the trajectory and the outcome."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
