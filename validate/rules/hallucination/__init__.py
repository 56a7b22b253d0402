"""Hallucination detection rules (``HAL``): verdicts, error types and evidence against the item."""

from __future__ import annotations

from types import ModuleType
from typing import Any

RESERVED_SOURCES = ("prompt", "response")
"""Evidence ``source_id`` values that name the item's own fields instead of a source."""


def claims(record: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """``(index, claim)`` of every object in ``label.claims``."""
    label = record.get("label")
    items = label.get("claims") if label.__class__ is dict else None
    if items.__class__ is not list:
        return []
    return [(i, c) for i, c in enumerate(items) if c.__class__ is dict]


def source_texts(record: dict[str, Any]) -> tuple[bool, dict[str, Any]]:
    """``(has_sources, {id: text})``: the item's sources, plus ``prompt`` and ``response``.

    A source's text is None when it is not a string (the quote then cannot be checked).
    """
    item = record.get("item")
    item = item if item.__class__ is dict else {}
    texts: dict[str, Any] = {}
    sources = item.get("sources")
    has = sources.__class__ is list and bool(sources)
    if has:
        for source in sources:
            if source.__class__ is dict and source.get("id").__class__ is str:
                text = source.get("text")
                texts[source["id"]] = text if text.__class__ is str else None
    for name in RESERVED_SOURCES:
        value = item.get(name)
        if value.__class__ is str:
            texts[name] = value
    return has, texts


from validate.rules.hallucination import (  # noqa: E402  (the helpers above come first)
    error_type_for_verdict,
    evidence_for_verdict,
    evidence_quote,
    evidence_source,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    evidence_for_verdict,
    error_type_for_verdict,
    evidence_source,
    evidence_quote,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
