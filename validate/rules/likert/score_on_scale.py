"""A Likert score that is not an integer on the dimension's scale.

## What it checks
For every scored dimension of the rubric, that `label.scores` has a value (when the dimension
is required) and that the value is one of the scale's levels, as the same JSON type: `4`, not
`"4"`, `4.0` or `4.5`, and not `7` on a 1-5 scale.

`null` (N/A) is LKT002's business. When the rubric does not list LKT002, this rule reports
`null` on dimensions that do not allow N/A instead.

Split with LBL009: JSON Schema counts `4.0` as the integer 4, so the schema alone would let it
through. This rule owns the score *values*: when a rubric lists it, the compiled label schema
accepts any value under `scores` (and no longer requires each dimension), and every score
problem is reported here once. LBL009 still reports an unknown dimension or a `scores` that
is not an object.

## Why it matters
Scores feed agreement and averages. `"4"` sorts as text, `4.5` is a level no annotator was
offered, and `4.0` breaks consumers that expect integers; all of them skew the statistics
without anyone noticing.

## Failing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": "4", "correctness": 4.0, "coherence": 6}}}
```

## Passing example
```json
{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 3, "honesty": null}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem, pointer

CODE = "LKT001"
NAME = "score-on-scale"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def relax_label_schema(schema: dict[str, Any], rubric: dict[str, Any]) -> dict[str, Any]:
    """Leave the values of ``scores`` (and which dimensions are present) to this rule."""
    scores = schema.get("properties", {}).get("scores")
    if isinstance(scores, dict) and isinstance(scores.get("properties"), dict):
        relaxed = {**scores, "properties": dict.fromkeys(scores["properties"], True)}
        relaxed.pop("required", None)
        schema = {**schema, "properties": {**schema["properties"], "scores": relaxed}}
    return schema


def _single_type(levels: list[Any]) -> type | None:
    kinds = {type(v) for v in levels}
    return kinds.pop() if len(kinds) == 1 else None


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: each scored dimension's levels, whether required, N/A allowed."""
    dims = []
    for dim in rubric.dimensions:
        scale = rubric.scales.get(dim.get("scale"))
        if scale is None:
            continue
        levels = [level["value"] for level in scale.get("levels", [])]
        dims.append(
            (
                dim["id"],
                (_single_type(levels), frozenset(levels)),
                levels,
                bool(dim.get("required", True)),
                bool(dim.get("na_allowed")),
                scale["id"],
            )
        )
    return {**options, "_dims": dims, "_report_null": "LKT002" not in rubric.rule_options}


_EXACT = 2.0**53
"""Beyond this a float is no longer exact: the JSON reader also turns integers too large for
64 bits into such floats, so "write N" would quote digits nobody wrote."""


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, float) and value.is_integer() and abs(value) <= _EXACT:
        return f"{value!r} (a number with a decimal point; write {int(value)})"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    return repr(value)


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every score that is missing or not one of its scale's levels."""
    label = record.get("label")
    scores = label.get("scores") if label.__class__ is dict else None
    if scores.__class__ is not dict:
        return ()
    problems: list[RecordProblem] = []
    for dim_id, allowed, levels, required, na_allowed, scale_id in options["_dims"]:
        if dim_id not in scores:
            if required:
                problems.append(
                    RecordProblem(
                        f"no score for required dimension {dim_id!r}",
                        pointer("label", "scores"),
                    )
                )
            continue
        value = scores[dim_id]
        if value is None:
            if options["_report_null"] and not na_allowed:
                problems.append(
                    RecordProblem(
                        f"{dim_id!r} is null but the dimension does not allow N/A",
                        pointer("label", "scores", dim_id),
                    )
                )
            continue
        kind, values = allowed
        # The type must match exactly (4.0 == 4 and True == 1 in Python, not on a scale).
        if value.__class__ is kind and value in values:
            continue
        shown = ", ".join(map(str, levels))
        problems.append(
            RecordProblem(
                f"score of {dim_id!r} is {_describe(value)}; expected one of {shown} "
                f"(scale {scale_id!r})",
                pointer("label", "scores", dim_id),
            )
        )
    return problems
