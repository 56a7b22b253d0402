"""A task missing from the taxonomy, or listed twice.

## What it checks
That `guidelines/taxonomy.yaml` exists and lists every task type exactly once, in one
category of one family.

## Why it matters
The taxonomy is the site's navigation. A task it does not list has no place in the menu, and a
task listed twice appears in two families with no way to tell which is right.

## Failing example
```yaml
families:
  - id: evaluation
    categories:
      - {id: preference, title: Preference, tasks: [response_ranking, response_ranking]}
```

## Passing example
```yaml
families:
  - id: evaluation
    categories:
      - {id: preference, title: Preference, tasks: [response_ranking, likert_rating]}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.references import walk

CODE = "XRF003"
NAME = "taxonomy-coverage"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}

_PATTERN = ("families", "*", "categories", "*", "tasks")


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Count how often the taxonomy lists each task."""
    tasks = list(catalog.loaded("task"))
    taxonomy = catalog.taxonomy
    if taxonomy is None:
        if tasks and not catalog.of_kind("taxonomy"):
            yield Problem(
                "guidelines/taxonomy.yaml is missing; it orders the task types on the site",
                tasks[0].display_path,
                0,
                0,
            )
        return
    first_seen: dict[str, tuple[Any, ...]] = {}
    for path, task_id in walk(taxonomy.data, _PATTERN):
        if task_id in first_seen:
            line, col = taxonomy.position(path)
            where = ".".join(map(str, first_seen[task_id]))
            yield Problem(
                f"task {task_id!r} is listed twice (first at {where})",
                taxonomy.display_path,
                line,
                col,
            )
        else:
            first_seen[task_id] = path
    for doc in tasks:
        if doc.id not in first_seen:
            line, col = doc.position(("id",))
            yield Problem(
                f"task {doc.id!r} is not in the taxonomy; add it to a category in "
                f"{taxonomy.display_path}",
                doc.display_path,
                line,
                col,
            )
