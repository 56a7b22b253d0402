"""Dataset rules (``DST``): quality gates over the whole file: agreement, gold accuracy, annotator behaviour, coverage."""

from __future__ import annotations

from types import ModuleType

from validate.rules.dataset import (
    agreement,
    coverage,
    gold_accuracy,
    label_distribution,
    self_contradiction,
    speed,
    straight_lining,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    agreement,
    gold_accuracy,
    straight_lining,
    speed,
    self_contradiction,
    label_distribution,
    coverage,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
