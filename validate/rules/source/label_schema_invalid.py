"""A rubric label schema that is not a valid JSON Schema.

## What it checks
That each rubric's `label.schema` compiles: every `x-scale` names a scale of the rubric,
every dimension names a scale, and the expanded result is a valid JSON Schema (draft 2020-12).

## Why it matters
The label schema is what the linter enforces on every label record and what editors and
labelling tools receive on export. A broken schema would stop linting for the whole rubric.

## Failing example
```yaml
label:
  schema:
    type: object
    properties:
      score: {x-scale: qualty}   # no scale with this id
```

## Passing example
```yaml
label:
  schema:
    type: object
    properties:
      score: {x-scale: quality}
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

CODE = "SRC012"
NAME = "label-schema-invalid"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Compile and meta-validate every rubric's label schema."""
    for doc in catalog.loaded("rubric"):
        if not isinstance(doc.data.get("label"), dict):
            continue  # reported by the schema rule
        compiled = compiled_label_schema(doc)
        if compiled.compile_error is not None:
            line, col = doc.position(compiled.compile_error.path)
            yield Problem(str(compiled.compile_error), doc.display_path, line, col)
        elif compiled.meta_error is not None:
            path = ("label", "schema", *compiled.meta_error.absolute_path)
            line, col = doc.position(path)
            yield Problem(
                f"label schema is not valid JSON Schema: {compiled.meta_error.message}",
                doc.display_path,
                line,
                col,
            )
