"""A claim whose error type does not fit its verdict.

## What it checks
For every claim of `label.claims`:

* a claim whose `verdict` is `no_error_verdict` (default `supported`) has no `error_type`;
* any other verdict has an `error_type`, and it is one of the types `allowed` lists for that
  verdict (FRANK's semantic-frame and discourse errors for `contradicted`; out-of-article,
  grammatical and other errors for `unverifiable`);
* an error type listed in `note_required` (default `other_error`) comes with a non-empty
  `note`.

That `error_type` is a value of the rubric's scale at all is the label schema's (LBL009).

## Why it matters
Error types feed the error analysis (which kinds of hallucination a model makes). A
`supported` claim with an error type, or a `contradicted` claim typed as "out of article",
is self-contradictory, and averages per type become meaningless. `other_error` without a
note tells the analyst nothing.

## Failing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in Spain.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 17, "text": "Paris is in Spain", "verdict": "contradicted", "error_type": "out_of_article_error", "evidence": {"source_id": "s1", "quote": "Paris, France"}}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in Spain.", "sources": [{"id": "s1", "text": "Paris, France."}]}, "label": {"claims": [{"start": 0, "end": 17, "text": "Paris is in Spain", "verdict": "contradicted", "error_type": "entity_error", "evidence": {"source_id": "s1", "quote": "Paris, France"}}]}}
```

## Options
* `no_error_verdict` (string, default `supported`): the verdict that takes no error type.
* `allowed` (object, verdict -> list of error types): the error types each other verdict
  allows; a verdict not listed allows any. Default: `contradicted` -> `predicate_error`,
  `entity_error`, `circumstance_error`, `coreference_error`, `discourse_link_error`,
  `other_error`; `unverifiable` -> `out_of_article_error`, `grammatical_error`, `other_error`.
* `note_required` (list of error types, default `["other_error"]`): error types that need a
  `note`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.hallucination import claims

CODE = "HAL002"
NAME = "error-type-for-verdict"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "no_error_verdict": {
            "type": "string",
            "default": "supported",
            "description": "The verdict that takes no error type.",
        },
        "allowed": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "default": {
                "contradicted": [
                    "predicate_error",
                    "entity_error",
                    "circumstance_error",
                    "coreference_error",
                    "discourse_link_error",
                    "other_error",
                ],
                "unverifiable": ["out_of_article_error", "grammatical_error", "other_error"],
            },
            "description": "Error types each verdict allows.",
        },
        "note_required": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["other_error"],
            "description": "Error types that need a note.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the allowed types as sets."""
    return {
        **options,
        "_allowed": {v: frozenset(types) for v, types in options["allowed"].items()},
        "_note": frozenset(options["note_required"]),
    }


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report error types missing, present, or of the wrong kind for the verdict."""
    fine_verdict = options["no_error_verdict"]
    allowed, needs_note = options["_allowed"], options["_note"]
    problems = []
    for i, claim in claims(record):
        verdict = claim.get("verdict")
        if verdict.__class__ is not str:
            continue
        error_type = claim.get("error_type")
        where = f"/label/claims/{i}"
        if verdict == fine_verdict:
            if error_type is not None:
                problems.append(
                    RecordProblem(
                        f"claim {i} is {verdict!r} but has error_type {error_type!r}",
                        f"{where}/error_type",
                    )
                )
            continue
        if error_type is None:
            problems.append(RecordProblem(f"claim {i} is {verdict!r} but has no error_type", where))
            continue
        if error_type.__class__ is not str:
            continue
        types = allowed.get(verdict)
        if types is not None and error_type not in types:
            problems.append(
                RecordProblem(
                    f"claim {i}: error_type {error_type!r} does not fit verdict {verdict!r} "
                    f"(allowed: {', '.join(sorted(types))})",
                    f"{where}/error_type",
                )
            )
        if error_type in needs_note:
            note = claim.get("note")
            if note.__class__ is not str or not note.strip():
                problems.append(
                    RecordProblem(
                        f"claim {i}: error_type {error_type!r} needs a note saying what the "
                        "error is",
                        where,
                    )
                )
    return problems
