"""Where sources refer to each other, as data: one table drives the checks and the site links.

A path pattern is a tuple of keys; ``"*"`` steps into every item of a list. A value found at
the end of a pattern may be one id or a list of ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

CROSS_REFERENCES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    # (source kind, path pattern, target kind)
    ("taxonomy", ("families", "*", "categories", "*", "tasks"), "task"),
    ("task", ("rubric",), "rubric"),
    ("task", ("policies",), "policy"),
    ("task", ("bias_checklists",), "bias_checklist"),
    ("task", ("platforms",), "platform"),
    ("task", ("related_tasks",), "task"),
    ("rubric", ("task",), "task"),
    ("rubric", ("policies",), "policy"),
    ("rubric", ("bias_checklists",), "bias_checklist"),
    ("platform", ("task_types",), "task"),
)

LOCAL_REFERENCES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = (
    # (kind, path pattern of the reference, path pattern of the ids it may name, what they are)
    ("rubric", ("dimensions", "*", "scale"), ("scales", "*", "id"), "scale"),
    (
        "policy",
        ("categories", "*", "severity_ladder", "*", "severity"),
        ("severities", "*", "id"),
        "severity",
    ),
    ("policy", ("categories", "*", "default_action"), ("actions", "*", "id"), "action"),
    (
        "bias_checklist",
        ("dimensions", "*", "examples", "*", "severity"),
        ("severities", "*", "id"),
        "severity",
    ),
)


def walk(data: Any, pattern: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield ``(path, id)`` for every string id found at ``pattern`` in ``data``."""

    def step(node: Any, rest: tuple[str, ...], path: tuple[Any, ...]) -> Iterator[Any]:
        if not rest:
            if isinstance(node, str):
                yield path, node
            elif isinstance(node, list):
                for i, item in enumerate(node):
                    if isinstance(item, str):
                        yield (*path, i), item
            return
        head, tail = rest[0], rest[1:]
        if head == "*":
            if isinstance(node, list):
                for i, item in enumerate(node):
                    yield from step(item, tail, (*path, i))
        elif isinstance(node, dict) and head in node:
            yield from step(node[head], tail, (*path, head))

    yield from step(data, pattern, ())


def as_id_list(value: Any) -> list[str]:
    """A reference field that may hold one id or a list of ids, as a list."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []
