"""Tool use rules (``TUL``): call verdicts match the item's calls and tools."""

from __future__ import annotations

from types import ModuleType

from validate.rules.tool_use import (
    arguments_verdict_schema,
    call_tool_known,
    call_verdicts_match,
    result_verdict_null,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    call_verdicts_match,
    call_tool_known,
    result_verdict_null,
    arguments_verdict_schema,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
