"""A box with zero or negative width or height.

## What it checks
That every box `[x, y, w, h]` of `label.boxes` has `w > 0` and `h > 0`.

## Why it matters
A zero-area box is a misclick; a negative one is usually corner coordinates
(`xmax, ymax`) stored where COCO expects width and height. Either breaks IoU, so agreement
and gold accuracy on the image are wrong.

## Failing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 0, 50]}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 40, 50]}]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.boxes import boxes, fmt

CODE = "BOX002"
NAME = "box-positive-area"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report boxes without a positive width and height."""
    return [
        RecordProblem(
            f"box {index} ({category}) has no area: width {fmt(w)}, height {fmt(h)}",
            f"/label/boxes/{index}/bbox",
        )
        for index, category, (_x, _y, w, h) in boxes(record)
        if w <= 0 or h <= 0
    ]
