"""An annotator working implausibly fast.

## What it checks
The `duration_s` of each annotator's records (records without it are not considered). An
annotator with at least `min_records` timed records (default 5) is flagged when their
median time is below the rubric's `min_seconds` gate, or below `factor` (default 0.25)
times the median of everybody's records for that rubric. The finding points at their
first record under the limit and gives the numbers, e.g.
`annotator ann-9: median 3.1 s below min_seconds 10 (14 of 15 records faster); population
median 41.0 s`. Gold records do not count.

## Why it matters
Work done faster than the task can be read is guessed: crowdsourcing platforms (Prolific,
Toloka) reject or ban submissions that are "exceptionally fast". The median is used, not
single records, so one quick answer to an easy item is not a flag.

## Failing example
Five `likert_rating` records by `ann-9` with `duration_s` 2, 3, 2, 4, 3 (gate
`min_seconds: 10`).

## Passing example
The same with `duration_s` 35, 40, 28, 51, 44.

## Options
- `factor` (number, default 0.25): flag a median below this share of the population's.
- `min_records` (integer, default 5): annotators with fewer timed records are not judged.
"""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check
from validate.rules.dataset.table import group_rows
from validate.stats.behaviour import Speed, SpeedStats

CODE = "DST004"
NAME = "implausibly-fast"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "factor": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.25},
        "min_records": {"type": "integer", "minimum": 1, "default": 5},
    },
    "additionalProperties": False,
}

__all__ = ["ACCUMULATOR", "SpeedGate", "check"]


class SpeedGate(DatasetAccumulator):
    """Per rubric: durations per annotator; first record and first fast record."""

    def _load(self) -> None:
        """Durations per annotator (:class:`Speed`) and first places, from the table."""
        self.speed: dict[str, Speed] = {}
        self.first: dict[tuple[str, str], int] = {}
        self.first_fast: dict[tuple[str, str], int] = {}
        table = self.table
        for rubric in table.rubric_ids():
            cols = table.columns(rubric)
            assert cols is not None
            timed = ~cols.gold & (cols.annotator >= 0) & ~np.isnan(cols.duration)
            if not timed.any():
                continue
            who, durations, where = cols.annotator[timed], cols.duration[timed], cols.where[timed]
            acc = self.speed[rubric] = Speed()
            order = np.argsort(who, kind="stable")
            keys, counts, first = group_rows(who, where)
            for code, chunk, row in zip(
                keys.tolist(),
                np.split(durations[order], np.cumsum(counts)[:-1]),
                first.tolist(),
                strict=True,
            ):
                name = table.annotator_name(code)
                acc._durations[name] = array("d", chunk.tobytes())
                self.first[(rubric, name)] = int(where[row])
            limit = self.context.gates(rubric).get("min_seconds")
            if limit is not None:
                fast = durations < limit
                keys, _, first = group_rows(who[fast], where[fast])
                for code, w in zip(keys.tolist(), where[fast][first].tolist(), strict=True):
                    self.first_fast[(rubric, table.annotator_name(code))] = w

    def results(self, rubric: str) -> dict[Any, SpeedStats]:
        """Per-annotator speed statistics for ``rubric`` (``below_min`` uses the gate)."""
        if not hasattr(self, "speed"):
            self._load()
        acc = self.speed.get(rubric)
        if acc is None:
            return {}
        acc.min_seconds = float(self.context.gates(rubric).get("min_seconds") or 0.0)
        return acc.result()

    def finish(self) -> list[DatasetProblem]:
        """One problem per implausibly fast annotator."""
        factor = float(self.options.get("factor", 0.25))
        min_records = int(self.options.get("min_records", 5))
        problems = []
        self.flagged: set[tuple[str, str]] = set()
        self._load()
        for rubric in sorted(self.speed):
            limit = self.context.gates(rubric).get("min_seconds")
            for annotator, stats in self.results(rubric).items():
                if stats.records < min_records:
                    continue
                key = (rubric, annotator)
                pop = stats.population_median_s
                if limit is not None and stats.median_s < limit:
                    why = (
                        f"median {stats.median_s:.1f} s below min_seconds {limit:g} "
                        f"({stats.below_min} of {stats.records} records faster)"
                    )
                    where = self.first_fast.get(key, self.first[key])  # type: ignore[arg-type]
                elif pop > 0 and stats.median_s < factor * pop:
                    why = (
                        f"median {stats.median_s:.1f} s below {factor:g} x the population "
                        f"median ({stats.records} records)"
                    )
                    where = self.first[key]  # type: ignore[index]
                else:
                    continue
                self.flagged.add((rubric, str(annotator)))
                problems.append(
                    DatasetProblem(
                        where=where,
                        message=(
                            f"annotator {annotator}: {why}; population median {pop:.1f} s "
                            f"(rubric {rubric})"
                        ),
                        pointer="/duration_s",
                        resolve_id=True,
                    )
                )
        return problems


ACCUMULATOR = SpeedGate
