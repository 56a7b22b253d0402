"""A `rubric_version` the rubric never had.

## What it checks
That a record's `rubric_version`, when present, is the rubric's current `version` or a
version listed in its `changelog`.

The versions are part of the compiled schema (an `enum` on `rubric_version`), so the check
costs nothing per record; a `rubric_version` that is not a string is LBL003's.

## Why it matters
Labels made under another version of the guidelines may follow other anchors; mixing them
unknowingly biases agreement and gold accuracy. A version the rubric never declared is a
typo or a label from someone else's rubric.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "rubric_version": "1.1", "label": {}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "rubric_version": "1.0.0", "label": {}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "LBL005"
NAME = "unknown-rubric-version"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "engine"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """The same check in Python (the engine uses the compiled schema instead)."""
    version = record.get("rubric_version")
    if version is None or not isinstance(version, str) or version in rubric.versions:
        return ()
    known = ", ".join(sorted(rubric.versions)) or "none"
    return (
        RecordProblem(
            f"rubric {rubric.id!r} has no version {version!r} (declared: {known})",
            "/rubric_version",
        ),
    )
