"""YAML that does not parse.

## What it checks
That each source file is well-formed YAML: balanced brackets and quotes, consistent
indentation with spaces (never tabs), no unsupported tags such as `!!binary` or `!!python/...`.

## Why it matters
A file that does not parse cannot be validated, rendered or enforced; everything else about it
is unknown until this is fixed.

## Failing example
```yaml
id: likert_rating
levels: [1, 2, 3
```

## Passing example
```yaml
id: likert_rating
levels: [1, 2, 3]
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.loading.yaml_source import YAML_SYNTAX
from validate.rules.source import loader_problems

CODE = YAML_SYNTAX
NAME = "yaml-syntax"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report YAML syntax errors found while loading."""
    return loader_problems(catalog, CODE)
