"""A label file that cannot be read.

## What it checks
That each input file can be opened and read to its end: it exists and is readable, its gzip
data is complete and not corrupt, a `.json` file is one well-formed JSON array, a CSV/TSV
header is valid (no empty, duplicated or conflicting column names), the text is UTF-8 (a
UTF-16 or UTF-32 file, known by its byte order mark or by NUL bytes beside ASCII characters,
is one finding at 1:1 naming its encoding, not one per line) and the format can be told from
the name or the content.

The reader finds these problems; the finding is at line 0 when the file cannot be opened at
all, otherwise at the last line read whole. Records read before the failure are still linted.

## Why it matters
A truncated download or a half-written export looks like a smaller data set, not like an
error, unless the linter says so.

## Failing example
A `labels.jsonl.gz` whose last block was cut off by a failed upload:
`labels.jsonl.gz:0:0: LBL002 gzip data is truncated after line 81,920; the rest of the file is lost`

## Passing example
The same file, downloaded again completely (`gzip -t labels.jsonl.gz` passes).

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.lint.readers import LBL_FILE

CODE = LBL_FILE
NAME = "unreadable-file"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
FOUND_BY = "reader"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to do on a parsed record: the reader reports unreadable files."""
    return ()
