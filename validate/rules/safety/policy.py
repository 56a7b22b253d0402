"""Policy lookups shared by the safety (``SAF``) and moderation (``MOD``) rules.

The helpers here turn a policy source (``guidelines/policies/<id>.yaml``, loaded with the
rubric: ``CompiledRubric.policies``) into lookup tables once per rubric, in a rule's
``prepare``; the moderation rules (``MOD``) use them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

UNUSED_RUNG = re.compile(r"\s*not used\b", re.IGNORECASE)
"""A ladder rung whose description starts with "Not used" is a severity the category never
takes (``child_safety``: only ``critical``)."""


@dataclass(frozen=True)
class PolicyTable:
    """What the rules need from one policy: ids, order, rungs and rung actions."""

    id: str
    version: str
    versions: frozenset[str]
    """The current version and every version in the policy's changelog."""
    severities: tuple[str, ...]
    """Severity ids, least severe first (the policy's order)."""
    categories: dict[str, frozenset[str]]
    """Category id -> the severities its ladder uses (``none`` and "Not used" rungs left out)."""
    actions: tuple[str, ...]
    """Moderation action ids, least restrictive first (the policy's order); may be empty."""
    rung_actions: dict[tuple[str, str], tuple[str, ...]]
    """``(category, severity)`` -> the actions named on that rung (or the default action)."""

    def rank(self, severity: Any) -> int:
        """Position of ``severity`` in the order, or -1 when it is not a severity id."""
        try:
            return self.severities.index(severity)
        except ValueError:
            return -1


def _ids(entries: Any) -> tuple[str, ...]:
    return tuple(
        e["id"] for e in entries or [] if isinstance(e, dict) and isinstance(e.get("id"), str)
    )


def policy_table(policy_id: str, data: dict[str, Any]) -> PolicyTable:
    """The lookup tables of one loaded policy."""
    version = str(data.get("version", ""))
    versions = {version}
    for entry in data.get("changelog") or []:
        if isinstance(entry, dict) and "version" in entry:
            versions.add(str(entry["version"]))
    severities = _ids(data.get("severities"))
    actions = _ids(data.get("actions"))
    # An action is named on a rung in backticks ("Action `remove`; choose `escalate` ...").
    action_re = (
        re.compile("`(" + "|".join(re.escape(a) for a in actions) + ")`") if actions else None
    )
    categories: dict[str, frozenset[str]] = {}
    rung_actions: dict[tuple[str, str], tuple[str, ...]] = {}
    for category in data.get("categories") or []:
        if not isinstance(category, dict) or not isinstance(category.get("id"), str):
            continue
        used = []
        for rung in category.get("severity_ladder") or []:
            if not isinstance(rung, dict):
                continue
            severity = rung.get("severity")
            text = str(rung.get("description", ""))
            if severity == "none" or UNUSED_RUNG.match(text):
                continue
            used.append(severity)
            if action_re is not None:
                named = tuple(dict.fromkeys(action_re.findall(text)))
                default = category.get("default_action")
                rung_actions[(category["id"], severity)] = named or (
                    (default,) if isinstance(default, str) else ()
                )
        categories[category["id"]] = frozenset(used)
    return PolicyTable(
        id=policy_id,
        version=version,
        versions=frozenset(versions),
        severities=severities,
        categories=categories,
        actions=actions,
        rung_actions=rung_actions,
    )


def policy_tables(rubric: Any) -> dict[str, PolicyTable]:
    """Tables of every policy the rubric references, by id."""
    return {pid: policy_table(pid, data) for pid, data in rubric.policies.items()}


def label_policy(
    label: dict[str, Any], tables: dict[str, PolicyTable], field: str = "policy"
) -> PolicyTable | None:
    """The policy a label names (or the rubric's only one when the label names none)."""
    named = label.get(field)
    if named is None and len(tables) == 1:
        return next(iter(tables.values()))
    return tables.get(named) if named.__class__ is str else None


def schema_values(rubric: Any, *path: str) -> frozenset[Any] | None:
    """The ``enum`` / ``const`` values the compiled label schema allows at ``path``.

    ``path`` walks schema keywords (``"properties", "violations", "items", ...``). None
    when the schema does not restrict the values there: then a rule checks them itself,
    otherwise it leaves the values the schema rejects to LBL009.
    """
    node: Any = rubric.label_schema
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
    if not isinstance(node, dict):
        return None
    if "const" in node:
        return frozenset([node["const"]])
    if isinstance(node.get("enum"), list):
        return frozenset(v for v in node["enum"] if v.__class__ in (str, int, bool))
    return None
