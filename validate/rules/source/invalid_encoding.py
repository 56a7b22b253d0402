"""A source file that is not UTF-8.

## What it checks
That each source file decodes as UTF-8 (a byte-order mark is tolerated). The finding gives the
line and column of the first bad byte. A UTF-16 or UTF-32 file (known by its byte order mark,
or by NUL bytes beside ASCII characters) is one finding at 1:1 that names its encoding:
`the file is UTF-16-encoded; save it as UTF-8`.

## Why it matters
Sources are rendered on the site and printed on cards; a Latin-1 or UTF-16 file would show
garbled text, or fail halfway through a build.

## Failing example
```yaml
title: Café reviews   # saved as Latin-1, so é is the single byte 0xE9
```

## Passing example
```yaml
title: Café reviews     # saved as UTF-8
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.loading.yaml_source import INVALID_ENCODING
from validate.rules.source import loader_problems

CODE = INVALID_ENCODING
NAME = "invalid-encoding"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Report the loader's findings of this kind."""
    return loader_problems(catalog, CODE)
