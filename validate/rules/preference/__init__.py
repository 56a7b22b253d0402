"""Pairwise preference rules (``PRF``): choice, strength and per-dimension answers agree; no intransitive cycles."""

from __future__ import annotations

from types import ModuleType

from validate.rules.preference import (
    dimensions_consistent,
    preference_cycle,
    rationale_required,
    strength_consistent,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    strength_consistent,
    dimensions_consistent,
    rationale_required,
    preference_cycle,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
