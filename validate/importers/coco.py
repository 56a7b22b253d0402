"""COCO instances JSON -> ``bounding_box`` records, one per image (and annotator, when known).

Input: a COCO object-detection file (``images``, ``annotations``, ``categories``), as written
by COCO tools, COCO-Annotator, CVAT or Label Studio's COCO export; gzip is fine.

Output, per image: ``item.image`` is ``{width, height, file_name}`` (plus ``id``);
``label.boxes`` holds one ``{category, bbox, iscrowd}`` per annotation of the image, in file
order. ``bbox`` is copied as it is (COCO is already ``[x, y, w, h]`` in pixels): negative or
out-of-image coordinates are kept for the linter's ``BOX`` rules to report. ``iscrowd`` 0/1 (or
the strings ``"false"``/``"true"`` that COCO-Annotator writes) becomes a boolean; any other
value is kept as it is. Segmentation polygons, ``area`` and keypoints are not part of the
payload and are dropped (the boxes are what the rubric labels). An image without annotations
becomes a record with ``boxes: []`` (an image with no object of the label set is a valid label).

Categories: the category's ``name`` is renamed with the mapping file's ``values`` (alias
``categories``), then matched to the rubric's category levels (value or label, ignoring case).
A name that matches no level is kept and reported once, at the category's entry (``IMP006``).

Annotators: COCO has no annotator field. When annotations carry one of ``annotator_id``,
``annotator``, ``user_id`` or ``creator``, each image gets one record per annotator (sharing
``item_id``, so the linter measures their agreement); otherwise one record per image.

``meta.source`` holds ``image_id`` and ``annotation_ids``, parallel to ``label.boxes``.
Duplicate annotation ids (TACO has two) are kept and reported (``IMP007``); an annotation on
an unknown image or category, or without a usable ``bbox``, is ``IMP011`` and left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from validate.importers import (
    DUPLICATE_SOURCE_ID,
    LBL_FILE,
    MALFORMED_SOURCE,
    UNKNOWN_VALUE,
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
from validate.importers.rubric_fields import resolve_rubric

ANNOTATOR_KEYS = ("annotator_id", "annotator", "user_id", "creator")
_CROWD_STRINGS = {"false": False, "true": True, "0": False, "1": True}


def convert_coco(
    path: Path,
    *,
    rubric: str | None,
    mapping: dict[str, Any] | None,
    catalog: Any,
) -> Iterator[ConvertedRecord | ReadProblem]:
    """Convert a COCO instances file (see the module docstring)."""
    target = resolve_rubric(catalog, rubric, mapping, default=["bounding_box"])
    if "boxes" not in target.properties:
        raise ImportConfigError(f"rubric {target.id!r} has no 'boxes' label field for COCO boxes")
    raw = read_bytes(path)
    if isinstance(raw, ReadProblem):
        yield raw
        return
    doc = parse_json(raw)
    if isinstance(doc, ReadProblem):
        yield doc
        return
    if not isinstance(doc, dict) or not isinstance(doc.get("images"), list):
        yield problem(1, LBL_FILE, "not a COCO file: expected an object with 'images'", fatal=True)
        return
    lines = object_lines(raw, [("images", "*"), ("annotations", "*"), ("categories", "*")])
    category_node = target.field_schema("label.boxes")
    category_node = ((category_node or {}).get("items") or {}).get("properties", {}).get("category")

    # Categories: id -> (rubric name, known?); unknown names reported once at their entry.
    categories: dict[Any, str] = {}
    for index, cat in enumerate(as_list(doc.get("categories"))):
        line = lines.get(("categories", index), (0, 0))
        if not isinstance(cat, dict) or "id" not in cat or "name" not in cat:
            yield problem(line, MALFORMED_SOURCE, "a category needs 'id' and 'name'")
            continue
        if not is_source_id(cat["id"]):
            yield problem(line, MALFORMED_SOURCE, f"category id {cat['id']!r} is not an id")
            continue
        name, known = target.match_value(cat["name"], category_node)
        categories[cat["id"]] = name
        if not known:
            yield problem(
                line,
                UNKNOWN_VALUE,
                f"category {cat['name']!r} is not a category of rubric {target.id!r}; "
                "rename it in the mapping file's 'values' (its boxes keep the name)",
            )

    images: dict[Any, tuple[tuple[int, int], dict[str, Any]]] = {}
    for index, image in enumerate(doc["images"]):
        line = lines.get(("images", index), (0, 0))
        if not isinstance(image, dict) or not is_source_id(image.get("id")):
            yield problem(line, MALFORMED_SOURCE, "an image needs an 'id' (a string or a number)")
            continue
        if image["id"] in images:
            yield problem(line, DUPLICATE_SOURCE_ID, f"image id {image['id']!r} used twice")
            continue
        images[image["id"]] = (line, image)

    # Boxes per (image, annotator); annotator None when the file has none.
    boxes: dict[tuple[Any, Any], list[tuple[Any, dict[str, Any]]]] = {}
    seen_ids: dict[Any, tuple[int, int]] = {}
    for index, ann in enumerate(as_list(doc.get("annotations"))):
        line = lines.get(("annotations", index), (0, 0))
        if not isinstance(ann, dict):
            yield problem(line, MALFORMED_SOURCE, "an annotation must be an object")
            continue
        ann_id = ann.get("id")
        if ann_id is not None and not is_source_id(ann_id):
            yield problem(
                line, MALFORMED_SOURCE, f"annotation id {ann_id!r} is not an id (box left out)"
            )
            continue
        if ann_id is not None:
            if ann_id in seen_ids:
                yield problem(
                    line,
                    DUPLICATE_SOURCE_ID,
                    f"annotation id {ann_id!r} used twice (first at line {seen_ids[ann_id][0]}); "
                    "both boxes are kept",
                )
            else:
                seen_ids[ann_id] = line
        if not is_source_id(ann.get("image_id")) or ann["image_id"] not in images:
            yield problem(
                line, MALFORMED_SOURCE, f"annotation on unknown image {ann.get('image_id')!r}"
            )
            continue
        if not is_source_id(ann.get("category_id")) or ann["category_id"] not in categories:
            yield problem(
                line,
                MALFORMED_SOURCE,
                f"annotation with unknown category_id {ann.get('category_id')!r}",
            )
            continue
        bbox = ann.get("bbox")
        if not isinstance(bbox, list) or len(bbox) != 4:
            yield problem(line, MALFORMED_SOURCE, "annotation without a 4-number 'bbox'")
            continue
        box: dict[str, Any] = {"category": categories[ann["category_id"]], "bbox": bbox}
        if "iscrowd" in ann:
            box["iscrowd"] = _crowd(ann["iscrowd"])
        annotator = next((ann[k] for k in ANNOTATOR_KEYS if ann.get(k) is not None), None)
        if annotator is not None and not is_source_id(annotator):
            yield problem(
                line, MALFORMED_SOURCE, f"annotator {annotator!r} is not an id (box left out)"
            )
            continue
        boxes.setdefault((ann["image_id"], annotator), []).append((ann_id, box))

    annotators_by_image: dict[Any, list[Any]] = {}
    for image_id, annotator in boxes:
        annotators_by_image.setdefault(image_id, []).append(annotator)
    stem = Path(path).name
    records: list[ConvertedRecord] = []
    for image_id, (line, image) in images.items():
        for annotator in annotators_by_image.get(image_id, [None]):
            found = boxes.get((image_id, annotator), [])
            records.append(
                ConvertedRecord(
                    line=line[0],
                    data=_record(stem, path, target, image, annotator, found),
                )
            )
    yield from records


def _record(
    stem: str,
    path: Path,
    target: Any,
    image: dict[str, Any],
    annotator: Any,
    found: list[tuple[Any, dict[str, Any]]],
) -> dict[str, Any]:
    image_id = image["id"]
    item_image: dict[str, Any] = {"id": image_id}
    for key in ("width", "height", "file_name"):
        if key in image:
            item_image[key] = image[key]
    record: dict[str, Any] = {
        "id": f"{stem}:image-{image_id}" + (f":{annotator}" if annotator is not None else ""),
        "rubric": target.id,
    }
    if target.version:
        record["rubric_version"] = target.version
    record["item_id"] = f"{stem}:image-{image_id}"
    if annotator is not None:
        record["annotator_id"] = str(annotator)
    record["item"] = {"image": item_image}
    record["label"] = {"boxes": [box for _, box in found]}
    record["meta"] = {
        "source": {
            "format": "coco",
            "file": str(path),
            "image_id": image_id,
            "annotation_ids": [ann_id for ann_id, _ in found],
        }
    }
    return record


def _crowd(value: Any) -> Any:
    """COCO's 0/1 (or COCO-Annotator's ``"false"``) as a boolean; anything else unchanged."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _CROWD_STRINGS:
        return _CROWD_STRINGS[value.strip().lower()]
    return value
