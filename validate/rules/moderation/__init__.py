"""Content moderation rules (``MOD``): categories from the policy; the action follows the policy's ladders."""

from __future__ import annotations

from types import ModuleType

from validate.rules.moderation import moderation_action, moderation_note

RULE_MODULES: tuple[ModuleType, ...] = (moderation_action, moderation_note)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
