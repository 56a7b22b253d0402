"""Matching a label's per-entry indices to the indices of the item (turns, calls, steps).

Shared by the multi-turn (``MTC``), tool-use (``TUL``) and agent (``AGT``) rules: each label
lists one entry per item element, by the element's ``index``, in ascending order.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from validate.lint.model import RecordProblem


def item_indices(record: dict[str, Any], field: str, role: str | None = None) -> list[Any] | None:
    """The ``index`` of every element of ``item.<field>`` (only ``role`` ones, when given).

    None when the item has no such list. An index that is not an integer (``"1"``, ``[1]``,
    ``true``) is no index: the element cannot be named by a label entry.
    """
    item = record.get("item")
    elements = item.get(field) if item.__class__ is dict else None
    if elements.__class__ is not list:
        return None
    return [
        e["index"]
        for e in elements
        if e.__class__ is dict
        and e.get("index").__class__ is int
        and (role is None or e.get("role") == role)
    ]


def _ids(values: list[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def index_problems(
    entries: list[Any], key: str, expected: list[Any], *, noun: str, label_field: str
) -> list[RecordProblem]:
    """Missing, unknown, repeated and out-of-order ``entry[key]`` values against ``expected``.

    ``noun`` names the item elements in messages ("assistant turn", "call", "step").
    """
    got = [e.get(key) if e.__class__ is dict else None for e in entries]
    if got == expected:
        return []
    where = f"/label/{label_field}"
    valid = [v for v in got if v.__class__ is int or (v.__class__ is float and v == int(v))]
    counts = Counter(valid)
    known = set(expected)
    problems = []
    missing = [e for e in expected if e not in counts]
    unknown = [v for v in counts if v not in known]
    repeated = [v for v, n in counts.items() if n > 1]
    if missing:
        problems.append(
            RecordProblem(f"{label_field} has no entry for {noun} {_ids(missing)}", where)
        )
    if unknown:
        problems.append(
            RecordProblem(
                f"{label_field} names {key} {_ids(unknown)}, not a {noun} of the item "
                f"(those are {_ids(expected) or 'none'})",
                where,
            )
        )
    if repeated:
        problems.append(RecordProblem(f"{label_field} lists {noun} {_ids(repeated)} twice", where))
    if not problems and len(valid) == len(got) and valid != sorted(valid):
        problems.append(
            RecordProblem(f"{label_field} is not in ascending {key} order ({_ids(valid)})", where)
        )
    return problems
