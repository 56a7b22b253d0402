"""A Label Studio rectangle without the image's original size.

## What it checks
That every `rectanglelabels` result carries `original_width` and `original_height`, the image size in pixels that Label Studio stores with each region.

## Why it matters
Label Studio stores boxes in percent of the image. Without the pixel size the box cannot be converted to COCO pixels, so it is left out of the record.

## Failing example
```json
{"from_name": "boxes", "type": "rectanglelabels", "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rectanglelabels": ["car"]}}
```

## Passing example
```json
{"from_name": "boxes", "type": "rectanglelabels", "original_width": 640, "original_height": 480, "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rectanglelabels": ["car"]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP002"
NAME = "missing-original-size"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP002 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
