"""A call to a tool the item does not offer.

## What it checks
That the `tool` of every `item.calls` entry is the `name` of one of `item.tools`. Skipped
when the item lists no calls.

## Why it matters
The verdicts on a call (was it appropriate, were its arguments valid) are judged against
the tool's description and parameter schema. A call naming a tool that is not in the item
cannot be judged, and usually means the item was assembled from mismatched logs.

## Failing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather?", "tools": [{"name": "get_weather", "parameters": {"type": "object"}}], "calls": [{"index": 0, "tool": "get_forecast", "arguments": {}, "result": null}], "final_response": "?"}, "label": {"calls": [{"call": 0, "verdicts": {"appropriate": "no", "arguments_valid": "no", "result_used_correctly": null}}], "overall": {"call_decision": "no", "final_response": "no"}, "rationale": "Unknown tool."}}
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
from itertools import islice
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "TUL002"
NAME = "call-tool-known"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
OFFERED_SHOWN = 20
"""Tools the message names; the rest are counted."""


def tools_by_name(item: dict[str, Any]) -> dict[str, Any]:
    """``item.tools`` by ``name`` (entries without a string name left out)."""
    tools = item.get("tools")
    if tools.__class__ is not list:
        return {}
    return {t["name"]: t for t in tools if t.__class__ is dict and t.get("name").__class__ is str}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report every call whose tool is not among the item's tools."""
    item = record.get("item")
    calls = item.get("calls") if item.__class__ is dict else None
    if calls.__class__ is not list or not calls:
        return ()
    tools = tools_by_name(item)
    problems = []
    offered = ""  # named once a record, and at most OFFERED_SHOWN of them
    for position, call in enumerate(calls):
        if call.__class__ is not dict:
            continue
        tool = call.get("tool")
        if tool.__class__ is not str or tool not in tools:
            if not offered:
                names = [repr(t) for t in islice(tools, OFFERED_SHOWN)]
                more = len(tools) - len(names)
                offered = ", ".join(names) + (f" and {more} more" if more > 0 else "") or "none"
            problems.append(
                RecordProblem(
                    f"call {call.get('index', position)!r} uses tool {tool!r}, not among the "
                    f"item's tools ({offered})",
                    f"/item/calls/{position}/tool",
                )
            )
    return problems
