"""A tracked change whose `before` text is not in the original.

## What it checks
That every `label.changes[*].before` occurs in `item.original`, copied exactly (same
characters, same spaces). A record whose item carries no original text cannot be checked
and is reported as such.

## Why it matters
`before` is how a reviewer finds the change and how tools align it: a paraphrase, a fixed
typo or a dropped space makes the change impossible to locate, so it cannot be audited or
turned into a training pair.

## Failing example
```json
{"id": "r1", "rubric": "output_editing", "item": {"prompt": "Hi?", "original": "Helo there."}, "label": {"edited": "Hello there.", "changes": [{"category": "style", "before": "Helo  there", "after": "Hello there", "reason": "Spelling."}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "output_editing", "item": {"prompt": "Hi?", "original": "Helo there."}, "label": {"edited": "Hello there.", "changes": [{"category": "style", "before": "Helo there", "after": "Hello there", "reason": "Spelling."}]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.editing.quoting import quote
from validate.rules.text_search import TextSearch

CODE = "EDT002"
NAME = "change-before-in-original"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every `before` that is not a substring of the original."""
    label = record.get("label")
    changes = label.get("changes") if label.__class__ is dict else None
    if changes.__class__ is not list or not changes:
        return ()
    item = record.get("item")
    original = item.get("original") if item.__class__ is dict else None
    if original.__class__ is not str:
        return (
            RecordProblem(
                "the item has no original text (item.original): the changes cannot be checked",
                "/item/original",
            ),
        )
    problems = []
    search = TextSearch(original)  # many changes over a long text: see TextSearch
    for index, change in enumerate(changes):
        if change.__class__ is not dict:
            continue
        before = change.get("before")
        if before.__class__ is str and before and not search.occurs(before):
            problems.append(
                RecordProblem(
                    f"change {index}: before text {quote(before)} does not occur in the "
                    "original (copy it exactly)",
                    f"/label/changes/{index}/before",
                )
            )
    return problems
