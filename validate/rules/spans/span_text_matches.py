"""A span whose quoted `text` is not the item text at its offsets.

## What it checks
For every span of the span lists named in the options whose offsets are valid (SPN001
reports the others): the span's `text` equals `item[field][start:end]`, Python slicing in
code points, where `field` is `text_field` or the field named by the span's `side_field`.
The message shows what the offsets actually select, and where the quoted text occurs
instead when it occurs elsewhere in the text (the usual off-by-n mistake).

The options are the same as SPN001's: `spans` is a path into `label` (dotted names, `[*]`
for "every element"), or `lists` holds several such entries.

## Why it matters
Offsets and quote must agree, or nobody knows which one is right. A mismatch usually means
offsets counted in bytes or UTF-16 units instead of code points, a text that was edited
after labelling, or an off-by-one end; every downstream use of the span (highlighting, span
agreement, training) silently takes the wrong words.

## Failing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "Tbe cat sat."}, "label": {"corrected_text": "The cat sat.", "errors": [{"start": 1, "end": 3, "text": "Tb", "type": "character_confusion", "correction": "Th"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "ocr_correction", "item": {"ocr_text": "Tbe cat sat."}, "label": {"corrected_text": "The cat sat.", "errors": [{"start": 0, "end": 2, "text": "Tb", "type": "character_confusion", "correction": "Th"}]}}
```
with, in the rubric:
```yaml
rules:
  SPN002: {spans: errors, text_field: ocr_text}
```

## Options
* `spans` (span path, required unless `lists` is given): where the spans are in `label`.
* `text_field` (string, default `text`): the item field the offsets index.
* `side_field` (string or null, default null): a field of each span that, when it holds a
  string, names the item field that span indexes instead.
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
from validate.rules.text_search import TextSearch

CODE = "SPN002"
NAME = "span-text-matches"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = options_schema()

_SHOW = 60  # characters of a quote shown in a message


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the parsed span lists."""
    return {**options, "_lists": prepare_lists(options)}


def _short(text: str) -> str:
    return repr(text if len(text) <= _SHOW else text[: _SHOW - 3] + "...")


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report spans whose quoted text differs from the text at their offsets."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    wrong = []  # (where, quoted, field, text, start, end) of every span whose text differs
    for spans in options["_lists"]:
        for where, span in iter_spans(label, spans.steps):
            quoted = span.get("text")
            found = bounds(span)
            if found is None or quoted.__class__ is not str:
                continue
            field = field_for(span, spans)
            text = item_text(record, field)
            start, end = found
            if text is None or not 0 <= start <= end <= len(text):
                continue  # SPN001's
            if text[start:end] != quoted:
                wrong.append((where, quoted, field, text, start, end))
    if not wrong:
        return ()
    # The hint searches each field's text once per wrong span: see TextSearch.
    searches: dict[str, TextSearch] = {}
    problems: list[RecordProblem] = []
    for where, quoted, field, text, start, end in wrong:
        hint = ""
        if quoted:
            search = searches.get(field)
            if search is None:
                search = searches[field] = TextSearch(text)
            at = search.first(quoted)
            if at >= 0:
                hint = f"; the quoted text occurs at [{at}, {at + len(quoted)})"
        problems.append(
            RecordProblem(
                f"span text {_short(quoted)} is not item.{field}[{start}:{end}] "
                f"= {_short(text[start:end])}{hint}",
                f"{where}/text",
            )
        )
    return problems
