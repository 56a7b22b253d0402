"""A relevance grade that contradicts the Needs Met rating.

## What it checks
The search relevance consistency contract: `relevance` 0 (not relevant) requires
`needs_met` `Fails to Meet`, and `needs_met` `Fully Meets` requires `relevance` 3 (the
top grade). Other combinations are allowed: a relevant page can still fail the user
(locale, usefulness, harm). The grade values come from the options.

## Why it matters
An irrelevant page cannot meet a need, and a page that fully meets it is by definition
perfectly relevant. A record that says otherwise is a slip on one of the two scales, and
which one is unknown, so both the relevance and the Needs Met figures are wrong.

## Failing example
```json
{"id": "s1", "rubric": "search_relevance", "label": {"relevance": 2, "needs_met": "Fully Meets", "rationale": "Official page answering the query."}}
```

## Passing example
```json
{"id": "s1", "rubric": "search_relevance", "label": {"relevance": 3, "needs_met": "Fully Meets", "rationale": "Official page answering the query."}}
```

## Options
* `lowest_relevance` (integer, default `0`): the "not relevant" grade.
* `top_relevance` (integer, default `3`): the grade `Fully Meets` requires.
* `fails` (string, default `Fails to Meet`): the Needs Met level the lowest grade requires.
* `fully` (string, default `Fully Meets`): the Needs Met level that requires the top grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "SRL001"
NAME = "needs-met-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "lowest_relevance": {
            "type": "integer",
            "default": 0,
            "description": "The not-relevant grade.",
        },
        "top_relevance": {
            "type": "integer",
            "default": 3,
            "description": "The grade Fully Meets requires.",
        },
        "fails": {
            "type": "string",
            "default": "Fails to Meet",
            "description": "The Needs Met level the lowest grade requires.",
        },
        "fully": {
            "type": "string",
            "default": "Fully Meets",
            "description": "The Needs Met level that requires the top grade.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report relevance 0 without Fails to Meet, and Fully Meets below the top grade."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    relevance = label.get("relevance")
    needs_met = label.get("needs_met")
    if relevance.__class__ is not int or needs_met.__class__ is not str:
        return ()  # missing or mistyped: LBL009's business
    if relevance == options["lowest_relevance"] and needs_met != options["fails"]:
        return (
            RecordProblem(
                f"relevance {relevance} (not relevant) requires needs_met "
                f"{options['fails']!r}, not {needs_met!r}",
                "/label/needs_met",
            ),
        )
    if needs_met == options["fully"] and relevance != options["top_relevance"]:
        return (
            RecordProblem(
                f"needs_met {needs_met!r} requires relevance {options['top_relevance']}, "
                f"not {relevance}",
                "/label/relevance",
            ),
        )
    return ()
