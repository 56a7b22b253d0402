"""A cancelled (skipped) Label Studio annotation.

## What it checks
Annotations with `was_cancelled: true`: the annotator skipped the task. No record is written for them.

## Why it matters
A skipped task is not a judgement; counting it would distort agreement and distributions. The finding keeps the skip visible (many skips on one task point at a broken item).

## Failing example
```json
{"id": 8, "was_cancelled": true, "result": []}
```

## Passing example
```json
{"id": 8, "was_cancelled": false, "result": [{"from_name": "overall", "type": "choices", "value": {"choices": ["positive"]}}]}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP003"
NAME = "cancelled-annotation"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.INFO
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP003 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
