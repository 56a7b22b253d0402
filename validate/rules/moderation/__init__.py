"""Content moderation rules (``MOD``): categories from the policy; the action follows the policy's ladders."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
