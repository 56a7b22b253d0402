"""A ranked response whose text is empty.

## What it checks
That every response of `item.responses` that has a `text` field has some non-blank text.
Responses without a `text` field are not checked (the item may carry only ids).

## Why it matters
An empty response usually means the generation or the export failed. Ranking it teaches a
reward model nothing about quality, and a pair with an empty "chosen" response teaches it
the opposite of what was meant.

## Failing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a", "text": ""}, {"id": "b", "text": "Paris."}]}, "label": {"ranking": ["a", "b"]}}
```

## Passing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a", "text": "Paris."}, {"id": "b", "text": "Lyon."}]}, "label": {"ranking": ["a", "b"]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "RNK004"
NAME = "empty-response"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report responses whose text is empty or blank."""
    item = record.get("item")
    responses = item.get("responses") if item.__class__ is dict else None
    if responses.__class__ is not list:
        return ()
    problems = []
    for index, response in enumerate(responses):
        if response.__class__ is not dict or "text" not in response:
            continue
        text = response["text"]
        if text.__class__ is str and not text.strip():
            problems.append(
                RecordProblem(
                    f"response {response.get('id')!r} has empty text",
                    f"/item/responses/{index}/text",
                )
            )
    return problems
