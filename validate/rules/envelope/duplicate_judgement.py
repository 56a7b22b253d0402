"""One annotator judging the same item twice.

## What it checks
That no two records share both `item_id` and `annotator_id` (records without either are not
considered). Across files and `--jobs` shards like LBL006. Each repeated judgement is
reported at its own line; the message names the line of the first one.

## Why it matters
Overlapping judgements of one item measure agreement *between* annotators. A second
judgement by the same person inflates agreement and gives that annotator two votes in the
adjudicated label.

## Failing example
```json
{"id": "r1", "item_id": "conv-1", "annotator_id": "ann-3", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4}}}
{"id": "r2", "item_id": "conv-1", "annotator_id": "ann-3", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 3, "correctness": 4, "coherence": 4, "honesty": 4}}}
```

## Passing example
```json
{"id": "r1", "item_id": "conv-1", "annotator_id": "ann-3", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4}}}
{"id": "r2", "item_id": "conv-1", "annotator_id": "ann-4", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 3, "correctness": 4, "coherence": 4, "honesty": 4}}}
```

## Options
None.
"""

from __future__ import annotations

from typing import Any

from validate.findings import Severity
from validate.lint.duplicates import DuplicateKeys, problems
from validate.lint.model import DatasetProblem

CODE = "LBL007"
NAME = "duplicate-judgement"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}

_SEP = "\x00"  # cannot occur in a sane id; keeps the key one compact string


class DuplicateJudgements:
    """Keeps each distinct ``(item_id, annotator_id)`` once, as one string."""

    __slots__ = ("keys",)

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.keys = DuplicateKeys()

    def add(self, record: dict[str, Any], where: int) -> None:
        """Note the record's judgement key when both ids are strings."""
        item = record.get("item_id")
        annotator = record.get("annotator_id")
        if item.__class__ is str and annotator.__class__ is str:
            key = item + _SEP + annotator
            keys = self.keys
            if keys.first.setdefault(key, where) != where:  # add_key, inlined (hot path)
                rid = record.get("id")
                keys.dups.append((key, where, rid if rid.__class__ is str else None))

    def merge(self, other: DuplicateJudgements) -> None:
        """Absorb another shard."""
        self.keys.merge(other.keys)

    def finish(self) -> list[DatasetProblem]:
        """One problem per repeated judgement."""

        def message(key: str, rid: str | None) -> tuple[str, str | None, str]:
            item, _, annotator = key.partition(_SEP)
            return (
                f"annotator {annotator!r} judged item {item!r} more than once",
                rid,
                "/item_id",
            )

        return problems(self.keys, message)

    def __getstate__(self) -> Any:
        return self.keys

    def __setstate__(self, state: Any) -> None:
        self.keys = state


ACCUMULATOR = DuplicateJudgements


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> tuple[()]:
    """Dataset rule: see :data:`ACCUMULATOR`."""
    return ()
