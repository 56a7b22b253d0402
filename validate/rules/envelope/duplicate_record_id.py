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

from typing import Any

from validate.findings import Severity
from validate.lint.duplicates import DuplicateKeys, problems
from validate.lint.model import DatasetProblem

CODE = "LBL006"
NAME = "duplicate-record-id"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


class DuplicateIds:
    """Keeps each distinct record id once, with where it was first seen."""

    __slots__ = ("keys",)

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.keys = DuplicateKeys()

    def add(self, record: dict[str, Any], where: int) -> None:
        """Note the record's id (non-string ids are LBL003's problem)."""
        rid = record.get("id")
        if rid.__class__ is str:
            keys = self.keys
            if keys.first.setdefault(rid, where) != where:  # add_key, inlined (hot path)
                keys.dups.append((rid, where, rid))

    def merge(self, other: DuplicateIds) -> None:
        """Absorb another shard."""
        self.keys.merge(other.keys)

    def finish(self) -> list[DatasetProblem]:
        """One problem per repeated record."""
        return problems(self.keys, lambda key, _rid: (f"duplicate record id {key!r}", key, "/id"))

    def __getstate__(self) -> Any:
        return self.keys

    def __setstate__(self, state: Any) -> None:
        self.keys = state


ACCUMULATOR = DuplicateIds


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> tuple[()]:
    """Dataset rule: see :data:`ACCUMULATOR`."""
    return ()
