"""Aliases that expand to too much data.

## What it checks
That YAML anchors and aliases (`&a` / `*a`) expand to at most 200,000 nodes in one file.
Expansion stops as soon as the budget is spent, so the check is fast and uses bounded memory.

## Why it matters
A few lines of nested aliases (a "billion laughs" file) can expand to billions of values and
exhaust memory. Real sources never come close to the limit.

## Failing example
```yaml
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
# ... nine levels: 10^9 values
```

## Passing example
```yaml
common_note: &note Judge the final answer only.
notes: [*note]
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.loading.yaml_source import ALIAS_LIMIT
from validate.rules.source import loader_problems

CODE = ALIAS_LIMIT
NAME = "alias-limit"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report the loader's findings of this kind."""
    return loader_problems(catalog, CODE)
