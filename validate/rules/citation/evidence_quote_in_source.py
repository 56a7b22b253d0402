"""A supporting citation without an evidence quote, or with one its source does not contain.

## What it checks
For every citation of `label.citations`:

* when `supports` is one of `quote_required_for` (by default `"yes"` and `"partly"`),
  `evidence_quote` is given;
* an `evidence_quote` occurs verbatim (exact substring) in the `text` of the cited source
  (`item.sources` entry with the citation's `source_id`). Citations to a source the item
  does not list (a `resolved_url` outside reference) are not checked.

## Why it matters
"Supports" is the verdict citation precision counts, and the quote is how a reviewer checks
it in seconds. A missing quote makes the verdict unreviewable; a quote that is not in the
source (a paraphrase, a quote from another source) is a fabricated justification.

## Failing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [1].", "sources": [{"id": "1", "title": "Baikal", "text": "Baikal is the deepest lake."}]}, "label": {"citations": [{"source_id": "1", "start": 15, "end": 18, "text": "[1]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "yes", "relevant": "yes", "supports": "yes", "accurate": "yes", "evidence_quote": "Baikal is very deep"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "citation_verification", "item": {"response": "Baikal is deep [1].", "sources": [{"id": "1", "title": "Baikal", "text": "Baikal is the deepest lake."}]}, "label": {"citations": [{"source_id": "1", "start": 15, "end": 18, "text": "[1]", "statement": {"start": 0, "end": 14, "text": "Baikal is deep"}, "exists": "yes", "relevant": "yes", "supports": "yes", "accurate": "yes", "evidence_quote": "Baikal is the deepest lake"}]}}
```

## Options
* `quote_required_for` (list of `supports` values, default `["yes", "partly"]`): the
  answers that need an `evidence_quote`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.citation import citations, sources
from validate.rules.text_search import TextSearch

CODE = "CIT004"
NAME = "citation-evidence-quote"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "quote_required_for": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["yes", "partly"],
            "description": "supports answers that need an evidence_quote.",
        }
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report missing quotes and quotes not found in the cited source."""
    found = citations(record)
    if not found:
        return ()
    required = options["quote_required_for"]
    known: dict[str, Any] | None = None
    searches: dict[str, TextSearch] = {}
    problems = []
    for i, citation in found:
        quote = citation.get("evidence_quote")
        if quote is None:
            supports = citation.get("supports")
            if supports.__class__ is str and supports in required:
                problems.append(
                    RecordProblem(
                        f"citation {i}: supports is {supports!r}, so an evidence_quote is required",
                        f"/label/citations/{i}",
                    )
                )
            continue
        if quote.__class__ is not str or not quote:
            continue
        if known is None:
            known = sources(record) or {}
        source_id = citation.get("source_id")
        text = known.get(source_id) if source_id.__class__ is str else None
        if text.__class__ is not str:
            continue
        search = searches.get(source_id)
        if search is None:  # many citations may quote one long source: see TextSearch
            search = searches[source_id] = TextSearch(text)
        if not search.occurs(quote):
            problems.append(
                RecordProblem(
                    f"citation {i}: the evidence_quote does not occur verbatim in source "
                    f"{source_id!r}",
                    f"/label/citations/{i}/evidence_quote",
                )
            )
    return problems
