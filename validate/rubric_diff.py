"""What changed between two versions of a rubric, and which label records it affects.

:func:`diff_rubrics` is pure: two rubric dicts in, a :class:`RubricDiff` (plain data) out.
It reports the version change; per scale, levels added, removed, renamed (same value, new
label) and re-anchored (same value, anchor text changed); splits and merges; dimensions added,
removed or moved to another scale; rules added, removed or with changed options; and whether the
compiled label schema changed.

Split/merge heuristic (documented because it is a guess, and shown as one):

* **split**: a removed level whose label (or value) appears, ignoring case, in the label,
  value or anchor of two or more *added* levels of the same scale ("Partly correct" removed;
  "Partly correct: minor" and "Partly correct: major" added).
* **merge**: two or more removed levels whose labels (or values) all appear in the label,
  value or anchor of one added level ("Good" and "Very good" removed; "Good or very good"
  added).

:func:`affected_records` streams label records and lists those that use a removed level value
(anywhere in ``label``) or score a removed / re-scaled dimension: they need review.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from validate.rubric_schema import LabelSchemaError, compile_label_schema


@dataclass
class ScaleDiff:
    """Changes to one scale's levels."""

    id: str
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    renamed: list[dict[str, Any]] = field(default_factory=list)
    reanchored: list[Any] = field(default_factory=list)
    split: list[dict[str, Any]] = field(default_factory=list)
    merged: list[dict[str, Any]] = field(default_factory=list)

    def empty(self) -> bool:
        """True when nothing changed."""
        return not any(
            (self.added, self.removed, self.renamed, self.reanchored, self.split, self.merged)
        )


@dataclass
class RubricDiff:
    """Everything that changed, as plain data (``asdict`` gives the JSON output)."""

    id: str
    old_version: str | None
    new_version: str | None
    scales_added: list[str] = field(default_factory=list)
    scales_removed: list[str] = field(default_factory=list)
    scales: list[ScaleDiff] = field(default_factory=list)
    dimensions_added: list[str] = field(default_factory=list)
    dimensions_removed: list[str] = field(default_factory=list)
    dimensions_rescaled: list[dict[str, Any]] = field(default_factory=list)
    rules_added: list[str] = field(default_factory=list)
    rules_removed: list[str] = field(default_factory=list)
    rules_changed: list[dict[str, Any]] = field(default_factory=list)
    label_schema_changed: bool = False

    def removed_values(self) -> set[Any]:
        """Level values that no longer exist (removed levels and levels of removed scales)."""
        values = {v for s in self.scales for v in s.removed}
        return values

    def changed(self) -> bool:
        """True when anything but nothing changed."""
        return bool(
            self.old_version != self.new_version
            or self.scales_added
            or self.scales_removed
            or any(not s.empty() for s in self.scales)
            or self.dimensions_added
            or self.dimensions_removed
            or self.dimensions_rescaled
            or self.rules_added
            or self.rules_removed
            or self.rules_changed
            or self.label_schema_changed
        )

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (empty scale diffs left out)."""
        data = asdict(self)
        data["scales"] = [asdict(s) for s in self.scales if not s.empty()]
        return data


def _by_id(items: Iterable[Any]) -> dict[str, dict[str, Any]]:
    return {str(i["id"]): i for i in items or [] if isinstance(i, dict) and "id" in i}


def _text(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def diff_scale(scale_id: str, old: dict[str, Any], new: dict[str, Any]) -> ScaleDiff:
    """Compare one scale's levels by value."""
    result = ScaleDiff(id=scale_id)
    old_levels = {lv.get("value"): lv for lv in old.get("levels", [])}
    new_levels = {lv.get("value"): lv for lv in new.get("levels", [])}
    result.added = [v for v in new_levels if v not in old_levels]
    result.removed = [v for v in old_levels if v not in new_levels]
    for value in old_levels.keys() & new_levels.keys():
        before, after = old_levels[value], new_levels[value]
        if _text(before.get("label")) != _text(after.get("label")):
            result.renamed.append(
                {"value": value, "old": before.get("label"), "new": after.get("label")}
            )
        if _text(before.get("anchor")) != _text(after.get("anchor")):
            result.reanchored.append(value)
    result.renamed.sort(key=lambda r: str(r["value"]))
    result.reanchored.sort(key=str)

    def haystack(level: dict[str, Any]) -> str:
        return " ".join(_text(level.get(k)) for k in ("value", "label", "anchor"))

    def needles(level: dict[str, Any]) -> list[str]:
        return [t for t in (_text(level.get("label")), _text(level.get("value"))) if t]

    added = {v: new_levels[v] for v in result.added}
    for value in result.removed:
        into = [
            a
            for a, lv in added.items()
            if any(n in haystack(lv) for n in needles(old_levels[value]))
        ]
        if len(into) >= 2:
            result.split.append({"from": value, "into": into})
    for a, level in added.items():
        sources = [
            v for v in result.removed if any(n in haystack(level) for n in needles(old_levels[v]))
        ]
        if len(sources) >= 2:
            result.merged.append({"from": sources, "into": a})
    return result


def diff_rubrics(old: dict[str, Any], new: dict[str, Any]) -> RubricDiff:
    """The structured difference between two versions of a rubric."""
    result = RubricDiff(
        id=str(new.get("id", old.get("id", ""))),
        old_version=None if old.get("version") is None else str(old["version"]),
        new_version=None if new.get("version") is None else str(new["version"]),
    )
    old_scales, new_scales = _by_id(old.get("scales")), _by_id(new.get("scales"))
    result.scales_added = [s for s in new_scales if s not in old_scales]
    result.scales_removed = [s for s in old_scales if s not in new_scales]
    for scale_id in old_scales:
        if scale_id in new_scales:
            result.scales.append(diff_scale(scale_id, old_scales[scale_id], new_scales[scale_id]))
        else:  # every level of a removed scale is removed
            gone = ScaleDiff(id=scale_id)
            gone.removed = [lv.get("value") for lv in old_scales[scale_id].get("levels", [])]
            result.scales.append(gone)
    old_dims, new_dims = _by_id(old.get("dimensions")), _by_id(new.get("dimensions"))
    result.dimensions_added = [d for d in new_dims if d not in old_dims]
    result.dimensions_removed = [d for d in old_dims if d not in new_dims]
    for dim_id in old_dims.keys() & new_dims.keys():
        if old_dims[dim_id].get("scale") != new_dims[dim_id].get("scale"):
            result.dimensions_rescaled.append(
                {
                    "id": dim_id,
                    "old": old_dims[dim_id].get("scale"),
                    "new": new_dims[dim_id].get("scale"),
                }
            )
    old_rules, new_rules = old.get("rules") or {}, new.get("rules") or {}
    result.rules_added = sorted(set(new_rules) - set(old_rules))
    result.rules_removed = sorted(set(old_rules) - set(new_rules))
    result.rules_changed = [
        {"code": code, "old": old_rules[code], "new": new_rules[code]}
        for code in sorted(set(old_rules) & set(new_rules))
        if old_rules[code] != new_rules[code]
    ]
    try:
        result.label_schema_changed = compile_label_schema(old) != compile_label_schema(new)
    except (LabelSchemaError, KeyError, TypeError):
        result.label_schema_changed = old.get("label") != new.get("label")
    return result


def _values_in(node: Any) -> Iterator[tuple[str, Any]]:
    """Every scalar in a label with its JSON Pointer."""
    stack: list[tuple[str, Any]] = [("/label", node)]
    while stack:
        pointer, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{pointer}/{k}", v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{pointer}/{i}", v) for i, v in enumerate(value))
        else:
            yield pointer, value


def affected_records(
    diff: RubricDiff, records: Iterable[tuple[int, dict[str, Any]]]
) -> Iterator[dict[str, Any]]:
    """``{line, id, reasons}`` for each record of the diff's rubric that needs review.

    A record is affected when its label holds a removed level value (string values match
    exactly; integers only at the end of a path, as scores are), or scores a removed or
    re-scaled dimension. Records of other rubrics (``rubric`` set and different) are skipped.
    """
    removed = diff.removed_values()
    dims = set(diff.dimensions_removed) | {d["id"] for d in diff.dimensions_rescaled}
    for line, record in records:
        if record.get("rubric") not in (None, diff.id):
            continue
        reasons: list[str] = []
        label = record.get("label")
        for pointer, value in _values_in(label):
            if isinstance(value, bool) or value is None:
                continue
            if value in removed:
                reasons.append(f"{pointer} uses removed level {value!r}")
            key = pointer.rsplit("/", 2)
            if key[-1] in dims:
                reasons.append(f"{pointer} scores changed dimension {key[-1]!r}")
        if reasons:
            yield {"line": line, "id": record.get("id"), "reasons": sorted(set(reasons))}


def format_text(diff: RubricDiff) -> str:
    """A human-readable summary, one change per line."""
    out = [f"rubric {diff.id}: {diff.old_version} -> {diff.new_version}"]
    for name in ("scales_added", "scales_removed", "dimensions_added", "dimensions_removed"):
        for item in getattr(diff, name):
            out.append(f"  {name.replace('_', ' ')}: {item}")
    for d in diff.dimensions_rescaled:
        out.append(f"  dimension {d['id']}: scale {d['old']} -> {d['new']}")
    for s in diff.scales:
        if s.empty() or s.id in diff.scales_removed:
            continue
        for v in s.added:
            out.append(f"  scale {s.id}: level {v!r} added")
        for v in s.removed:
            out.append(f"  scale {s.id}: level {v!r} removed")
        for r in s.renamed:
            out.append(f"  scale {s.id}: level {r['value']!r} renamed {r['old']!r} -> {r['new']!r}")
        for v in s.reanchored:
            out.append(f"  scale {s.id}: level {v!r} re-anchored")
        for sp in s.split:
            out.append(
                f"  scale {s.id}: level {sp['from']!r} split into {sp['into']!r} (heuristic)"
            )
        for m in s.merged:
            out.append(
                f"  scale {s.id}: levels {m['from']!r} merged into {m['into']!r} (heuristic)"
            )
    for code in diff.rules_added:
        out.append(f"  rule {code} added")
    for code in diff.rules_removed:
        out.append(f"  rule {code} removed")
    for r in diff.rules_changed:
        out.append(f"  rule {r['code']} options {r['old']} -> {r['new']}")
    if diff.label_schema_changed:
        out.append("  label schema changed")
    if not diff.changed():
        out.append("  no changes")
    return "\n".join(out) + "\n"
