"""Shared helpers for the importer tests: the repository catalog and a converter runner."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from validate.catalog import Catalog, load_catalog
from validate.importers import IMPORTERS, ConvertedRecord, ReadProblem

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The repository's own rubrics."""
    return load_catalog(REPO)


def run(
    fmt: str,
    path: Path,
    catalog: Catalog,
    *,
    rubric: str | None = None,
    mapping: dict[str, Any] | None = None,
) -> tuple[list[ConvertedRecord], list[ReadProblem]]:
    """Convert ``path``: ``(records, problems)``."""
    records: list[ConvertedRecord] = []
    problems: list[ReadProblem] = []
    for entry in IMPORTERS[fmt](path, rubric=rubric, mapping=mapping, catalog=catalog):
        (records if isinstance(entry, ConvertedRecord) else problems).append(entry)
    return records, problems
