"""A record that cannot be parsed.

## What it checks
That every line of a JSONL file (every element of a JSON array, every row of a CSV/TSV file)
parses as one JSON object: valid JSON, valid UTF-8, no `NaN` or `Infinity`, no line longer
than 8 MiB, nesting no deeper than 256 levels, an object rather than a list or a number; for
CSV/TSV, correct quoting and no more cells than the header has.

The reader finds these problems while streaming the file (`validate.lint.readers`) and
linting goes on with the next record; the finding points at the line and column where parsing
failed.

## Why it matters
A record that does not parse is a record nobody checked: its label is silently missing from
every statistic computed on the data set.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": NaN}}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": null}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.lint.readers import LBL_RECORD

CODE = LBL_RECORD
NAME = "unparseable-record"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "reader"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to do on a parsed record: the reader reports unparseable ones."""
    return ()
