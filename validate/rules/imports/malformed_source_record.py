"""A source record not in the format's shape.

## What it checks
Tasks, annotations, results, images, boxes, categories and pairs that are not what the format defines: not an object, an id (of a task, annotation, image, category or annotator) that is not a string or a number, a box on an unknown image or category, a rectangle without numeric coordinates, a `choices` value that is not a list, a pair without an assistant turn, a WMT MQM row with the wrong number of fields, without a `<v>...</v>` span, or whose source or target differs from its segment's first row.

## Why it matters
The record cannot be converted, so it is left out; without this finding the data would shrink silently.

## Failing example
```json
{"annotations": [{"id": 1, "image_id": 999, "category_id": 1, "bbox": [0, 0, 5, 5]}]}
```

## Passing example
```json
{"annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 5, 5]}]}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP011"
NAME = "malformed-source-record"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP011 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
