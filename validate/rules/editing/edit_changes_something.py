"""An edit that changes nothing, or a tracked change whose before and after are equal.

## What it checks
That `label.edited` differs from `item.original` (also when only spaces at the ends
differ, which no reader sees), and that no entry of `label.changes` has `after` equal to
`before`. Skipped when the item carries no original text (EDT002 reports that).

## Why it matters
An unchanged copy is not an edit: the response needed none, and the annotator should have
flagged "no edit needed" instead. Training on it teaches the model that its output was
already the target, while the label claims a correction happened.

## Failing example
```json
{"id": "r1", "rubric": "output_editing", "item": {"prompt": "Hi?", "original": "Hello there."}, "label": {"edited": "Hello there.", "changes": [{"category": "style", "before": "Hello", "after": "Hello", "reason": "Greeting."}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "output_editing", "item": {"prompt": "Hi?", "original": "Helo there."}, "label": {"edited": "Hello there.", "changes": [{"category": "style", "before": "Helo", "after": "Hello", "reason": "Spelling."}]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "EDT001"
NAME = "edit-changes-something"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report an unchanged edit and no-op changes."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    problems = []
    edited = label.get("edited")
    item = record.get("item")
    original = item.get("original") if item.__class__ is dict else None
    if edited.__class__ is str and original.__class__ is str:
        if edited == original:
            problems.append(
                RecordProblem(
                    "the edited text is identical to the original: nothing was changed "
                    '(flag "no edit needed" instead of submitting)',
                    "/label/edited",
                )
            )
        elif edited.strip() == original.strip():
            problems.append(
                RecordProblem(
                    "the edited text differs from the original only in spaces at the ends",
                    "/label/edited",
                )
            )
    changes = label.get("changes")
    if changes.__class__ is list:
        for index, change in enumerate(changes):
            if change.__class__ is dict:
                before = change.get("before")
                if before.__class__ is str and before == change.get("after"):
                    problems.append(
                        RecordProblem(
                            f"change {index} has the same text before and after: {before!r}",
                            f"/label/changes/{index}/after",
                        )
                    )
    return problems
