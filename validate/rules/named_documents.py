"""Labels that name a document of the project (a policy, a bias checklist) and its version.

Shared by the policy-backed (SAF, MOD) and checklist-backed (BIA) rules: resolve the named
document among the rubric's, and report an unknown name, an unknown version or an older one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from validate.lint.model import RecordProblem


def schema_rejects(allowed: frozenset[Any] | None, value: Any) -> bool:
    """True when the label schema already rejects ``value`` (then LBL009 reports it)."""
    return allowed is not None and value not in allowed


@dataclass
class NamedDocument:
    """The resolved document (or ``None``), the problems found, and whether ids can be checked."""

    table: Any
    problems: list[RecordProblem] = field(default_factory=list)
    version_known: bool = True


def resolve_named_document(
    label: dict[str, Any],
    tables: Mapping[str, Any],
    resolve: Callable[[dict[str, Any], Mapping[str, Any]], Any],
    *,
    kind: str,
    plural: str,
    id_field: str,
    version_field: str,
    schema_ids: frozenset[Any] | None,
    schema_versions: frozenset[Any] | None,
    accept_older_versions: bool,
) -> NamedDocument:
    """Resolve ``label[id_field]`` at ``label[version_field]`` among ``tables``."""
    table = resolve(label, tables)
    if table is None:
        named = label.get(id_field)
        if named.__class__ is str and not schema_rejects(schema_ids, named):
            known = ", ".join(sorted(tables)) or "none"
            message = f"{kind} {named!r} is not one this rubric uses (its {plural}: {known})"
            return NamedDocument(None, [RecordProblem(message, f"/label/{id_field}")], False)
        return NamedDocument(None, [], False)
    found = NamedDocument(table)
    version = label.get(version_field)
    if (
        version.__class__ is str
        and version != table.version
        and not schema_rejects(schema_versions, version)
    ):
        where = f"/label/{version_field}"
        if version not in table.versions:
            found.version_known = False
            found.problems.append(
                RecordProblem(
                    f"{kind} {table.id!r} has no version {version!r} (current: "
                    f"{table.version!r}; changelog: {', '.join(sorted(table.versions))})",
                    where,
                )
            )
        elif not accept_older_versions:
            found.problems.append(
                RecordProblem(
                    f"{kind} {table.id!r} is at version {table.version!r}; this label was "
                    f"made against {version!r}: relabel or lint with the matching {kind}",
                    where,
                )
            )
    return found
