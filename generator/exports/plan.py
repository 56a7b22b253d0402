"""A rubric's label payload as a flat list of controls, shared by the labelling-tool exports.

The compiled label schema (``validate.rubric_schema.compile_label_schema``) is walked once:
each top-level label field (and each field of an object of dimension scores) becomes one
:class:`Control` of a kind every tool has: single choice, multiple choice, rating, ranking,
free text, boxes or text spans. Options carry the rubric's level labels and anchor texts, so
the annotator sees the same wording as on the site and the cards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from validate.rubric_schema import compile_label_schema


@dataclass(frozen=True)
class Option:
    """One allowed value: what is stored, what is shown, and its anchor text."""

    value: Any
    label: str
    anchor: str = ""


@dataclass(frozen=True)
class Control:
    """One label field as a labelling control."""

    name: str
    """Control name; the importer maps it back (``label.<name>`` or ``label.<obj>.<name>``)."""
    path: str
    """Rubric field path, e.g. ``label.scores.helpful``."""
    kind: str
    """``single``, ``multi``, ``rating``, ``ranking``, ``text``, ``boxes`` or ``spans``."""
    title: str
    description: str = ""
    required: bool = True
    options: list[Option] = field(default_factory=list)
    span_field: str = ""


def levels_by_value(rubric: dict[str, Any]) -> dict[Any, tuple[str, str]]:
    """Every level value of every scale -> ``(label, anchor)`` (first scale wins a clash)."""
    found: dict[Any, tuple[str, str]] = {}
    for scale in rubric.get("scales", []):
        for level in scale.get("levels", []):
            key = level.get("value")
            if key not in found:
                found[key] = (str(level.get("label", key)), str(level.get("anchor", "")).strip())
    return found


def _options(enum: list[Any], levels: dict[Any, tuple[str, str]]) -> list[Option]:
    return [Option(v, *levels.get(v, (str(v), ""))) for v in enum]


def _enum(node: dict[str, Any]) -> list[Any] | None:
    if "enum" in node:
        return list(node["enum"])
    for option in node.get("anyOf", []):
        if isinstance(option, dict) and "enum" in option:
            return list(option["enum"])
    return None


def build_plan(rubric: dict[str, Any]) -> list[Control]:
    """The controls of ``rubric``'s label payload, in schema order."""
    schema = compile_label_schema(rubric)
    levels = levels_by_value(rubric)
    dims = {d.get("id"): d for d in rubric.get("dimensions", [])}
    required = set(schema.get("required", []))
    controls: list[Control] = []
    for name, node in (schema.get("properties") or {}).items():
        if not isinstance(node, dict):
            continue
        control = _control(name, f"label.{name}", node, levels, name in required)
        if control is not None:
            controls.append(control)
            continue
        if node.get("type") == "object" and isinstance(node.get("properties"), dict):
            inner_required = set(node.get("required", []))
            for inner, inner_node in node["properties"].items():
                dim = dims.get(inner, {})
                sub = _control(
                    inner,
                    f"label.{name}.{inner}",
                    inner_node,
                    levels,
                    inner in inner_required,
                    title=str(dim.get("name", inner)),
                    description=str(dim.get("definition", "")).strip(),
                )
                if sub is not None:
                    controls.append(sub)
    return controls


def _control(
    name: str,
    path: str,
    node: Any,
    levels: dict[Any, tuple[str, str]],
    required: bool,
    *,
    title: str = "",
    description: str = "",
) -> Control | None:
    if not isinstance(node, dict):
        return None
    title = title or name.replace("_", " ").capitalize()
    common = {"name": name, "path": path, "title": title, "description": description}
    enum = _enum(node)
    if enum is not None:
        kind = "rating" if all(isinstance(v, int) for v in enum) else "single"
        return Control(kind=kind, required=required, options=_options(enum, levels), **common)
    if node.get("type") == "string":
        return Control(kind="text", required=required, **common)
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        items = node["items"]
        item_enum = _enum(items)
        if item_enum is not None:
            return Control(
                kind="multi", required=required, options=_options(item_enum, levels), **common
            )
        props = items.get("properties") or {}
        if "bbox" in props and isinstance(props.get("category"), dict):
            opts = _options(_enum(props["category"]) or [], levels)
            return Control(kind="boxes", required=required, options=opts, **common)
        if "start" in props and "end" in props:
            enum_field = next(
                (k for k, v in props.items() if isinstance(v, dict) and _enum(v) is not None), ""
            )
            opts = _options(_enum(props[enum_field]) or [], levels) if enum_field else []
            return Control(
                kind="spans", required=required, options=opts, span_field=enum_field, **common
            )
        if items.get("type") == "string" and name == "ranking":
            return Control(kind="ranking", required=required, **common)
    return None


def guidelines_markdown(rubric: dict[str, Any]) -> str:
    """The rubric as annotator guidelines in Markdown: summary, steps, scales, dimensions."""
    lines = [f"# {rubric.get('title', rubric.get('id', ''))}", ""]
    if rubric.get("version"):
        lines += [f"Rubric `{rubric.get('id')}` version {rubric['version']}.", ""]
    if rubric.get("summary"):
        lines += [str(rubric["summary"]).strip(), ""]
    steps = rubric.get("decision_steps") or []
    if steps:
        lines += ["## Steps", ""] + [f"{i}. {s}" for i, s in enumerate(steps, 1)] + [""]
    for scale in rubric.get("scales", []):
        lines += [f"## {scale.get('name', scale.get('id'))}", ""]
        lines += ["| value | label | anchor |", "| --- | --- | --- |"]
        for level in scale.get("levels", []):
            anchor = str(level.get("anchor", "")).strip().replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{level.get('value')}` | {level.get('label', '')} | {anchor} |")
        lines.append("")
        for key, title in (("tie_policy", "Ties"), ("na_policy", "N/A")):
            if scale.get(key):
                lines += [f"**{title}:** {str(scale[key]).strip()}", ""]
    dims = rubric.get("dimensions") or []
    if dims:
        lines += ["## Dimensions", ""]
        for dim in dims:
            lines.append(
                f"- **{dim.get('name', dim.get('id'))}**: {str(dim.get('definition', '')).strip()}"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
