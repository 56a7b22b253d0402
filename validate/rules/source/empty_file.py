"""A source file with no content.

## What it checks
That each source file holds a document, not only blank lines or comments.

## Why it matters
An empty file in `rubrics/` or `guidelines/` looks like a source but defines nothing; it is
usually a half-finished scaffold or a bad merge.

## Failing example
```yaml
# TODO: write this rubric
```

## Passing example
```yaml
id: likert_rating
title: Likert rating
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.loading.yaml_source import EMPTY_FILE
from validate.rules.source import loader_problems

CODE = EMPTY_FILE
NAME = "empty-file"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report the loader's findings of this kind."""
    return loader_problems(catalog, CODE)
