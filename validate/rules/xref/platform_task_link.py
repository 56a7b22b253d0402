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
    for platform in catalog.loaded("platform"):
        for i, task_id in enumerate(as_id_list(platform.data.get("task_types"))):
            task = catalog.get("task", task_id)
            if task is not None and platform.id not in as_id_list(task.data.get("platforms")):
                line, col = platform.position(_at(platform.data, "task_types", i))
                yield Problem(
                    f"task {task_id!r} does not list platform {platform.id!r}; add it to "
                    "the task's platforms field",
                    platform.display_path,
                    line,
                    col,
                )
    for task in catalog.loaded("task"):
        for i, platform_id in enumerate(as_id_list(task.data.get("platforms"))):
            platform = catalog.get("platform", platform_id)
            if platform is not None and task.id not in as_id_list(platform.data.get("task_types")):
                line, col = task.position(_at(task.data, "platforms", i))
                yield Problem(
                    f"platform {platform_id!r} does not list task {task.id!r}; add it to "
                    "the platform's task_types field",
                    task.display_path,
                    line,
                    col,
                )


def _at(data: dict[str, Any], key: str, index: int) -> tuple[Any, ...]:
    """The path of entry ``index`` of ``key`` (a lone id instead of a list: the key itself)."""
    return (key, index) if isinstance(data.get(key), list) else (key,)
