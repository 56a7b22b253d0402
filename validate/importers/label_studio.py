"""Label Studio JSON export -> envelope records, one per (task, annotation).

Input: Label Studio's "JSON" export (a list of tasks, each with ``data`` and ``annotations``;
a single task object works too); gzip is fine. The "JSON-MIN" and CSV exports flatten results
and lose the control types, so they are not read. ``predictions`` (model pre-annotations) are
not labels and are ignored.

Mapping controls to the rubric
------------------------------
Each result names its control (``from_name``). The mapping file's ``controls`` section maps a
control to a rubric field path (``label.scores.helpful``); without an entry the control is
matched by name and type:

=================  ===============================  =========================================
result type        default field                    value written
=================  ===============================  =========================================
choices            ``label.<name>`` or              one value (a list when the field is an
                   ``label.<obj>.<name>``           array), matched to the rubric's levels
rating             ``label.<obj>.<name>`` (e.g.     the integer rating
                   ``label.scores.<dimension>``),
                   or ``label.<name>``
textarea           ``label.<name>``, else           the texts joined by newlines
                   ``label.rationale``
ranker             ``label.ranking``                ids of the first (ranked) bucket, in order
pairwise           ``label.preference``             ``left`` -> ``a``, ``right`` -> ``b``
rectanglelabels    ``label.boxes``                  ``{category, bbox}`` in pixels (below)
labels (spans)     ``label.<name>``, else the one   ``{start, end, text, <field>: label}``;
                   array of span objects            ``<field>`` is the span's first enum field
=================  ===============================  =========================================

A control that maps to no field is ``IMP001`` (reported once per control and file); a result
type with no payload equivalent (polygons, keypoints, relations, chat messages, ...) is
``IMP005``. Values are matched to the rubric's levels by value, then by label ignoring case,
after the mapping file's ``values`` renames; an unknown value is kept and reported (``IMP006``).

Rectangles: Label Studio stores ``x, y, width, height`` in percent of the image and the image's
size in pixels on the result (``original_width``, ``original_height``). The box becomes
``bbox = [x * W / 100, y * H / 100, width * W / 100, height * H / 100]`` and the record's
``item.image`` gets ``{width: W, height: H, file_name, url}``. Nothing is clamped: a box that
runs past 100 % stays outside the image for ``BOX001`` to report. A rectangle without the
original size cannot be converted (``IMP002``, error; the box is left out). A non-zero rotation
cannot be written as ``[x, y, w, h]``: the box is written unrotated and ``IMP005`` says so.

The envelope
------------
``id`` ``ls-<task>-<annotation>``; ``item_id`` ``ls-<task>`` (annotations of one task are
overlapping judgements); ``item`` is the task's ``data``; ``annotator_id`` from ``completed_by``
(an int, or a dict's ``id``/``email``; missing is ``IMP008``); ``gold`` from ``ground_truth``;
``duration_s`` from ``lead_time``; ``created_at``; ``meta.source`` ``{format, file, task_id,
annotation_id, from_names}``. Cancelled (skipped) annotations give no record (``IMP003``); a
task without annotations gives none either (``IMP004``). An annotation whose results all map to
nothing gives no record (its results were reported); one with no results at all gives a record
with an empty label (or ``boxes: []``), for the label schema rule to judge.

Without ``--rubric`` (or ``rubric`` in the mapping file), an export with rectangles converts to
``bounding_box``; anything else needs the rubric named.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from validate.importers import (
    ANNOTATOR_UNKNOWN,
    CANCELLED_ANNOTATION,
    DUPLICATE_SOURCE_ID,
    EMPTY_ANNOTATIONS,
    LBL_FILE,
    MALFORMED_SOURCE,
    MISSING_ORIGINAL_SIZE,
    UNKNOWN_CONTROL,
    UNKNOWN_VALUE,
    UNSUPPORTED_RESULT,
    ConvertedRecord,
    ImportConfigError,
    ReadProblem,
    as_list,
    is_source_id,
    parse_json,
    problem,
    read_bytes,
)
from validate.importers.positions import object_lines
from validate.importers.rubric_fields import RubricTarget, resolve_rubric, set_path

SUPPORTED = ("choices", "rating", "textarea", "ranker", "pairwise", "rectanglelabels", "labels")
_PAIRWISE = {"left": "a", "right": "b"}


def convert_label_studio(
    path: Path,
    *,
    rubric: str | None,
    mapping: dict[str, Any] | None,
    catalog: Any,
) -> Iterator[ConvertedRecord | ReadProblem]:
    """Convert a Label Studio JSON export (see the module docstring)."""
    raw = read_bytes(path)
    if isinstance(raw, ReadProblem):
        yield raw
        return
    doc = parse_json(raw)
    if isinstance(doc, ReadProblem):
        yield doc
        return
    if isinstance(doc, dict):
        doc, patterns = [doc], [(), ("annotations", "*")]
        lines = {(0, *k): v for k, v in object_lines(raw, patterns).items()}
        lines.setdefault((0,), (1, 1))
    elif isinstance(doc, list):
        lines = object_lines(raw, [("*",), ("*", "annotations", "*")])
    else:
        yield problem(
            1, LBL_FILE, "not a Label Studio export: expected a list of tasks", fatal=True
        )
        return
    has_boxes = any(
        isinstance(r, dict) and r.get("type") == "rectanglelabels"
        for task in doc
        if isinstance(task, dict)
        for ann in as_list(task.get("annotations"))
        if isinstance(ann, dict)
        for r in as_list(ann.get("result"))
    )
    target = resolve_rubric(catalog, rubric, mapping, default=["bounding_box"] if has_boxes else [])
    controls = dict((mapping or {}).get("controls", {}))
    for control, field_path in controls.items():
        if target.field_schema(field_path) is None:
            raise ImportConfigError(
                f"mapping: control {control!r} maps to {field_path!r}, which is not a label "
                f"field of rubric {target.id!r}"
            )
    state = _State(target=target, controls=controls, file=str(path))
    for t_index, task in enumerate(doc):
        task_line = lines.get((t_index,), (0, 0))
        if not isinstance(task, dict):
            yield problem(task_line, MALFORMED_SOURCE, "a task must be an object")
            continue
        yield from state.task(task, task_line, t_index, lines)


class _State:
    """Per-file conversion state: which problems were already reported, ids seen."""

    def __init__(self, *, target: RubricTarget, controls: dict[str, str], file: str) -> None:
        self.target = target
        self.controls = controls
        self.file = file
        self.reported: set[tuple[str, ...]] = set()
        self.task_ids: dict[Any, tuple[int, int]] = {}
        self.annotation_ids: dict[Any, tuple[int, int]] = {}

    def once(self, key: tuple[str, ...]) -> bool:
        """True the first time ``key`` is seen (problems reported once per file)."""
        if key in self.reported:
            return False
        self.reported.add(key)
        return True

    def task(
        self,
        task: dict[str, Any],
        line: tuple[int, int],
        t_index: int,
        lines: dict[Any, tuple[int, int]],
    ) -> Iterator[ConvertedRecord | ReadProblem]:
        task_id = task.get("id", t_index)
        if not is_source_id(task_id):
            yield problem(
                line,
                MALFORMED_SOURCE,
                f"task id {task_id!r} is not a string or a number (task left out)",
            )
            return
        if task_id in self.task_ids:
            yield problem(
                line,
                DUPLICATE_SOURCE_ID,
                f"task id {task_id!r} used twice (first at line {self.task_ids[task_id][0]})",
            )
        else:
            self.task_ids[task_id] = line
        annotations = task.get("annotations")
        if not annotations:
            yield problem(line, EMPTY_ANNOTATIONS, f"task {task_id!r} has no annotations")
            return
        if not isinstance(annotations, list):
            yield problem(line, MALFORMED_SOURCE, "'annotations' must be a list")
            return
        for a_index, ann in enumerate(annotations):
            ann_line = lines.get((t_index, "annotations", a_index), line)
            if not isinstance(ann, dict):
                yield problem(ann_line, MALFORMED_SOURCE, "an annotation must be an object")
                continue
            yield from self.annotation(task, task_id, ann, ann_line)

    def annotation(
        self, task: dict[str, Any], task_id: Any, ann: dict[str, Any], line: tuple[int, int]
    ) -> Iterator[ConvertedRecord | ReadProblem]:
        ann_id = ann.get("id")
        if ann_id is not None and not is_source_id(ann_id):
            yield problem(
                line,
                MALFORMED_SOURCE,
                f"annotation id {ann_id!r} is not a string or a number (annotation left out)",
            )
            return
        if ann_id is not None:
            if ann_id in self.annotation_ids:
                yield problem(
                    line,
                    DUPLICATE_SOURCE_ID,
                    f"annotation id {ann_id!r} used twice "
                    f"(first at line {self.annotation_ids[ann_id][0]})",
                )
            else:
                self.annotation_ids[ann_id] = line
        if ann.get("was_cancelled") is True:
            yield problem(
                line,
                CANCELLED_ANNOTATION,
                f"annotation {ann_id!r} of task {task_id!r} was cancelled (skipped); no record",
            )
            return
        results = ann.get("result")
        if results is None:
            results = []
        if not isinstance(results, list):
            yield problem(line, MALFORMED_SOURCE, "'result' must be a list")
            return
        data = task.get("data")
        item: dict[str, Any] = dict(data) if isinstance(data, dict) else {}
        label: dict[str, Any] = {}
        used: list[str] = []
        for result in results:
            if not isinstance(result, dict):
                yield problem(line, MALFORMED_SOURCE, "a result must be an object")
                continue
            yield from self.result(result, label, item, used, line)
        if results and not used:
            return  # nothing convertible; every result was reported
        if "boxes" in self.target.properties and "boxes" not in label and not results:
            label["boxes"] = []
        record: dict[str, Any] = {"id": f"ls-{task_id}-{ann_id}", "rubric": self.target.id}
        if self.target.version:
            record["rubric_version"] = self.target.version
        record["item_id"] = f"ls-{task_id}"
        annotator = _annotator(ann.get("completed_by"))
        if annotator is None:
            if self.once(("annotator", str(task_id), str(ann_id))):
                yield problem(
                    line,
                    ANNOTATOR_UNKNOWN,
                    f"annotation {ann_id!r} has no completed_by; the record has no annotator_id",
                )
        else:
            record["annotator_id"] = annotator
        record["item"] = item
        record["label"] = label
        if isinstance(ann.get("ground_truth"), bool):
            record["gold"] = ann["ground_truth"]
        lead_time = ann.get("lead_time")
        if isinstance(lead_time, int | float) and not isinstance(lead_time, bool):
            record["duration_s"] = lead_time
        if isinstance(ann.get("created_at"), str):
            record["created_at"] = ann["created_at"]
        record["meta"] = {
            "source": {
                "format": "label-studio",
                "file": self.file,
                "task_id": task_id,
                "annotation_id": ann_id,
                "from_names": sorted(set(used)),
            }
        }
        yield ConvertedRecord(line=line[0], data=record)

    def result(
        self,
        result: dict[str, Any],
        label: dict[str, Any],
        item: dict[str, Any],
        used: list[str],
        line: tuple[int, int],
    ) -> Iterator[ReadProblem]:
        kind = str(result.get("type", ""))
        name = str(result.get("from_name", ""))
        value = result.get("value")
        if kind not in SUPPORTED or not isinstance(value, dict):
            if self.once(("unsupported", name, kind)):
                yield problem(
                    line,
                    UNSUPPORTED_RESULT,
                    f"{kind or 'untyped'} result of control {name!r} has no equivalent in "
                    f"rubric {self.target.id!r}; left out",
                )
            return
        field_path = self.field_for(name, kind)
        if field_path is None:
            if self.once(("control", name)):
                yield problem(
                    line,
                    UNKNOWN_CONTROL,
                    f"control {name!r} ({kind}) maps to no label field of rubric "
                    f"{self.target.id!r}; add it to the mapping file's 'controls'",
                )
            return
        node = self.target.field_schema(field_path)
        if kind == "rectanglelabels":
            box_problems = list(self.box(result, value, label, item, field_path, line))
            yield from box_problems
            if not any(p.code == MISSING_ORIGINAL_SIZE for p in box_problems):
                used.append(name)
            return
        if kind == "labels":
            yield from self.span(value, label, field_path, node, line)
            used.append(name)
            return
        converted: Any
        if kind == "choices":
            choices = value.get("choices")
            if not isinstance(choices, list):
                yield problem(
                    line, MALFORMED_SOURCE, f"'choices' of control {name!r} must be a list"
                )
                return
            mapped = [self.value(c, node, field_path, line) for c in choices]
            for _, issue in mapped:
                if issue is not None:
                    yield issue
            values = [v for v, _ in mapped]
            is_array = isinstance(node, dict) and node.get("type") == "array"
            converted = values if is_array or len(values) != 1 else values[0]
        elif kind == "rating":
            converted = value.get("rating")
        elif kind == "textarea":
            texts = value.get("text") or []
            converted = "\n".join(map(str, texts)) if isinstance(texts, list) else str(texts)
        elif kind == "ranker":
            converted = _ranking(value.get("ranker"))
        else:  # pairwise
            selected = value.get("selected")
            converted = _PAIRWISE.get(str(selected), selected)
        set_path(label, field_path.removeprefix("label."), converted)
        used.append(name)

    def field_for(self, name: str, kind: str) -> str | None:
        """The rubric field a control maps to (mapping file first, then by name and type)."""
        if name in self.controls:
            return self.controls[name]
        props = self.target.properties
        defaults = {
            "rectanglelabels": "boxes",
            "ranker": "ranking",
            "pairwise": "preference",
        }
        if kind in defaults:
            return f"label.{defaults[kind]}" if defaults[kind] in props else None
        candidates = [f"label.{name}"]
        for prop, schema in props.items():
            if isinstance(schema, dict) and schema.get("type") == "object":
                candidates.append(f"label.{prop}.{name}")
        if kind == "rating":
            candidates = candidates[1:] + candidates[:1]  # scores.<dimension> first
        if kind == "textarea":
            candidates.append("label.rationale")
        if kind == "labels":
            candidates.extend(
                f"label.{prop}" for prop, schema in props.items() if _is_span_array(schema)
            )
        for candidate in candidates:
            if self.target.field_schema(candidate) is not None:
                return candidate
        return None

    def value(
        self, raw: Any, node: dict[str, Any] | None, field_path: str, line: tuple[int, int]
    ) -> tuple[Any, ReadProblem | None]:
        """A source value matched to the rubric's levels, and the problem if it is unknown."""
        converted, known = self.target.match_value(raw, node)
        if known or not self.once(("value", field_path, str(raw))):
            return converted, None
        return converted, problem(
            line,
            UNKNOWN_VALUE,
            f"value {raw!r} for {field_path} is not a level of rubric {self.target.id!r}; "
            "rename it in the mapping file's 'values' (kept as it is)",
        )

    def box(
        self,
        result: dict[str, Any],
        value: dict[str, Any],
        label: dict[str, Any],
        item: dict[str, Any],
        field_path: str,
        line: tuple[int, int],
    ) -> Iterator[ReadProblem]:
        width, height = result.get("original_width"), result.get("original_height")
        if not _positive(width) or not _positive(height):
            yield problem(
                line,
                MISSING_ORIGINAL_SIZE,
                f"rectangle {result.get('id')!r} of control {result.get('from_name')!r} has no "
                "original_width/original_height; its percent coordinates cannot become pixels "
                "(box left out)",
            )
            return
        try:
            x, y = float(value["x"]), float(value["y"])
            w, h = float(value["width"]), float(value["height"])
        except (KeyError, TypeError, ValueError):
            yield problem(line, MALFORMED_SOURCE, "a rectangle needs numeric x, y, width, height")
            return
        rotation = value.get("rotation") or 0
        if rotation and self.once(("rotation", str(result.get("from_name")))):
            yield problem(
                line,
                UNSUPPORTED_RESULT,
                f"rectangle {result.get('id')!r} is rotated {rotation} degrees; [x, y, w, h] "
                "cannot hold a rotation, so the box is written unrotated",
            )
        boxes_node = self.target.field_schema(field_path) or {}
        cat_node = ((boxes_node.get("items") or {}).get("properties") or {}).get("category")
        category, issue = self.value(
            _first_name(value.get("rectanglelabels")), cat_node, field_path, line
        )
        if issue is not None:
            yield issue
        box = {
            "category": category,
            "bbox": [x * width / 100, y * height / 100, w * width / 100, h * height / 100],
        }
        boxes = label.setdefault(field_path.split(".")[-1], [])
        boxes.append(box)
        image = item.get("image")
        if not isinstance(image, dict):
            image = {"url": image} if image is not None else {}
            if isinstance(image.get("url"), str):
                image["file_name"] = _file_name(image["url"])
            item["image"] = image
        image.setdefault("width", width)
        image.setdefault("height", height)

    def span(
        self,
        value: dict[str, Any],
        label: dict[str, Any],
        field_path: str,
        node: dict[str, Any] | None,
        line: tuple[int, int],
    ) -> Iterator[ReadProblem]:
        items = (node or {}).get("items") or {}
        props = items.get("properties") or {}
        enum_field = next(
            (k for k, v in props.items() if isinstance(v, dict) and "enum" in v), "label"
        )
        category, issue = self.value(
            _first_name(value.get("labels")), props.get(enum_field), field_path, line
        )
        if issue is not None:
            yield issue
        span = {k: value[k] for k in ("start", "end", "text") if k in value}
        span[enum_field] = category
        parts = field_path.split(".")[1:]
        container: Any = label
        for part in parts[:-1]:
            container = container.setdefault(part, {})
        container.setdefault(parts[-1], []).append(span)


def _ranking(ranker: Any) -> Any:
    """Ids best to worst: a plain list, or the first bucket of Label Studio's bucket dict."""
    if isinstance(ranker, list):
        return ranker
    if isinstance(ranker, dict) and ranker:
        first = next(iter(ranker.values()))
        return list(first) if isinstance(first, list) else first
    return ranker


def _annotator(completed_by: Any) -> str | None:
    """``completed_by`` as an annotator id: an int, a dict's id or email, or a string."""
    if isinstance(completed_by, bool) or completed_by is None:
        return None
    if isinstance(completed_by, int | str):
        return str(completed_by)
    if isinstance(completed_by, dict):
        for key in ("id", "email", "username"):
            if completed_by.get(key) not in (None, ""):
                return str(completed_by[key])
    return None


def _first_name(names: Any) -> Any:
    """The label of a ``rectanglelabels``/``labels`` result: the first of its list (a lone
    string is taken as it is; anything else is no label, reported as an unknown value)."""
    if isinstance(names, list):
        return names[0] if names else None
    return names


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _is_span_array(schema: Any) -> bool:
    if not isinstance(schema, dict) or schema.get("type") != "array":
        return False
    props = (schema.get("items") or {}).get("properties") or {}
    return "start" in props and "end" in props


def _file_name(url: str) -> str:
    """The last path segment of an image URL (``/data/upload/1/a.jpg`` -> ``a.jpg``)."""
    return posixpath.basename(unquote(urlsplit(url).path)) or url
