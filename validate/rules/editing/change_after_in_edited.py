"""A tracked change whose `after` text is not in the edited response.

## What it checks
That every non-empty `label.changes[*].after` occurs in `label.edited`, copied exactly. An
empty `after` (a pure deletion) is not checked.

## Why it matters
`after` says what the annotator put in the response. If it is not in the edited text, the
change log and the edit disagree: either the edit lost a fix or the log describes a fix
that was never made, and reviewers audit the wrong thing.

## Failing example
```json
{"id": "r1", "rubric": "output_editing", "item": {"prompt": "Hi?", "original": "Helo there."}, "label": {"edited": "Hello there.", "changes": [{"category": "style", "before": "Helo", "after": "Hullo", "reason": "Spelling."}]}}
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
from validate.rules.editing.quoting import quote
from validate.rules.text_search import TextSearch

CODE = "EDT003"
NAME = "change-after-in-edited"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every non-empty `after` that is not a substring of the edited text."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    changes = label.get("changes")
    edited = label.get("edited")
    if changes.__class__ is not list or edited.__class__ is not str:
        return ()
    problems = []
    search = TextSearch(edited)  # many changes over a long text: see TextSearch
    for index, change in enumerate(changes):
        if change.__class__ is not dict:
            continue
        after = change.get("after")
        if after.__class__ is str and after and not search.occurs(after):
            problems.append(
                RecordProblem(
                    f"change {index}: after text {quote(after)} does not occur in the edited "
                    "text (copy it exactly)",
                    f"/label/changes/{index}/after",
                )
            )
    return problems
