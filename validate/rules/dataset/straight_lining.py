"""An annotator giving the same answer on nearly everything.

## What it checks
For rubrics with a `straight_lining` gate (`{max_share, min_records}`), the share of each
annotator's records that carry their most common *answer* (the whole payload's compared
values: all dimension scores together, the preference, the ranking; see DST001). An
annotator with at least `min_records` records (default 20) and a share at or above
`max_share` gets one finding at their first record, e.g.
`annotator ann-3: the same answer (4/4/4/4) on 38 of 40 records (0.95 >= 0.90)`.
Gold records do not count.

## Why it matters
Straight-lining is the classic sign of an annotator clicking through without reading:
the labels carry no information about the items. Compare with the data: where 90 % of
items truly are one class, a share of 0.9 is expected, so set `max_share` per rubric.

## Failing example
20 records of `likert_rating` by `ann-3`, all with scores 4/4/4/4.

## Passing example
The same annotator with varied scores.

## Options
None (the thresholds are the rubric's `straight_lining` gate).
"""

from __future__ import annotations

from typing import Any

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check
from validate.rules.dataset.profile import display
from validate.rules.dataset.table import counters_by_annotator, group_rows
from validate.stats.behaviour import StraightLining

CODE = "DST003"
NAME = "straight-lining"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

__all__ = ["ACCUMULATOR", "StraightLiningGate", "check"]


class StraightLiningGate(DatasetAccumulator):
    """Per rubric, per annotator: answer counts; first record of each annotator."""

    def _load(self) -> None:
        self.counts: dict[str, StraightLining] = {}
        self.first: dict[tuple[str, str], int] = {}
        table = self.table
        for rubric in table.rubric_ids():
            cols = table.columns(rubric)
            assert cols is not None
            answers, values = cols.answers()
            kept = ~cols.gold & (cols.annotator >= 0) & (answers >= 0)
            if not kept.any():
                continue
            who, where = cols.annotator[kept], cols.where[kept]
            acc = self.counts[rubric] = StraightLining(min_records=1)
            acc._counts = counters_by_annotator(table, who, answers[kept], values)
            keys, _, first = group_rows(who, where)
            for code, w in zip(keys.tolist(), where[first].tolist(), strict=True):
                self.first[(rubric, table.annotator_name(code))] = w

    def finish(self) -> list[DatasetProblem]:
        """One problem per straight-lining annotator."""
        problems = []
        self.flagged: set[tuple[str, str]] = set()
        self._load()
        for rubric in sorted(self.counts):
            gate = self.context.gates(rubric).get("straight_lining")
            if not gate:
                continue
            max_share = float(gate["max_share"])
            min_records = int(gate.get("min_records", 20))
            for annotator, stats in self.counts[rubric].result().items():
                if stats.records < min_records or stats.share < max_share:
                    continue
                self.flagged.add((rubric, str(annotator)))
                problems.append(
                    DatasetProblem(
                        where=self.first[(rubric, annotator)],  # type: ignore[index]
                        message=(
                            f"annotator {annotator}: the same answer ({display(stats.top_value)}) "
                            f"on {stats.top_count} of {stats.records} records "
                            f"({stats.share:.2f} >= {max_share:.2f}; rubric {rubric})"
                        ),
                        pointer="/label",
                        resolve_id=True,
                    )
                )
        return problems


ACCUMULATOR = StraightLiningGate
