"""Call verdicts that do not match the calls the model made.

## What it checks
That `label.calls` has exactly one entry per call in `item.calls`, in ascending `call`
order: every `call` is an `index` of `item.calls`, none is missing, none repeated (`[]`
when the model made no call). A record whose item lists no calls cannot be checked and is
reported as such.

## Why it matters
Per-call verdicts are joined to the calls by index. A verdict for a call that does not
exist, or a call without a verdict, attaches judgements to the wrong call and skews
per-call accuracy (BFCL-style metrics).

## Failing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather?", "tools": [{"name": "get_weather", "parameters": {"type": "object"}}], "calls": [{"index": 0, "tool": "get_weather", "arguments": {}, "result": null}], "final_response": "?"}, "label": {"calls": [{"call": 1, "verdicts": {"appropriate": "yes", "arguments_valid": "yes", "result_used_correctly": null}}], "overall": {"call_decision": "yes", "final_response": "yes"}}}
```

## Passing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather?", "tools": [{"name": "get_weather", "parameters": {"type": "object"}}], "calls": [{"index": 0, "tool": "get_weather", "arguments": {}, "result": null}], "final_response": "?"}, "label": {"calls": [{"call": 0, "verdicts": {"appropriate": "yes", "arguments_valid": "yes", "result_used_correctly": null}}], "overall": {"call_decision": "yes", "final_response": "yes"}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.conversation.indices import index_problems, item_indices

CODE = "TUL001"
NAME = "call-verdicts-match"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report missing, unknown, repeated and unordered call verdicts."""
    label = record.get("label")
    calls = label.get("calls") if label.__class__ is dict else None
    if calls.__class__ is not list:
        return ()
    expected = item_indices(record, "calls")
    if expected is None:
        return (
            RecordProblem(
                "the item lists no calls (item.calls): the call verdicts cannot be checked",
                "/item/calls",
            ),
        )
    return index_problems(calls, "call", expected, noun="call", label_field="calls")
