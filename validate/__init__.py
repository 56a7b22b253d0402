"""Rubricate's validation core: source model, schemas, loading with positions, rules, linter.

This package never imports :mod:`generator`; the dependency runs one way only.
"""

from __future__ import annotations

__version__ = "0.1.0"
