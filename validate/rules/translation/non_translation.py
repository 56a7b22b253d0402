"""A `Non-translation!` error that is not a single Major error over the whole target.

## What it checks
For an error of `label.errors` whose `category` is `category` (default `Non-translation!`):
its `severity` is `severity` (default `Major`), its span covers the whole target (`start`
0, `end` = the length of `item.target`, on the target side), and it is the only error of
the segment.

## Why it matters
`Non-translation!` replaces error-by-error annotation when a target is not a translation at
all; it weighs 25, the maximum. Combined with other errors, on part of the target, or at
another severity, it double-counts or under-counts the segment, and the MQM score no longer
means what the rubric says.

## Failing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Turn left.", "target": "Danke schön."}, "label": {"errors": [{"category": "Non-translation!", "severity": "Major", "start": 0, "end": 5, "text": "Danke"}], "score": 25}}
```

## Passing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Turn left.", "target": "Danke schön."}, "label": {"errors": [{"category": "Non-translation!", "severity": "Major", "start": 0, "end": 12, "text": "Danke schön."}], "score": 25}}
```

## Options
* `category` (string, default `Non-translation!`): the category that marks a non-translation.
* `severity` (string, default `Major`): its only allowed severity.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.translation import mqm_errors

CODE = "MQM001"
NAME = "non-translation"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "category": {
            "type": "string",
            "default": "Non-translation!",
            "description": "The category that marks a non-translation.",
        },
        "severity": {
            "type": "string",
            "default": "Major",
            "description": "Its only allowed severity.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a non-translation that is not Major, whole-target and alone."""
    errors = mqm_errors(record)
    if not errors:
        return ()
    category = options["category"]
    marked = [(i, e) for i, e in errors if e.get("category") == category]
    if not marked:
        return ()
    problems = []
    if len(errors) > 1:
        problems.append(
            RecordProblem(
                f"{category} must be the only error of the segment; this one has {len(errors)}",
                "/label/errors",
            )
        )
    item = record.get("item")
    target = item.get("target") if item.__class__ is dict else None
    for i, error in marked:
        where = f"/label/errors/{i}"
        severity = error.get("severity")
        if severity != options["severity"]:
            problems.append(
                RecordProblem(
                    f"error {i}: {category} must be {options['severity']}, not {severity!r}",
                    f"{where}/severity",
                )
            )
        side = error.get("side")
        if side is not None and side != "target":
            problems.append(
                RecordProblem(f"error {i}: {category} spans the target, not the {side}", where)
            )
        elif target.__class__ is str and (error.get("start"), error.get("end")) != (
            0,
            len(target),
        ):
            problems.append(
                RecordProblem(
                    f"error {i}: {category} must span the whole target [0, {len(target)}), "
                    f"not [{error.get('start')}, {error.get('end')})",
                    where,
                )
            )
    return problems
