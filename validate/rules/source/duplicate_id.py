"""Two sources of the same kind with one id.

## What it checks
That no two files of the same kind declare the same id (for example `rubrics/x.yaml` and
`rubrics/x.yml`). A task and its rubric may share an id: they are different kinds.

## Why it matters
A reference to a duplicated id is ambiguous: the site, the cards and the linter could each
pick a different file.

## Failing example
```yaml
# rubrics/likert_rating.yaml and rubrics/likert_rating.yml
id: likert_rating
```

## Passing example
```yaml
# only rubrics/likert_rating.yaml
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

CODE = "SRC010"
NAME = "duplicate-id"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report every file after the first that reuses a (kind, id) pair."""
    first: dict[tuple[str, str], str] = {}
    for doc in catalog.loaded():
        key = (doc.kind, doc.id)
        if key in first:
            line, col = doc.position(("id",))
            yield Problem(
                f"{doc.kind} id {doc.id!r} is already defined in {first[key]}",
                doc.display_path,
                line,
                col,
                pointer="/id",
            )
        else:
            first[key] = doc.display_path
