"""A platform and a task type that do not name each other.

## What it checks
That the link between platforms and task types runs both ways: every task a platform lists
under `task_types` lists the platform under its `platforms`, and every platform a task lists
names the task among its `task_types`. References to ids that do not exist are XRF001's.

## Why it matters
The site shows each platform's task types on the platform page and each task's platforms on
the task page. A one-way link hides a platform from annotators reading the task page: they
miss its qualification tips and quality checks for exactly the work they are doing.

## Failing example
```yaml
# guidelines/platforms/toloka.yaml
task_types: [bounding_box, image_classification]
# guidelines/tasks/bounding_box.yaml
platforms: [scale_ai]              # toloka missing
```

## Passing example
```yaml
# guidelines/tasks/bounding_box.yaml
platforms: [scale_ai, toloka]
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.references import as_id_list

CODE = "XRF006"
NAME = "platform-task-link"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Check both directions of every platform-task link."""
    yield from _one_way(catalog, ("platform", "task_types"), ("task", "platforms"))
    yield from _one_way(catalog, ("task", "platforms"), ("platform", "task_types"))


def _one_way(catalog: Catalog, source: tuple[str, str], back: tuple[str, str]) -> Iterator[Problem]:
    """Each id a ``source`` kind lists in its field whose document does not list it back."""
    kind, field = source
    other_kind, other_field = back
    for doc in catalog.loaded(kind):
        listed = doc.data.get(field)
        for i, other_id in enumerate(as_id_list(listed)):
            other = catalog.get(other_kind, other_id)
            if other is None or doc.id in as_id_list(other.data.get(other_field)):
                continue  # unknown ids are XRF001's
            line, col = doc.position((field, i) if isinstance(listed, list) else (field,))
            yield Problem(
                f"{other_kind} {other_id!r} does not list {kind} {doc.id!r}; add it to the "
                f"{other_kind}'s {other_field} field",
                doc.display_path,
                line,
                col,
            )
