"""A source result the rubric payload cannot hold.

## What it checks
Results whose type has no equivalent in the rubric's label payload (polygons, keypoints, relations, chat messages, ...) and rectangle rotations, which `[x, y, w, h]` cannot express. Reported once per control and type per file.

## Why it matters
The converted record lacks this information; the finding says what was left out, so nobody assumes it was checked.

## Failing example
```json
{"from_name": "outline", "type": "polygonlabels", "value": {"points": [[1, 2], [3, 4], [5, 1]]}}
```

## Passing example
```json
{"from_name": "boxes", "type": "rectanglelabels", "original_width": 640, "original_height": 480, "value": {"x": 1, "y": 1, "width": 5, "height": 5, "rectanglelabels": ["car"]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP005"
NAME = "unsupported-result"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.INFO
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP005 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
