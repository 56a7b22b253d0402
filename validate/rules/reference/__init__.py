"""Reference answer rules (``REF``): self-checks and cited sources are consistent."""

from __future__ import annotations

from types import ModuleType

from validate.rules.reference import cited_source_exists, self_check_failed, supports_in_answer

RULE_MODULES: tuple[ModuleType, ...] = (
    supports_in_answer,
    cited_source_exists,
    self_check_failed,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
