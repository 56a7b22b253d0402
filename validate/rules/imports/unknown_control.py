"""A Label Studio control that maps to no field of the rubric.

## What it checks
That every result of a Label Studio annotation comes from a control (`from_name`) that the mapping file or the default matching (control name = label field or dimension id) maps to a field of the rubric. Reported once per control and file, at the first annotation that uses it.

## Why it matters
An unmapped control's answers are left out of the converted record, so a whole question the annotators answered would silently disappear from QA.

## Failing example
Rubric `likert_rating`; the export has a `Choices` control named `sentiment`, and no mapping:
```json
[{"id": 1, "data": {}, "annotations": [{"id": 7, "result": [{"from_name": "sentiment", "type": "choices", "value": {"choices": ["Positive"]}}]}]}]
```

## Passing example
Map it in the mapping file:
```yaml
controls:
  sentiment: label.overall
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP001"
NAME = "unknown-control"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP001 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
