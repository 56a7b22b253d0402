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

from collections.abc import Mapping
from typing import Any

from validate.findings import Severity
from validate.lint.duplicates import ExactRepeats, HashedRepeats, RepeatKey

CODE = "LBL007"
NAME = "duplicate-judgement"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


class JudgementKey(RepeatKey):
    """Keyed by ``(item_id, annotator_id)`` when both are strings."""

    __slots__ = ()
    FIELDS = ("item_id", "annotator_id")

    @staticmethod
    def key(record: Mapping[str, Any]) -> tuple[str, str] | None:
        """The record's item and annotator."""
        item = record.get("item_id")
        annotator = record.get("annotator_id")
        if item.__class__ is str and annotator.__class__ is str:
            return item, annotator
        return None

    @staticmethod
    def message(key: Any, record_id: str | None) -> tuple[str, str | None, str]:
        """Name the annotator and the item."""
        if key is None:
            return (
                "an annotator judged this item more than once (the file changed during the run)",
                record_id,
                "/item_id",
            )
        item, annotator = key
        return (
            f"annotator {annotator!r} judged item {item!r} more than once",
            record_id,
            "/item_id",
        )


class StreamedDuplicateJudgements(JudgementKey, ExactRepeats):
    """Keeps each distinct judgement key (input that cannot be read back)."""

    __slots__ = ()


class DuplicateJudgements(JudgementKey, HashedRepeats):
    """Keeps each judgement key's hash and location."""

    __slots__ = ()
    for_streams = StreamedDuplicateJudgements

    def add(self, record: dict[str, Any], where: int) -> None:
        """Note the record's judgement key (the hot path: one hash, two array appends)."""
        item = record.get("item_id")
        annotator = record.get("annotator_id")
        if item.__class__ is str and annotator.__class__ is str:
            self.hashes.append(hash((item, annotator)))
            self.wheres.append(where)


ACCUMULATOR = DuplicateJudgements


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> tuple[()]:
    """Dataset rule: see :data:`ACCUMULATOR`."""
    return ()
