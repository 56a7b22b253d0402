"""Error handling marked N/A on a trajectory that has failing steps.

## What it checks
That `label.scores.<dimension>` (by default `error_handling`) is `null` (N/A) only when
no `label.step_labels` entry has a `verdict` in `failure_verdicts` (by default `wrong`
and `harmful`).

## Why it matters
Error handling is N/A only when nothing went wrong. Once a step failed, how the agent
noticed and dealt with it is the score that matters most; N/A there removes it from the
statistics exactly where it is informative.

## Failing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "no", "scores": {"planning": 2, "execution": 2, "error_handling": null}, "step_labels": [{"step": 0, "verdict": "wrong"}], "failure_steps": [0], "first_unrecoverable_step": 0, "rationale": "Wrong greeting."}}
```

## Passing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "no", "scores": {"planning": 2, "execution": 2, "error_handling": 1}, "step_labels": [{"step": 0, "verdict": "wrong"}], "failure_steps": [0], "first_unrecoverable_step": 0, "rationale": "Wrong greeting."}}
```

## Options
* `dimension` (string, default `"error_handling"`): the score that may be N/A only
  without failing steps.
* `failure_verdicts` (list of strings, default `["wrong", "harmful"]`): step verdicts
  that make a step a failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "AGT005"
NAME = "error-handling-na"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "dimension": {
            "type": "string",
            "default": "error_handling",
            "description": "Score that may be N/A only without failing steps.",
        },
        "failure_verdicts": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["wrong", "harmful"],
            "description": "Step verdicts that make a step a failure.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an N/A error-handling score over failing steps."""
    label = record.get("label")
    scores = label.get("scores") if label.__class__ is dict else None
    dim = options["dimension"]
    if scores.__class__ is not dict or dim not in scores or scores[dim] is not None:
        return ()  # fast path: scored
    labels = label.get("step_labels")
    if labels.__class__ is not list:
        return ()
    failing = options["failure_verdicts"]
    steps = [
        e.get("step")
        for e in labels
        if e.__class__ is dict and e.get("verdict").__class__ is str and e["verdict"] in failing
    ]
    if not steps:
        return ()
    shown = ", ".join(repr(s) for s in steps)
    return (
        RecordProblem(
            f"{dim} is null (N/A) but step {shown} failed: score how the agent handled it",
            f"/label/scores/{dim}",
        ),
    )
