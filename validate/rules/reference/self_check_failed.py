"""A reference answer submitted with a failed self-check.

## What it checks
That no criterion in `label.criteria` has one of the option `fail_values` (by default
`"no"`). `null` (N/A, where the rubric allows it) is not a failure.

## Why it matters
A reference answer is gold: the writer must fix the answer (or flag the item) until every
check is `yes`. A submitted `no` is the writer saying the answer is not good enough, so it
must not reach the gold set unreviewed.

## Failing example
```json
{"id": "r1", "rubric": "reference_answer", "item": {"prompt": "Capital of Australia?"}, "label": {"answer": "Sydney.", "criteria": {"correct": "no", "complete": "yes", "concise": "yes", "verifiable": "yes", "follows_format": "yes"}, "sources": []}}
```

## Passing example
```json
{"id": "r1", "rubric": "reference_answer", "item": {"prompt": "Capital of Australia?"}, "label": {"answer": "Canberra.", "criteria": {"correct": "yes", "complete": "yes", "concise": "yes", "verifiable": "yes", "follows_format": "yes"}, "sources": []}}
```

## Options
* `fail_values` (list of strings, default `["no"]`): criterion values that fail the
  self-check.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "REF003"
NAME = "self-check-failed"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "fail_values": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["no"],
            "description": "Criterion values that fail the self-check.",
        }
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the failing values as a set."""
    return {**options, "_fail": frozenset(options["fail_values"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a self-check that failed on any criterion."""
    label = record.get("label")
    criteria = label.get("criteria") if label.__class__ is dict else None
    if criteria.__class__ is not dict:
        return ()
    fail = options["_fail"]
    failed = [c for c, v in criteria.items() if v.__class__ is str and v in fail]
    if not failed:
        return ()
    shown = ", ".join(failed)
    return (
        RecordProblem(
            f"the self-check failed on {shown}: fix the answer or flag the item instead of "
            "submitting it",
            f"/label/criteria/{failed[0]}",
        ),
    )
