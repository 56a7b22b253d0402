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


_EVERY_PAIR_UP_TO = 8
"""Up to this many boxes comparing every pair is quickest. Crowded images (shelves, crowds,
litter: COCO-style data holds images with 90 and more boxes) go through a sweep instead: the
pairs grow with the square of the boxes, 11,000 at 150, and took 4 ms a record."""


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report each box that nearly repeats an earlier box of its category."""
    found = [b for b in boxes(record) if b[2][2] > 0 and b[2][3] > 0]
    if len(found) < 2:
        return ()
    threshold = options["iou"]
    if len(found) <= _EVERY_PAIR_UP_TO:
        repeats = every_pair(found, threshold)
    else:
        repeats = swept(found, threshold)
    problems = []
    for later, earlier, overlap in repeats:
        index, category, _ = found[later]
        problems.append(
            RecordProblem(
                f"box {index} duplicates box {found[earlier][0]} ({category}, IoU {overlap:.2f})",
                f"/label/boxes/{index}",
            )
        )
    return problems


Box = tuple[int, Any, tuple[float, float, float, float]]


_AXIS_FROM = 64
"""Categories with more boxes than this choose their sweep axis; fewer boxes cannot cost
much along either, and choosing costs more than it saves."""


def _sweep_axis(found: list[Box], members: list[int]) -> tuple[int, int]:
    """The axis to sweep ``members`` along, as ``(start, size)`` indexes into ``x, y, w, h``:
    the one where the boxes cover less of their spread (fewer overlap along it). A column of
    text lines shares its left margin, so every line meets every other along x, not along y.
    Either axis gives the same answer; this only decides how many pairs are compared."""
    boxes = [found[p][2] for p in members]
    lefts = [b[0] for b in boxes]
    tops = [b[1] for b in boxes]
    spread_x = max(b[0] + b[2] for b in boxes) - min(lefts)
    spread_y = max(b[1] + b[3] for b in boxes) - min(tops)
    cover_x = sum(b[2] for b in boxes) * spread_y  # Σw / spread_x, cross-multiplied
    cover_y = sum(b[3] for b in boxes) * spread_x
    return (1, 3) if cover_y < cover_x else (0, 2)


def every_pair(found: list[Box], threshold: float) -> list[tuple[int, int, float]]:
    """``(later, earlier, IoU)`` positions in ``found``: for each box that repeats an earlier
    one of its category, the first such earlier box. Compares every pair."""
    out = []
    for j in range(1, len(found)):
        _, category, box = found[j]
        for i in range(j):
            _, other_category, other = found[i]
            if other_category == category and (overlap := iou(box, other)) > threshold:
                out.append((j, i, overlap))
                break
    return out


def swept(found: list[Box], threshold: float) -> list[tuple[int, int, float]]:
    """What :func:`every_pair` returns, comparing only boxes that share a category and
    overlap along one axis.

    Per category, boxes are visited by their left edge (or by their top edge, when they
    cover less of their spread vertically: :func:`_sweep_axis`); the ones whose right edge lies left of the current box's left
    edge can overlap neither it nor any box after it, and leave the window. A positive IoU
    needs an overlap (the threshold is at least 0), and IoU is symmetric, so every pair
    :func:`every_pair` would accept is met once here. Exact copies of a box take its answer
    without entering the window.
    """
    groups: dict[Any, list[int]] = {}
    # Exact copies (same category and coordinates) are met through their first occurrence
    # only: all in one place, they would each meet every other in the window.
    originals: dict[tuple[Any, tuple[float, float, float, float]], int] = {}
    copies: list[tuple[int, int]] = []  # (position, position of its first occurrence)
    try:
        for position, (_, category, box) in enumerate(found):
            original = originals.setdefault((category, box), position)
            if original != position:
                copies.append((position, original))
                continue
            groups.setdefault(category, []).append(position)
    except TypeError:  # a category that is a list or an object (LBL009's finding)
        return every_pair(found, threshold)
    first: dict[int, tuple[int, float]] = {}  # later position -> (earliest match, IoU)
    for members in groups.values():
        if len(members) < 2:
            continue
        # Sweep along the axis where fewer boxes overlap: a column of text lines shares its
        # left margin (every line meets every other along x) but not its rows.
        start, size = _sweep_axis(found, members) if len(members) > _AXIS_FROM else (0, 2)
        window: list[tuple[float, int, tuple[float, float, float, float]]] = []  # far edge
        for left, position in sorted((found[p][2][start], p) for p in members):
            box = found[position][2]
            if window:
                window = [entry for entry in window if entry[0] > left]
                for _right, other, other_box in window:
                    overlap = iou(box, other_box)
                    if overlap > threshold:
                        later, earlier = max(position, other), min(position, other)
                        known = first.get(later)
                        if known is None or earlier < known[0]:
                            first[later] = (earlier, overlap)
            window.append((left + box[size], position, box))
    for position, original in copies:
        # A copy overlaps every box as its original does: its first match is the original's
        # first match, or else the original itself.
        known = first.get(original)
        if known is not None:
            first[position] = known
        elif (overlap := iou(found[original][2], found[original][2])) > threshold:
            first[position] = (original, overlap)
    return [(later, earlier, overlap) for later, (earlier, overlap) in sorted(first.items())]
