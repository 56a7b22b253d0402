"""A citation whose `exists` verdict disagrees with the item's sources.

## What it checks
For every citation of `label.citations`: `exists` is `"yes"` exactly when the cited
`source_id` is the `id` of one of `item.sources` or the citation gives a `resolved_url`
(an outside reference the annotator found); otherwise it is `"no"`. A record whose item has
no `sources` list is reported once: the citations cannot be checked.

## Why it matters
`exists` is the first check of the chain and the easiest to get right mechanically: a
citation `[3]` when only sources 1 and 2 were retrieved is a fabricated reference, the most
serious citation error. Marking it `"yes"` hides it from the citation-precision figures;
marking a real source `"no"` drops a citation from every later check.

## Failing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [3].", "sources": [{"id": "1", "title": "Baikal", "text": "Baikal is deep."}]}, "label": {"citations": [{"source_id": "3", "start": 15, "end": 18, "text": "[3]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "yes", "relevant": "yes", "supports": "yes", "accurate": "yes", "evidence_quote": "Baikal is deep"}]}}
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
from validate.rules.citation import citations, sources

CODE = "CIT001"
NAME = "citation-exists-verdict"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}, "additionalProperties": False}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report `exists` answers that contradict the item's sources."""
    found = citations(record)
    if not found:
        return ()
    known = sources(record)
    if known is None:
        return (
            RecordProblem(
                "the item lists no sources (item.sources): the citations cannot be checked",
                "/item/sources",
            ),
        )
    problems = []
    for i, citation in found:
        exists, source_id = citation.get("exists"), citation.get("source_id")
        if exists not in ("yes", "no") or source_id.__class__ is not str:
            continue
        listed = source_id in known
        resolved = citation.get("resolved_url") is not None
        where = f"/label/citations/{i}/exists"
        if exists == "yes" and not (listed or resolved):
            problems.append(
                RecordProblem(
                    f"citation {i}: exists is 'yes' but source {source_id!r} is not among the "
                    f"item's sources ({', '.join(map(repr, known)) or 'none'}) and no "
                    "resolved_url is given",
                    where,
                )
            )
        elif exists == "no" and listed:
            problems.append(
                RecordProblem(
                    f"citation {i}: exists is 'no' but source {source_id!r} is among the "
                    "item's sources",
                    where,
                )
            )
        elif exists == "no" and resolved:
            problems.append(
                RecordProblem(
                    f"citation {i}: exists is 'no' but a resolved_url is given",
                    where,
                )
            )
    return problems
