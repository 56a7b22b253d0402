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
from collections.abc import Mapping
from typing import Any

from validate.findings import Finding
from validate.reporting.model import Report, RuleMeta

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


def render(report: Report) -> str:
    """Render ``report`` as pretty-printed JSON with a trailing newline."""
    catalog = report.rule_catalog()
    document = {
        "findings": [finding_dict(f, catalog.get(f.code)) for f in report.findings],
        "summary": jsonable(report.summary),
        "metrics": jsonable(report.metrics),
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
