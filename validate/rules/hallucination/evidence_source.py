"""Evidence that names no source, or a source the item does not have.

## What it checks
For every claim of `label.claims` with an `evidence` object:

* `evidence.source_id`, when given, is the `id` of one of `item.sources`, or `prompt` /
  `response` (the item's own fields, when the item has them);
* when the item has sources, `evidence.source_id` is given;
* when the item has no sources, the evidence gives `source_id` (`prompt` or `response`) or,
  for outside evidence, `evidence.url`.

Whether the quote occurs in that source is HAL004's.

## Why it matters
Evidence that points at nothing cannot be checked, and a claim "supported" by a source the
annotator was not given is a judgement nobody can reproduce. A misspelt source id is the
usual cause, and the annotator can fix it in seconds while the item is still open.

## Failing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "supported", "evidence": {"source_id": "s2", "quote": "Paris, France"}}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "supported", "evidence": {"source_id": "s1", "quote": "Paris, France"}}]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.hallucination import claims, source_texts

CODE = "HAL003"
NAME = "evidence-source"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report evidence without a source, or with an unknown source id."""
    found = [(i, c["evidence"]) for i, c in claims(record) if c.get("evidence").__class__ is dict]
    if not found:
        return ()
    has_sources, texts = source_texts(record)
    problems = []
    for i, evidence in found:
        where = f"/label/claims/{i}/evidence"
        source_id = evidence.get("source_id")
        if source_id.__class__ is str:
            if source_id not in texts:
                known = ", ".join(repr(k) for k in texts) or "none"
                problems.append(
                    RecordProblem(
                        f"claim {i}: evidence source_id {source_id!r} is not a source of the "
                        f"item (known: {known})",
                        f"{where}/source_id",
                    )
                )
        elif source_id is None:
            if has_sources:
                problems.append(
                    RecordProblem(
                        f"claim {i}: the item has sources, so the evidence needs a source_id",
                        where,
                    )
                )
            elif evidence.get("url") is None:
                problems.append(
                    RecordProblem(
                        f"claim {i}: the evidence names neither a source_id (prompt or "
                        "response) nor a url",
                        where,
                    )
                )
    return problems
