"""A reference to an id that does not exist.

## What it checks
Every reference between sources resolves: a task's rubric(s), policies, bias checklists,
platforms and related tasks; a rubric's task, policies and bias checklists; a platform's task
types; the taxonomy's tasks. The finding points at the reference itself and suggests the
closest existing id.

## Why it matters
A dangling reference is a broken link on the site, a missing section on a card and, for a
rubric's task, a linter that cannot find the guidance it enforces.

## Failing example
```yaml
# guidelines/tasks/likert_rating.yaml
rubric: likert_ratings     # no rubrics/likert_ratings.yaml
```

## Passing example
```yaml
rubric: likert_rating
```

## Options
None.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from validate.catalog import KIND_TITLES, Catalog
from validate.findings import Problem, Severity
from validate.references import CROSS_REFERENCES, walk

CODE = "XRF001"
NAME = "unresolved-reference"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Resolve every cross reference against the catalog."""
    known = {kind: catalog.ids(kind) for kind in KIND_TITLES}
    for source_kind, pattern, target_kind in CROSS_REFERENCES:
        for doc in catalog.loaded(source_kind):
            for path, ref in walk(doc.data, pattern):
                if ref in known[target_kind]:
                    continue
                close = difflib.get_close_matches(ref, sorted(known[target_kind]), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                line, col = doc.position(path)
                yield Problem(
                    f"{KIND_TITLES[target_kind]} {ref!r} does not exist{hint}",
                    doc.display_path,
                    line,
                    col,
                )
