"""Spans of one list that overlap (or are out of order, where the rubric says so).

## What it checks
For every span list named in the options, among the spans with valid offsets that index the
same item field:

* no two spans overlap: `[a, b)` and `[c, d)` overlap when `c < b` and `a < d` (half-open, so
  touching spans do not; an empty span overlaps a span only strictly inside it);
* with `allow_identical`, two spans with exactly the same offsets are not an overlap (one
  citation marker `[1,2]` yields two citations on the same span);
* with `ordered`, the spans are listed in order of `start` (ties in any order);
* with `against` (a second span path), no span of the list overlaps a span of that list (an
  uncited statement must not overlap a cited one).

The span lists are named as in SPN001 (`spans`, a path into `label`, or several under
`lists`; each entry may set its own `ordered`, `allow_identical` and `against`).

## Why it matters
Where a rubric says spans do not overlap (entities, claims, OCR errors), an overlap is
either a double annotation of the same words or a wrong offset, and tools that apply spans
in order (OCR corrections, BIO tagging) break on it. An unordered list is usually the sign
of spans merged from several passes without review.

## Failing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "Ana Ruiz joined Airbus in Toulouse."}, "label": {"topics": ["business"], "entities": [{"start": 0, "end": 8, "text": "Ana Ruiz", "type": "PERSON"}, {"start": 4, "end": 8, "text": "Ruiz", "type": "PERSON"}], "relations": [], "key_phrases": []}}
```

## Passing example
```json
{"id": "r1", "rubric": "metadata_tagging", "item": {"text": "Ana Ruiz joined Airbus in Toulouse."}, "label": {"topics": ["business"], "entities": [{"start": 0, "end": 8, "text": "Ana Ruiz", "type": "PERSON"}, {"start": 16, "end": 22, "text": "Airbus", "type": "ORG"}], "relations": [], "key_phrases": []}}
```
with, in the rubric:
```yaml
rules:
  SPN003: {lists: [{spans: entities, ordered: true}, {spans: key_phrases, ordered: true}]}
```

## Options
* `spans` (span path, required unless `lists` is given): where the spans are in `label`.
* `text_field` (string, default `text`): the item field the offsets index.
* `side_field` (string or null, default null): a field of each span that, when it holds a
  string, names the item field that span indexes instead; only spans on the same field are
  compared.
* `ordered` (boolean, default `false`): the spans must be listed in order of `start`.
* `allow_identical` (boolean, default `false`): spans with identical offsets do not count as
  overlapping.
* `against` (span path or null, default null): another span list the spans must not overlap.
* `lists` (list of objects with the keys above): several span lists, instead of `spans`.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.spans.spec import (
    PATH_PATTERN,
    SpanList,
    bounds,
    field_for,
    iter_spans,
    options_schema,
    parse_path,
    prepare_lists,
)
from validate.rules.spans.sweep import (
    Span,
    first_against_pairwise,
    first_against_swept,
    overlaps_pairwise,
    overlaps_swept,
)

CODE = "SPN003"
NAME = "spans-overlap"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = options_schema(
    {
        "ordered": {
            "type": "boolean",
            "default": False,
            "description": "Spans must be listed in order of start.",
        },
        "allow_identical": {
            "type": "boolean",
            "default": False,
            "description": "Spans with identical offsets are not an overlap.",
        },
        "against": {
            "type": ["string", "null"],
            "pattern": PATH_PATTERN,
            "default": None,
            "description": "Another span list the spans must not overlap.",
        },
    }
)


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the parsed span lists and their settings."""
    lists = []
    for spans in prepare_lists(options):
        against = spans.settings.get("against")
        lists.append(
            (
                spans,
                bool(spans.settings.get("ordered")),
                bool(spans.settings.get("allow_identical")),
                (against, parse_path(against)) if against else None,
            )
        )
    return {**options, "_lists": tuple(lists)}


PAIRWISE_UP_TO = 32
"""Spans compared pair by pair; longer lists are swept (validate.rules.spans.sweep)."""


def _valid(label: dict[str, Any], spans: SpanList, steps: Any) -> list[Span]:
    out = []
    for where, span in iter_spans(label, steps):
        found = bounds(span)
        if found is not None and 0 <= found[0] <= found[1]:
            out.append((found[0], found[1], field_for(span, spans), where))
    return out


def _fmt(span: Span) -> str:
    return f"[{span[0]}, {span[1]})"


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report overlapping and out-of-order spans."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    problems: list[RecordProblem] = []
    for spans, ordered, identical, against in options["_lists"]:
        found = _valid(label, spans, spans.steps)
        if not found and against is None:
            continue
        # Ordered, no overlap: each span starts at or after the previous one's end (fast path).
        fine = all(a[1] <= b[0] or a[2] != b[2] for a, b in pairwise(found))
        if not fine or not all(a[2] == found[0][2] for a in found):
            problems.extend(_overlaps(found, identical, spans.path))
        if ordered:
            last: dict[str, Span] = {}
            for span in found:
                before = last.get(span[2])
                if before is not None and span[0] < before[0]:
                    problems.append(
                        RecordProblem(
                            f"{spans.path}: span {_fmt(span)} is listed after "
                            f"{_fmt(before)}; spans must be in order of start",
                            span[3],
                        )
                    )
                last[span[2]] = span
        if against is not None:
            others = _valid(label, spans, against[1])
            small = len(found) * len(others) <= PAIRWISE_UP_TO * PAIRWISE_UP_TO
            first = (first_against_pairwise if small else first_against_swept)(found, others)
            for span, index in zip(found, first, strict=True):
                if index is not None:
                    other = others[index]
                    problems.append(
                        RecordProblem(
                            f"{spans.path}: span {_fmt(span)} overlaps {against[0]} "
                            f"span {_fmt(other)} ({other[3]})",
                            span[3],
                        )
                    )
    return problems


def _overlaps(found: list[Span], identical: bool, path: str) -> list[RecordProblem]:
    """Every span that overlaps an earlier-listed one (one finding per span)."""
    walk = overlaps_pairwise if len(found) <= PAIRWISE_UP_TO else overlaps_swept
    problems = []
    for later, first in walk(found, identical):
        second, earlier = found[later], found[first]
        problems.append(
            RecordProblem(
                f"{path}: span {_fmt(second)} overlaps span {_fmt(earlier)} ({earlier[3]})",
                second[3],
            )
        )
    return problems
