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

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check, keep_first, merge_first
from validate.rules.dataset.profile import Observation
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

    def __init__(self, options: dict[str, Any] | None = None, context: Any = None) -> None:
        super().__init__(options, context)
        self.dist: dict[tuple[str, int], LabelDistribution] = {}
        self.first: dict[tuple[str, str], int] = {}

    def observe(self, obs: Observation, where: int) -> None:
        """Count the record's values for its annotator."""
        if obs.gold or obs.annotator is None:
            return
        profile = self.context.profiles.get(obs.rubric)
        assert profile is not None
        seen = False
        for index, (dim, value) in enumerate(zip(profile.dimensions, obs.values, strict=True)):
            if value is None or dim.kind not in ("scalar", "set"):
                continue
            key = (obs.rubric, index)
            acc = self.dist.get(key)
            if acc is None:
                acc = self.dist[key] = LabelDistribution(min_records=1)
            acc.add(obs.annotator, value)
            seen = True
        if seen:
            keep_first(self.first, (obs.rubric, obs.annotator), where)  # type: ignore[arg-type]

    def merge(self, other: DistributionGate) -> None:
        """Absorb another shard."""
        for key, acc in other.dist.items():
            mine = self.dist.get(key)
            if mine is None:
                self.dist[key] = acc
            else:
                mine.merge(acc)
        merge_first(self.first, other.first)  # type: ignore[arg-type]

    def finish(self) -> list[DatasetProblem]:
        """One problem per outlying annotator (their worst dimension)."""
        max_distance = float(self.options.get("max_distance", 0.5))
        min_records = int(self.options.get("min_records", 20))
        worst: dict[tuple[str, str], tuple[float, str, str]] = {}
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
