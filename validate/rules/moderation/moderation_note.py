"""A moderation action that needs a note has none.

## What it checks
That `label.note` is a non-empty string (spaces not counted) when `action` is one of
`actions` (default `escalate`), and when an action other than `allow` is taken without any
violation (the policy's two exceptions: `label` a harmless post with a live risk, `escalate`
a case the policy does not cover).

## Why it matters
The specialist team acts on escalations and reviewers audit actions without a violation;
both need to know why. Without a note an escalation arrives with no context and a
policy-gap escalation never reaches the people who maintain the policy.

## Failing example
```json
{"id": "m1", "rubric": "content_moderation", "label": {"policy": "content_moderation", "policy_version": "1.0.0", "violations": [], "action": "label"}}
```

## Passing example
```json
{"id": "m1", "rubric": "content_moderation", "label": {"policy": "content_moderation", "policy_version": "1.0.0", "violations": [], "action": "label", "note": "Warning post that still contains a clickable phishing link."}}
```

## Options
* `actions` (list of strings, default `["escalate"]`): actions that always need a note.
* `allow_action` (string, default `allow`): the action that needs no note even without a
  violation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "MOD002"
NAME = "moderation-note-required"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "actions": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["escalate"],
            "description": "Actions that always need a note.",
        },
        "allow_action": {
            "type": "string",
            "default": "allow",
            "description": "The action that needs no note even without a violation.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the actions as a set."""
    return {**options, "_actions": frozenset(options["actions"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a missing note where the action needs one."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    action = label.get("action")
    if action.__class__ is not str or action == options["allow_action"]:
        return ()  # fast path: most content is allowed
    note = label.get("note")
    if note.__class__ is str and note.strip():
        return ()
    if action in options["_actions"]:
        because = f"action {action!r} always needs one"
    elif label.get("violations") == []:
        because = f"action {action!r} is taken without a violation"
    else:
        return ()
    return (RecordProblem(f"a note is required: {because}", "/label"),)
