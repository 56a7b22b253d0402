"""Multi-turn conversation rules (``MTC``): turn ratings match the conversation's assistant turns."""

from __future__ import annotations

from types import ModuleType

from validate.rules.conversation import (
    failure_turns_match,
    issues_match_scores,
    recovery_required,
    turn_ratings_match,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    turn_ratings_match,
    issues_match_scores,
    failure_turns_match,
    recovery_required,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
