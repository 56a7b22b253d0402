"""Two MQM errors with the same side, span and category.

## What it checks
That no two errors of `label.errors` share `side` (absent counts as `target`), `start`,
`end` and `category`. The same words may carry two errors of different categories (an
awkward phrase that is also a mistranslation).

## Why it matters
A duplicate counts the same error twice in the score (5 points become 10) and uses up one
of the five errors a segment may have. It usually comes from a double click in the
annotation tool or from merging two passes.

## Failing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "I see you.", "target": "Ich sehe euch."}, "label": {"errors": [{"category": "Fluency/Register", "severity": "Minor", "start": 9, "end": 13, "text": "euch"}, {"category": "Fluency/Register", "severity": "Minor", "start": 9, "end": 13, "text": "euch"}], "score": 2}}
```

## Passing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "I see you.", "target": "Ich sehe euch."}, "label": {"errors": [{"category": "Fluency/Register", "severity": "Minor", "start": 9, "end": 13, "text": "euch"}], "score": 1}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.translation import mqm_errors

CODE = "MQM005"
NAME = "duplicate-mqm-error"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report each error that repeats an earlier one."""
    errors = mqm_errors(record)
    if not errors or len(errors) < 2:
        return ()
    seen: dict[tuple[Any, ...], int] = {}
    problems = []
    for i, error in errors:
        key = (
            repr(error.get("start")),
            repr(error.get("end")),
            repr(error.get("category")),
            repr(error.get("side", "target")),
        )
        first = seen.setdefault(key, i)
        if first != i:
            problems.append(
                RecordProblem(
                    f"error {i} repeats error {first} (same side, span and category)",
                    f"/label/errors/{i}",
                )
            )
    return problems
