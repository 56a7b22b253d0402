"""A citation whose checks contradict each other (relevant -> supports -> accurate).

## What it checks
For every citation of `label.citations`: `relevant: "no"` requires `supports: "no"`, and
`supports: "no"` requires `accurate: "no"`. (A source that is off-topic cannot support the
statement, and a citation that does not support its statement cannot represent the source
accurately.)

## Why it matters
The checks are ordered on purpose: each later one presupposes the earlier. A citation that
is "not relevant" but "supports" the statement is contradictory and counts as correct in
citation precision, which rewards the model for a bad citation.

## Failing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [1].", "sources": [{"id": "1", "title": "Tanganyika", "text": "Tanganyika is long."}]}, "label": {"citations": [{"source_id": "1", "start": 15, "end": 18, "text": "[1]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "yes", "relevant": "no", "supports": "partly", "accurate": "no", "evidence_quote": "Tanganyika is long"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [1].", "sources": [{"id": "1", "title": "Tanganyika", "text": "Tanganyika is long."}]}, "label": {"citations": [{"source_id": "1", "start": 15, "end": 18, "text": "[1]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "yes", "relevant": "no", "supports": "no", "accurate": "no"}]}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.citation import citations

CODE = "CIT003"
NAME = "citation-check-chain"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a later check that is more favourable than an earlier 'no'."""
    problems = []
    for i, citation in citations(record):
        relevant, supports = citation.get("relevant"), citation.get("supports")
        accurate = citation.get("accurate")
        if relevant == "no" and supports is not None and supports != "no":
            problems.append(
                RecordProblem(
                    f"citation {i}: relevant is 'no', so supports must be 'no' "
                    f"(it is {supports!r})",
                    f"/label/citations/{i}/supports",
                )
            )
        elif supports == "no" and accurate is not None and accurate != "no":
            problems.append(
                RecordProblem(
                    f"citation {i}: supports is 'no', so accurate must be 'no' "
                    f"(it is {accurate!r})",
                    f"/label/citations/{i}/accurate",
                )
            )
    return problems
