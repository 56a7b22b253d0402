"""A claim whose evidence does not fit its verdict.

## What it checks
For every claim of `label.claims`: a claim whose `verdict` is one of `required_for` (by
default `supported` and `contradicted`) has an `evidence` object, and a claim whose verdict
is one of `forbidden_for` (by default `unverifiable`) has none.

## Why it matters
A `supported` or `contradicted` verdict is only as good as the passage behind it: without
evidence a reviewer cannot check it, and gold adjudication turns into a re-annotation.
Evidence on an `unverifiable` claim contradicts the verdict itself: if the source says it,
the claim is verifiable.

## Failing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "supported"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "supported", "evidence": {"source_id": "s1", "quote": "Paris, France"}}]}}
```

## Options
* `required_for` (list of verdicts, default `["supported", "contradicted"]`): verdicts that
  need evidence.
* `forbidden_for` (list of verdicts, default `["unverifiable"]`): verdicts that must not have
  evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.hallucination import claims

CODE = "HAL001"
NAME = "evidence-for-verdict"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "required_for": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["supported", "contradicted"],
            "description": "Verdicts that need evidence.",
        },
        "forbidden_for": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["unverifiable"],
            "description": "Verdicts that must not have evidence.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the verdicts as sets."""
    return {
        **options,
        "_required": frozenset(options["required_for"]),
        "_forbidden": frozenset(options["forbidden_for"]),
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report missing evidence for a verdict that needs it, and evidence where none belongs."""
    required, forbidden = options["_required"], options["_forbidden"]
    problems = []
    for i, claim in claims(record):
        verdict = claim.get("verdict")
        if verdict.__class__ is not str:
            continue
        has = claim.get("evidence") is not None
        if not has and verdict in required:
            problems.append(
                RecordProblem(
                    f"claim {i} is {verdict!r} but gives no evidence", f"/label/claims/{i}"
                )
            )
        elif has and verdict in forbidden:
            problems.append(
                RecordProblem(
                    f"claim {i} is {verdict!r} but gives evidence; evidence means the claim "
                    "can be verified",
                    f"/label/claims/{i}/evidence",
                )
            )
    return problems
