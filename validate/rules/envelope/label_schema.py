"""A label payload that does not match its rubric's label schema.

## What it checks
That each record's `label` validates against the JSON Schema its rubric declares under
`label.schema` (with the `x-scale` and `x-dimension-scores` shorthands expanded). The schema
is compiled once per run with `jsonschema-rs` (formats checked); valid labels cost one call,
and an invalid label gets one finding per violation, located by JSON Pointer
(`/label/scores/helpfulness`). A field the schema does not allow is reported at the field,
with the closest allowed name when there is one (`/label/scores/honsty: unknown field
'honsty' (did you mean 'honesty'?)`).

Split with the task rules: where a task rule owns a part of the payload, the compiled schema
leaves that part to it, so one problem is reported once. LKT001 owns the *values* of
`label.scores` (a score `"4"`, `4.5`, `4.0` or `7`, and a missing required dimension) and
LKT002 owns `null` scores; RNK001 and RNK002 own the elements of `label.ranking` (ids,
repeats, ties). LBL009 still reports an unknown dimension, a `scores` that is not an object,
a `ranking` that is not an array, and everything else in the payload.

## Why it matters
The schema is the contract between the labelling tool and everything downstream; a label
that breaks it breaks training and reporting code in ways that are hard to trace.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4, "style": 3}}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "LBL009"
NAME = "label-schema"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "engine"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing here: the engine runs the compiled schema together with the envelope's."""
    return ()
