"""`failure_steps` that do not list exactly the wrong and harmful steps.

## What it checks
That `label.failure_steps` lists, in ascending order, exactly the `step` of every
`label.step_labels` entry whose `verdict` is one of the option `failure_verdicts` (by
default `wrong` and `harmful`), and is `[]` when there is none.

## Why it matters
`failure_steps` is the summary that reports read and that `first_unrecoverable_step`
refers to. When it disagrees with the step labels, failure counts and the unrecoverable
step are computed from the wrong steps.

## Failing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "no", "scores": {"planning": 2, "execution": 2, "error_handling": 1}, "step_labels": [{"step": 0, "verdict": "wrong"}], "failure_steps": [], "first_unrecoverable_step": null, "rationale": "Wrong greeting."}}
```

## Passing example
```json
{"id": "r1", "rubric": "agent_trajectory_evaluation", "item": {"goal": "Say hi.", "steps": [{"index": 0, "action": "respond(hi)", "observation": ""}]}, "label": {"goal_achieved": "no", "scores": {"planning": 2, "execution": 2, "error_handling": 1}, "step_labels": [{"step": 0, "verdict": "wrong"}], "failure_steps": [0], "first_unrecoverable_step": 0, "rationale": "Wrong greeting."}}
```

## Options
* `failure_verdicts` (list of strings, default `["wrong", "harmful"]`): step verdicts
  that make a step a failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "AGT002"
NAME = "failure-steps-match"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "failure_verdicts": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["wrong", "harmful"],
            "description": "Step verdicts that make a step a failure.",
        }
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the failure verdicts as a set."""
    return {**options, "_failing": frozenset(options["failure_verdicts"])}


def failing_steps(labels: Any, failing: frozenset[str]) -> list[int]:
    """The sorted ``step`` of every label entry with a failing verdict."""
    if labels.__class__ is not list:
        return []
    return sorted(
        {
            e["step"]
            for e in labels
            if e.__class__ is dict
            and e.get("step").__class__ is int
            and e.get("verdict").__class__ is str
            and e["verdict"] in failing
        }
    )


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a `failure_steps` list that differs from the failing step labels."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    failures = label.get("failure_steps")
    labels = label.get("step_labels")
    if failures.__class__ is not list or labels.__class__ is not list:
        return ()
    expected = failing_steps(labels, options["_failing"])
    if failures == expected:
        return ()
    try:
        same_set = sorted(set(failures)) == expected and len(set(failures)) == len(failures)
    except TypeError:
        same_set = False
    if same_set:
        message = f"failure_steps must be in ascending order: {sorted(failures)}"
    else:
        verdicts = "/".join(options["failure_verdicts"])
        message = f"failure_steps is {failures} but the steps labelled {verdicts} are {expected}"
    return (RecordProblem(message, "/label/failure_steps"),)
