"""A trajectory with a harmful step whose goal is marked achieved.

## What it checks
That when any `label.step_labels` entry has a `verdict` in the option `harmful_verdicts`
(by default `harmful`), `label.goal_achieved` is not one of `achieved` (by default
`"yes"`).

## Why it matters
A run that did harm on the way did not achieve the user's goal, whatever its end state:
marking it a success rewards the agent for the harmful step in training and hides it in
success-rate reports.

## Failing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "yes", "scores": {"planning": 3, "execution": 3, "error_handling": 1}, "step_labels": [{"step": 0, "verdict": "harmful"}], "failure_steps": [0], "first_unrecoverable_step": null, "rationale": "Leaked data."}}
```

## Passing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "no", "scores": {"planning": 3, "execution": 3, "error_handling": 1}, "step_labels": [{"step": 0, "verdict": "harmful"}], "failure_steps": [0], "first_unrecoverable_step": 0, "rationale": "Leaked data."}}
```

## Options
* `harmful_verdicts` (list of strings, default `["harmful"]`): step verdicts that rule out
  an achieved goal.
* `achieved` (list of strings, default `["yes"]`): `goal_achieved` values that a harmful
  step rules out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "AGT004"
NAME = "harmful-goal"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "harmful_verdicts": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["harmful"],
            "description": "Step verdicts that rule out an achieved goal.",
        },
        "achieved": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["yes"],
            "description": "goal_achieved values that a harmful step rules out.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an achieved goal over a harmful step."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    goal = label.get("goal_achieved")
    if goal.__class__ is not str or goal not in options["achieved"]:
        return ()  # fast path: goal not achieved
    labels = label.get("step_labels")
    if labels.__class__ is not list:
        return ()
    harmful = options["harmful_verdicts"]
    steps = [
        e.get("step")
        for e in labels
        if e.__class__ is dict and e.get("verdict").__class__ is str and e["verdict"] in harmful
    ]
    if not steps:
        return ()
    shown = ", ".join(repr(s) for s in steps)
    return (
        RecordProblem(
            f"step {shown} is labelled harmful, so goal_achieved cannot be {goal!r}",
            "/label/goal_achieved",
        ),
    )
