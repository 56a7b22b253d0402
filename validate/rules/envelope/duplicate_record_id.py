"""Two records with the same `id`.

## What it checks
That no two records share an `id`, within one file and across all files of one run (the files
of a run are taken to be shards of one data set; with `--jobs` across chunks and workers
too). Each repeated record is reported at its own line; the message names the line of the
first one.

## Why it matters
Record ids key joins, reviews and baselines. A repeated id usually means a record was exported
twice (double-counting its annotator) or two different records collide, and one of them will
be overwritten downstream.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4}}}
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 3, "correctness": 4, "coherence": 4, "honesty": 4}}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4}}}
{"id": "r2", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 3, "correctness": 4, "coherence": 4, "honesty": 4}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from validate.findings import Severity
from validate.lint.duplicates import ExactRepeats, HashedRepeats, RepeatKey

CODE = "LBL006"
NAME = "duplicate-record-id"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


class RecordIdKey(RepeatKey):
    """Keyed by the record id (non-string ids are LBL003's problem)."""

    __slots__ = ()
    FIELDS = ("id",)

    @staticmethod
    def key(record: Mapping[str, Any]) -> str | None:
        """The record's id when it is a string."""
        rid = record.get("id")
        return rid if rid.__class__ is str else None

    @staticmethod
    def message(key: Any, record_id: str | None) -> tuple[str, str | None, str]:
        """Name the repeated id."""
        if key is None:
            return "duplicate record id (the file changed during the run)", record_id, "/id"
        return f"duplicate record id {key!r}", key, "/id"


class StreamedDuplicateIds(RecordIdKey, ExactRepeats):
    """Keeps each distinct id (input that cannot be read back)."""

    __slots__ = ()


class DuplicateIds(RecordIdKey, HashedRepeats):
    """Keeps each record id's hash and location."""

    __slots__ = ()
    for_streams = StreamedDuplicateIds

    def add(self, record: dict[str, Any], where: int) -> None:
        """Note the record's id (the hot path: two array appends)."""
        rid = record.get("id")
        if rid.__class__ is str:
            self.hashes.append(hash(rid))
            self.wheres.append(where)


ACCUMULATOR = DuplicateIds


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> tuple[()]:
    """Dataset rule: see :data:`ACCUMULATOR`."""
    return ()
