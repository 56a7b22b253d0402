"""A label file without a single record.

## What it checks
That each input file holds at least one record. Blank lines do not count. A file that cannot
be read at all is reported by LBL002 instead; a file whose every line fails to parse is
reported line by line by LBL001, not here.

## Why it matters
An empty export usually means the export failed; a CI gate that passes on it gates nothing.

## Failing example
A `labels.jsonl` of zero bytes, or only blank lines.

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

CODE = "LBL008"
NAME = "empty-label-file"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "engine"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing per record: the engine counts each file's records."""
    return ()
