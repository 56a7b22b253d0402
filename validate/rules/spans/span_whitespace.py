"""A span that starts or ends with whitespace.

## What it checks
For every span of the span lists named in the options: its quoted `text` neither starts nor
ends with whitespace (Python's `str.isspace`: spaces, tabs, line breaks, no-break spaces).
The span lists are named as in SPN001 (`spans`, a path into `label`, or several under
`lists`). The check reads the span's `text` only; SPN002 checks that it matches the item.

## Why it matters
Rubrics ask for the smallest span that covers the words. A span with a leading or trailing
space is the same annotation as the trimmed one to a reader, but not to exact-match span
agreement, gold comparison or token alignment, which then count a disagreement that is not
there. It is a warning: the annotation is still usable (307 spans of Google's WMT TED MQM
release carry such a space).

## Failing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Hello.", "target": "Hallo ."}, "label": {"errors": [{"category": "Fluency/Punctuation", "severity": "Minor", "start": 5, "end": 7, "text": " ."}], "score": 0.1}}
```

## Passing example
```json
{"id": "r1", "rubric": "translation_qa", "item": {"source": "Hello.", "target": "Hallo ."}, "label": {"errors": [{"category": "Fluency/Punctuation", "severity": "Minor", "start": 6, "end": 7, "text": "."}], "score": 0.1}}
```

## Options
* `spans` (span path, required unless `lists` is given): where the spans are in `label`.
* `text_field` (string, default `text`): the item field the offsets index (named in messages).
* `side_field` (string or null, default null): a field of each span that, when it holds a
  string, names the item field that span indexes instead.
* `lists` (list of objects with the keys above): several span lists, instead of `spans`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.spans.spec import iter_spans, options_schema, prepare_lists

CODE = "SPN004"
NAME = "span-whitespace"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = options_schema()


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the parsed span lists."""
    return {**options, "_lists": prepare_lists(options)}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report spans whose text starts or ends with whitespace."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    problems: list[RecordProblem] = []
    for spans in options["_lists"]:
        for where, span in iter_spans(label, spans.steps):
            text = span.get("text")
            if text.__class__ is not str or not text or text.strip() == text:
                continue
            edges = []
            if text[0].isspace():
                edges.append("starts")
            if text[-1].isspace():
                edges.append("ends")
            problems.append(
                RecordProblem(
                    f"span text {text!r} {' and '.join(edges)} with whitespace; "
                    "trim the span to the words",
                    f"{where}/text",
                )
            )
    return problems
