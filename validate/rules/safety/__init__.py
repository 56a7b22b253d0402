"""Safety evaluation rules (``SAF``): policy ids and versions, severities, verdict consistency."""

from __future__ import annotations

from types import ModuleType

from validate.rules.safety import policy_ids, safety_verdict

RULE_MODULES: tuple[ModuleType, ...] = (policy_ids, safety_verdict)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
