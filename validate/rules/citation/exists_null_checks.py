"""A citation whose later checks do not match its `exists` answer.

## What it checks
For every citation of `label.citations`: when `exists` is `"no"`, `relevant`, `supports`
and `accurate` are all `null` (there is nothing to judge); when it is `"yes"`, none of them
is `null`.

## Why it matters
A verdict on a source that does not exist is invented, and a missing verdict on one that
does leaves a hole in citation precision. Both usually mean the annotator changed `exists`
and forgot the rest.

## Failing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [3].", "sources": [{"id": "1", "title": "Baikal", "text": "Baikal is deep."}]}, "label": {"citations": [{"source_id": "3", "start": 15, "end": 18, "text": "[3]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "no", "relevant": "no", "supports": "no", "accurate": "no"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [3].", "sources": [{"id": "1", "title": "Baikal", "text": "Baikal is deep."}]}, "label": {"citations": [{"source_id": "3", "start": 15, "end": 18, "text": "[3]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "no", "relevant": null, "supports": null, "accurate": null}]}}
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

CODE = "CIT002"
NAME = "exists-null-checks"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}

_CHECKS = ("relevant", "supports", "accurate")


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report checks answered for a missing source, or left null for an existing one."""
    problems = []
    for i, citation in citations(record):
        exists = citation.get("exists")
        if exists == "no":
            answered = [k for k in _CHECKS if citation.get(k) is not None]
            if answered:
                problems.append(
                    RecordProblem(
                        f"citation {i}: exists is 'no', so {', '.join(answered)} must be null",
                        f"/label/citations/{i}/{answered[0]}",
                    )
                )
        elif exists == "yes":
            empty = [k for k in _CHECKS if citation.get(k) is None]
            if empty:
                problems.append(
                    RecordProblem(
                        f"citation {i}: exists is 'yes', so {', '.join(empty)} must be "
                        "answered (not null)",
                        f"/label/citations/{i}",
                    )
                )
    return problems
