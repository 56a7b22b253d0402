"""One annotator giving the same item different answers.

## What it checks
Records of one rubric that share `item_id` and `annotator_id` (a repeated judgement, as
LBL007 reports) and whose answers differ (the compared values of the payload, see DST001).
Each contradiction is one finding at the first record that disagrees with the annotator's
earliest answer, naming the item, the answers and the line of the first one, e.g.
`annotator A1PX: item http://173link.com answered G and X (first at line 812)`. Gold
records do not count.

## Why it matters
An annotator who contradicts themselves on the same item is guessing, or the guideline
does not decide the case; either way one of the two labels is wrong, and agreement
statistics cannot use the cell (DST001 leaves it out).

## Failing example
```json
{"id": "r1", "rubric": "sentiment_analysis", "item_id": "t1", "annotator_id": "ann-3", "label": {"overall": "positive", "emotions": ["joy"], "aspects": []}}
{"id": "r2", "rubric": "sentiment_analysis", "item_id": "t1", "annotator_id": "ann-3", "label": {"overall": "negative", "emotions": ["joy"], "aspects": []}}
```

## Passing example
The same two records with the same answer (a duplicate, which LBL007 reports, but no
contradiction).

## Options
None.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check
from validate.rules.dataset.profile import display
from validate.rules.dataset.table import combine

CODE = "DST005"
NAME = "self-contradiction"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

__all__ = ["ACCUMULATOR", "SelfContradictionGate", "check"]

Cell = tuple[str, str, str]  # rubric, item, annotator


class SelfContradictionGate(DatasetAccumulator):
    """Judged cells ``(rubric, item, annotator)`` with more than one distinct answer."""

    def contradictions(self) -> list[tuple[Cell, list[tuple[int, Any]]]]:
        """Cells with more than one distinct answer: ``(cell, [(where, answer)] sorted)``,
        each answer at its first place."""
        out = []
        table = self.table
        for rubric in table.rubric_ids():
            cols = table.columns(rubric)
            assert cols is not None
            answers, values = cols.answers()
            kept = ~cols.gold & (cols.item >= 0) & (cols.annotator >= 0) & (answers >= 0)
            if not kept.any():
                continue
            item, who, answer = cols.item[kept], cols.annotator[kept], answers[kept]
            where = cols.where[kept]
            cell = combine(item, who)
            order = np.lexsort((where, answer, cell))
            sc, sa = cell[order], answer[order]
            # one representative (the first place) per distinct (cell, answer)
            first = order[np.flatnonzero(np.r_[True, (sc[1:] != sc[:-1]) | (sa[1:] != sa[:-1])])]
            rep_cell = cell[first]
            new_cell = np.r_[True, rep_cell[1:] != rep_cell[:-1]]
            group = np.cumsum(new_cell) - 1
            sizes = np.bincount(group)
            for g in np.flatnonzero(sizes > 1).tolist():
                rows = first[group == g]
                row = int(rows[0])
                key = (rubric, table.item_name(int(item[row])), table.annotator_name(int(who[row])))
                out.append(
                    (key, sorted((int(where[r]), values[int(answer[r])]) for r in rows.tolist()))
                )
        out.sort(key=lambda ca: ca[1][1][0])
        return out

    def finish(self) -> list[DatasetProblem]:
        """One problem per contradicting cell."""
        problems = []
        self.flagged: set[tuple[str, str]] = set()
        for (rubric, item, annotator), answers in self.contradictions():
            self.flagged.add((rubric, annotator))
            shown = " and ".join(display(a) for _, a in answers)
            problems.append(
                DatasetProblem(
                    where=answers[1][0],
                    related=answers[0][0],
                    message=(
                        f"annotator {annotator}: item {item} answered {shown} (rubric {rubric})"
                    ),
                    pointer="/label",
                    resolve_id=True,
                )
            )
        return problems


ACCUMULATOR = SelfContradictionGate
