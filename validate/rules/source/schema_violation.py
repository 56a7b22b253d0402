"""A field that breaks its source kind's schema.

## What it checks
Each source against the JSON Schema of its kind (taxonomy, task, rubric, policy, bias
checklist, platform, qualification prep): required fields, field types, allowed values,
patterns (ids, versions, dates) and unknown fields. Unknown fields are reported at the key,
with the closest known field name as a suggestion; missing fields at the mapping that lacks them.

## Why it matters
The site, the cards and the linter all read these fields. A typo'd key (`anchr:`) is not an
error for a YAML parser, so without this check the anchor text would silently vanish from the
site and the card.

## Failing example
```yaml
id: likert_rating
version: 1.0        # a number, not a "MAJOR.MINOR.PATCH" string
titel: Likert rating  # unknown field
```

## Passing example
```yaml
id: likert_rating
version: "1.0.0"
title: Likert rating
```

## Options
None.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from validate.catalog import Catalog, SourceDoc
from validate.findings import Problem, Severity
from validate.lint.model import pointer
from validate.schemas import fast_source_validator, source_validator

if TYPE_CHECKING:
    from jsonschema import ValidationError

CODE = "SRC008"
NAME = "schema-violation"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}

_JSON_TYPES = {
    str: "a string",
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "empty (null)",
}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Validate every loaded source against its kind's schema."""
    for doc in catalog.loaded():
        yield from schema_problems(doc)


def schema_problems(doc: SourceDoc) -> Iterator[Problem]:
    """Located, readable problems for one document."""
    fast = fast_source_validator(doc.kind)
    if fast.is_valid(doc.data):
        return
    reported = False
    for error in source_validator(doc.kind).iter_errors(doc.data):
        reported = True
        yield from _describe(doc, _headline(error))
    if not reported:
        # The two validators disagree (e.g. a format only jsonschema-rs checks): report the
        # compiled validator's errors rather than accept an invalid document.
        for rs_error in fast.iter_errors(doc.data):
            path = tuple(rs_error.instance_path)
            line, col = doc.position(path)
            yield Problem(
                f"{_field(_where(path))}: {rs_error.message}",
                doc.display_path,
                line,
                col,
                pointer=pointer(*path),
            )


def _headline(error: ValidationError) -> ValidationError:
    # For oneOf/anyOf, the most relevant sub-error says more than "is not valid under any".
    if error.context:
        from jsonschema.exceptions import best_match  # errors come from jsonschema: loaded

        return best_match(error.context)
    return error


def _describe(doc: SourceDoc, error: ValidationError) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    where = _where(path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = list(error.schema.get("properties", {}))
        for key in sorted(k for k in error.instance if k not in known):
            hint = difflib.get_close_matches(str(key), known, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            line, col = doc.position((*path, key), key=True)
            yield Problem(
                f"unknown field {key!r}{where}{suggestion}",
                doc.display_path,
                line,
                col,
                pointer=pointer(*path, key),
            )
        return
    line, col = doc.position(path)
    yield Problem(_message(error, where), doc.display_path, line, col, pointer=pointer(*path))


def _message(error: ValidationError, where: str) -> str:
    instance = error.instance
    validator = error.validator
    if validator == "required":
        # jsonschema makes one error per missing field, each carrying the whole list: the
        # field is the one its message names (it was always the first missing one)
        missing = [name for name in error.validator_value if name not in (instance or {})]
        named = [name for name in missing if error.message == f"{name!r} is a required property"]
        field = (named or missing)[:1]
        return f"missing required field {field[0]!r}{where}" if field else error.message
    if validator == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        got = _JSON_TYPES.get(type(instance), type(instance).__name__)
        hint = ""
        if expected_text == "string" and isinstance(instance, (int, float, bool)):
            hint = '; quote it, e.g. "1.0.0", so YAML keeps it as text'
        return f"{_field(where)} must be a {expected_text}, not {got} ({instance!r}){hint}"
    if validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"{_field(where)} is {instance!r}; allowed values: {allowed}"
    if validator == "const":
        return f"{_field(where)} must be {error.validator_value!r}, not {instance!r}"
    if validator == "pattern":
        return (
            f"{_field(where)} {instance!r} does not match the expected form {_pattern_hint(error)}"
        )
    if validator == "minItems":
        return f"{_field(where)} needs at least {error.validator_value} item(s)"
    if validator == "minLength":
        return f"{_field(where)} must not be empty"
    if validator == "uniqueItems":
        return f"{_field(where)} lists the same value twice"
    if validator == "format":
        return f"{_field(where)} {instance!r} is not a valid {error.validator_value}"
    return f"{_field(where)}: {error.message}"


def _pattern_hint(error: ValidationError) -> str:
    description = error.schema.get("description")
    return f"({description})" if description else f"({error.validator_value})"


def _where(path: tuple[Any, ...]) -> str:
    return f" in {_dotted(path)}" if path else ""


def _field(where: str) -> str:
    return f"field{where.replace(' in ', ' ', 1)}" if where else "the document"


def _dotted(path: tuple[Any, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
