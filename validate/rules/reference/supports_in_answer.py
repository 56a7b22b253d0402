"""A listed source whose `supports` text is not in the answer.

## What it checks
That every `label.sources[*].supports` occurs in `label.answer`, copied exactly (same
characters, same spaces).

## Why it matters
`supports` names the claim a source backs. A paraphrase cannot be located, so a reviewer
cannot tell which sentence the source is meant to back, and attribution checks (the AIS
test) have nothing to run on.

## Failing example
```json
{"id": "r1", "rubric": "reference_answer", "item": {"prompt": "Capital of Australia?"}, "label": {"answer": "Canberra is the capital.", "criteria": {"correct": "yes", "complete": "yes", "concise": "yes", "verifiable": "yes", "follows_format": "yes"}, "sources": [{"title": "Australia", "url": "https://example.org/au", "supports": "The capital is Canberra"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "reference_answer", "item": {"prompt": "Capital of Australia?"}, "label": {"answer": "Canberra is the capital.", "criteria": {"correct": "yes", "complete": "yes", "concise": "yes", "verifiable": "yes", "follows_format": "yes"}, "sources": [{"title": "Australia", "url": "https://example.org/au", "supports": "Canberra is the capital"}]}}
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

CODE = "REF001"
NAME = "supports-in-answer"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every `supports` that is not a substring of the answer."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    sources = label.get("sources")
    answer = label.get("answer")
    if sources.__class__ is not list or not sources or answer.__class__ is not str:
        return ()
    problems = []
    search = TextSearch(answer)  # many sources over a long answer: see TextSearch
    for index, source in enumerate(sources):
        if source.__class__ is not dict:
            continue
        supports = source.get("supports")
        if supports.__class__ is str and supports and not search.occurs(supports):
            problems.append(
                RecordProblem(
                    f"source {index}: supports text {quote(supports)} does not occur in the "
                    "answer (copy the claim exactly)",
                    f"/label/sources/{index}/supports",
                )
            )
    return problems
