"""An evidence quote that does not occur in the source it names.

## What it checks
For every claim of `label.claims` whose `evidence` names a known source (`source_id` an id
of `item.sources`, or `prompt` / `response`): `evidence.quote` occurs verbatim in that text
(the source's `text`, `item.prompt` or `item.response`), as an exact substring; with
`normalize_whitespace`, runs of whitespace count as one space on both sides. A quote from
`response` must occur somewhere outside the claim's own span: a claim cannot be its own
evidence. Unknown source ids are HAL003's; evidence with only a `url` is not checked.

## Why it matters
The quote is what a reviewer reads instead of the whole source. A paraphrase or a quote
from memory looks like evidence but may not say what the source says, and it hides claims
"supported" by text that is not there.

## Failing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "supported", "evidence": {"source_id": "s1", "quote": "Paris is a city in France"}}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "supported", "evidence": {"source_id": "s1", "quote": "Paris, France"}}]}}
```

## Options
* `normalize_whitespace` (boolean, default `false`): compare with every run of whitespace
  collapsed to one space (for sources re-wrapped between labelling and linting).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.hallucination import claims, source_texts
from validate.rules.text_search import TextSearch

CODE = "HAL004"
NAME = "evidence-quote"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "normalize_whitespace": {
            "type": "boolean",
            "default": False,
            "description": "Collapse whitespace runs before comparing.",
        }
    },
    "additionalProperties": False,
}


def _squash(text: str) -> str:
    return " ".join(text.split())


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report quotes missing from their source, and response quotes from the claim itself."""
    found = [(i, c) for i, c in claims(record) if c.get("evidence").__class__ is dict]
    if not found:
        return ()
    _, texts = source_texts(record)
    squash = options["normalize_whitespace"]
    wanted = []  # (claim index, claim, source id, quote) of every quote to look up
    for i, claim in found:
        evidence = claim["evidence"]
        quote, source_id = evidence.get("quote"), evidence.get("source_id")
        if quote.__class__ is not str or not quote or source_id.__class__ is not str:
            continue
        if texts.get(source_id) is None:
            continue  # unknown source (HAL003) or a source without text
        wanted.append((i, claim, source_id, _squash(quote) if squash else quote))
    if not wanted:
        return ()
    # One searcher per source, squashed once: claims often quote the same source.
    search = {
        source: TextSearch(_squash(texts[source]) if squash else texts[source])
        for source in {source_id for _, _, source_id, _ in wanted}
    }
    problems = []
    for i, claim, source_id, quote in wanted:
        where = f"/label/claims/{i}/evidence/quote"
        text = search[source_id]
        if not text.occurs(quote):
            problems.append(
                RecordProblem(
                    f"claim {i}: the evidence quote does not occur verbatim in {source_id!r}",
                    where,
                )
            )
        elif source_id == "response" and not squash and not _outside_span(text, quote, claim):
            problems.append(
                RecordProblem(
                    f"claim {i}: the evidence quote is the claim's own text; quote another "
                    "part of the response",
                    where,
                )
            )
    return problems


def _outside_span(text: TextSearch, quote: str, claim: dict[str, Any]) -> bool:
    """True when ``quote`` occurs in ``text`` not wholly inside the claim's span."""
    start, end = claim.get("start"), claim.get("end")
    if start.__class__ is not int or end.__class__ is not int:
        return True
    return text.occurs_outside(quote, start, end)
