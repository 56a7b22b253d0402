"""An id that differs from its file name.

## What it checks
That the `id` of every source equals its file name without `.yaml`
(`rubrics/likert_rating.yaml` must say `id: likert_rating`).

## Why it matters
Everything refers to sources by id: tasks to rubrics, label records to rubrics, site URLs to
pages. When id and file name differ, people and tools look for the wrong file.

## Failing example
```yaml
# rubrics/likert_rating.yaml
id: likert_5pt
```

## Passing example
```yaml
# rubrics/likert_rating.yaml
id: likert_rating
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity

CODE = "SRC009"
NAME = "id-mismatch"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Compare each declared id with its file stem."""
    for doc in catalog.loaded():
        declared = doc.data.get("id")
        if isinstance(declared, str) and declared != doc.path.stem:
            line, col = doc.position(("id",))
            yield Problem(
                f"id {declared!r} differs from the file name {doc.path.name!r}; "
                f"use id: {doc.path.stem} or rename the file",
                doc.display_path,
                line,
                col,
                pointer="/id",
            )
