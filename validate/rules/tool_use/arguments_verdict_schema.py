"""Arguments judged valid that break the tool's parameter schema.

## What it checks
For every entry of `label.calls` whose `verdicts.arguments_valid` is one of the option
`valid_verdicts` (by default `"yes"`): the matching `item.calls` entry's `arguments` are
valid against the `parameters` JSON Schema of its tool in `item.tools`. Skipped when the
tool, its `parameters` or the call cannot be found (TUL001 and TUL002 report those), when
`parameters` is not a valid JSON Schema, and when it refers to a schema outside itself
(a remote `$ref`: the linter never fetches anything).

The opposite is not a finding: arguments that pass the schema can still be invented
(`"no"`). Each distinct schema is compiled once (`jsonschema-rs`) and cached by its
canonical JSON text.

## Why it matters
A required parameter missing, a wrong type or a value outside an enum is a failed call,
whatever the model did next. Marking it valid trains evaluators and reward models to
accept calls that a real API would reject.

## Failing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather in Paris?", "tools": [{"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}], "calls": [{"index": 0, "tool": "get_weather", "arguments": {"town": "Paris"}, "result": null}], "final_response": "?"}, "label": {"calls": [{"call": 0, "verdicts": {"appropriate": "yes", "arguments_valid": "yes", "result_used_correctly": null}}], "overall": {"call_decision": "yes", "final_response": "yes"}}}
```

## Passing example
```json
{"id": "r1", "rubric": "tool_use_evaluation", "item": {"prompt": "Weather in Paris?", "tools": [{"name": "get_weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}], "calls": [{"index": 0, "tool": "get_weather", "arguments": {"city": "Paris"}, "result": null}], "final_response": "?"}, "label": {"calls": [{"call": 0, "verdicts": {"appropriate": "yes", "arguments_valid": "yes", "result_used_correctly": null}}], "overall": {"call_decision": "yes", "final_response": "yes"}}}
```

## Options
* `valid_verdicts` (list of strings, default `["yes"]`): `arguments_valid` verdicts that
  claim the arguments are valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import jsonschema_rs
import orjson

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.tool_use.call_tool_known import tools_by_name
from validate.rules.tool_use.result_verdict_null import item_calls

CODE = "TUL004"
NAME = "arguments-verdict-schema"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "valid_verdicts": {
            "type": "array",
            "items": {"type": "string"},
            "default": ["yes"],
            "description": "arguments_valid verdicts that claim valid arguments.",
        }
    },
    "additionalProperties": False,
}

_MAX_SCHEMA_BYTES = 1 << 16  # a tool schema is small; a huge one is not worth compiling


def _has_outside_ref(node: Any) -> bool:
    """True when a ``$ref`` (or ``$dynamicRef``) anywhere points outside the schema."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.__class__ is dict:
            for key, value in current.items():
                if key in ("$ref", "$dynamicRef") and not (
                    value.__class__ is str and value.startswith("#")
                ):
                    return True
                stack.append(value)
        elif current.__class__ is list:
            stack.extend(current)
    return False


@lru_cache(maxsize=256)
def _validator(canonical: bytes) -> Any:
    """The compiled validator of one schema (by canonical JSON), or None if unusable."""
    schema = orjson.loads(canonical)
    if _has_outside_ref(schema):
        return None
    try:
        return jsonschema_rs.Draft202012Validator(schema)
    except (ValueError, jsonschema_rs.ValidationError):
        return None


def validator_for(schema: Any) -> Any:
    """A cached validator for ``schema`` (a dict or a boolean), or None."""
    if schema.__class__ is not dict and schema.__class__ is not bool:
        return None
    try:
        canonical = orjson.dumps(schema, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        return None
    if len(canonical) > _MAX_SCHEMA_BYTES:
        return None
    return _validator(canonical)


def prepare(rubric: Any, options: dict[str, Any]) -> dict[str, Any]:
    """Per rubric, once: the verdicts that claim validity as a set."""
    return {**options, "_valid": frozenset(options["valid_verdicts"])}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report arguments judged valid that fail their tool's parameter schema."""
    label = record.get("label")
    entries = label.get("calls") if label.__class__ is dict else None
    if entries.__class__ is not list or not entries:
        return ()
    valid = options["_valid"]
    claimed = [
        (position, entry["call"])
        for position, entry in enumerate(entries)
        if entry.__class__ is dict
        and entry.get("verdicts").__class__ is dict
        and entry["verdicts"].get("arguments_valid").__class__ is str
        and entry["verdicts"]["arguments_valid"] in valid
        and entry.get("call").__class__ is int
    ]
    if not claimed:
        return ()
    item = record.get("item")
    if item.__class__ is not dict:
        return ()
    tools = tools_by_name(item)
    calls = item_calls(record)
    problems = []
    validators: dict[str, Any] = {}  # per tool: its schema is canonicalised once a record
    for position, index in claimed:
        call = calls.get(index)
        name = call.get("tool") if call is not None else None
        tool = tools.get(name) if name.__class__ is str else None
        if tool is None or "parameters" not in tool:
            continue
        if name not in validators:
            validators[name] = validator_for(tool["parameters"])
        validator = validators[name]
        if validator is None:
            continue
        arguments = call.get("arguments")
        if validator.is_valid(arguments):
            continue
        errors = [e.message for e in validator.iter_errors(arguments)]
        first = errors[0] if errors else "invalid"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        problems.append(
            RecordProblem(
                f"call {index} is judged arguments_valid {entry_verdict(entries[position])!r} "
                f"but its arguments break the {call.get('tool')!r} schema: {first}{more}",
                f"/label/calls/{position}/verdicts/arguments_valid",
            )
        )
    return problems


def entry_verdict(entry: dict[str, Any]) -> Any:
    """The ``arguments_valid`` verdict of a label entry."""
    return entry["verdicts"].get("arguments_valid")
