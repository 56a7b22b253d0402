"""Agent trajectory rules (``AGT``): step labels match the trajectory and the outcome."""

from __future__ import annotations

from types import ModuleType

from validate.rules.agent import (
    error_handling_na,
    failure_steps_match,
    harmful_goal,
    step_labels_match,
    unrecoverable_step,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    step_labels_match,
    failure_steps_match,
    unrecoverable_step,
    harmful_goal,
    error_handling_na,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
