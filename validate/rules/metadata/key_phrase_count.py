"""Too few key phrases for the length of the document.

## What it checks
That `label.key_phrases` holds at least `min` phrases, unless `item.text` is shorter than
`short_text_chars` characters (a very short text may not have that many). The maximum is
the label schema's (`maxItems`).

## Why it matters
Key phrases feed search and recommendations; a long document with one or two phrases is
under-tagged, usually because the annotator stopped early. It is a warning because a short
or repetitive text can honestly have fewer.

## Failing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "The council approved the new cycle lanes on Monday after a long debate about parking, bus routes and the cost of the works, which residents had followed closely for months."}, "label": {"topics": ["politics"], "entities": [], "relations": [], "key_phrases": [{"start": 29, "end": 40, "text": "cycle lanes"}]}}
```

## Passing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "The council approved the new cycle lanes on Monday after a long debate about parking, bus routes and the cost of the works, which residents had followed closely for months."}, "label": {"topics": ["politics"], "entities": [], "relations": [], "key_phrases": [{"start": 29, "end": 40, "text": "cycle lanes"}, {"start": 77, "end": 84, "text": "parking"}, {"start": 86, "end": 96, "text": "bus routes"}]}}
```

## Options
* `min` (integer, default `3`): the fewest key phrases a document should have.
* `short_text_chars` (integer, default `100`): texts shorter than this (in characters) may
  have fewer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "MTD003"
NAME = "key-phrase-count"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "min": {
            "type": "integer",
            "minimum": 0,
            "default": 3,
            "description": "Fewest key phrases a document should have.",
        },
        "short_text_chars": {
            "type": "integer",
            "minimum": 0,
            "default": 100,
            "description": "Texts shorter than this may have fewer.",
        },
    },
    "additionalProperties": False,
}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report too few key phrases for a text that is not short."""
    label = record.get("label")
    phrases = label.get("key_phrases") if label.__class__ is dict else None
    if phrases.__class__ is not list or len(phrases) >= options["min"]:
        return ()
    item = record.get("item")
    text = item.get("text") if item.__class__ is dict else None
    if text.__class__ is not str or len(text) < options["short_text_chars"]:
        return ()
    return (
        RecordProblem(
            f"{len(phrases)} key phrase(s) for a text of {len(text)} characters; tag at least "
            f"{options['min']}",
            "/label/key_phrases",
        ),
    )
