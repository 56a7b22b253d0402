"""A Label Studio task without annotations.

## What it checks
Tasks in an export whose `annotations` list is empty or missing. No record is written for them.

## Why it matters
An unlabelled task in an export usually means the work was not finished, or the export was taken too early.

## Failing example
```json
{"id": 2, "data": {"text": "..."}, "annotations": []}
```

## Passing example
```json
{"id": 2, "data": {"text": "..."}, "annotations": [{"id": 9, "result": []}]}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP004"
NAME = "empty-annotations"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP004 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
