"""No overall recovery score after a failure the conversation could recover from.

## What it checks
That `label.overall.recovery` is a number, not `null` (N/A), when `label.failure_turns`
contains a turn before the last assistant turn of the item (taken from `item.turns`, or
from the rated turns when the item lists none).

## Why it matters
A failure followed by more assistant turns gives the assistant a chance to recover, and
that is exactly what `recovery` measures. N/A there drops the most informative score of
the conversation from the statistics.

## Failing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "2+2?"}, {"index": 1, "role": "assistant", "text": "5"}, {"index": 2, "role": "user", "text": "Sure?"}, {"index": 3, "role": "assistant", "text": "Sorry, 4."}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 5, "coherence": 5, "correctness": 1, "progression": 3, "recovery": null}, "issues": ["factual_error"]}, {"turn": 3, "scores": {"context_tracking": 5, "coherence": 5, "correctness": 5, "progression": 5, "recovery": 5}}], "overall": {"context_tracking": 5, "coherence": 5, "correctness": 3, "progression": 4, "recovery": null}, "failure_turns": [1], "rationale": "Wrong sum at turn 1, fixed at turn 3."}}
```

## Passing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "2+2?"}, {"index": 1, "role": "assistant", "text": "5"}, {"index": 2, "role": "user", "text": "Sure?"}, {"index": 3, "role": "assistant", "text": "Sorry, 4."}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 5, "coherence": 5, "correctness": 1, "progression": 3, "recovery": null}, "issues": ["factual_error"]}, {"turn": 3, "scores": {"context_tracking": 5, "coherence": 5, "correctness": 5, "progression": 5, "recovery": 5}}], "overall": {"context_tracking": 5, "coherence": 5, "correctness": 3, "progression": 4, "recovery": 5}, "failure_turns": [1], "rationale": "Wrong sum at turn 1, fixed at turn 3."}}
```

## Options
* `dimension` (string, default `"recovery"`): the overall dimension that must be scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.conversation.indices import item_indices

CODE = "MTC004"
NAME = "recovery-required"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "dimension": {
            "type": "string",
            "default": "recovery",
            "description": "Overall dimension that must be scored after a recoverable failure.",
        }
    },
    "additionalProperties": False,
}


def _last_assistant_turn(record: dict[str, Any], label: dict[str, Any]) -> Any:
    turns = item_indices(record, "turns", "assistant")
    if turns is None:
        ratings = label.get("turn_ratings")
        turns = (
            [e.get("turn") for e in ratings if e.__class__ is dict]
            if ratings.__class__ is list
            else []
        )
    numbers = [t for t in turns if t.__class__ is int]
    return max(numbers) if numbers else None


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an N/A overall recovery after a failure before the last assistant turn."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    failures = label.get("failure_turns")
    overall = label.get("overall")
    if not failures or failures.__class__ is not list or overall.__class__ is not dict:
        return ()  # fast path: nothing failed
    dim = options["dimension"]
    if dim not in overall or overall[dim] is not None:
        return ()
    last = _last_assistant_turn(record, label)
    if last is None:
        return ()
    earlier = [t for t in failures if t.__class__ is int and t < last]
    if not earlier:
        return ()
    return (
        RecordProblem(
            f"overall {dim} is null (N/A) but turn {earlier[0]} failed before the last "
            f"assistant turn ({last}): score how the conversation recovered",
            f"/label/overall/{dim}",
        ),
    )
