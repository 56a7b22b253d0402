"""Two boxes of the same category on (nearly) the same spot.

## What it checks
For every pair of positive-area boxes of the same category in one record, that their
intersection over union (IoU) is at most `iou`. The later box of a pair is reported and the
earlier one named.

## Why it matters
A near-duplicate box is almost always a double click or a merge of two annotation passes.
It counts one object twice, which inflates object counts and penalises a detector for
"missing" a box that does not exist.

## Failing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 100, 100]}, {"category": "dog", "bbox": [101, 100, 100, 100]}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640, "height": 480}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 100, 100]}, {"category": "dog", "bbox": [300, 100, 100, 100]}]}}
```

## Options
* `iou` (number between 0 and 1, default `0.9`): the IoU above which two boxes of one
  category are duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.boxes import boxes

CODE = "BOX004"
NAME = "box-duplicate"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "iou": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "default": 0.9,
            "description": "IoU above which two same-category boxes are duplicates.",
        }
    },
    "additionalProperties": False,
}


def iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Intersection over union of two ``[x, y, w, h]`` boxes with positive area."""
    ix = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    iy = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if ix <= 0 or iy <= 0:
        return 0.0
    inter = ix * iy
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report each box that nearly repeats an earlier box of its category."""
    found = [b for b in boxes(record) if b[2][2] > 0 and b[2][3] > 0]
    if len(found) < 2:
        return ()
    threshold = options["iou"]
    problems = []
    for j in range(1, len(found)):
        index, category, box = found[j]
        for earlier, other_category, other in found[:j]:
            if other_category == category and (overlap := iou(box, other)) > threshold:
                problems.append(
                    RecordProblem(
                        f"box {index} duplicates box {earlier} ({category}, IoU {overlap:.2f})",
                        f"/label/boxes/{index}",
                    )
                )
                break
    return problems
