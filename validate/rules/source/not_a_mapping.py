"""A source whose top level is not a mapping.

## What it checks
That the top level of each source file is a mapping of fields (`key: value` lines), not a list
or a single value.

## Why it matters
Every source kind is a set of named fields (`id`, `title`, ...). A list at the top level usually
means a stray `-` in front of the first field.

## Failing example
```yaml
- id: likert_rating
  title: Likert rating
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
from validate.loading.yaml_source import NOT_A_MAPPING
from validate.rules.source import loader_problems

CODE = NOT_A_MAPPING
NAME = "not-a-mapping"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report the loader's findings of this kind."""
    return loader_problems(catalog, CODE)
