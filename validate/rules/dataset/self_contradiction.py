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

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check
from validate.rules.dataset.profile import Observation, display

CODE = "DST005"
NAME = "self-contradiction"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

__all__ = ["ACCUMULATOR", "SelfContradictionGate", "check"]

Cell = tuple[str, str, str]  # rubric, item, annotator


class SelfContradictionGate(DatasetAccumulator):
    """One ``(answer, where)`` per judged cell; ``{answer: first where}`` for repeated ones."""

    def __init__(self, options: dict[str, Any] | None = None, context: Any = None) -> None:
        super().__init__(options, context)
        self.single: dict[Cell, tuple[Any, int]] = {}
        self.multi: dict[Cell, dict[Any, int]] = {}

    def _put(self, cell: Cell, answer: Any, where: int) -> None:
        multi = self.multi.get(cell)
        if multi is None:
            old = self.single.get(cell)
            if old is None:
                self.single[cell] = (answer, where)
                return
            del self.single[cell]
            multi = self.multi[cell] = {old[0]: old[1]}
        prev = multi.get(answer)
        if prev is None or where < prev:
            multi[answer] = where

    def observe(self, obs: Observation, where: int) -> None:
        """Note the cell's answer."""
        if obs.gold or obs.item is None or obs.annotator is None:
            return
        answer = obs.answer
        if answer is not None:
            self._put((obs.rubric, obs.item, obs.annotator), answer, where)

    def merge(self, other: SelfContradictionGate) -> None:
        """Absorb another shard."""
        for cell, (answer, where) in other.single.items():
            self._put(cell, answer, where)
        for cell, answers in other.multi.items():
            for answer, where in answers.items():
                self._put(cell, answer, where)
            if cell in self.single:  # pragma: no cover - _put moves it to multi
                del self.single[cell]

    def contradictions(self) -> list[tuple[Cell, list[tuple[int, Any]]]]:
        """Cells with more than one distinct answer: ``(cell, [(where, answer)] sorted)``."""
        out = [
            (cell, sorted((w, a) for a, w in answers.items()))
            for cell, answers in self.multi.items()
            if len(answers) > 1
        ]
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
