"""A search judgement that needs a rationale has none (or too short a one).

## What it checks
That `label.rationale` has at least `min_length` characters (leading and trailing spaces not
counted) when `needs_met` is one of `needs_met_levels` (by default `Fully Meets`), or when
`relevance` is at least `relevant_from` (by default 2) but `needs_met` is `fails` (a
relevant page that fails the user). The rubric also asks for a rationale when a page did
not load; the payload has no field that says so, so that case is not checked.

## Why it matters
These are the judgements reviewers audit: a perfect score, and a relevant page rated as
failing the user (wrong locale, harmful, useless). Without the reason a reviewer cannot
tell a considered call from a slip.

## Failing example
```json
{"id": "s1", "rubric": "search_relevance", "label": {"relevance": 3, "needs_met": "Fails to Meet"}}
```

## Passing example
```json
{"id": "s1", "rubric": "search_relevance", "label": {"relevance": 3, "needs_met": "Fails to Meet", "rationale": "US tax dates for a UK user."}}
```

## Options
* `min_length` (integer, default `10`): the shortest acceptable rationale, in characters.
* `needs_met_levels` (list of strings, default `["Fully Meets"]`): Needs Met levels that
  always need a rationale.
* `relevant_from` (integer, default `2`): the lowest grade counted as relevant.
* `fails` (string, default `Fails to Meet`): the failing Needs Met level.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "SRL002"
NAME = "relevance-rationale-required"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "min_length": {
            "type": "integer",
            "minimum": 1,
            "default": 10,
            "description": "Shortest acceptable rationale, in characters.",
        },
        "needs_met_levels": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["Fully Meets"],
            "description": "Needs Met levels that always need a rationale.",
        },
        "relevant_from": {
            "type": "integer",
            "default": 2,
            "description": "The lowest grade counted as relevant.",
        },
        "fails": {
            "type": "string",
            "default": "Fails to Meet",
            "description": "The failing Needs Met level.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the levels as a set."""
    return {**options, "_levels": frozenset(options["needs_met_levels"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a missing or short rationale where the rubric requires one."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    needs_met = label.get("needs_met")
    relevance = label.get("relevance")
    if needs_met.__class__ is not str:
        return ()
    if needs_met in options["_levels"]:
        because = f"needs_met is {needs_met!r}"
    elif (
        needs_met == options["fails"]
        and relevance.__class__ is int
        and relevance >= options["relevant_from"]
    ):
        because = f"relevance {relevance} with needs_met {needs_met!r} needs an explanation"
    else:
        return ()  # fast path: most judgements need no rationale
    rationale = label.get("rationale")
    text = rationale.strip() if rationale.__class__ is str else ""
    minimum = options["min_length"]
    if len(text) >= minimum:
        return ()
    if not text:
        return (RecordProblem(f"a rationale is required because {because}", "/label"),)
    return (
        RecordProblem(
            f"the rationale has {len(text)} characters; at least {minimum} are required "
            f"because {because}",
            "/label/rationale",
        ),
    )
