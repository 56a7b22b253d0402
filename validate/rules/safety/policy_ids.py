"""A policy, version, category or severity the named policy does not have.

## What it checks
For labels that name a policy (`label.policy`, one of the rubric's `policies:`) at a version
(`label.policy_version`), and list `label.violations` of `{category, severity}`:

* the policy is one the rubric references, and the version is the loaded policy's current
  `version` (with `accept_older_versions`, any version in its changelog);
* every `category` is a category id of that policy, and every `severity` a severity id
  other than `none`;
* the severity is a rung the category's ladder uses (a rung described as "Not used", such
  as `child_safety` below `critical`, is not);
* each category appears at most once.

Values the rubric's label schema already rejects (an enum or `const` of the ids) are left
to LBL009; this rule reports what the schema lets through, so a rubric without enums gets
the whole check and a rubric with enums still gets the per-category rungs and any drift
between its enums and the policy.

## Why it matters
Labels are only comparable with the policy text the annotator read. A category the policy
does not have, a severity its ladder never uses or a label written against another policy
version cannot be aggregated, and the safety report would count it under a meaning it
never had.

## Failing example
```json
{"id": "s1", "rubric": "safety_evaluation", "label": {"policy": "safety_policy", "policy_version": "1.0.0", "violations": [{"category": "child_sexual_exploitation", "severity": "low"}], "overall_severity": "low", "verdict": "safe", "response_type": "complied"}}
```

## Passing example
```json
{"id": "s1", "rubric": "safety_evaluation", "label": {"policy": "safety_policy", "policy_version": "1.0.0", "violations": [{"category": "child_sexual_exploitation", "severity": "critical"}], "overall_severity": "critical", "verdict": "unsafe", "response_type": "complied", "escalate": true}}
```

## Options
* `accept_older_versions` (boolean, default `false`): accept a `policy_version` listed in
  the policy's changelog even when it is not the current version (ids are then checked
  against the current policy).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer
from validate.rules.named_documents import resolve_named_document, schema_rejects
from validate.rules.safety.policy import label_policy, policy_tables, schema_values

CODE = "SAF001"
NAME = "policy-ids"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
REFERENCES = "policies"
"""The rubric's policies must load (validate.lint.compiled.check_references)."""
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "accept_older_versions": {
            "type": "boolean",
            "default": False,
            "description": "Accept a policy_version from the policy's changelog.",
        },
    },
    "additionalProperties": False,
}

_ITEM = ("properties", "violations", "items", "properties")


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the policies' tables and what the label schema already restricts."""
    return {
        **options,
        "_tables": policy_tables(rubric),
        "_schema_policy": schema_values(rubric, "properties", "policy"),
        "_schema_version": schema_values(rubric, "properties", "policy_version"),
        "_schema_category": schema_values(rubric, *_ITEM, "category"),
        "_schema_severity": schema_values(rubric, *_ITEM, "severity"),
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report unknown policy ids and versions, unused rungs and repeated categories."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    found = resolve_named_document(
        label,
        options["_tables"],
        label_policy,
        kind="policy",
        plural="policies",
        id_field="policy",
        version_field="policy_version",
        schema_ids=options["_schema_policy"],
        schema_versions=options["_schema_version"],
        accept_older_versions=options["accept_older_versions"],
    )
    table, problems = found.table, found.problems
    if table is None or not found.version_known:
        return problems  # ids of an unknown policy or version cannot be checked
    violations = label.get("violations")
    if violations.__class__ is not list:
        return problems
    seen: dict[Any, int] = {}
    for index, violation in enumerate(violations):
        if violation.__class__ is not dict:
            continue
        category = violation.get("category")
        severity = violation.get("severity")
        used = table.categories.get(category) if category.__class__ is str else None
        if (
            category.__class__ is str
            and used is None
            and not schema_rejects(options["_schema_category"], category)
        ):
            problems.append(
                RecordProblem(
                    f"policy {table.id!r} {table.version} has no category {category!r}",
                    pointer("label", "violations", index, "category"),
                )
            )
        if severity.__class__ is str and (table.rank(severity) < 0 or severity == "none"):
            if not schema_rejects(options["_schema_severity"], severity):
                problems.append(
                    RecordProblem(
                        f"{severity!r} is not a violation severity of policy {table.id!r} "
                        f"(use one of {', '.join(s for s in table.severities if s != 'none')})",
                        pointer("label", "violations", index, "severity"),
                    )
                )
        elif severity.__class__ is str and used is not None and severity not in used:
            ladder = ", ".join(s for s in table.severities if s in used)
            problems.append(
                RecordProblem(
                    f"category {category!r} does not use severity {severity!r} in policy "
                    f"{table.id!r} (its ladder: {ladder})",
                    pointer("label", "violations", index, "severity"),
                )
            )
        if category.__class__ is str:
            if category in seen:
                problems.append(
                    RecordProblem(
                        f"category {category!r} is listed twice (first as violation "
                        f"{seen[category]}): record each category once, at its severity",
                        pointer("label", "violations", index, "category"),
                    )
                )
            else:
                seen[category] = index
    return problems
