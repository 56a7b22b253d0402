"""A task, annotation or image id used twice in the source.

## What it checks
Ids that should be unique in the source file (Label Studio task and annotation ids, COCO image and annotation ids). Duplicate annotation ids are kept (records are per image or per annotation, so nothing collides); a duplicate image is skipped.

## Why it matters
Duplicate ids break the pointer back to the source (`meta.source`) and usually come from merging exports by hand.

## Failing example
```json
{"annotations": [{"id": 309, "image_id": 93}, {"id": 309, "image_id": 101}]}
```

## Passing example
```json
{"annotations": [{"id": 309, "image_id": 93}, {"id": 310, "image_id": 101}]}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP007"
NAME = "duplicate-source-id"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.INFO
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP007 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
