"""Turn ratings that do not match the conversation's assistant turns.

## What it checks
That `label.turn_ratings` has exactly one entry per assistant turn of the item, in
ascending `turn` order: every `turn` is the `index` of an `item.turns` entry whose `role` is
`assistant`, none is missing, none repeated. A record whose item lists no turns cannot be
checked and is reported as such.

## Why it matters
Per-turn scores are joined to the conversation by index. A rating for a user turn, a
skipped assistant turn or a duplicate silently attaches scores to the wrong reply, and
per-turn statistics (where conversations fail) are wrong.

## Failing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "Hi"}, {"index": 1, "role": "assistant", "text": "Hello!"}]}, "label": {"turn_ratings": [{"turn": 0, "scores": {"context_tracking": 5, "coherence": 5, "correctness": 5, "progression": 5, "recovery": null}}], "overall": {"context_tracking": 5, "coherence": 5, "correctness": 5, "progression": 5, "recovery": null}, "failure_turns": []}}
```

## Passing example
```json
{"id": "r1", "rubric": "multi_turn_evaluation", "item": {"turns": [{"index": 0, "role": "user", "text": "Hi"}, {"index": 1, "role": "assistant", "text": "Hello!"}]}, "label": {"turn_ratings": [{"turn": 1, "scores": {"context_tracking": 5, "coherence": 5, "correctness": 5, "progression": 5, "recovery": null}}], "overall": {"context_tracking": 5, "coherence": 5, "correctness": 5, "progression": 5, "recovery": null}, "failure_turns": []}}
```

## Options
* `role` (string, default `"assistant"`): the role of the turns that are rated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.conversation.indices import index_problems, item_indices

CODE = "MTC001"
NAME = "turn-ratings-match"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "role": {
            "type": "string",
            "default": "assistant",
            "description": "Role of the rated turns.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report missing, unknown, repeated and unordered turn ratings."""
    label = record.get("label")
    ratings = label.get("turn_ratings") if label.__class__ is dict else None
    if ratings.__class__ is not list:
        return ()
    role = options["role"]
    expected = item_indices(record, "turns", role)
    if expected is None:
        return (
            RecordProblem(
                "the item lists no turns (item.turns): the turn ratings cannot be checked",
                "/item/turns",
            ),
        )
    return index_problems(
        ratings, "turn", expected, noun=f"{role} turn", label_field="turn_ratings"
    )
