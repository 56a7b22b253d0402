"""A Label Studio annotation without `completed_by`.

## What it checks
Annotations with no `completed_by` (an int user id or a user object): the record gets no `annotator_id`.

## Why it matters
Agreement, annotator statistics and straight-lining checks need to know who labelled what.

## Failing example
```json
{"id": 5, "result": []}
```

## Passing example
```json
{"id": 5, "completed_by": 12, "result": []}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP008"
NAME = "annotator-unknown"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.INFO
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP008 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
