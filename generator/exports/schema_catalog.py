"""The editors' schema catalog: source file globs -> the published JSON Schemas.

A JSON Schema Store catalog (``https://json.schemastore.org/schema-catalog.json``): editors
and yaml-language-server read it to give autocompletion in every source file without a
modeline. Generated from :data:`validate.catalog.SOURCE_LAYOUT` and
:func:`validate.schemas.schema_url`; the committed copy is ``validate/schemas/catalog.json``
(a test keeps the two equal; regenerate with ``rubricate export schema-catalog -o
validate/schemas/catalog.json``).
"""

from __future__ import annotations

from typing import Any

from validate.catalog import KIND_TITLES, SOURCE_LAYOUT
from validate.schemas import SCHEMA_BASE, schema_url

CATALOG_URL = f"{SCHEMA_BASE}catalog.json"
"""Where the site publishes the catalog (beside the schemas)."""


def _globs(pattern: str) -> list[str]:
    """``rubrics/*.y*ml`` -> the two explicit globs editors understand, anywhere in a repo."""
    base = pattern.replace(".y*ml", "")
    return [f"**/{base}.yaml", f"**/{base}.yml"]


def schema_catalog() -> dict[str, Any]:
    """The catalog as JSON data, one entry per source kind, in layout order."""
    schemas = []
    for kind, pattern in SOURCE_LAYOUT.items():
        title = KIND_TITLES.get(kind, kind)
        schemas.append(
            {
                "name": f"Rubricate {title}",
                "description": f"Rubricate {title} source ({pattern})",
                "fileMatch": _globs(pattern),
                "url": schema_url(kind),
            }
        )
    return {
        "$schema": "https://json.schemastore.org/schema-catalog.json",
        "version": 1.0,
        "schemas": schemas,
    }
