"""A moderation action that the violated rungs of the policy do not give.

## What it checks
That `label.action` is the most restrictive of one allowed action per violation. Each
violation's rung (`category` at `severity`) allows the actions its description in the named
policy writes in backticks ("Action `remove`; choose `escalate` instead if ..."), or the
category's `default_action` when it names none. Actions are ordered by the policy's
`actions` list, least restrictive first (`allow` < `label` < `remove` < `escalate`). So the
action must be allowed on at least one violated rung, and no violated rung may require more
than it. With no violations the action is one of `no_violation_actions` (default `allow`,
plus the policy exceptions `label` and `escalate`, which need a note: MOD002). Unknown
categories, severities and unused rungs are SAF001's (or LBL009's) business.

## Why it matters
The action is what happens to the content. The policy fixes it per rung so that two
moderators who agree on the violations take the same action; an action that does not follow
from the recorded violations is either a wrong action or incomplete violations, and both
break the audit trail the policy promises.

## Failing example
```json
{"id": "m1", "rubric": "content_moderation", "label": {"policy": "content_moderation", "policy_version": "1.0.0", "violations": [{"category": "harassment", "severity": "medium"}, {"category": "violent_threats", "severity": "critical"}], "action": "remove"}}
```

## Passing example
```json
{"id": "m1", "rubric": "content_moderation", "label": {"policy": "content_moderation", "policy_version": "1.0.0", "violations": [{"category": "harassment", "severity": "medium"}, {"category": "violent_threats", "severity": "critical"}], "action": "escalate", "note": "Credible threat naming the target's street."}}
```

## Options
* `no_violation_actions` (list of strings, default `["allow", "label", "escalate"]`): the
  actions allowed when `violations` is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.safety.policy import label_policy, policy_tables

CODE = "MOD001"
NAME = "moderation-action"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
REFERENCES = "policies"
"""The rubric's policies must load (validate.lint.compiled.check_references)."""
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "no_violation_actions": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["allow", "label", "escalate"],
            "description": "Actions allowed when there are no violations.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the policies' rung actions and action orders."""
    return {
        **options,
        "_tables": policy_tables(rubric),
        "_empty": frozenset(options["no_violation_actions"]),
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an action that does not follow from the violated rungs."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    action = label.get("action")
    violations = label.get("violations")
    table = label_policy(label, options["_tables"])
    if table is None or action.__class__ is not str or violations.__class__ is not list:
        return ()
    order = table.actions
    if action not in order:
        return ()  # not an action of the policy: LBL009
    if not violations:
        if action in options["_empty"]:
            return ()
        allowed = ", ".join(a for a in order if a in options["_empty"])
        return (
            RecordProblem(
                f"action {action!r} without any violation: record the violation, or use "
                f"one of {allowed}",
                "/label/action",
            ),
        )
    rank = order.index(action)
    floor = -1  # the least restrictive action every rung accepts: the max of the minimums
    reachable = False
    rungs = []
    for violation in violations:
        if violation.__class__ is not dict:
            continue
        key = (violation.get("category"), violation.get("severity"))
        allowed = (
            table.rung_actions.get(key)
            if key[0].__class__ is str and key[1].__class__ in (str, int)
            else None
        )
        if not allowed:
            continue  # unknown category/severity or unused rung: SAF001 / LBL009
        ranks = [order.index(a) for a in allowed if a in order]
        if not ranks:
            continue
        rungs.append(f"{key[0]} {key[1]}: {' or '.join(allowed)}")
        floor = max(floor, min(ranks))
        reachable = reachable or rank in ranks
    if not rungs or (reachable and rank >= floor):
        return ()
    expected = order[floor] if floor >= 0 else "allow"
    return (
        RecordProblem(
            f"action is {action!r} but the violated rungs give {expected!r} "
            f"({'; '.join(rungs)}; the most restrictive wins)",
            "/label/action",
        ),
    )
