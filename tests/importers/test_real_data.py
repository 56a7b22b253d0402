"""Importers on the real third-party fixtures in shared/realdata (see SOURCES.md 1, 13, 14)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.importers.conftest import REPO, run
from tests.paths import REALDATA, require_shared
from validate.catalog import Catalog
from validate.lint.compiled import load_project
from validate.rules.boxes import box_inside_image

LS = REALDATA / "label-studio-sdk-fixtures"
NEGATIVE_BOX_IDS = {371, 387, 707, 859, 1621, 1777, 2186}


def test_taco_coco(catalog: Catalog) -> None:
    path = require_shared(REALDATA / "taco-coco" / "annotations.json")
    records, problems = run("coco", path, catalog)
    assert len(records) == 1500
    assert sum(len(r.data["label"]["boxes"]) for r in records) == 4784
    codes = Counter(p.code for p in problems)
    # 60 TACO categories are not bounding_box categories; 2 duplicate annotation ids.
    assert codes == {"IMP006": 60, "IMP007": 2}
    dupes = sorted(p.message.split()[2] for p in problems if p.code == "IMP007")
    assert dupes == ["309", "4040"]
    negative = {}
    for record in records:
        source = record.data["meta"]["source"]
        for ann_id, box in zip(
            source["annotation_ids"], record.data["label"]["boxes"], strict=True
        ):
            if min(box["bbox"][:2]) < 0:
                negative[ann_id] = box["bbox"]
    assert set(negative) == NEGATIVE_BOX_IDS
    assert [1003.0, -1.0, 787.0, 411.0] in negative.values()  # unchanged, not clamped
    # every line is 1 (a minified file); the columns locate the objects
    assert all(p.line == 1 and p.column > 1 for p in problems)


def test_taco_with_category_mapping(catalog: Catalog) -> None:
    path = require_shared(REALDATA / "taco-coco" / "annotations.json")
    values = {"Glass bottle": "bicycle"}  # any rename proves the mapping is applied
    records, problems = run("coco", path, catalog, mapping={"values": values})
    assert Counter(p.code for p in problems)["IMP006"] == 59
    assert any(b["category"] == "bicycle" for r in records for b in r.data["label"]["boxes"])


def test_coco_annotator_style_import(catalog: Catalog) -> None:
    path = require_shared(LS / "test_import_coco" / "coco_import_input.json")
    records, problems = run("coco", path, catalog)
    assert len(records) == 2
    crowd = [b["iscrowd"] for r in records for b in r.data["label"]["boxes"]]
    assert crowd == [False, False]  # the string "false", as a boolean
    assert {p.code for p in problems} <= {"IMP006"}


# file -> (rubric, mapping, expected problem codes with counts, records)
LS_CASES = {
    "test_export_coco/data.json": (
        "bounding_box",
        None,
        {"IMP005": 2, "IMP006": 1, "IMP008": 1},
        1,
    ),
    "test_export_csv/csv_test.json": ("bounding_box", None, {}, 2),
    "test_export_csv/csv_test2.json": ("bounding_box", None, {"IMP001": 1}, 0),
    "test_export_csv/csv_test_colliding_keys.json": (
        "sentiment_analysis",
        {"controls": {"text": "label.overall"}},
        {},
        1,
    ),
    "test_export_csv/csv_test_colliding_keys_mixed.json": (
        "sentiment_analysis",
        {"controls": {"text": "label.overall"}},
        {"IMP004": 1},
        1,
    ),
    "test_export_csv/csv_test_history.json": (
        "sentiment_analysis",
        {"controls": {"sentiment": "label.overall"}},
        {},
        1,
    ),
    "test_export_json_min/chat_data.json": ("bounding_box", None, {"IMP005": 1}, 0),
    "test_export_json_min/data.json": ("bounding_box", None, {"IMP005": 1}, 0),
    "test_export_yolo/data.json": ("bounding_box", None, {"IMP006": 2}, 3),
    "test_export_yolo/data_keypoints.json": ("bounding_box", None, {"IMP005": 2}, 1),
    "test_export_yolo/data_polygons.json": ("bounding_box", None, {"IMP005": 1}, 0),
}


@pytest.mark.parametrize("name", sorted(LS_CASES))
def test_label_studio_fixture(name: str, catalog: Catalog) -> None:
    rubric, mapping, expected, count = LS_CASES[name]
    path = require_shared(LS / name)
    records, problems = run("label-studio", path, catalog, rubric=rubric, mapping=mapping)
    assert dict(Counter(p.code for p in problems)) == expected
    assert len(records) == count
    for record in records:
        source = record.data["meta"]["source"]
        assert source["format"] == "label-studio" and "task_id" in source
        assert record.line > 0


def test_label_studio_quirks(catalog: Catalog) -> None:
    """completed_by dict/int/missing; the rectangle past 100 % stays outside for BOX001."""
    csv_records, _ = run(
        "label-studio", require_shared(LS / "test_export_csv/csv_test.json"), catalog
    )
    assert [r.data["annotator_id"] for r in csv_records] == ["1", "1"]  # dict -> its id
    yolo, _ = run("label-studio", require_shared(LS / "test_export_yolo/data.json"), catalog)
    assert {r.data["annotator_id"] for r in yolo} == {"1", "2"}  # ints
    assert [r.data["item_id"] for r in yolo].count("ls-1") == 2  # overlap on task 1
    coco_export, _ = run("label-studio", require_shared(LS / "test_export_coco/data.json"), catalog)
    assert "annotator_id" not in coco_export[0].data  # missing, reported as IMP008

    past = csv_records[1].data
    box = past["label"]["boxes"][0]
    image = past["item"]["image"]
    assert box["bbox"][0] + box["bbox"][2] > image["width"]  # 92.93 % + 7.5 %, not clamped
    rubric = load_project(REPO).rubrics["bounding_box"]
    assert list(box_inside_image.check(past, rubric, {"tolerance_px": 0}))


def test_hh_rlhf(catalog: Catalog) -> None:
    path = require_shared(REALDATA / "hh-rlhf-harmless-base" / "test.jsonl.gz")
    records, problems = run("preference-pairs", path, catalog)
    assert len(records) == 2312
    mismatch = sorted(p.line for p in problems if p.code == "IMP009")
    assert mismatch == [1255, 1689, 1951, 1953, 2037]
    assert Counter(p.code for p in problems) == {"IMP009": 5, "IMP010": 1}
    empty = [r.line for r in records if r.data["item"]["responses"][0]["text"] == ""]
    assert empty == [87, 517, 926, 1104]  # kept empty for the linter to report
    first = records[0].data
    assert first["rubric"] == "rlhf_preference" and first["label"] == {"preference": "a"}


def test_hh_rlhf_as_ranking_is_complete(catalog: Catalog) -> None:
    path = require_shared(REALDATA / "hh-rlhf-harmless-base" / "test.jsonl.gz")
    records, problems = run("preference-pairs", path, catalog, rubric="response_ranking")
    assert len(records) == 2312
    assert Counter(p.code for p in problems) == {"IMP009": 5}
    assert records[0].data["label"] == {"ranking": ["a", "b"]}
