"""Dataset rules (``DST``): quality gates over the whole file: agreement, gold accuracy, annotator behaviour, coverage."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
