"""A box smaller than the rubric's minimum size.

## What it checks
That every box with a positive area (BOX002 reports the rest) is at least `min_px` pixels
wide and `min_px` pixels high.

## Why it matters
Rubrics set a minimum size below which objects are not labelled, because nobody can label
them consistently. Boxes below it are noise in training and in agreement.

## Failing example
With `min_px: 8`:
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 5, 50]}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 40, 50]}]}}
```

## Options
* `min_px` (number, default `1`): the smallest width and height, in pixels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.boxes import boxes, fmt

CODE = "BOX003"
NAME = "box-min-size"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "min_px": {
            "type": "number",
            "exclusiveMinimum": 0,
            "default": 1,
            "description": "Smallest box width and height, in pixels.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report positive-area boxes narrower or lower than ``min_px``."""
    minimum = options["min_px"]
    return [
        RecordProblem(
            f"box {index} ({category}) is {fmt(w)} x {fmt(h)} px; "
            f"the minimum is {fmt(minimum)} x {fmt(minimum)}",
            f"/label/boxes/{index}/bbox",
        )
        for index, category, (_x, _y, w, h) in boxes(record)
        if w > 0 and h > 0 and (w < minimum or h < minimum)
    ]
