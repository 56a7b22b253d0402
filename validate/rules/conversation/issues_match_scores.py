"""Turn issues listed without a low score, or a low score without issues.

## What it checks
For every entry of `label.turn_ratings`: `issues` is present (a non-empty list) exactly
when at least one of the turn's `scores` is at most `max_failing_score` (by default 2).

## Why it matters
Issues say *why* a turn failed; the low score says *that* it failed. A low score without
issues cannot be reviewed or counted by failure type, and issues on a turn whose scores
are all fine contradict the scores.

## Failing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "Hi"}, {"index": 1, "role": "assistant", "text": "Bye."}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 1, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}}], "overall": {"context_tracking": 2, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "failure_turns": [], "rationale": "Ignores the greeting."}}
```

## Passing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "Hi"}, {"index": 1, "role": "assistant", "text": "Bye."}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 1, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "issues": ["ignored_request"]}], "overall": {"context_tracking": 2, "coherence": 5, "correctness": 5, "progression": 2, "recovery": null}, "failure_turns": [1], "rationale": "Ignores the greeting."}}
```

## Options
* `max_failing_score` (integer, default `2`): a score at or below this makes the turn a
  failure that needs issues.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "MTC002"
NAME = "issues-match-scores"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "max_failing_score": {
            "type": "integer",
            "default": 2,
            "description": "Scores at or below this need issues.",
        }
    },
    "additionalProperties": False,
}


def low_scores(scores: Any, limit: int) -> list[str]:
    """The dimensions of ``scores`` at or below ``limit`` (numbers only)."""
    if scores.__class__ is not dict:
        return []
    return [
        d for d, v in scores.items() if (v.__class__ is int or v.__class__ is float) and v <= limit
    ]


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report turns whose issues and low scores disagree."""
    label = record.get("label")
    ratings = label.get("turn_ratings") if label.__class__ is dict else None
    if ratings.__class__ is not list:
        return ()
    limit = options["max_failing_score"]
    problems = []
    for index, entry in enumerate(ratings):
        if entry.__class__ is not dict:
            continue
        issues = entry.get("issues")
        has_issues = bool(issues) if issues.__class__ is list else issues is not None
        low = low_scores(entry.get("scores"), limit)
        turn = entry.get("turn")
        if low and not has_issues:
            problems.append(
                RecordProblem(
                    f"turn {turn!r} scores {', '.join(low)} at {limit} or below but lists no "
                    "issues",
                    f"/label/turn_ratings/{index}",
                )
            )
        elif has_issues and not low:
            problems.append(
                RecordProblem(
                    f"turn {turn!r} lists issues but no score is {limit} or below",
                    f"/label/turn_ratings/{index}/issues",
                )
            )
    return problems
