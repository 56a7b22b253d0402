"""A mapping key given twice.

## What it checks
That no mapping in a source repeats a key. The finding points at the second occurrence.

## Why it matters
Plain YAML loaders keep the last value and drop the first without a word, so half of what the
author wrote silently disappears (often a whole anchor text or a rule's options).

## Failing example
```yaml
id: likert_rating
title: Likert rating
title: Likert rating (1-5)
```

## Passing example
```yaml
id: likert_rating
title: Likert rating (1-5)
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.loading.yaml_source import DUPLICATE_KEY
from validate.rules.source import loader_problems

CODE = DUPLICATE_KEY
NAME = "duplicate-key"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report the loader's findings of this kind."""
    return loader_problems(catalog, CODE)
