"""Where a rubric's spans are: the options shared by the span rules, and span lookup.

A span is an object with integer ``start`` and ``end`` (0-based, end-exclusive Python string
offsets, in code points) and the quoted ``text``.

Span paths (option ``spans``)
    A path into ``label``: field names separated by dots, each optionally followed by ``[*]``
    ("every element of this list"). The path ends on a list of spans (each object element is
    a span) or on a single span object:

    * ``claims``: every element of ``label.claims``;
    * ``citations[*].statement``: the ``statement`` object of every element of
      ``label.citations``;
    * ``documents[*].entities``: every entity of every document.

    A missing or malformed step yields no spans (the label schema reports those).

One list or several (option ``lists``)
    The options describe one span list (``spans`` plus its settings) or several under
    ``lists``, a list of objects with the same keys; a key an entry leaves out takes the
    top-level value. ``rules:`` maps a code to one options object, so ``lists`` is how a
    rubric checks several span lists with one rule::

        SPN001:
          text_field: response
          lists: [{spans: citations}, {spans: "citations[*].statement"}, {spans: missing_citations}]

    ``spans`` and ``lists`` are exclusive; one of them is required.

Which text (options ``text_field`` and ``side_field``)
    ``text_field`` names the item field the offsets index (default ``text``). With
    ``side_field`` (MQM: ``side``), a span whose ``side_field`` holds a string indexes the item
    field of that name instead (``"side": "source"`` -> ``item.source``); without it,
    ``text_field``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from validate.lint.model import pointer

_NAME = r"[A-Za-z_][A-Za-z0-9_]*(\[\*\])?"
PATH_PATTERN = rf"^{_NAME}(\.{_NAME})*$"
"""A span path: ``name``, ``name[*]``, dotted."""

Steps = tuple[tuple[str, bool], ...]


def _list_properties(extra: dict[str, Any], *, defaults: bool) -> dict[str, Any]:
    props: dict[str, Any] = {
        "spans": {
            "type": "string",
            "pattern": PATH_PATTERN,
            "description": "Path of the span list in label (name, name[*], dotted).",
        },
        "text_field": {
            "type": "string",
            "minLength": 1,
            "default": "text",
            "description": "Item field the offsets index.",
        },
        "side_field": {
            "type": ["string", "null"],
            "minLength": 1,
            "default": None,
            "description": "Field of a span naming the item field it indexes instead.",
        },
        **extra,
    }
    if not defaults:
        props = {k: {n: v for n, v in p.items() if n != "default"} for k, p in props.items()}
    return props


def options_schema(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """The options schema of a span rule: one list, or several under ``lists``."""
    extra = extra or {}
    return {
        "type": "object",
        "properties": {
            **_list_properties(extra, defaults=True),
            "lists": {
                "type": "array",
                "minItems": 1,
                "description": "Several span lists; keys left out take the top-level value.",
                "items": {
                    "type": "object",
                    "required": ["spans"],
                    "properties": _list_properties(extra, defaults=False),
                    "additionalProperties": False,
                },
            },
        },
        "oneOf": [{"required": ["spans"]}, {"required": ["lists"]}],
        "additionalProperties": False,
    }


def parse_path(path: str) -> Steps:
    """``"citations[*].statement"`` -> ``(("citations", True), ("statement", False))``."""
    if not re.match(PATH_PATTERN, path):
        raise ValueError(f"not a span path: {path!r}")
    return tuple(
        (part[:-3], True) if part.endswith("[*]") else (part, False) for part in path.split(".")
    )


@dataclass(frozen=True, slots=True)
class SpanList:
    """One span list of a rubric, prepared: its path and settings."""

    path: str
    steps: Steps
    text_field: str
    side_field: str | None
    settings: dict[str, Any]
    """The list's effective options (rule-specific keys included)."""


def prepare_lists(options: dict[str, Any]) -> tuple[SpanList, ...]:
    """The span lists the options describe (``lists`` entries inherit top-level keys)."""
    top = {k: v for k, v in options.items() if k != "lists" and not k.startswith("_")}
    entries = options.get("lists") or ([top] if options.get("spans") else [])
    out = []
    for entry in entries:
        merged = {**top, **entry}
        out.append(
            SpanList(
                path=merged["spans"],
                steps=parse_path(merged["spans"]),
                text_field=merged.get("text_field") or "text",
                side_field=merged.get("side_field"),
                settings=merged,
            )
        )
    return tuple(out)


def iter_spans(label: Any, steps: Steps) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(JSON Pointer, span)`` for every span object ``steps`` reaches in ``label``."""
    yield from _walk(label, steps, ("label",))


def _walk(node: Any, steps: Steps, parts: tuple[Any, ...]) -> Iterator[tuple[str, dict[str, Any]]]:
    if not steps:
        if node.__class__ is dict:
            yield pointer(*parts), node
        elif node.__class__ is list:
            for i, element in enumerate(node):
                if element.__class__ is dict:
                    yield pointer(*parts, i), element
        return
    if node.__class__ is not dict:
        return
    (name, each), rest = steps[0], steps[1:]
    value = node.get(name)
    if value is None:
        return
    if each:
        if value.__class__ is list:
            for i, element in enumerate(value):
                yield from _walk(element, rest, (*parts, name, i))
        return
    yield from _walk(value, rest, (*parts, name))


def bounds(span: dict[str, Any]) -> tuple[int, int] | None:
    """``(start, end)`` when both are integers (``true`` is not one), else None."""
    start, end = span.get("start"), span.get("end")
    if start.__class__ is int and end.__class__ is int:
        return start, end
    return None


def field_for(span: dict[str, Any], spans: SpanList) -> str:
    """The item field ``span`` indexes: its side field's value, else the list's text field."""
    if spans.side_field is not None:
        side = span.get(spans.side_field)
        if side.__class__ is str:
            return side
    return spans.text_field


def item_text(record: dict[str, Any], field: str) -> str | None:
    """``item[field]`` when it is a string, else None."""
    item = record.get("item")
    text = item.get(field) if item.__class__ is dict else None
    return text if text.__class__ is str else None
