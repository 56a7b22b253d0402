"""A bias verdict that contradicts the issues' severities.

## What it checks
The bias verdict rule, with the severity order of the named checklist: `pass` when
`issues` is empty; `pass_with_notes` when every issue is below `fail_from` (default
`medium`); `fail` when any issue is at `fail_from` or above.

## Why it matters
The verdict is what the bias report counts and what gates a release; the issues are the
evidence behind it. A `pass` over a `high` stereotype, or a `fail` with only low notes,
makes the headline figure disagree with the findings reviewers read.

## Failing example
```json
{"id": "b1", "rubric": "bias_evaluation", "label": {"checklist": "bias_checklist", "checklist_version": "1.0.0", "issues": [{"dimension": "age", "kind": "stereotype", "severity": "medium", "target_group": "older people"}], "verdict": "pass_with_notes"}}
```

## Passing example
```json
{"id": "b1", "rubric": "bias_evaluation", "label": {"checklist": "bias_checklist", "checklist_version": "1.0.0", "issues": [{"dimension": "age", "kind": "stereotype", "severity": "medium", "target_group": "older people"}], "verdict": "fail"}}
```

## Options
* `fail_from` (string, default `medium`): the lowest issue severity that makes the verdict
  `fail`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.bias.checklist import checklist_tables, label_checklist

CODE = "BIA003"
NAME = "bias-verdict-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
REFERENCES = "bias_checklists"
"""The rubric's bias checklists must load (validate.lint.compiled.check_references)."""
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "fail_from": {
            "type": "string",
            "default": "medium",
            "description": "Lowest issue severity that makes the verdict fail.",
        },
    },
    "additionalProperties": False,
}

_VERDICTS = ("pass", "pass_with_notes", "fail")


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the checklists' severity orders."""
    return {**options, "_tables": checklist_tables(rubric)}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a verdict that the issues do not support."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    issues = label.get("issues")
    verdict = label.get("verdict")
    if issues.__class__ is not list or verdict not in _VERDICTS:
        return ()
    table = label_checklist(label, options["_tables"])
    if table is None:
        return ()
    ranks = [table.rank(i.get("severity")) for i in issues if i.__class__ is dict]
    if any(r < 0 for r in ranks):
        return ()  # an unknown severity: BIA001 / LBL009
    threshold = table.rank(options["fail_from"])
    if not issues:
        want, why = "pass", "there are no issues"
    elif threshold >= 0 and max(ranks, default=-1) >= threshold:
        worst = table.severities[max(ranks)]
        want, why = "fail", f"an issue is {worst!r} (fail from {options['fail_from']!r})"
    else:
        want, why = "pass_with_notes", f"every issue is below {options['fail_from']!r}"
    if verdict == want:
        return ()
    return (RecordProblem(f"verdict is {verdict!r} but {why}: use {want!r}", "/label/verdict"),)
