"""`result_used_correctly` that is N/A with a result, or judged without one.

## What it checks
For every entry of `label.calls` whose `call` is an index of `item.calls`: its
`verdicts.result_used_correctly` is `null` (N/A) exactly when that call's `result` is
`null` or absent.

## Why it matters
"Was the result used correctly?" has no answer when nothing came back, and always has one
when something did. N/A on a real result hides the most common tool-use failure (a
misread result); a verdict on a missing result is invented.

## Failing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather?", "tools": [{"name": "get_weather", "parameters": {"type": "object"}}], "calls": [{"index": 0, "tool": "get_weather", "arguments": {}, "result": {"temp": 14}}], "final_response": "14 degrees."}, "label": {"calls": [{"call": 0, "verdicts": {"appropriate": "yes", "arguments_valid": "yes", "result_used_correctly": null}}], "overall": {"call_decision": "yes", "final_response": "yes"}}}
```

## Passing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather?", "tools": [{"name": "get_weather", "parameters": {"type": "object"}}], "calls": [{"index": 0, "tool": "get_weather", "arguments": {}, "result": {"temp": 14}}], "final_response": "14 degrees."}, "label": {"calls": [{"call": 0, "verdicts": {"appropriate": "yes", "arguments_valid": "yes", "result_used_correctly": "yes"}}], "overall": {"call_decision": "yes", "final_response": "yes"}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "TUL003"
NAME = "result-verdict-null"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}

_FIELD = "result_used_correctly"


def item_calls(record: dict[str, Any]) -> dict[Any, dict[str, Any]]:
    """``item.calls`` by ``index`` (``{}`` when the item lists none)."""
    item = record.get("item")
    calls = item.get("calls") if item.__class__ is dict else None
    if calls.__class__ is not list:
        return {}
    return {c["index"]: c for c in calls if c.__class__ is dict and c.get("index").__class__ is int}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report N/A verdicts on calls with a result and verdicts on calls without one."""
    label = record.get("label")
    entries = label.get("calls") if label.__class__ is dict else None
    if entries.__class__ is not list or not entries:
        return ()
    by_index = item_calls(record)
    problems = []
    for position, entry in enumerate(entries):
        if entry.__class__ is not dict:
            continue
        verdicts = entry.get("verdicts")
        call = by_index.get(entry.get("call")) if entry.get("call").__class__ is int else None
        if verdicts.__class__ is not dict or call is None or _FIELD not in verdicts:
            continue
        has_result = call.get("result") is not None
        verdict = verdicts[_FIELD]
        if has_result and verdict is None:
            message = (
                f"call {entry['call']} returned a result, so {_FIELD} needs a verdict, "
                "not null (N/A)"
            )
        elif not has_result and verdict is not None:
            message = (
                f"call {entry['call']} has no result, so {_FIELD} must be null (N/A), "
                f"not {verdict!r}"
            )
        else:
            continue
        problems.append(RecordProblem(message, f"/label/calls/{position}/verdicts/{_FIELD}"))
    return problems
