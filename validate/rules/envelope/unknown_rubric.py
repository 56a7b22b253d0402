"""A record labelled against a rubric the project does not have.

## What it checks
That each record's `rubric` (or the default given by `--rubric` / the `rubric` setting) is
the id of a rubric under `rubrics/` in the project being linted against (`--root`).

A record without `rubric` and without a default is reported by LBL003 instead.

## Why it matters
A misspelt rubric id means none of the rubric's rules run on the record: it would pass
unchecked.

## Failing example
```json
{"id": "r1", "rubric": "likert_ratings", "label": {"scores": {}}}
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

CODE = "LBL004"
NAME = "unknown-rubric"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "engine"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing here: the engine resolves rubrics before any record rule runs."""
    return ()
