"""Pairwise preference rules (``PRF``): choice, strength and per-dimension answers agree; no intransitive cycles."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
