"""What the dataset rules compare: one comparable *value* per record and dimension.

A rubric's :class:`Profile` is derived once from its label schema and scales (never per
record). Each :class:`Dimension` says where in ``label`` its value lives and how values are
compared:

``scores``-style maps (``{"x-dimension-scores": true}``)
    one dimension per rubric dimension that has a scale: ``label.scores.helpfulness`` etc.;
    the level of measurement is the scale's ``type`` (``nominal``, ``ordinal``, ``interval``).
Top-level properties on a scale (``{"x-scale": S}``)
    one dimension named after the property (``preference``, ``strength``, ``relevance``).
    A list value (multi-select: ``labels``, ``intents``) is compared by **set equality**: the
    value is the sorted, ``|``-joined set (``"animal|person"``), nominal.
Top-level enums, booleans and numbers
    nominal (enums, booleans) or interval (numbers) dimensions named after the property.
``ranking`` (a list of response ids)
    **pairwise order**: every pair of responses is one unit of agreement whose value is
    which of the two was ranked higher; gold accuracy is the share of pairs ordered as gold.
``boxes`` (COCO boxes)
    simplified for agreement: the value is the sorted multiset of box categories
    (``"car|car|person"``, nominal), not per-box matching; gold accuracy matches boxes by IoU
    (:func:`validate.stats.gold.match_boxes`). A ``label.boxes`` with any malformed box (a
    coordinate that is not a JSON number, a bbox without four of them, a category that is
    not a string or integer) has no value, as the box rules skip such boxes.

Everything else (free text, arrays of span objects) is not compared. A record's *answer*
(straight-lining, self-contradiction) is the tuple of its dimension values.

The lint engine reads these values a batch of records at a time into integer columns
(:mod:`validate.rules.dataset.table`, which uses :func:`normalise_value`); :class:`Observation`
is the same reading for one record (``--gold`` files, ``rubricate aggregate``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

Value = Hashable

CONSENSUS = "consensus"
"""``annotator_id`` of the records ``rubricate aggregate`` writes: not judgements, so the
dataset rules leave them out."""

_TOP_LEVEL_SKIP = ("rationale", "notes", "comment")


@dataclass(frozen=True, slots=True)
class Dimension:
    """One comparable part of a rubric's payload."""

    name: str
    path: tuple[str, ...]
    kind: str  # "scalar" | "set" | "ranking" | "boxes"
    level: str  # "nominal" | "ordinal" | "interval"
    order: tuple[Any, ...] | None = None
    """The scale's values, lowest first (ordinal ranks; tolerance), when there is a scale."""


@dataclass(frozen=True)
class Profile:
    """A rubric's comparable dimensions (in payload order)."""

    rubric: str
    dimensions: tuple[Dimension, ...]

    def dimension(self, name: str) -> Dimension | None:
        """The dimension called ``name``, if any."""
        for dim in self.dimensions:
            if dim.name == name:
                return dim
        return None


def _scale_values(scale: Mapping[str, Any]) -> tuple[Any, ...]:
    levels = scale.get("levels") or []
    return tuple(lv.get("value") for lv in levels if isinstance(lv, dict) and "value" in lv)


def _level(scale: Mapping[str, Any] | None) -> str:
    kind = (scale or {}).get("type")
    return kind if kind in ("nominal", "ordinal", "interval") else "nominal"


def build_profile(rubric_id: str, data: Mapping[str, Any]) -> Profile:
    """Derive the comparable dimensions from a rubric's source data (see the module doc)."""
    scales = {s["id"]: s for s in data.get("scales") or [] if isinstance(s, dict) and "id" in s}
    label = data.get("label") or {}
    schema = label.get("schema") if isinstance(label, dict) else None
    props = (schema or {}).get("properties") or {}
    dims: list[Dimension] = []
    for prop, spec in props.items():
        if not isinstance(spec, dict) or prop in _TOP_LEVEL_SKIP:
            continue
        if spec.get("x-dimension-scores") is True:
            for d in data.get("dimensions") or []:
                if not isinstance(d, dict) or d.get("scale") not in scales:
                    continue
                scale = scales[d["scale"]]
                dims.append(
                    Dimension(
                        name=str(d["id"]),
                        path=(prop, str(d["id"])),
                        kind="scalar",
                        level=_level(scale),
                        order=_scale_values(scale),
                    )
                )
        elif "x-scale" in spec and spec["x-scale"] in scales:
            scale = scales[spec["x-scale"]]
            dims.append(
                Dimension(
                    name=prop,
                    path=(prop,),
                    kind="set" if scale.get("multi_select") is True else "scalar",
                    level=_level(scale),
                    order=_scale_values(scale),
                )
            )
        elif prop == "ranking" and spec.get("type") == "array":
            dims.append(Dimension(name=prop, path=(prop,), kind="ranking", level="nominal"))
        elif prop == "boxes" and spec.get("type") == "array":
            dims.append(Dimension(name=prop, path=(prop,), kind="boxes", level="nominal"))
        elif "enum" in spec:
            dims.append(
                Dimension(
                    name=prop,
                    path=(prop,),
                    kind="scalar",
                    level="nominal",
                    order=tuple(spec["enum"]),
                )
            )
        elif spec.get("type") == "boolean":
            dims.append(Dimension(name=prop, path=(prop,), kind="scalar", level="nominal"))
        elif spec.get("type") in ("integer", "number"):
            dims.append(Dimension(name=prop, path=(prop,), kind="scalar", level="interval"))
    return Profile(rubric=rubric_id, dimensions=tuple(dims))


# --------------------------------------------------------------------------------------------
# Reading a record
# --------------------------------------------------------------------------------------------


def set_value(values: list[Any]) -> str | None:
    """A multi-select answer as one comparable value: its sorted, ``|``-joined set."""
    try:
        return "|".join(sorted({str(v) for v in values}))
    except TypeError:
        return None


_EXACT_INT = 2.0**53  # every integer up to here is exactly a float


def _scalar(value: Any) -> Value | None:
    if value is None:
        return None
    if value.__class__ in (str, int, bool):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return None
        # 4.0 is the level 4; 1e308 stays a float (as an int it has 309 digits, which
        # no JSON writer of the report takes)
        return int(value) if value.is_integer() and abs(value) <= _EXACT_INT else value
    if isinstance(value, list):
        return set_value(value)
    return None


Boxes = tuple[tuple[Any, tuple[float, float, float, float]], ...]


COORDINATE_TYPES = frozenset({int, float})
"""What a box coordinate may be: a JSON number (``true`` and ``"12"`` are not, as for the box
rules)."""


def _boxes(value: Any) -> Boxes | None:
    """One record's boxes (the batched columns take a faster path with the same result:
    :meth:`~validate.rules.dataset.table.BoxColumn.append_rows`)."""
    if value.__class__ is not list:
        return None
    out = []
    for box in value:
        if not isinstance(box, dict):
            return None
        bbox = box.get("bbox")
        cat = box.get("category")
        if (
            not isinstance(bbox, list)
            or len(bbox) != 4
            or cat.__class__ not in (str, int)
            or not COORDINATE_TYPES.issuperset(map(type, bbox))
        ):
            return None
        try:
            out.append((cat, tuple(map(float, bbox))))
        except OverflowError:  # an integer no float holds
            return None
    return tuple(out)  # type: ignore[return-value]


def read_value(dim: Dimension, label: Mapping[str, Any]) -> Any:
    """The dimension's comparable value in ``label`` (``None`` when absent or unusable).

    Rankings come back as a tuple of ids, boxes as a tuple of ``(category, (x, y, w, h))``;
    everything else as a scalar (see the module doc).
    """
    node: Any = label
    for part in dim.path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return normalise_value(dim, node)


def normalise_value(dim: Dimension, node: Any) -> Any:
    """The comparable value of the payload ``node`` found at ``dim``'s path (see
    :func:`read_value`)."""
    if dim.kind == "ranking":
        if isinstance(node, list) and node and all(isinstance(x, str) for x in node):
            return tuple(node)
        return None
    if dim.kind == "boxes":
        return _boxes(node)
    if dim.kind == "set" and isinstance(node, list):
        return set_value(node)
    if node.__class__ is bool and not _takes_booleans(dim):
        return None  # a boolean is not a score or a label (and 1 == True would mix them up)
    return _scalar(node)


def _takes_booleans(dim: Dimension) -> bool:
    if dim.order:
        return any(v.__class__ is bool for v in dim.order)
    return dim.level == "nominal"  # a boolean field (numbers are interval)


def agreement_value(dim: Dimension, value: Any) -> Value | None:
    """The nominal/ordinal value used for agreement (boxes: their category multiset)."""
    if dim.kind == "boxes" and value.__class__ is tuple:  # (a string already is one)
        return agreement_value_boxes(value)
    return value


def ranking_pairs(ranking: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    """``(a, b, a_above_b)`` for every pair of a ranking, ``a < b`` by id."""
    position = {x: i for i, x in enumerate(ranking)}
    ids = sorted(position)
    return [(a, b, position[a] < position[b]) for i, a in enumerate(ids) for b in ids[i + 1 :]]


def display(value: Any) -> str:
    """A value for a message: rankings ``a>b>c``, boxes as their categories, answers joined."""
    if isinstance(value, tuple):
        if value and isinstance(value[0], tuple):  # boxes
            return "[" + ", ".join(str(c) for c, _ in value) + "]"
        return "/".join("-" if v is None else display(v) for v in value)
    return str(value)


@dataclass(slots=True)
class Observation:
    """What the dataset rules need from one record (compact)."""

    rubric: str
    item: str | None
    annotator: str | None
    gold: bool
    duration: float | None
    values: tuple[Any, ...]
    """One value per profile dimension (``None`` where absent)."""

    answer: Any = None
    """The record's whole answer (:func:`answer_of`)."""


def answer_part(value: Any) -> Any:
    """One dimension's part of a record's answer: rankings as ``a>b>c``, boxes as their
    category multiset, anything else as it is."""
    if value.__class__ is tuple:
        return (
            ">".join(value) if value and value[0].__class__ is str else agreement_value_boxes(value)
        )
    return value


def answer_of(values: tuple[Any, ...]) -> Any:
    """A record's whole answer: its value when there is one dimension, else the tuple
    (rankings as ``a>b>c``, boxes as their categories, so the answer is one hashable)."""
    vals = tuple(answer_part(v) for v in values)
    if all(v is None for v in vals):
        return None
    return vals[0] if len(vals) == 1 else vals


def agreement_value_boxes(value: tuple[Any, ...]) -> str:
    """Boxes as their category multiset (an answer component)."""
    return "|".join(sorted(str(c) for c, _ in value))


@dataclass
class ProfileCache:
    """Profiles by rubric id (built from the rubrics' source data on first use)."""

    rubrics: Mapping[str, Mapping[str, Any]]
    default_rubric: str | None = None
    _profiles: dict[str, Profile | None] = field(default_factory=dict)

    def get(self, rubric: str) -> Profile | None:
        """The profile of ``rubric`` (``None`` for an unknown rubric)."""
        try:
            return self._profiles[rubric]
        except KeyError:
            data = self.rubrics.get(rubric)
            prof = build_profile(rubric, data) if data is not None else None
            self._profiles[rubric] = prof
            return prof

    def observe(self, record: Mapping[str, Any]) -> Observation | None:
        """The record's :class:`Observation` (``None`` when its rubric is unknown or its label
        is not an object)."""
        rubric = record.get("rubric", self.default_rubric)
        if rubric.__class__ is not str:
            return None
        prof = self.get(rubric)  # type: ignore[arg-type]
        label = record.get("label")
        if prof is None or label.__class__ is not dict:
            return None
        item = record.get("item_id")
        annotator = record.get("annotator_id")
        if annotator == CONSENSUS:
            return None  # a consensus label (rubricate aggregate) is not a judgement
        duration = record.get("duration_s")
        if duration.__class__ not in (int, float) or duration.__class__ is bool:
            duration = None
        values = tuple(read_value(d, label) for d in prof.dimensions)  # type: ignore[arg-type]
        return Observation(
            rubric=rubric,  # type: ignore[arg-type]
            item=item if item.__class__ is str else None,
            annotator=annotator if annotator.__class__ is str else None,
            gold=record.get("gold") is True,
            duration=float(duration) if duration is not None else None,
            values=values,
            answer=answer_of(values),
        )
