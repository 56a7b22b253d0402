"""A task page missing what annotators need.

## What it checks
That every task type gives annotators enough to work without asking: at least
`min_considerations` key considerations, `min_mistakes` common mistakes and
`min_edge_cases` edge cases, and at least one related task, policy or platform.

## Why it matters
Annotators read the task page mid-task. Pages with one consideration and no edge cases push
every hard case back to the lead, one message at a time.

## Failing example
```yaml
key_considerations: [Read the prompt first.]
common_mistakes: []
```

## Passing example
```yaml
key_considerations:
  - Read the whole prompt, including the system instructions, before the responses.
  - Judge correctness before style.
  - Check every factual claim you can verify in a minute.
  - Rate each dimension on its own.
```

## Options
- `min_considerations` (integer, default 4)
- `min_mistakes` (integer, default 3)
- `min_edge_cases` (integer, default 3)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity

CODE = "SRC013"
NAME = "incomplete-task"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "min_considerations": {"type": "integer", "minimum": 0, "default": 4},
        "min_mistakes": {"type": "integer", "minimum": 0, "default": 3},
        "min_edge_cases": {"type": "integer", "minimum": 0, "default": 3},
    },
    "additionalProperties": False,
}

_FIELDS = (
    ("key_considerations", "min_considerations", "key considerations"),
    ("common_mistakes", "min_mistakes", "common mistakes"),
    ("edge_cases", "min_edge_cases", "edge cases"),
)


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Count the guidance lists of every task."""
    for doc in catalog.loaded("task"):
        for field, option, label in _FIELDS:
            items = doc.data.get(field)
            count = len(items) if isinstance(items, list) else 0
            if count < options[option]:
                line, col = doc.position((field,), key=True)
                yield Problem(
                    f"{count} {label}; a complete task page has at least {options[option]}",
                    doc.display_path,
                    line,
                    col,
                    pointer=f"/{field}",
                )
        if not any(doc.data.get(k) for k in ("related_tasks", "policies", "platforms")):
            line, col = doc.position(("id",))
            yield Problem(
                "no related tasks, policies or platforms; link at least one",
                doc.display_path,
                line,
                col,
            )
