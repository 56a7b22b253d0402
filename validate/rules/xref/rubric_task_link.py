"""A rubric and a task that do not name each other.

## What it checks
That the link between tasks and rubrics runs both ways: a rubric's `task` lists the rubric
under its `rubric` field, and every rubric a task lists names that task back.

## Why it matters
The task page shows its rubrics and the rubric page links its task. A one-way link shows the
rubric under one task while the card and the linter attribute it to another.

## Failing example
```yaml
# rubrics/likert_7pt.yaml
task: likert_rating
# guidelines/tasks/likert_rating.yaml
rubric: likert_rating       # likert_7pt missing
```

## Passing example
```yaml
# guidelines/tasks/likert_rating.yaml
rubric: [likert_rating, likert_7pt]
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

CODE = "XRF004"
NAME = "rubric-task-link"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Check both directions of every task-rubric link."""
    for rubric in catalog.loaded("rubric"):
        task_id = rubric.data.get("task")
        task = catalog.get("task", task_id) if isinstance(task_id, str) else None
        if task is not None and rubric.id not in as_id_list(task.data.get("rubric")):
            line, col = rubric.position(("task",))
            yield Problem(
                f"task {task_id!r} does not list rubric {rubric.id!r}; add it to the "
                f"task's rubric field",
                rubric.display_path,
                line,
                col,
            )
    for task in catalog.loaded("task"):
        for i, rubric_id in enumerate(as_id_list(task.data.get("rubric"))):
            rubric = catalog.get("rubric", rubric_id)
            if rubric is not None and rubric.data.get("task") != task.id:
                value = task.data.get("rubric")
                path = ("rubric", i) if isinstance(value, list) else ("rubric",)
                line, col = task.position(path)
                yield Problem(
                    f"rubric {rubric_id!r} belongs to task {rubric.data.get('task')!r}, "
                    f"not {task.id!r}",
                    task.display_path,
                    line,
                    col,
                )
