"""Per-annotator accuracy against gold (reference) answers, as a mergeable accumulator.

Comparison modes:

- ``exact``: the given value equals the gold value.
- ``tolerance``: ordinal scales; ``|rank(given) − rank(gold)| ≤ tolerance``, ranks taken from
  ``value_order`` (the scale, lowest first) or the numeric values themselves.
- ``iou``: bounding boxes (COCO ``[x, y, w, h]``). A label is a list of boxes
  ``{"category": ..., "bbox": [x, y, w, h]}``; given and gold boxes are matched one-to-one per
  category, greedily by decreasing IoU (:func:`match_boxes`), a match needing
  ``IoU ≥ iou_threshold``. The unit of accuracy is then the gold box: correct = matched gold
  boxes, total = gold boxes (recall-like; extra given boxes are counted separately in
  :attr:`GoldAccuracy.extra_boxes`, not in the accuracy).

Repeated judgements count separately: each (annotator, item) judgement is compared with gold.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from validate.stats.agreement import sort_key

Mode = Literal["exact", "tolerance", "iou"]

__all__ = ["GoldAccuracy", "GoldResult", "iou", "match_boxes"]


def iou(a: Sequence[float], b: Sequence[float]) -> float:
    """Intersection over union of two ``[x, y, w, h]`` boxes (COCO: origin top-left).

    ``IoU = area(a ∩ b) / area(a ∪ b)``; 0 when the union is empty (two zero-area boxes).
    """
    ax, ay, aw, ah = (float(v) for v in a)
    bx, by, bw, bh = (float(v) for v in b)
    if aw < 0 or ah < 0 or bw < 0 or bh < 0:
        raise ValueError("box width and height must be non-negative")
    ix = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    union = aw * ah + bw * bh - inter
    return inter / union if union > 0 else 0.0


def _box_parts(box: Mapping[str, Any] | Sequence[Any]) -> tuple[Hashable, Sequence[float]]:
    if isinstance(box, Mapping):
        return box.get("category"), box["bbox"]
    category, bbox = box
    return category, bbox


def match_boxes(
    given: Iterable[Mapping[str, Any] | Sequence[Any]],
    gold: Iterable[Mapping[str, Any] | Sequence[Any]],
    threshold: float = 0.5,
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of ``given`` to ``gold`` boxes within each category.

    All same-category (given, gold) pairs with ``IoU ≥ threshold`` are taken in order of
    decreasing IoU (ties: lower gold index, then lower given index); a pair is kept when neither
    box is matched yet. This is the matching COCO evaluation uses (greedy by score/IoU), not the
    optimal assignment; for the usual case of well-separated boxes they agree.

    Boxes are ``{"category": c, "bbox": [x, y, w, h]}`` or ``(category, bbox)`` pairs. Returns
    ``(given_index, gold_index, iou)`` triples.
    """
    given_l = [_box_parts(b) for b in given]
    gold_l = [_box_parts(b) for b in gold]
    candidates: list[tuple[float, int, int]] = []
    for gi, (gcat, gbox) in enumerate(gold_l):
        for pi, (pcat, pbox) in enumerate(given_l):
            if pcat != gcat:
                continue
            value = iou(pbox, gbox)
            if value >= threshold:
                candidates.append((value, gi, pi))
    candidates.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_gold: set[int] = set()
    used_given: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for value, gi, pi in candidates:
        if gi in used_gold or pi in used_given:
            continue
        used_gold.add(gi)
        used_given.add(pi)
        out.append((pi, gi, value))
    return out


@dataclass(frozen=True)
class GoldResult:
    """One annotator's gold accuracy: ``accuracy = correct / total`` (None when total is 0)."""

    correct: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def as_tuple(self) -> tuple[int, int, float | None]:
        return self.correct, self.total, self.accuracy


class GoldAccuracy:
    """Per-annotator gold accuracy: ``add(annotator, item, given, gold)``, ``merge``, ``result``.

    State: per annotator ``[correct, total]`` (and extra boxes in ``iou`` mode), plus per-item
    gold counts for coverage reporting. Sums only, so merging is exact and order-free.
    """

    __slots__ = ("_counts", "_extra", "iou_threshold", "mode", "tolerance", "value_order")

    def __init__(
        self,
        mode: Mode = "exact",
        *,
        tolerance: float = 0,
        value_order: Sequence[Hashable] | None = None,
        iou_threshold: float = 0.5,
    ) -> None:
        if mode not in ("exact", "tolerance", "iou"):
            raise ValueError("mode must be 'exact', 'tolerance' or 'iou'")
        self.mode = mode
        self.tolerance = tolerance
        self.value_order = list(value_order) if value_order is not None else None
        self.iou_threshold = iou_threshold
        self._counts: dict[Hashable, list[int]] = {}
        self._extra: dict[Hashable, int] = {}

    def _rank(self, value: Any) -> float:
        if self.value_order is not None:
            try:
                return float(self.value_order.index(value))
            except ValueError:
                raise ValueError(f"value {value!r} not on the scale") from None
        return float(value)

    def compare(self, given: Any, gold: Any) -> tuple[int, int, int]:
        """``(correct, total, extra_boxes)`` for one judgement against its gold answer."""
        if self.mode == "exact":
            return int(given == gold), 1, 0
        if self.mode == "tolerance":
            ok = abs(self._rank(given) - self._rank(gold)) <= self.tolerance
            return int(ok), 1, 0
        given_boxes, gold_boxes = list(given or []), list(gold or [])
        matched = match_boxes(given_boxes, gold_boxes, self.iou_threshold)
        return len(matched), len(gold_boxes), len(given_boxes) - len(matched)

    def add(self, annotator: Hashable, item: Hashable, given: Any, gold: Any) -> None:
        """Compare one judgement (``given``) of ``item`` by ``annotator`` with ``gold``.

        ``given is None`` (no answer) counts as wrong; ``gold is None`` (no gold) is skipped.
        """
        if gold is None:
            return
        if given is None:
            correct, total, extra = 0, (len(gold) if self.mode == "iou" else 1), 0
        else:
            correct, total, extra = self.compare(given, gold)
        counts = self._counts.get(annotator)
        if counts is None:
            counts = self._counts[annotator] = [0, 0]
        counts[0] += correct
        counts[1] += total
        if extra:
            self._extra[annotator] = self._extra.get(annotator, 0) + extra

    def merge(self, other: GoldAccuracy) -> GoldAccuracy:
        if (other.mode, other.tolerance, other.iou_threshold) != (
            self.mode,
            self.tolerance,
            self.iou_threshold,
        ):
            raise ValueError("cannot merge gold accumulators with different settings")
        for annotator, (c, t) in other._counts.items():
            mine = self._counts.setdefault(annotator, [0, 0])
            mine[0] += c
            mine[1] += t
        for annotator, e in other._extra.items():
            self._extra[annotator] = self._extra.get(annotator, 0) + e
        return self

    def result(self) -> dict[Hashable, tuple[int, int, float | None]]:
        """``{annotator: (correct, total, accuracy)}``, annotators in deterministic order."""
        return {
            a: GoldResult(c, t).as_tuple()
            for a, (c, t) in sorted(self._counts.items(), key=lambda kv: sort_key(kv[0]))
        }

    def overall(self) -> tuple[int, int, float | None]:
        """Pooled ``(correct, total, accuracy)`` over all annotators."""
        c = sum(v[0] for v in self._counts.values())
        t = sum(v[1] for v in self._counts.values())
        return GoldResult(c, t).as_tuple()

    @property
    def extra_boxes(self) -> dict[Hashable, int]:
        """``iou`` mode: given boxes that matched no gold box, per annotator."""
        return dict(self._extra)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, GoldAccuracy):
            return NotImplemented
        return self._counts == other._counts and self._extra == other._extra

    __hash__ = None  # type: ignore[assignment]
