"""A segment `score` that is not the sum of its errors' MQM weights.

## What it checks
That `label.score` equals the MQM penalty recomputed from `label.errors`, rounded to
`decimals` places: each error weighs `non_translation` when its category is
`non_translation_category`; otherwise by severity: `neutral` for Neutral, `minor_punctuation`
for Minor errors of `punctuation_category`, `minor` for other Minor errors and `major` for
Major ones. The defaults are the WMT weights of Freitag et al. (2021): Major 5, Minor 1,
Minor Fluency/Punctuation 0.1, Neutral 0, Non-translation! 25. `errors: []` means a score
of 0. Skipped when an error has a severity outside the weights (the label schema reports
it).

## Why it matters
The score is what system rankings, agreement (alpha on the score) and gold accuracy use. A
hand-typed score that disagrees with the errors (a forgotten 0.1 for punctuation, a Major
counted as Minor) silently shifts every aggregate, and nobody reading the errors would see
it.

## Failing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Hello, world.", "target": "Hallo Welt."}, "label": {"errors": [{"category": "Fluency/Punctuation", "severity": "Minor", "start": 0, "end": 5, "text": "Hallo"}], "score": 1}}
```

## Passing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Hello, world.", "target": "Hallo Welt."}, "label": {"errors": [{"category": "Fluency/Punctuation", "severity": "Minor", "start": 0, "end": 5, "text": "Hallo"}], "score": 0.1}}
```

## Options
* `major` (number, default `5`): weight of a Major error.
* `minor` (number, default `1`): weight of a Minor error.
* `minor_punctuation` (number, default `0.1`): weight of a Minor error of
  `punctuation_category`.
* `neutral` (number, default `0`): weight of a Neutral error.
* `non_translation` (number, default `25`): weight of an error of
  `non_translation_category`, whatever its severity.
* `punctuation_category` (string, default `Fluency/Punctuation`): the category with the
  reduced Minor weight.
* `non_translation_category` (string, default `Non-translation!`): the category with the
  fixed weight.
* `decimals` (integer, default `1`): the score is recorded rounded to this many decimal places.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.translation import mqm_errors

CODE = "MQM004"
NAME = "mqm-score"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR


def _number(default: float, description: str) -> dict[str, Any]:
    return {"type": "number", "minimum": 0, "default": default, "description": description}


OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "major": _number(5, "Weight of a Major error."),
        "minor": _number(1, "Weight of a Minor error."),
        "minor_punctuation": _number(0.1, "Weight of a Minor punctuation error."),
        "neutral": _number(0, "Weight of a Neutral error."),
        "non_translation": _number(25, "Weight of a non-translation."),
        "punctuation_category": {
            "type": "string",
            "default": "Fluency/Punctuation",
            "description": "The category with the reduced Minor weight.",
        },
        "non_translation_category": {
            "type": "string",
            "default": "Non-translation!",
            "description": "The category with the fixed weight.",
        },
        "decimals": {
            "type": "integer",
            "minimum": 0,
            "maximum": 6,
            "default": 1,
            "description": "Decimal places the score is recorded with.",
        },
    },
    "additionalProperties": False,
}


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the weight of each severity."""
    return {
        **options,
        "_by_severity": {
            "Major": options["major"],
            "Minor": options["minor"],
            "Neutral": options["neutral"],
        },
    }


def computed_score(errors: Iterable[dict[str, Any]], options: dict[str, Any]) -> float | None:
    """The MQM penalty of ``errors`` (unrounded); None when a severity has no weight."""
    by_severity = options["_by_severity"]
    total = 0.0
    for error in errors:
        category, severity = error.get("category"), error.get("severity")
        if category == options["non_translation_category"]:
            total += options["non_translation"]
        elif severity == "Minor" and category == options["punctuation_category"]:
            total += options["minor_punctuation"]
        elif severity.__class__ is str and severity in by_severity:
            total += by_severity[severity]
        else:
            return None
    return total


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report a stated score that differs from the recomputed one."""
    errors = mqm_errors(record)
    if errors is None:
        return ()
    stated = record["label"].get("score")
    if stated.__class__ is not int and stated.__class__ is not float:
        return ()
    total = computed_score((e for _, e in errors), options)
    if total is None:
        return ()
    expected = round(total, options["decimals"])
    if abs(stated - expected) < 1e-9:
        return ()
    return (
        RecordProblem(
            f"score is {stated:g}, but the errors add up to {expected:g} "
            f"({len(errors)} error(s) weighed with the rubric's MQM weights)",
            "/label/score",
        ),
    )
