"""A box record whose image size is missing or not positive.

## What it checks
That a record with boxes has `item.image.width` and `item.image.height`, both positive
numbers (pixels). Without them BOX001 cannot check that boxes are inside the image.

## Why it matters
Boxes are only meaningful against the image they were drawn on; a missing size usually
means the item was exported without its metadata, and every box on it goes unchecked.

## Failing example
```json
{"id": "r1", "rubric": "bounding_box", "item": {"image": {"width": 640}}, "label": {"boxes": [{"category": "dog", "bbox": [100, 100, 40, 50]}]}}
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
from validate.rules.boxes import image_size

CODE = "BOX005"
NAME = "image-size-missing"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a record with boxes and no usable image size."""
    label = record.get("label")
    if label.__class__ is not dict or not label.get("boxes"):
        return ()
    if image_size(record) is not None:
        return ()
    return (
        RecordProblem(
            "item.image.width and item.image.height must be positive numbers (pixels); "
            "the boxes cannot be checked against the image",
            "/item/image",
        ),
    )
