"""Citation verification rules (``CIT``): cited sources exist, the checks chain, quotes are verbatim."""

from __future__ import annotations

from types import ModuleType
from typing import Any


def citations(record: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """``(index, citation)`` of every object in ``label.citations``."""
    label = record.get("label")
    items = label.get("citations") if label.__class__ is dict else None
    if items.__class__ is not list:
        return []
    return [(i, c) for i, c in enumerate(items) if c.__class__ is dict]


def sources(record: dict[str, Any]) -> dict[str, Any] | None:
    """``{id: text}`` of ``item.sources`` (text None when not a string); None without a list."""
    item = record.get("item")
    items = item.get("sources") if item.__class__ is dict else None
    if items.__class__ is not list:
        return None
    out: dict[str, Any] = {}
    for source in items:
        if source.__class__ is dict and source.get("id").__class__ is str:
            text = source.get("text")
            out[source["id"]] = text if text.__class__ is str else None
    return out


from validate.rules.citation import (  # noqa: E402  (the helpers above come first)
    check_chain,
    cited_source_exists,
    evidence_quote_in_source,
    exists_null_checks,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    cited_source_exists,
    exists_null_checks,
    check_chain,
    evidence_quote_in_source,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
