"""A worked example whose gold label breaks its own rubric.

## What it checks
That the gold `label` of every worked example validates against the rubric's compiled
label schema. The finding points at the offending value inside the example.

## Why it matters
Worked examples are what annotators calibrate on and what the practice quizzes score against.
A gold label the linter would reject teaches the wrong format, and exported examples would
fail CI.

## Failing example
```yaml
scales: [{id: quality, levels: [1, 2, 3, 4, 5], ...}]
examples:
  - id: great_answer
    label: {scores: {helpfulness: 6}}
```

## Passing example
```yaml
examples:
  - id: great_answer
    label: {scores: {helpfulness: 5}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.rubric_schema import compiled_label_schema

CODE = "XRF005"
NAME = "example-label-invalid"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Validate each worked example's gold label against the compiled label schema."""
    for doc in catalog.loaded("rubric"):
        compiled = compiled_label_schema(doc)
        if compiled.fast is None:
            continue  # the label schema itself is reported by SRC012
        for i, example in enumerate(doc.data.get("examples") or []):
            if not isinstance(example, dict) or not isinstance(example.get("label"), dict):
                continue
            if compiled.fast.is_valid(example["label"]):
                continue
            for error in compiled.detailed().iter_errors(example["label"]):
                path = ("examples", i, "label", *error.absolute_path)
                line, col = doc.position(path)
                yield Problem(
                    f"example {example.get('id')!r}: gold label {error.message}",
                    doc.display_path,
                    line,
                    col,
                )
