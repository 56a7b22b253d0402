"""Two entries with one id inside a source.

## What it checks
That ids are unique within their list in one file: scales, dimensions, scale level values,
worked examples and mistake examples of a rubric; categories, severities and actions of a
policy; dimensions and checklist items of a bias checklist; families and categories of the
taxonomy; sections of the qualification prep.

## Why it matters
Labels, links and quiz answers point at these ids. Two dimensions called `helpfulness` make
`label.scores.helpfulness` ambiguous, and two levels with value `3` make a score of 3 mean
two things.

## Failing example
```yaml
levels:
  - {value: 3, label: Fair, anchor: ...}
  - {value: 3, label: Good, anchor: ...}
```

## Passing example
```yaml
levels:
  - {value: 3, label: Fair, anchor: ...}
  - {value: 4, label: Good, anchor: ...}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity

CODE = "SRC014"
NAME = "duplicate-local-id"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}

_LISTS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    # kind -> (path to a list, key that must be unique within it)
    "rubric": (
        (("scales",), "id"),
        (("dimensions",), "id"),
        (("examples",), "id"),
        (("mistakes",), "id"),
        (("scales", "*", "levels"), "value"),
    ),
    "policy": (
        (("categories",), "id"),
        (("severities",), "id"),
        (("actions",), "id"),
    ),
    "bias_checklist": ((("dimensions",), "id"), (("checklist",), "id"), (("severities",), "id")),
    "taxonomy": ((("families",), "id"), (("families", "*", "categories"), "id")),
    "qualification": ((("sections",), "id"),),
}


def _lists(node: Any, pattern: tuple[str, ...], path: tuple[Any, ...]) -> Iterator[Any]:
    if not pattern:
        if isinstance(node, list):
            yield path, node
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(node, list):
        for i, item in enumerate(node):
            yield from _lists(item, rest, (*path, i))
    elif isinstance(node, dict) and head in node:
        yield from _lists(node[head], rest, (*path, head))


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Find repeated ids within each list."""
    for doc in catalog.loaded():
        for pattern, key in _LISTS.get(doc.kind, ()):
            for path, items in _lists(doc.data, pattern, ()):
                seen: set[Any] = set()
                for i, item in enumerate(items):
                    if not isinstance(item, dict) or key not in item:
                        continue
                    value = item[key]
                    if not isinstance(value, (str, int)):
                        continue
                    if value in seen:
                        line, col = doc.position((*path, i, key))
                        yield Problem(
                            f"{key} {value!r} appears twice in {'.'.join(map(str, path))}",
                            doc.display_path,
                            line,
                            col,
                        )
                    seen.add(value)
