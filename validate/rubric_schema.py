"""Compile a rubric's compact label schema into a plain JSON Schema.

Rubric authors write the label payload as a JSON Schema fragment and may use two shorthands so
that values never drift from the scales they come from:

``{"x-scale": SCALE_ID}``
    the values of that scale: ``{"type": "integer", "enum": [1, 2, 3]}`` for numeric levels,
    ``{"type": "string", "enum": [...]}`` for labels; ``{"type": "array", "items": ...,
    "uniqueItems": true}`` when the scale is ``multi_select``.
``{"x-dimension-scores": true}``
    an object with one property per scored dimension (one with a ``scale``), each on its scale
    (``null`` allowed where the
    dimension allows N/A), required where the dimension is required, nothing else allowed.

Other keys are copied unchanged. Unknown scale ids raise :class:`LabelSchemaError`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, SchemaError

    from validate.catalog import SourceDoc

LABEL_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class LabelSchemaError(ValueError):
    """The rubric's label schema cannot be compiled; ``path`` locates the cause in the rubric."""

    def __init__(self, message: str, path: tuple[Any, ...]) -> None:
        super().__init__(message)
        self.path = path


def scale_values_schema(scale: dict[str, Any]) -> dict[str, Any]:
    """JSON Schema accepting exactly the values of ``scale`` (one or, if multi-select, many)."""
    values = [level["value"] for level in scale["levels"]]
    kind = "integer" if all(isinstance(v, int) for v in values) else "string"
    single: dict[str, Any] = {"type": kind, "enum": values}
    if scale.get("multi_select"):
        return {"type": "array", "items": single, "uniqueItems": True, "minItems": 1}
    return single


def compile_label_schema(rubric: dict[str, Any]) -> dict[str, Any]:
    """Return the rubric's label payload schema with every shorthand expanded."""
    scales = {scale["id"]: scale for scale in rubric.get("scales", [])}
    dimensions = rubric.get("dimensions", [])
    raw = rubric.get("label", {}).get("schema", {})

    def expand(node: Any, path: tuple[Any, ...]) -> Any:
        if isinstance(node, list):
            return [expand(item, (*path, i)) for i, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        if "x-scale" in node:
            scale_id = node["x-scale"]
            if scale_id not in scales:
                raise LabelSchemaError(
                    f"x-scale names unknown scale {scale_id!r}", (*path, "x-scale")
                )
            rest = {k: expand(v, (*path, k)) for k, v in node.items() if k != "x-scale"}
            return {**scale_values_schema(scales[scale_id]), **rest}
        if node.get("x-dimension-scores") is True:
            return _dimension_scores(dimensions, scales, path)
        return {key: expand(value, (*path, key)) for key, value in node.items()}

    compiled = expand(copy.deepcopy(raw), ("label", "schema"))
    compiled.setdefault("$schema", LABEL_SCHEMA_DIALECT)
    return compiled


def _dimension_scores(
    dimensions: list[dict[str, Any]], scales: dict[str, Any], path: tuple[Any, ...]
) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for index, dim in enumerate(dimensions):
        if "scale" not in dim:
            continue  # a criterion without its own score
        scale = scales.get(dim["scale"])
        if scale is None:
            raise LabelSchemaError(
                f"dimension {dim['id']!r} uses unknown scale {dim['scale']!r}",
                ("dimensions", index, "scale"),
            )
        values = scale_values_schema(scale)
        if dim.get("na_allowed"):
            values = {"anyOf": [values, {"type": "null"}]}
        properties[dim["id"]] = values
        if dim.get("required", True):
            required.append(dim["id"])
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


@dataclass(frozen=True)
class CompiledLabelSchema:
    """A rubric's label schema, compiled once: the schema, why it failed, or two validators.

    ``fast`` (jsonschema-rs, formats checked) answers valid / invalid; ``detailed``
    (jsonschema) explains the rare invalid label with located errors.
    """

    schema: dict[str, Any] | None
    compile_error: LabelSchemaError | None = None
    meta_error: SchemaError | None = None
    fast: jsonschema_rs.Validator | None = None

    @property
    def ok(self) -> bool:
        """True when the schema compiled and is a valid JSON Schema."""
        return self.fast is not None

    def detailed(self) -> Draft202012Validator:
        """The pure-Python validator, for error details (imported only then: it costs a
        tenth of a second of every command's start-up)."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(
            self.schema or {}, format_checker=Draft202012Validator.FORMAT_CHECKER
        )


def compiled_label_schema(doc: SourceDoc) -> CompiledLabelSchema:
    """The compiled label schema of the rubric ``doc``, memoised on the document."""
    cached = doc.memo.get("label_schema")
    if cached is None:
        cached = _compile(doc.data)
        doc.memo["label_schema"] = cached
    return cached


def _compile(rubric: dict[str, Any]) -> CompiledLabelSchema:
    try:
        schema = compile_label_schema(rubric)
    except LabelSchemaError as exc:
        return CompiledLabelSchema(None, compile_error=exc)
    except (KeyError, TypeError, AttributeError):
        return CompiledLabelSchema(None)  # malformed scales or dimensions: the schema rule says
    if not jsonschema_rs.meta.is_valid(schema):
        from jsonschema import Draft202012Validator, SchemaError

        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            return CompiledLabelSchema(schema, meta_error=exc)
        return CompiledLabelSchema(schema, meta_error=SchemaError("not a valid JSON Schema"))
    try:
        fast = jsonschema_rs.validator_for(schema, validate_formats=True, offline=True)
    except (ValueError, jsonschema_rs.ReferencingError) as exc:
        from jsonschema import SchemaError

        return CompiledLabelSchema(schema, meta_error=SchemaError(str(exc)))
    return CompiledLabelSchema(schema, fast=fast)
