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

from jsonschema import Draft202012Validator, SchemaError

from validate.catalog import Catalog
from validate.findings import Problem, Severity
from validate.rubric_schema import LabelSchemaError, compile_label_schema

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
        try:
            compiled = compile_label_schema(doc.data)
            Draft202012Validator.check_schema(compiled)
        except LabelSchemaError as exc:
            line, col = doc.position(exc.path)
            yield Problem(str(exc), doc.display_path, line, col)
        except SchemaError as exc:
            path = ("label", "schema", *exc.absolute_path)
            line, col = doc.position(path)
            yield Problem(
                f"label schema is not valid JSON Schema: {exc.message}", doc.display_path, line, col
            )
        except (KeyError, TypeError, AttributeError):
            continue  # malformed scales or dimensions: reported by the schema rule
