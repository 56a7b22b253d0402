"""A first unrecoverable step that is not a failure, or one on an achieved goal.

## What it checks
That `label.first_unrecoverable_step` is `null` or one of `label.failure_steps`, and that
it is `null` when `label.goal_achieved` is one of the option `achieved` (by default
`"yes"`).

## Why it matters
The first unrecoverable step marks where the run was lost. A step that was not a failure
cannot be that point, and a run that achieved its goal was never lost: either marker is
a contradiction that misplaces the blame in failure analysis.

## Failing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "yes", "scores": {"planning": 5, "execution": 5, "error_handling": null}, "step_labels": [{"step": 0, "verdict": "correct"}], "failure_steps": [], "first_unrecoverable_step": 0}}
```

## Passing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "yes", "scores": {"planning": 5, "execution": 5, "error_handling": null}, "step_labels": [{"step": 0, "verdict": "correct"}], "failure_steps": [], "first_unrecoverable_step": null}}
```

## Options
* `achieved` (list of strings, default `["yes"]`): `goal_achieved` values that require
  `first_unrecoverable_step` to be `null`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "AGT003"
NAME = "unrecoverable-step"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "achieved": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["yes"],
            "description": "goal_achieved values that require a null first_unrecoverable_step.",
        }
    },
    "additionalProperties": False,
}

_PTR = "/label/first_unrecoverable_step"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an unrecoverable step outside the failures or on an achieved goal."""
    label = record.get("label")
    step = label.get("first_unrecoverable_step") if label.__class__ is dict else None
    if step is None or step.__class__ is not int:
        return ()  # fast path: null (type errors are LBL009's business)
    goal = label.get("goal_achieved")
    problems = []
    if goal.__class__ is str and goal in options["achieved"]:
        problems.append(
            RecordProblem(
                f"goal_achieved is {goal!r}, so first_unrecoverable_step must be null, not {step}",
                _PTR,
            )
        )
    failures = label.get("failure_steps")
    if failures.__class__ is list and step not in failures:
        problems.append(
            RecordProblem(
                f"first_unrecoverable_step {step} is not one of failure_steps {failures}", _PTR
            )
        )
    return problems
