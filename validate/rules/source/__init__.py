"""Source rules (``SRC``): each YAML file on its own: syntax, encoding, schema, ids."""

from __future__ import annotations

from collections.abc import Iterator

from validate.catalog import Catalog
from validate.findings import Problem


def loader_problems(catalog: Catalog, code: str) -> Iterator[Problem]:
    """The loader hazards of one code, as problems (the loader found them; rules report them)."""
    for doc in catalog.docs:
        for issue in doc.source.issues:
            if issue.code == code:
                yield Problem(issue.message, doc.display_path, issue.line, issue.column)
