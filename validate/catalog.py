"""The catalog: every source under a project root, loaded with positions and indexed by id.

Discovery follows the fixed layout (DESIGN.md): ``guidelines/taxonomy.yaml``,
``guidelines/tasks/*.yaml``, ``rubrics/*.yaml``, ``guidelines/policies/*.yaml``,
``guidelines/bias/*.yaml``, ``guidelines/platforms/*.yaml`` and
``guidelines/qualification.yaml``. Loading never raises for bad sources: hazards are kept on
each :class:`SourceDoc` and reported by the source rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validate.loading.yaml_source import YamlSource, load_yaml_source

SOURCE_LAYOUT: dict[str, str] = {
    # kind -> glob relative to the project root
    "taxonomy": "guidelines/taxonomy.y*ml",
    "task": "guidelines/tasks/*.y*ml",
    "rubric": "rubrics/*.y*ml",
    "policy": "guidelines/policies/*.y*ml",
    "bias_checklist": "guidelines/bias/*.y*ml",
    "platform": "guidelines/platforms/*.y*ml",
    "qualification": "guidelines/qualification.y*ml",
}

KIND_TITLES: dict[str, str] = {
    "taxonomy": "taxonomy",
    "task": "task type",
    "rubric": "rubric",
    "policy": "policy",
    "bias_checklist": "bias checklist",
    "platform": "platform",
    "qualification": "qualification prep",
}


class RootError(Exception):
    """The project root cannot be used (missing, not a directory, no sources)."""


@dataclass
class SourceDoc:
    """One source file: its kind, where it lives, and what loading produced."""

    kind: str
    path: Path
    display_path: str
    source: YamlSource
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Values derived from this document once per run (e.g. its compiled label schema)."""

    @property
    def data(self) -> dict[str, Any]:
        """The loaded mapping, or ``{}`` when the file could not be loaded."""
        return self.source.data if isinstance(self.source.data, dict) else {}

    @property
    def id(self) -> str:
        """The declared id, falling back to the file stem."""
        value = self.data.get("id")
        return value if isinstance(value, str) else self.path.stem

    def position(self, path: tuple[Any, ...] | list[Any], *, key: bool = False) -> tuple[int, int]:
        """1-based ``(line, column)`` of the value at ``path`` in this file."""
        return self.source.position(path, key=key)


@dataclass
class Catalog:
    """Every source under ``root``, by kind and id."""

    root: Path
    docs: list[SourceDoc] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[SourceDoc]:
        """Docs of one kind, in file-name order."""
        return [doc for doc in self.docs if doc.kind == kind]

    def ids(self, kind: str) -> set[str]:
        """Ids declared by the loadable docs of one kind."""
        return {doc.id for doc in self.of_kind(kind) if doc.source.data is not None}

    def get(self, kind: str, id_: str) -> SourceDoc | None:
        """The doc of ``kind`` with ``id_``, if loaded."""
        for doc in self.of_kind(kind):
            if doc.id == id_ and doc.source.data is not None:
                return doc
        return None

    def loaded(self, kind: str | None = None) -> Iterator[SourceDoc]:
        """Docs whose YAML produced a mapping (optionally of one kind)."""
        for doc in self.docs:
            if isinstance(doc.source.data, dict) and (kind is None or doc.kind == kind):
                yield doc

    @property
    def taxonomy(self) -> SourceDoc | None:
        """The taxonomy doc, if present and loaded."""
        return next(self.loaded("taxonomy"), None)


def discover(root: Path) -> list[tuple[str, Path]]:
    """``(kind, path)`` for every source file under ``root``, in a stable order."""
    found: list[tuple[str, Path]] = []
    for kind, pattern in SOURCE_LAYOUT.items():
        for path in sorted(root.glob(pattern)):
            if path.is_file() and path.suffix in (".yaml", ".yml"):
                found.append((kind, path))
    return found


def load_catalog(root: Path | str) -> Catalog:
    """Load every source under ``root``.

    Raises :class:`RootError` when ``root`` does not exist, is not a directory, or holds no
    ``guidelines/`` or ``rubrics/`` folder (so a typo'd path is not reported as "clean").
    """
    root = Path(root)
    if not root.exists():
        raise RootError(f"{root}: no such directory")
    if not root.is_dir():
        raise RootError(f"{root}: not a directory")
    if not (root / "guidelines").is_dir() and not (root / "rubrics").is_dir():
        raise RootError(
            f"{root}: no guidelines/ or rubrics/ folder here; "
            "run from a Rubricate project or pass its root"
        )
    catalog = Catalog(root=root)
    for kind, path in discover(root):
        catalog.docs.append(
            SourceDoc(
                kind=kind,
                path=path,
                display_path=_display(path),
                source=load_yaml_source(path),
            )
        )
    return catalog


def _display(path: Path) -> str:
    """Path as the user will click it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - different drive on Windows
        return str(path)
