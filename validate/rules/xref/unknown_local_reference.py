"""A reference to an id that the same file does not define.

## What it checks
References inside one source: a rubric dimension's `scale` names one of the rubric's
scales; a policy category's severity ladder uses the policy's severities and its
`default_action` one of the policy's actions; a bias example's severity is one of the
checklist's severities.

## Why it matters
These ids decide what the linter accepts and what the site shows. A dimension on a scale that
does not exist has no values, so every score for it would be rejected.

## Failing example
```yaml
scales: [{id: quality, ...}]
dimensions:
  - {id: helpfulness, scale: qualty, ...}
```

## Passing example
```yaml
dimensions:
  - {id: helpfulness, scale: quality, ...}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.references import LOCAL_REFERENCES, walk

CODE = "XRF002"
NAME = "unknown-local-reference"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Resolve references inside each file."""
    for kind, ref_pattern, id_pattern, what in LOCAL_REFERENCES:
        for doc in catalog.loaded(kind):
            defined = {value for _, value in walk(doc.data, id_pattern)}
            for path, ref in walk(doc.data, ref_pattern):
                if ref not in defined:
                    line, col = doc.position(path)
                    choices = ", ".join(sorted(defined)) or "none defined"
                    yield Problem(
                        f"{what} {ref!r} is not defined in this file ({choices})",
                        doc.display_path,
                        line,
                        col,
                    )
