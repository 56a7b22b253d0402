"""Items judged fewer times than the rubric's overlap gate.

## What it checks
For rubrics with an `overlap` gate (`{min_judgements}`), every item (`item_id`) must have
at least `min_judgements` judgements (records that are not gold; records without
`item_id` are not considered). Each item short of it is one finding at its first record,
e.g. `item conv-17: 1 judgement, fewer than the 3 required (rubric likert_rating)`. After
`max_reported` items, one last finding counts the rest. A rubric whose records never
repeat an `item_id` is single-pass data (an export of final labels, a converted COCO file)
and is not checked. `--platform ID` can set the
overlap from the platform profile (`quality_control.settings.min_judgements`).

## Why it matters
Agreement and consensus labels need overlap: an item seen once has no agreement to
measure and its label is one person's opinion. Platforms plan overlap per item; missing
judgements mean a batch was cut short or records were lost on export.

## Failing example
Rubric `likert_rating` (`overlap.min_judgements: 3`), item `conv-1` judged twice.

## Passing example
Item `conv-1` judged by three annotators.

## Options
- `max_reported` (integer, default 20): items reported one by one; the rest are counted
  in one last finding.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check, keep_first, merge_first
from validate.rules.dataset.profile import Observation

CODE = "DST007"
NAME = "insufficient-overlap"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {"max_reported": {"type": "integer", "minimum": 0, "default": 20}},
    "additionalProperties": False,
}

__all__ = ["ACCUMULATOR", "CoverageGate", "check"]


class CoverageGate(DatasetAccumulator):
    """Per (rubric, item): judgement count and first record."""

    def __init__(self, options: dict[str, Any] | None = None, context: Any = None) -> None:
        super().__init__(options, context)
        self.counts: Counter[tuple[str, str]] = Counter()
        self.first: dict[tuple[str, str], int] = {}

    def observe(self, obs: Observation, where: int) -> None:
        """Count the judgement."""
        if obs.gold or obs.item is None:
            return
        key = (obs.rubric, obs.item)
        self.counts[key] += 1
        keep_first(self.first, key, where)  # type: ignore[arg-type]

    def merge(self, other: CoverageGate) -> None:
        """Absorb another shard."""
        self.counts.update(other.counts)
        merge_first(self.first, other.first)  # type: ignore[arg-type]

    def finish(self) -> list[DatasetProblem]:
        """One problem per short item, up to ``max_reported``, then one for the rest."""
        cap = int(self.options.get("max_reported", 20))
        short = []
        overlapping = {rubric for (rubric, _), count in self.counts.items() if count > 1}
        for key, count in self.counts.items():
            if key[0] not in overlapping:
                continue  # single-pass data (no item judged twice): not an overlap batch
            gate = self.context.gates(key[0]).get("overlap")
            if gate and count < int(gate["min_judgements"]):
                short.append((self.first[key], key, count, int(gate["min_judgements"])))
        short.sort()
        problems = []
        for where, (rubric, item), count, need in short[:cap]:
            noun = "judgement" if count == 1 else "judgements"
            problems.append(
                DatasetProblem(
                    where=where,
                    message=(
                        f"item {item}: {count} {noun}, fewer than the {need} required "
                        f"(rubric {rubric})"
                    ),
                    pointer="/item_id",
                    resolve_id=True,
                )
            )
        rest = short[cap:]
        if rest:
            total = len(self.counts)
            problems.append(
                DatasetProblem(
                    where=rest[0][0],
                    message=(
                        f"... and {len(rest)} more items with fewer judgements than required "
                        f"({len(short)} of {total} items in all; first of the rest here)"
                    ),
                    pointer="/item_id",
                    resolve_id=True,
                )
            )
        return problems


ACCUMULATOR = CoverageGate
