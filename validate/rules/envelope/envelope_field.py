"""A record envelope field that is missing or has the wrong type.

## What it checks
The fields every label record shares (DESIGN.md, "Record envelope"):

* `id` (non-empty string) and `label` (object) are required; `rubric` (string) is required
  unless `rubric` is given by `--rubric` or the configuration;
* `rubric_version`, `item_id` and `annotator_id` are non-empty strings, `item` is an object,
  `gold` is `true` or `false`;
* `duration_s` is a number `>= 0`;
* `created_at` is an RFC 3339 date-time with a time zone (`2026-11-01T10:22:03Z`); the format
  is checked, not only the type.

Other top-level fields are allowed. The label payload itself is checked by LBL009.
The check is one compiled JSON Schema ([`ENVELOPE_SCHEMA`](#)) run by `jsonschema-rs`
together with the rubric's label schema; each violation is one finding with the JSON
Pointer of the field.

## Why it matters
Agreement, gold accuracy and annotator statistics group records by these fields. A
`duration_s` of `-3` or a `created_at` of `"yesterday"` silently corrupts every report built
on them.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "gold": "no", "created_at": "2026-11-01 10:22", "label": {}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "gold": false, "created_at": "2026-11-01T10:22:03Z", "label": {}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "LBL003"
NAME = "envelope-field"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "engine"

_TEXT = {"type": "string", "minLength": 1}

ENVELOPE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "label"],
    "properties": {
        "id": _TEXT,
        "rubric": _TEXT,
        "rubric_version": _TEXT,
        "item_id": _TEXT,
        "annotator_id": _TEXT,
        "item": {"type": "object"},
        "label": {"type": "object"},
        "gold": {"type": "boolean"},
        "duration_s": {"type": "number", "minimum": 0},
        "created_at": {"type": "string", "format": "date-time"},
    },
}
"""The envelope as JSON Schema (draft 2020-12). The engine puts the rubric's label schema
under ``properties.label.allOf`` and compiles the result once per rubric."""


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing here: the engine validates the envelope with the compiled schema."""
    return ()
