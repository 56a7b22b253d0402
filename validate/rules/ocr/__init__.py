"""OCR / transcription correction rules (``OCR``): corrections are present and reproduce the corrected text."""

from __future__ import annotations

from types import ModuleType

RULE_MODULES: tuple[ModuleType, ...] = ()
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
