"""A source value that is not a level of the rubric.

## What it checks
Choices, labels, COCO category names and WMT MQM categories and severities, after the mapping file's `values` renames, matched to the rubric's levels by value or by label ignoring case. An unknown value is kept unchanged (the label schema rule then reports each record); this finding names it once, where it is defined or first used.

## Why it matters
A category spelled differently in the tool (`Aluminium foil` vs the rubric's levels) makes every box invalid; one finding with the fix (a rename) saves reading thousands of schema errors.

## Failing example
```json
{"categories": [{"id": 1, "name": "automobile"}]}
```

## Passing example
Rename it:
```yaml
values:
  automobile: car
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP006"
NAME = "unknown-value"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP006 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
