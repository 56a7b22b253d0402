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

from typing import Any

import numpy as np

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check
from validate.rules.dataset.table import group_rows

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
    """Judgements per ``(rubric, item)``, counted from the observation table."""

    def finish(self) -> list[DatasetProblem]:
        """One problem per short item, up to ``max_reported``, then one for the rest."""
        cap = int(self.options.get("max_reported", 20))
        table = self.table
        found: list[tuple[np.ndarray, ...]] = []  # (where, item, count) of short items
        needs: list[tuple[str, int]] = []
        total = 0
        for rubric in table.rubric_ids():
            cols = table.columns(rubric)
            assert cols is not None
            judged = ~cols.gold & (cols.item >= 0)
            where = cols.where[judged]
            items, counts, first = group_rows(cols.item[judged], where)
            total += len(items)
            if not (counts > 1).any():
                continue  # single-pass data (no item judged twice): not an overlap batch
            gate = self.context.gates(rubric).get("overlap")
            if not gate:
                continue
            need = int(gate["min_judgements"])
            short = counts < need
            found.append((where[first][short], items[short], counts[short]))
            needs.append((rubric, need))
        if not found:
            return []
        # Sorted by place (one item's first place is no other's); only the first ``cap`` are
        # named, so only they are turned into Python objects.
        places = np.concatenate([f[0] for f in found])
        which = np.concatenate([np.full(f[0].size, i) for i, f in enumerate(found)])
        items = np.concatenate([f[1] for f in found])
        counts = np.concatenate([f[2] for f in found])
        order = np.argsort(places, kind="stable")
        short_rows = [
            (
                int(places[k]),
                needs[int(which[k])][0],
                table.item_name(int(items[k])),
                int(counts[k]),
                needs[int(which[k])][1],
            )
            for k in order[: cap + 1].tolist()
        ]
        problems = []
        for where_, rubric, item, count, need in short_rows[:cap]:
            noun = "judgement" if count == 1 else "judgements"
            problems.append(
                DatasetProblem(
                    where=where_,
                    message=(
                        f"item {item}: {count} {noun}, fewer than the {need} required "
                        f"(rubric {rubric})"
                    ),
                    pointer="/item_id",
                    resolve_id=True,
                )
            )
        if places.size > cap:
            rest = places.size - cap
            problems.append(
                DatasetProblem(
                    where=short_rows[cap][0],
                    message=(
                        f"... and {rest} more items with fewer judgements than required "
                        f"({places.size} of {total} items in all; first of the rest here)"
                    ),
                    pointer="/item_id",
                    resolve_id=True,
                )
            )
        return problems


ACCUMULATOR = CoverageGate
