"""Reference answer rules (``REF``): self-checks and cited sources are consistent."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
