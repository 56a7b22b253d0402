"""A box that reaches outside the image.

## What it checks
For every box `[x, y, w, h]` of `label.boxes`, with `item.image.width` W and `height` H:
`x >= 0`, `y >= 0`, `x + w <= W` and `y + h <= H`, each allowing `tolerance_px` pixels of
slack. Skipped when the image size is unknown (BOX005 reports that).

## Why it matters
A box outside the image is a drawing or conversion error (a VOC `xmax, ymax` read as
`w, h`, an off-by-one at the border). Training crops and IoU computations silently clip
or break on it.

## Failing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [600, -1, 80, 100]}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [560, 0, 80, 100]}]}}
```

## Options
* `tolerance_px` (number, default `0`): how far a box may reach past an edge, in pixels.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.boxes import boxes, fmt, image_size

CODE = "BOX001"
NAME = "box-inside-image"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "tolerance_px": {
            "type": "number",
            "minimum": 0,
            "default": 0,
            "description": "Slack past each image edge, in pixels.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every box edge outside the image."""
    size = image_size(record)
    if size is None:
        return ()
    width, height = size
    tol = options["tolerance_px"]
    problems = []
    for index, category, (x, y, w, h) in boxes(record):
        outside = []
        if x < -tol:
            outside.append(f"x = {fmt(x)} < 0")
        if y < -tol:
            outside.append(f"y = {fmt(y)} < 0")
        if x + w > width + tol:
            outside.append(f"x + w = {fmt(x + w)} > width {fmt(width)}")
        if y + h > height + tol:
            outside.append(f"y + h = {fmt(y + h)} > height {fmt(height)}")
        if outside:
            problems.append(
                RecordProblem(
                    f"box {index} ({category}) reaches outside the image: {'; '.join(outside)}",
                    f"/label/boxes/{index}/bbox",
                )
            )
    return problems
