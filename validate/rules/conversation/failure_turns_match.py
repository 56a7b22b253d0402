"""`failure_turns` that do not list exactly the turns with issues.

## What it checks
That `label.failure_turns` lists, in ascending order, exactly the `turn` of every
`label.turn_ratings` entry that has `issues` (a non-empty list), and is `[]` when none has.

## Why it matters
`failure_turns` is the summary that reports and dashboards read. When it disagrees with the
per-turn issues, failure rates per turn position and recovery analysis are computed from
the wrong turns.

## Failing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "Hi"}, {"index": 1, "role": "assistant", "text": "Bye."}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 1, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "issues": ["ignored_request"]}], "overall": {"context_tracking": 2, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "failure_turns": [], "rationale": "Ignores the greeting."}}
```

## Passing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "Hi"}, {"index": 1, "role": "assistant", "text": "Bye."}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 1, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "issues": ["ignored_request"]}], "overall": {"context_tracking": 2, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "failure_turns": [1], "rationale": "Ignores the greeting."}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "MTC003"
NAME = "failure-turns-match"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def turns_with_issues(ratings: list[Any]) -> list[Any]:
    """The ``turn`` of every rating entry with a non-empty ``issues`` list, sorted."""
    found = [
        e.get("turn")
        for e in ratings
        if e.__class__ is dict and e.get("issues") and e.get("turn").__class__ is int
    ]
    return sorted(set(found))


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a `failure_turns` list that differs from the turns with issues."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    ratings = label.get("turn_ratings")
    failures = label.get("failure_turns")
    if ratings.__class__ is not list or failures.__class__ is not list:
        return ()
    expected = turns_with_issues(ratings)
    if failures == expected:
        return ()
    try:
        same_set = sorted(set(failures)) == expected and len(set(failures)) == len(failures)
    except TypeError:
        same_set = False
    if same_set:
        message = f"failure_turns must be in ascending order: {sorted(failures)}"
    else:
        message = f"failure_turns is {failures} but the turns with issues are {expected}"
    return (RecordProblem(message, "/label/failure_turns"),)
