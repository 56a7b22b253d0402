"""Bounding-box rules (``BOX``): COCO ``[x, y, w, h]`` boxes against the image and each other."""

from __future__ import annotations

from typing import Any


def is_number(value: Any) -> bool:
    """A JSON number (``true`` is not one, though Python says it is an int)."""
    return value.__class__ is int or value.__class__ is float


_NUMBER = (int, float)
_last: list[Any] = [None, None]  # one-slot cache: the box rules run back to back on a record


def boxes(record: dict[str, Any]) -> list[tuple[int, Any, tuple[float, float, float, float]]]:
    """``(index, category, (x, y, w, h))`` of every well-formed box of ``label.boxes``.

    Malformed boxes (not an object, a ``bbox`` that is not four numbers) are LBL009's and are
    left out, so the box rules never guess. The result of the last record is kept, so the
    five box rules parse a record's boxes once.
    """
    if _last[0] is record:
        return _last[1]
    label = record.get("label")
    items = label.get("boxes") if label.__class__ is dict else None
    out = []
    if items.__class__ is list:
        number = _NUMBER
        for index, box in enumerate(items):
            if box.__class__ is not dict:
                continue
            bbox = box.get("bbox")
            if bbox.__class__ is list and len(bbox) == 4:
                x, y, w, h = bbox
                if (
                    x.__class__ in number
                    and y.__class__ in number
                    and w.__class__ in number
                    and h.__class__ in number
                ):
                    out.append((index, box.get("category"), (x, y, w, h)))
    _last[0] = record
    _last[1] = out
    return out


def image_size(record: dict[str, Any]) -> tuple[float, float] | None:
    """``(width, height)`` of ``item.image`` when both are positive numbers, else None."""
    item = record.get("item")
    image = item.get("image") if item.__class__ is dict else None
    if image.__class__ is not dict:
        return None
    width, height = image.get("width"), image.get("height")
    if is_number(width) and is_number(height) and width > 0 and height > 0:
        return width, height
    return None


def fmt(value: float) -> str:
    """A coordinate as written: ``12`` or ``12.5``."""
    return f"{value:g}" if isinstance(value, float) else str(value)
