"""JSON reporter: ``{"findings": [...], "summary": {...}, "metrics": {...}}`` (a contract).

Finding keys come in the documented order (code, name, severity, message, file, line, column,
record_id, pointer, help_uri); ``summary`` and ``metrics`` are free-form, so their keys are
sorted, which keeps the output byte-stable however the engine (or a merge of parallel shards)
happened to build those dicts.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import orjson

from validate.findings import Finding
from validate.reporting.model import Report, RuleMeta, in_pieces

FINDING_KEYS = (
    "code",
    "name",
    "severity",
    "message",
    "file",
    "line",
    "column",
    "record_id",
    "pointer",
    "help_uri",
)


def finding_dict(finding: Finding, rule: RuleMeta | None = None) -> dict[str, Any]:
    """``finding`` as a dict in :data:`FINDING_KEYS` order.

    ``help_uri`` falls back to the rule's page when the engine did not set one, so every
    finding in the report links to its documentation.
    """
    data = finding.to_dict()
    if data.get("help_uri") is None and rule is not None:
        data["help_uri"] = rule.help_uri
    return {key: data.get(key) for key in FINDING_KEYS}


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value``: dict keys sorted, tuples and sets as lists.

    Non-finite floats become ``null`` (``NaN`` is not JSON, and an agreement metric over an
    empty set is ``NaN``); anything else unknown becomes its ``str``, because a report must
    never fail to render over one odd metric.
    """
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=repr)
    if isinstance(value, enum.Enum):
        # Severity is an IntEnum: report its name ("error"), not its rank (3).
        return str(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    return str(value)


ITEMS = "\ue000rubricate:items\ue000"
"""Stands in a document for the list :func:`indented_json` streams (a private-use character,
which ``ensure_ascii=False`` leaves as it is, so the placeholder is found verbatim)."""


def indented_json(document: Any, items: Iterable[Any]) -> Iterator[str]:
    """``document`` as ``json.dumps(indent=2, ensure_ascii=False)`` renders it, with the one
    :data:`ITEMS` value in it replaced by the list ``items``, in pieces.

    The items are serialised one by one (orjson, with the standard library as a fallback for
    what orjson refuses, such as a lone surrogate in a message), so a report of a million
    findings never holds them all as objects and text at once: a 200,000-finding SARIF log
    needed 1.5 GB as one structure. The bytes are those of one ``json.dumps`` of the whole
    (tests compare them).
    """
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    head, tail = text.split(json.dumps(ITEMS, ensure_ascii=False))
    line = head[head.rfind("\n") + 1 :]
    outer = " " * (len(line) - len(line.lstrip(" ")))
    inner = outer + "  "
    listed = 0

    def entries() -> Iterator[str]:
        nonlocal listed
        for item in items:
            try:
                dumped = orjson.dumps(item, option=orjson.OPT_INDENT_2).decode()
            except (orjson.JSONEncodeError, TypeError):
                dumped = json.dumps(item, indent=2, ensure_ascii=False, allow_nan=False)
            yield ("[\n" if not listed else ",\n") + inner + dumped.replace("\n", "\n" + inner)
            listed += 1

    yield head
    yield from in_pieces(entries())
    yield ("\n" + outer + "]" if listed else "[]") + tail + "\n"


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s text in pieces (what ``-o`` and standard output write as they go)."""
    catalog = report.rule_catalog()
    document = {
        "findings": ITEMS,
        "summary": jsonable(report.summary),
        "metrics": jsonable(report.metrics),
    }
    return indented_json(document, (finding_dict(f, catalog.get(f.code)) for f in report.findings))


def render(report: Report) -> str:
    """Render ``report`` as pretty-printed JSON with a trailing newline."""
    return "".join(chunks(report))
