"""An annotator whose label distribution is far from everybody else's.

## What it checks
For every compared single-value dimension (labels, scale scores, preferences; not rankings
or boxes), the total variation distance between one annotator's distribution of values
and the distribution of all *other* annotators' values on the same rubric and dimension
(leave-one-out). An annotator with at least `min_records` values and a distance above
`max_distance` gets one finding (their worst dimension) at their first record, e.g.
`annotator ann-4: dimension overall: label distribution 0.62 from the others' (> 0.50):
negative 80%, others: negative 21%`. A warning: a specialist given harder items may
legitimately differ.

## Why it matters
A distance of 0.6 means 60 % of the annotator's labels would have to change category to
look like everyone else's: a sign of a misunderstood guideline, a reversed scale, or a
bias (always "safe", always "b").

## Failing example
20 `sentiment_analysis` records by `ann-4` all `negative` while the other annotators' are
mostly `positive`.

## Passing example
The same annotator with a mix close to the others'.

## Options
- `max_distance` (number, default 0.5): flag a total variation distance above this.
- `min_records` (integer, default 20): annotators with fewer values are not judged.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check
from validate.rules.dataset.table import counters_by_annotator, group_rows
from validate.stats.agreement import sort_key
from validate.stats.behaviour import LabelDistribution

CODE = "DST006"
NAME = "label-distribution-outlier"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "max_distance": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
        "min_records": {"type": "integer", "minimum": 1, "default": 20},
    },
    "additionalProperties": False,
}

__all__ = ["ACCUMULATOR", "DistributionGate", "check"]


class DistributionGate(DatasetAccumulator):
    """Per (rubric, dimension): value counts per annotator; first record per annotator."""

    def _load(self) -> None:
        self.dist: dict[tuple[str, int], LabelDistribution] = {}
        self.first: dict[tuple[str, str], int] = {}
        table = self.table
        for rubric in table.rubric_ids():
            cols = table.columns(rubric)
            profile = self.context.profiles.get(rubric)
            assert cols is not None and profile is not None
            judged = ~cols.gold & (cols.annotator >= 0)
            seen = np.zeros(judged.size, dtype=bool)
            for index, dim in enumerate(profile.dimensions):
                if dim.kind not in ("scalar", "set"):
                    continue
                kept = judged & (cols.values[index] >= 0)
                if not kept.any():
                    continue
                seen |= kept
                acc = self.dist[(rubric, index)] = LabelDistribution(min_records=1)
                acc._counts = counters_by_annotator(
                    table,
                    cols.annotator[kept],
                    cols.values[index][kept],
                    cols.vocabs[index].values,
                )
            who, where = cols.annotator[seen], cols.where[seen]
            keys, _, first = group_rows(who, where)
            for code, w in zip(keys.tolist(), where[first].tolist(), strict=True):
                self.first[(rubric, table.annotator_name(code))] = w

    def finish(self) -> list[DatasetProblem]:
        """One problem per outlying annotator (their worst dimension)."""
        max_distance = float(self.options.get("max_distance", 0.5))
        min_records = int(self.options.get("min_records", 20))
        worst: dict[tuple[str, str], tuple[float, str, str]] = {}
        self._load()
        for (rubric, index), acc in sorted(self.dist.items()):
            acc.min_records = min_records
            profile = self.context.profiles.get(rubric)
            assert profile is not None
            dim = profile.dimensions[index]
            pop = acc.population()
            for annotator, distance in acc.result().items():
                if distance <= max_distance:
                    continue
                key = (rubric, str(annotator))
                if key in worst and worst[key][0] >= distance:
                    continue
                mine = acc._counts[annotator]
                top = min(mine, key=lambda v: (-mine[v], sort_key(v)))
                rest = pop - mine
                share = mine[top] / mine.total()
                other = rest[top] / rest.total() if rest.total() else 0.0
                detail = f"{top} {share:.0%}, others: {top} {other:.0%}"
                worst[key] = (distance, dim.name, detail)
        problems = []
        self.flagged: set[tuple[str, str]] = set(worst)
        for (rubric, annotator), (distance, name, detail) in sorted(worst.items()):
            problems.append(
                DatasetProblem(
                    where=self.first[(rubric, annotator)],  # type: ignore[index]
                    message=(
                        f"annotator {annotator}: dimension {name}: label distribution "
                        f"{distance:.2f} from the others' (> {max_distance:.2f}): {detail} "
                        f"(rubric {rubric})"
                    ),
                    pointer="/label",
                    resolve_id=True,
                )
            )
        return problems


ACCUMULATOR = DistributionGate
