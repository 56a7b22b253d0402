"""An annotator's accuracy on gold items below the rubric's gate.

## What it checks
Records with `gold: true` are the reference answers for their `item_id` (within the same
rubric; the first gold record of an item wins); `--gold FILE` adds reference answers from a
separate file (every record in it counts as gold, and it wins over gold records in the
data). Every other judgement of a gold item is compared with the reference, value by value
(see DST001 for what a value is):

- labels and multi-select sets: exact (set equality);
- ordinal and numeric scales: within `gold_accuracy.tolerance` scale steps (default 0);
- rankings: each pair of responses ordered as in gold counts as correct;
- boxes: gold boxes matched one-to-one by a given box of the same category with
  IoU >= `gold_accuracy.iou` (default 0.5); accuracy is matched gold boxes / gold boxes.

An annotator with at least `min_judgements` compared values whose accuracy is below
`gold_accuracy.minimum` gets one finding at their first wrong answer, e.g.
`annotator ann-07: gold accuracy 0.52 (13/25) below 0.80 (rubric likert_rating)`.

## Why it matters
Gold (test) questions are how crowdsourcing platforms measure each worker: an annotator
who misses them is likely wrong on the items nobody checked.

## Failing example
```json
{"id": "g1", "rubric": "sentiment_analysis", "item_id": "t1", "gold": true, "label": {"overall": "positive", "emotions": ["joy"], "aspects": []}}
{"id": "r1", "rubric": "sentiment_analysis", "item_id": "t1", "annotator_id": "ann-7", "label": {"overall": "negative", "emotions": ["anger"], "aspects": []}}
```
(with enough such items for `min_judgements`).

## Passing example
The same with `ann-7` giving the gold answer.

## Options
- `min_judgements` (integer, default 5): fewer compared values give no finding.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check, fmt
from validate.rules.dataset.profile import Dimension, ranking_pairs
from validate.rules.dataset.table import group_rows
from validate.stats.gold import match_boxes

CODE = "DST002"
NAME = "gold-accuracy-below-gate"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {"min_judgements": {"type": "integer", "minimum": 1, "default": 5}},
    "additionalProperties": False,
}

__all__ = ["ACCUMULATOR", "GoldGate", "check", "compare"]


def _rank(dim: Dimension, value: Any) -> float | None:
    if dim.order and value in dim.order:
        return float(dim.order.index(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def compare(dim: Dimension, given: Any, gold: Any, gate: dict[str, Any]) -> tuple[int, int]:
    """``(correct, total)`` for one value against its gold value (``(0, 0)``: no gold)."""
    if gold is None:
        return 0, 0
    if dim.kind == "boxes":
        if given is None:
            return 0, len(gold)
        threshold = float(gate.get("iou", 0.5))
        boxes = [(c, b) for c, b in given]
        return len(match_boxes(boxes, [(c, b) for c, b in gold], threshold)), len(gold)
    if dim.kind == "ranking":
        gold_pairs = ranking_pairs(gold)
        if given is None:
            return 0, len(gold_pairs)
        mine = {(a, b): above for a, b, above in ranking_pairs(given)}
        return sum(mine.get((a, b)) == above for a, b, above in gold_pairs), len(gold_pairs)
    if given is None:
        return 0, 1
    tolerance = float(gate.get("tolerance", 0) or 0)
    if tolerance > 0 and dim.level in ("ordinal", "interval") and dim.kind == "scalar":
        a, b = _rank(dim, given), _rank(dim, gold)
        if a is not None and b is not None:
            return int(abs(a - b) <= tolerance), 1
    return int(given == gold), 1


class GoldGate(DatasetAccumulator):
    """In-file gold answers and the judgements of the items that have a reference."""

    def _load(self) -> None:
        self._gold: dict[tuple[str, str], tuple[int, tuple[Any, ...]]] = {}
        self._given: dict[tuple[str, str], list[tuple[str, tuple[Any, ...], int]]] = {}
        table = self.table
        external: dict[str, set[str]] = {}
        for rubric, item in self.context.gold:
            external.setdefault(rubric, set()).add(item)
        for rubric in table.rubric_ids():
            cols = table.columns(rubric)
            assert cols is not None
            gold = cols.gold & (cols.item >= 0)
            rows = np.flatnonzero(gold)
            keys, _, first = group_rows(cols.item[rows], cols.where[rows])
            for code, row in zip(keys.tolist(), rows[first].tolist(), strict=True):
                self._gold[(rubric, table.item_name(code))] = (
                    int(cols.where[row]),
                    cols.row_values(row),
                )
            codes = [
                table.items.codes[i] for i in external.get(rubric, ()) if i in table.items.codes
            ]
            referenced = np.union1d(keys, np.asarray(codes, dtype=np.int64))
            judged = ~cols.gold & (cols.annotator >= 0) & np.isin(cols.item, referenced)
            for row in np.flatnonzero(judged).tolist():
                key = (rubric, table.item_name(int(cols.item[row])))
                self._given.setdefault(key, []).append(
                    (
                        table.annotator_name(int(cols.annotator[row])),
                        cols.row_values(row),
                        int(cols.where[row]),
                    )
                )
        self._loaded = True

    @property
    def gold(self) -> dict[tuple[str, str], tuple[int, tuple[Any, ...]]]:
        """In-file gold answers: ``(rubric, item) -> (first place, values)``."""
        if not getattr(self, "_loaded", False):
            self._load()
        return self._gold

    @property
    def given(self) -> dict[tuple[str, str], list[tuple[str, tuple[Any, ...], int]]]:
        """Judgements of items with a reference: ``(rubric, item) -> [(annotator, values,
        place)]`` in input order."""
        if not getattr(self, "_loaded", False):
            self._load()
        return self._given

    def reference(self, key: tuple[str, str]) -> tuple[Any, ...] | None:
        """The gold answer of an item: ``--gold`` first, then the data's."""
        found = self.context.gold.get(key)
        if found is not None:
            return found
        own = self.gold.get(key)
        return own[1] if own is not None else None

    def results(self) -> dict[str, dict[str, Any]]:
        """Per rubric: ``{"annotators": {a: [correct, total, first_wrong, first]},
        "confusion": {dimension: Counter((gold, given))}, "items": n, "overall": [c, t]}``."""
        out: dict[str, dict[str, Any]] = {}
        for key in sorted(self.given):
            gold = self.reference(key)
            if gold is None:
                continue
            rubric = key[0]
            profile = self.context.profiles.get(rubric)
            if profile is None:
                continue
            gate = self.context.gates(rubric).get("gold_accuracy") or {}
            entry = out.setdefault(
                rubric, {"annotators": {}, "confusion": {}, "items": 0, "overall": [0, 0]}
            )
            entry["items"] += 1
            for annotator, values, where in self.given[key]:
                row = entry["annotators"].setdefault(annotator, [0, 0, None, where])
                row[3] = min(row[3], where)
                for dim, given, ref in zip(profile.dimensions, values, gold, strict=True):
                    correct, total = compare(dim, given, ref, gate)
                    if not total:
                        continue
                    row[0] += correct
                    row[1] += total
                    entry["overall"][0] += correct
                    entry["overall"][1] += total
                    if correct < total and (row[2] is None or where < row[2]):
                        row[2] = where
                    if dim.kind in ("scalar", "set") and dim.level != "interval":
                        conf = entry["confusion"].setdefault(dim.name, Counter())
                        conf[(ref, given)] += 1
        return out

    def finish(self) -> list[DatasetProblem]:
        """One problem per annotator below the gate."""
        minimum_n = int(self.options.get("min_judgements", 5))
        problems = []
        self.flagged: set[tuple[str, str]] = set()
        self._load()
        for rubric, entry in self.results().items():
            gate = self.context.gates(rubric).get("gold_accuracy")
            if not gate:
                continue
            for annotator, (correct, total, first_wrong, first) in entry["annotators"].items():
                if total < minimum_n or correct / total >= gate["minimum"]:
                    continue
                self.flagged.add((rubric, annotator))
                problems.append(
                    DatasetProblem(
                        where=first_wrong if first_wrong is not None else first,
                        message=(
                            f"annotator {annotator}: gold accuracy {fmt(correct / total)} "
                            f"({correct}/{total}) below {gate['minimum']:.2f} (rubric {rubric})"
                        ),
                        pointer="/annotator_id",
                        resolve_id=True,
                    )
                )
        return problems


ACCUMULATOR = GoldGate
