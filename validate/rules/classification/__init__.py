"""Classification rules (``CLS``): labels from the label set, single vs multi, hierarchy, exclusive labels."""

from __future__ import annotations

from types import ModuleType

from validate.rules.classification import (
    exclusive_label,
    hierarchy_consistent,
    oos_part_consistent,
    primary_in_labels,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    hierarchy_consistent,
    exclusive_label,
    primary_in_labels,
    oos_part_consistent,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
