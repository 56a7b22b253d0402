"""A checklist, version, dimension, kind, severity or question the named checklist does not have.

## What it checks
For labels that name a bias checklist (`label.checklist`, one of the rubric's
`bias_checklists:`) at a version (`label.checklist_version`) and list `label.issues`:

* the checklist is one the rubric references, and the version is the loaded checklist's
  current `version` (with `accept_older_versions`, any version in its changelog);
* every issue's `dimension` is a dimension id of that checklist, its `kind` a kind the
  checklist lists (under any dimension), its `severity` a severity id other than `none`,
  and its `question`, when given, a checklist question id.

Values the rubric's label schema already rejects (an enum or `const`) are left to LBL009;
this rule reports what the schema lets through (drift between the schema's enums and the
checklist, or every id in a rubric without enums).

## Why it matters
Bias findings are aggregated per dimension and kind across annotators and releases. An id
the checklist does not have, or a label written against another checklist version, lands
in a bucket no guideline defines, and the per-dimension report silently mixes meanings.

## Failing example
Against a rubric (`bias_open`) whose label schema leaves `dimension` a free string:

```json
{"id": "b1", "rubric": "bias_open", "label": {"checklist": "bias_checklist", "checklist_version": "1.0.0", "issues": [{"dimension": "height", "kind": "stereotype", "severity": "low", "target_group": "tall people"}], "verdict": "pass_with_notes"}}
```

## Passing example
```json
{"id": "b1", "rubric": "bias_evaluation", "label": {"checklist": "bias_checklist", "checklist_version": "1.0.0", "issues": [{"dimension": "age", "kind": "stereotype", "severity": "low", "target_group": "older people"}], "verdict": "pass_with_notes"}}
```

## Options
* `accept_older_versions` (boolean, default `false`): accept a `checklist_version` listed
  in the checklist's changelog even when it is not the current version.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer
from validate.rules.bias.checklist import checklist_tables, label_checklist
from validate.rules.named_documents import resolve_named_document, schema_rejects
from validate.rules.safety.policy import schema_values

CODE = "BIA001"
NAME = "checklist-ids"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
REFERENCES = "bias_checklists"
"""The rubric's bias checklists must load (validate.lint.compiled.check_references)."""
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "accept_older_versions": {
            "type": "boolean",
            "default": False,
            "description": "Accept a checklist_version from the checklist's changelog.",
        },
    },
    "additionalProperties": False,
}

_ITEM = ("properties", "issues", "items", "properties")
_FIELDS = ("dimension", "kind", "severity", "question")


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the checklists' tables and what the label schema restricts."""
    return {
        **options,
        "_tables": checklist_tables(rubric),
        "_schema_checklist": schema_values(rubric, "properties", "checklist"),
        "_schema_version": schema_values(rubric, "properties", "checklist_version"),
        "_schema": {f: schema_values(rubric, *_ITEM, f) for f in _FIELDS},
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report unknown checklist ids and versions."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    found = resolve_named_document(
        label,
        options["_tables"],
        label_checklist,
        kind="checklist",
        plural="checklists",
        id_field="checklist",
        version_field="checklist_version",
        schema_ids=options["_schema_checklist"],
        schema_versions=options["_schema_version"],
        accept_older_versions=options["accept_older_versions"],
    )
    table, problems = found.table, found.problems
    if table is None or not found.version_known:
        return problems  # ids of an unknown checklist or version cannot be checked
    issues = label.get("issues")
    if issues.__class__ is not list:
        return problems
    schema = options["_schema"]
    known = {
        "dimension": table.dimensions,
        "kind": table.kinds,
        "severity": frozenset(s for s in table.severities if s != "none"),
        "question": table.questions,
    }
    for index, issue in enumerate(issues):
        if issue.__class__ is not dict:
            continue
        for name in _FIELDS:
            value = issue.get(name)
            if (
                value.__class__ is str
                and value not in known[name]
                and not schema_rejects(schema[name], value)
            ):
                problems.append(
                    RecordProblem(
                        f"checklist {table.id!r} {table.version} has no {name} {value!r}",
                        pointer("label", "issues", index, name),
                    )
                )
    return problems
