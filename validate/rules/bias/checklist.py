"""Bias checklist lookups shared by the ``BIA`` rules.

A checklist source (``guidelines/bias/<id>.yaml``, loaded with the rubric:
``CompiledRubric.bias_checklists``) becomes a :class:`ChecklistTable` once per rubric, in a
rule's ``prepare``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChecklistTable:
    """What the rules need from one bias checklist."""

    id: str
    version: str
    versions: frozenset[str]
    """The current version and every version in the checklist's changelog."""
    severities: tuple[str, ...]
    """Severity ids, least severe first (the checklist's order)."""
    dimensions: dict[str, frozenset[str]]
    """Dimension id -> the kinds of harm it lists under ``look_for``."""
    kinds: frozenset[str]
    """Every kind listed under any dimension."""
    questions: frozenset[str]
    """The checklist question ids."""

    def rank(self, severity: Any) -> int:
        """Position of ``severity`` in the order, or -1 when it is not a severity id."""
        try:
            return self.severities.index(severity)
        except ValueError:
            return -1


def _ids(entries: Any) -> list[str]:
    return [e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)]


def checklist_table(checklist_id: str, data: dict[str, Any]) -> ChecklistTable:
    """The lookup tables of one loaded bias checklist."""
    version = str(data.get("version", ""))
    versions = {version} | {
        str(e["version"])
        for e in data.get("changelog") or []
        if isinstance(e, dict) and "version" in e
    }
    dimensions: dict[str, frozenset[str]] = {}
    for dim in data.get("dimensions") or []:
        if isinstance(dim, dict) and isinstance(dim.get("id"), str):
            dimensions[dim["id"]] = frozenset(
                e["kind"] for e in dim.get("look_for") or [] if isinstance(e, dict) and "kind" in e
            )
    return ChecklistTable(
        id=checklist_id,
        version=version,
        versions=frozenset(versions),
        severities=tuple(_ids(data.get("severities"))),
        dimensions=dimensions,
        kinds=frozenset().union(*dimensions.values()) if dimensions else frozenset(),
        questions=frozenset(_ids(data.get("checklist"))),
    )


def checklist_tables(rubric: Any) -> dict[str, ChecklistTable]:
    """Tables of every bias checklist the rubric references, by id."""
    return {cid: checklist_table(cid, data) for cid, data in rubric.bias_checklists.items()}


def label_checklist(
    label: dict[str, Any], tables: dict[str, ChecklistTable]
) -> ChecklistTable | None:
    """The checklist a label names (or the rubric's only one when the label names none)."""
    named = label.get("checklist")
    if named is None and len(tables) == 1:
        return next(iter(tables.values()))
    return tables.get(named) if named.__class__ is str else None
