"""Output editing rules (``EDT``): the edit changes something and every tracked change is real."""

from __future__ import annotations

from types import ModuleType

from validate.rules.editing import (
    change_after_in_edited,
    change_before_in_original,
    edit_changes_something,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    edit_changes_something,
    change_before_in_original,
    change_after_in_edited,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
