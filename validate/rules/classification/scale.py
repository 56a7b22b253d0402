"""Scale lookups shared by the classification rules (``CLS``)."""

from __future__ import annotations

from typing import Any


def field_scale(rubric: Any, field: str) -> dict[str, Any] | None:
    """The scale whose values the label field ``field`` holds (its ``x-scale``), if any."""
    raw = (rubric.data.get("label") or {}).get("schema") or {}
    node = (raw.get("properties") or {}).get(field)
    if isinstance(node, dict) and isinstance(node.get("items"), dict):
        node = node["items"] if "x-scale" not in node else node
    scale_id = node.get("x-scale") if isinstance(node, dict) else None
    return rubric.scales.get(scale_id) if isinstance(scale_id, str) else None


def parents(rubric: Any, field: str) -> dict[Any, Any]:
    """``{value: parent}`` for every level of ``field``'s scale that names a ``parent``."""
    scale = field_scale(rubric, field) or {}
    return {
        level["value"]: level["parent"]
        for level in scale.get("levels") or []
        if isinstance(level, dict) and "parent" in level and "value" in level
    }
