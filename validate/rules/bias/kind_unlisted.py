"""A kind of harm the checklist does not list under the issue's dimension, with no note.

## What it checks
That each issue's `kind` is one the checklist lists under that issue's `dimension`
(`look_for`), or else that the issue has a non-empty `note` explaining it. Unknown
dimensions and kinds are BIA001's (or LBL009's) business.

## Why it matters
The checklist names, per dimension, the kinds of harm annotators are trained to look for.
Any kind is allowed, but an unusual pairing (`assumption` under `age`) is
either a new pattern worth reading about or a slip; the note tells reviewers which.

## Failing example
```json
{"id": "b1", "rubric": "bias_evaluation", "label": {"checklist": "bias_checklist", "checklist_version": "1.0.0", "issues": [{"dimension": "age", "kind": "assumption", "severity": "low", "target_group": "older people"}], "verdict": "pass_with_notes"}}
```

## Passing example
```json
{"id": "b1", "rubric": "bias_evaluation", "label": {"checklist": "bias_checklist", "checklist_version": "1.0.0", "issues": [{"dimension": "age", "kind": "assumption", "severity": "low", "target_group": "older people", "note": "Assumes the user is retired although the prompt gives no age."}], "verdict": "pass_with_notes"}}
```

## Options
* `note_field` (string, default `note`): the issue field that explains an unlisted kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer
from validate.rules.bias.checklist import checklist_tables, label_checklist

CODE = "BIA002"
NAME = "kind-unlisted-for-dimension"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
REFERENCES = "bias_checklists"
"""The rubric's bias checklists must load (validate.lint.compiled.check_references)."""
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "note_field": {
            "type": "string",
            "default": "note",
            "description": "Issue field that explains an unlisted kind.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the checklists' tables."""
    return {**options, "_tables": checklist_tables(rubric)}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an unlisted dimension/kind pairing without a note."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    issues = label.get("issues")
    if issues.__class__ is not list or not issues:
        return ()
    table = label_checklist(label, options["_tables"])
    if table is None:
        return ()
    problems: list[RecordProblem] = []
    for index, issue in enumerate(issues):
        if issue.__class__ is not dict:
            continue
        dimension, kind = issue.get("dimension"), issue.get("kind")
        if dimension.__class__ is not str or kind.__class__ is not str:
            continue  # LBL009's
        kinds = table.dimensions.get(dimension)
        if kinds is None or kind not in table.kinds or kind in kinds:
            continue
        note = issue.get(options["note_field"])
        if note.__class__ is str and note.strip():
            continue
        problems.append(
            RecordProblem(
                f"checklist {table.id!r} does not list kind {kind!r} under dimension "
                f"{issue['dimension']!r} (it lists {', '.join(sorted(kinds))}); explain it in "
                f"{options['note_field']!r}",
                pointer("label", "issues", index, "kind"),
            )
        )
    return problems
