"""Search relevance rules (``SRL``): graded relevance consistent with Needs Met, rationales."""

from __future__ import annotations

from types import ModuleType

from validate.rules.search import needs_met_consistent, relevance_rationale_required

RULE_MODULES: tuple[ModuleType, ...] = (needs_met_consistent, relevance_rationale_required)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
