"""A source file over the size limit.

## What it checks
That each source file is at most 2 MiB. Larger files are not read at all.

## Why it matters
Guideline sources are a few kilobytes. A multi-megabyte file is almost always a mistake (a data
dump pasted into a rubric) and would slow every build and editor.

## Failing example
```yaml
# a 50 MB rubrics/likert_rating.yaml with a pasted dataset
```

## Passing example
```yaml
# worked examples are short; keep datasets in label files
examples: []
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.loading.yaml_source import FILE_TOO_LARGE
from validate.rules.source import loader_problems

CODE = FILE_TOO_LARGE
NAME = "file-too-large"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report the loader's findings of this kind."""
    return loader_problems(catalog, CODE)
