"""A span whose offsets fall outside the item text it indexes.

## What it checks
For every span of the span lists named in the options: `start` and `end` are integers with
`0 <= start <= end <= len(text)`, where `text` is the item field the span indexes
(`text_field`, or the field named by the span's `side_field`). A record whose item lacks
that field (or holds a non-string there) while it has spans to check is reported once per
field. Spans whose `start` or `end` is not an integer are left to the label schema (LBL009).

Options name where the spans are. `spans` is a path into `label`: dotted field names, each
optionally followed by `[*]` ("every element of this list"), ending on a list of spans or
on one span object (`claims`, `citations[*].statement`). To check several span lists with
one rule, give `lists`: a list of objects with the same keys (`spans`, `text_field`,
`side_field`); keys an entry leaves out take the top-level value.

## Why it matters
An offset past the end of the text, or an end before the start, points at nothing: the span
cannot be highlighted, scored against a gold span or used for training, and it usually means
the offsets were computed on a different version of the text (another encoding, a stripped
prefix).

## Failing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France."}, "label": {"claims": [{"start": 0, "end": 40, "text": "Paris is in France.", "verdict": "unverifiable", "error_type": "out_of_article_error"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "hallucination_detection", "item": {"response": "Paris is in France."}, "label": {"claims": [{"start": 0, "end": 18, "text": "Paris is in France", "verdict": "unverifiable", "error_type": "out_of_article_error"}]}}
```
with, in the rubric:
```yaml
rules:
  SPN001: {spans: claims, text_field: response}
```

## Options
* `spans` (span path, required unless `lists` is given): where the spans are in `label`.
* `text_field` (string, default `text`): the item field the offsets index.
* `side_field` (string or null, default null): a field of each span that, when it holds a
  string, names the item field that span indexes instead (MQM: `side`, `"source"` ->
  `item.source`).
* `lists` (list of objects with the keys above): several span lists, instead of `spans`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.spans.spec import (
    bounds,
    field_for,
    item_text,
    iter_spans,
    options_schema,
    prepare_lists,
)

CODE = "SPN001"
NAME = "span-in-text"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = options_schema()


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the parsed span lists."""
    return {**options, "_lists": prepare_lists(options)}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report spans outside their text, and a missing text field."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    problems: list[RecordProblem] = []
    missing: set[str] = set()
    for spans in options["_lists"]:
        for where, span in iter_spans(label, spans.steps):
            found = bounds(span)
            if found is None:
                continue
            field = field_for(span, spans)
            text = item_text(record, field)
            if text is None:
                if field not in missing:
                    missing.add(field)
                    problems.append(
                        RecordProblem(
                            f"the item has no text field {field!r} (item.{field}): "
                            f"the spans of {spans.path} cannot be checked",
                            f"/item/{field}",
                        )
                    )
                continue
            start, end = found
            if 0 <= start <= end <= len(text):
                continue
            if start < 0 or end < 0:
                why = "an offset is negative"
            elif start > end:
                why = "start is after end"
            else:
                why = f"end is past the end of item.{field} ({len(text)} characters)"
            problems.append(RecordProblem(f"span [{start}, {end}) is invalid: {why}", where))
    return problems
