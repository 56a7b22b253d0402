"""Step labels that do not match the trajectory's steps.

## What it checks
That `label.step_labels` has exactly one entry per step of `item.steps`, in ascending
`step` order: every `step` is an `index` of `item.steps`, none is missing, none
repeated. A record whose item lists no steps cannot be checked and is reported as such.

## Why it matters
Step verdicts are joined to the trajectory by index. A label for a step that does not
exist, or a step without a label, puts "wrong" and "harmful" on the wrong actions, and
failure localisation (where agents go wrong) is computed from bad data.

## Failing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "yes", "scores": {"planning": 5, "execution": 5, "error_handling": null}, "step_labels": [{"step": 1, "verdict": "correct"}], "failure_steps": [], "first_unrecoverable_step": null}}
```

## Passing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "yes", "scores": {"planning": 5, "execution": 5, "error_handling": null}, "step_labels": [{"step": 0, "verdict": "correct"}], "failure_steps": [], "first_unrecoverable_step": null}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.conversation.indices import index_problems, item_indices

CODE = "AGT001"
NAME = "step-labels-match"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report missing, unknown, repeated and unordered step labels."""
    label = record.get("label")
    labels = label.get("step_labels") if label.__class__ is dict else None
    if labels.__class__ is not list:
        return ()
    expected = item_indices(record, "steps")
    if expected is None:
        return (
            RecordProblem(
                "the item lists no steps (item.steps): the step labels cannot be checked",
                "/item/steps",
            ),
        )
    return index_problems(labels, "step", expected, noun="step", label_field="step_labels")
