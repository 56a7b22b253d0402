"""An MQM error marked on the wrong side (source or target) for its category.

## What it checks
For every error of `label.errors`: when its `category` is one of `source_side` (by default
`Accuracy/Omission` and `Source error`), `side` is `source`; for every other category,
`side` is `target` or absent (the default side is the target).

## Why it matters
An omission has no words in the target to mark, and a source error is by definition in the
source: their spans index `item.source`. Every other error is in the translation. A wrong
side makes the span index the wrong text: the offsets then select unrelated words, and
span-level agreement and error highlighting break.

## Failing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Closed on Mondays and holidays.", "target": "Montags geschlossen."}, "label": {"errors": [{"category": "Accuracy/Omission", "severity": "Major", "start": 18, "end": 30, "text": "and holidays"}], "score": 5}}
```

## Passing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Closed on Mondays and holidays.", "target": "Montags geschlossen."}, "label": {"errors": [{"category": "Accuracy/Omission", "severity": "Major", "side": "source", "start": 18, "end": 30, "text": "and holidays"}], "score": 5}}
```

## Options
* `source_side` (list of categories, default `["Accuracy/Omission", "Source error"]`): the
  categories marked in the source.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.translation import mqm_errors

CODE = "MQM003"
NAME = "error-side"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "source_side": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["Accuracy/Omission", "Source error"],
            "description": "Categories marked in the source.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report errors on the wrong side for their category."""
    errors = mqm_errors(record)
    if not errors:
        return ()
    source_side = options["source_side"]
    problems = []
    for i, error in errors:
        category, side = error.get("category"), error.get("side", "target")
        if category.__class__ is not str or side.__class__ is not str:
            continue
        if category in source_side:
            if side != "source":
                problems.append(
                    RecordProblem(
                        f"error {i}: {category} is marked in the source; set side: source",
                        f"/label/errors/{i}",
                    )
                )
        elif side != "target":
            problems.append(
                RecordProblem(
                    f"error {i}: {category} is marked in the target, not the {side}",
                    f"/label/errors/{i}/side",
                )
            )
    return problems
