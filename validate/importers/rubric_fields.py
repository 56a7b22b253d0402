"""What importers need from a rubric: its label fields, their allowed values, and level lookup.

A *field path* is dotted, rooted at ``label`` (``label.scores.helpful``, ``label.boxes``,
``label.rationale``); :meth:`RubricTarget.field_schema` follows it through the compiled label
schema (``properties``, then ``additionalProperties``), so a mapping file is checked against the
rubric before any record is converted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from validate.importers import ImportConfigError
from validate.rubric_schema import LabelSchemaError, compile_label_schema
from validate.suggest import unknown_rubric


@dataclass
class RubricTarget:
    """One rubric, ready for conversion: id, version, compiled label schema, value renames."""

    id: str
    data: dict[str, Any]
    schema: dict[str, Any]
    renames: dict[str, str] = field(default_factory=dict)

    @property
    def version(self) -> str | None:
        """The rubric's version (written to ``rubric_version``)."""
        value = self.data.get("version")
        return str(value) if value is not None else None

    @property
    def required(self) -> list[str]:
        """Top-level label fields the rubric requires."""
        return [str(name) for name in self.schema.get("required", [])]

    @property
    def properties(self) -> dict[str, Any]:
        """Top-level label properties of the compiled schema."""
        props = self.schema.get("properties")
        return props if isinstance(props, dict) else {}

    def field_schema(self, path: str) -> dict[str, Any] | None:
        """Schema of the field at dotted ``path`` (``label.x.y``), or ``None`` if it has none."""
        parts = path.split(".")
        if parts[0] != "label" or len(parts) < 2:
            return None
        node: Any = self.schema
        for part in parts[1:]:
            if not isinstance(node, dict):
                return None
            props = node.get("properties") or {}
            if part in props:
                node = props[part]
            elif isinstance(node.get("additionalProperties"), dict):
                node = node["additionalProperties"]
            else:
                return None
        return node if isinstance(node, dict) else None

    def dimension_ids(self) -> list[str]:
        """Ids of the rubric's dimensions (for rating controls named after them)."""
        return [str(d["id"]) for d in self.data.get("dimensions", []) if "id" in d]

    def match_value(self, value: Any, node: dict[str, Any] | None) -> tuple[Any, bool]:
        """``(value, known)``: the rubric level for a source value, and whether it is one.

        Order: the mapping file's rename; the exact level value; a level whose label or value
        equals it ignoring case (Label Studio configs often show the label). An unknown value is
        returned unchanged (data is never altered to fit) with ``known`` false.
        """
        enum = _enum_of(node)
        renamed = self.renames.get(str(value), value)
        if enum is None:
            return renamed, True  # a free field: anything goes
        if renamed in enum:
            return renamed, True
        folded = str(renamed).casefold()
        for level_value, label in self._levels_for(enum):
            if folded in (str(level_value).casefold(), str(label).casefold()):
                return level_value, True
        return renamed, False

    def _levels_for(self, enum: list[Any]) -> list[tuple[Any, Any]]:
        pairs = []
        for scale in self.data.get("scales", []):
            for level in scale.get("levels", []):
                if level.get("value") in enum:
                    pairs.append((level["value"], level.get("label", level["value"])))
        return pairs or [(v, v) for v in enum]


def _enum_of(node: dict[str, Any] | None) -> list[Any] | None:
    """The allowed values of a field (or of its array items), if it is an enumeration."""
    if not isinstance(node, dict):
        return None
    if node.get("type") == "array" and isinstance(node.get("items"), dict):
        node = node["items"]
    for option in node.get("anyOf", []) if "enum" not in node else []:
        if isinstance(option, dict) and "enum" in option:
            return list(option["enum"])
    enum = node.get("enum")
    return list(enum) if isinstance(enum, list) else None


def resolve_rubric(
    catalog: Any,
    rubric: str | None,
    mapping: dict[str, Any] | None,
    *,
    default: list[str] | None = None,
) -> RubricTarget:
    """The rubric to convert to: ``--rubric``, the mapping file's ``rubric``, or a default.

    ``default`` lists rubric ids to try in order when neither names one (an importer's natural
    targets). Raises :class:`ImportConfigError` when none is usable.
    """
    mapping = mapping or {}
    wanted = rubric or mapping.get("rubric")
    candidates = [wanted] if wanted else list(default or [])
    for rubric_id in candidates:
        doc = catalog.get("rubric", rubric_id) if catalog is not None else None
        if doc is None or not isinstance(getattr(doc, "data", None), dict):
            continue
        try:
            schema = compile_label_schema(doc.data)
        except (LabelSchemaError, KeyError, TypeError) as exc:
            raise ImportConfigError(
                f"rubric {rubric_id!r}: its label schema cannot be compiled ({exc}); "
                "run 'rubricate check'"
            ) from None
        return RubricTarget(
            id=rubric_id, data=doc.data, schema=schema, renames=dict(mapping.get("values", {}))
        )
    if wanted:
        known = catalog.ids("rubric") if catalog is not None else []
        raise ImportConfigError(unknown_rubric(wanted, known, option="--rubric"))
    raise ImportConfigError(
        "no rubric given and none of the default rubrics "
        f"({', '.join(default or []) or 'none'}) exists here; pass --rubric ID"
    )


def set_path(record: dict[str, Any], path: str, value: Any) -> None:
    """Set ``record[a][b]... = value`` for dotted ``path``, creating objects on the way."""
    parts = path.split(".")
    node = record
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = node[part] = {}
        node = child
    node[parts[-1]] = value
