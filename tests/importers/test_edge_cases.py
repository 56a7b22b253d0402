"""Hand-made edge cases: each is a located problem, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.importers.conftest import run
from validate.catalog import Catalog


def write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def rect(**extra: object) -> dict[str, object]:
    value = {"x": 10, "y": 20, "width": 50, "height": 25, "rotation": 0, "rectanglelabels": ["car"]}
    return {
        "from_name": "boxes",
        "to_name": "image",
        "type": "rectanglelabels",
        "value": value,
        **extra,
    }


def task(tid: int, annotations: list[dict[str, object]]) -> dict[str, object]:
    return {"id": tid, "data": {"image": "/data/upload/1/cat.jpg"}, "annotations": annotations}


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    seen = 0
    for number, text in enumerate(path.read_text("utf-8").splitlines(), 1):
        if needle in text:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(needle)


def test_percent_to_pixels(tmp_path: Path, catalog: Catalog) -> None:
    ann = {"id": 1, "completed_by": 3, "result": [rect(original_width=640, original_height=480)]}
    path = write(tmp_path, "ls.json", [task(1, [ann])])
    records, problems = run("label-studio", path, catalog)
    assert problems == []
    record = records[0].data
    assert record["label"]["boxes"] == [{"category": "car", "bbox": [64.0, 96.0, 320.0, 120.0]}]
    assert record["item"]["image"] == {
        "url": "/data/upload/1/cat.jpg",
        "file_name": "cat.jpg",
        "width": 640,
        "height": 480,
    }
    assert record["annotator_id"] == "3" and record["item_id"] == "ls-1"
    assert record["meta"]["source"] == {
        "format": "label-studio",
        "file": str(path),
        "task_id": 1,
        "annotation_id": 1,
        "from_names": ["boxes"],
    }
    assert records[0].line == line_of(path, '"annotations"') + 1


def test_missing_original_size(tmp_path: Path, catalog: Catalog) -> None:
    ann = {"id": 1, "completed_by": 3, "result": [rect()]}
    path = write(tmp_path, "ls.json", [task(1, [ann])])
    records, problems = run("label-studio", path, catalog)
    assert [p.code for p in problems] == ["IMP002"]
    assert problems[0].line == line_of(path, '"annotations"') + 1
    assert records == []  # the only result could not be converted


def test_empty_and_cancelled(tmp_path: Path, catalog: Catalog) -> None:
    cancelled = {"id": 2, "completed_by": 3, "was_cancelled": True, "result": []}
    path = write(tmp_path, "ls.json", [task(1, []), task(2, [cancelled])])
    records, problems = run("label-studio", path, catalog, rubric="bounding_box")
    # the task object's "{" for IMP004, the annotation object's "{" for IMP003
    assert [(p.code, p.line) for p in problems] == [
        ("IMP004", line_of(path, '"id": 1') - 1),
        ("IMP003", line_of(path, '"id": 2', 2) - 1),
    ]
    assert records == []


def test_unknown_control_and_value(tmp_path: Path, catalog: Catalog) -> None:
    result = [
        {"from_name": "mood", "type": "choices", "value": {"choices": ["happy"]}},
        {"from_name": "overall", "type": "choices", "value": {"choices": ["Ecstatic"]}},
    ]
    ann = {
        "id": 5,
        "completed_by": {"id": 9, "email": "a@b"},
        "ground_truth": True,
        "result": result,
    }
    path = write(tmp_path, "ls.json", [task(1, [ann])])
    records, problems = run("label-studio", path, catalog, rubric="sentiment_analysis")
    assert sorted(p.code for p in problems) == ["IMP001", "IMP006"]
    assert all(p.line == line_of(path, '"annotations"') + 1 for p in problems)
    data = records[0].data
    assert data["label"] == {"overall": "Ecstatic"} and data["gold"] is True
    assert data["annotator_id"] == "9"


def test_mapping_and_choice_matching(tmp_path: Path, catalog: Catalog) -> None:
    result = [{"from_name": "s", "type": "choices", "value": {"choices": ["Positive"]}}]
    path = write(tmp_path, "ls.json", [task(1, [{"id": 5, "completed_by": 1, "result": result}])])
    records, problems = run(
        "label-studio",
        path,
        catalog,
        rubric="sentiment_analysis",
        mapping={"controls": {"s": "label.overall"}, "values": {}},
    )
    assert problems == []
    assert records[0].data["label"]["overall"] == "positive"


def test_invalid_json_is_located(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "bad.json"
    path.write_text('[\n{"id": 1,\n "annotations": [}\n]', encoding="utf-8")
    records, problems = run("label-studio", path, catalog, rubric="bounding_box")
    assert records == [] and problems[0].code == "LBL002" and problems[0].line == 3


def test_a_utf16_export_is_one_located_problem(tmp_path: Path, catalog: Catalog) -> None:
    """Not "invalid JSON at line 1": the encoding, and how to fix it."""
    for fmt, rubric in (("label-studio", "bounding_box"), ("coco", None)):
        path = tmp_path / f"{fmt}.json"
        path.write_bytes(json.dumps([{"id": 1}]).encode("utf-16"))
        records, problems = run(fmt, path, catalog, rubric=rubric)
        assert records == [] and len(problems) == 1, fmt
        assert (problems[0].code, problems[0].line, problems[0].fatal) == ("LBL002", 1, True)
        assert problems[0].message.startswith("the file is UTF-16-encoded; exports must be")


def test_coco_edge_cases(tmp_path: Path, catalog: Catalog) -> None:
    doc = {
        "images": [
            {"id": 1, "width": 100, "height": 80, "file_name": "a.jpg"},
            {"id": 2, "width": 100, "height": 80, "file_name": "b.jpg"},
        ],
        "categories": [{"id": 1, "name": "Dog"}, {"id": 2, "name": "unicorn"}],
        "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [-2, 0, 10, 10], "iscrowd": 0},
            {"id": 2, "image_id": 9, "category_id": 1, "bbox": [0, 0, 1, 1]},
            {"id": 3, "image_id": 1, "category_id": 2, "bbox": [0, 0, 5, 5], "iscrowd": "false"},
        ],
    }
    path = write(tmp_path, "coco.json", doc)
    records, problems = run("coco", path, catalog)
    assert sorted(p.code for p in problems) == ["IMP006", "IMP011"]
    bad_box = next(p for p in problems if p.code == "IMP011")
    assert bad_box.line == line_of(path, '"id": 2', 3) - 1  # the annotation object's "{"
    boxes = records[0].data["label"]["boxes"]
    assert boxes[0] == {"category": "dog", "bbox": [-2, 0, 10, 10], "iscrowd": False}
    assert boxes[1]["category"] == "unicorn" and boxes[1]["iscrowd"] is False
    assert records[1].data["label"]["boxes"] == []


def test_preference_pairs_edge_cases(tmp_path: Path, catalog: Catalog) -> None:
    lines = [
        {
            "chosen": "\n\nHuman: Hi\n\nAssistant: Hello!",
            "rejected": "\n\nHuman: Hi\n\nAssistant: Go.",
        },
        {"chosen": "no turns here", "rejected": "none"},
        {"chosen": "\n\nHuman: Hi\n\nAssistant:", "rejected": "\n\nHuman: Yo\n\nAssistant: Hey"},
        {
            "prompt": "Q?",
            "chosen": [{"role": "user", "content": "Q?"}, {"role": "assistant", "content": "A"}],
            "rejected": [{"role": "user", "content": "Q?"}, {"role": "assistant", "content": "B"}],
        },
        "not an object",
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    records, problems = run("preference-pairs", path, catalog, rubric="response_ranking")
    assert sorted((p.line, p.code) for p in problems) == [
        (2, "IMP011"),
        (3, "IMP009"),
        (5, "LBL001"),
    ]
    assert [r.line for r in records] == [1, 3, 4]
    assert records[1].data["item"]["responses"][0]["text"] == ""
    assert records[1].data["item"]["responses"][1]["context"] == "Human: Yo"
    assert records[2].data["item"]["prompt"] == "Q?"
    assert records[2].data["item"]["responses"][1]["text"] == "B"


def test_other_control_types(tmp_path: Path, catalog: Catalog) -> None:
    """rating -> label.scores.<dimension>, ranker, pairwise, textarea and text spans."""
    likert = [
        {"from_name": "helpfulness", "type": "rating", "value": {"rating": 4}},
        {"from_name": "notes", "type": "textarea", "value": {"text": ["ok", "fine"]}},
    ]
    ranking = [{"from_name": "rank", "type": "ranker", "value": {"ranker": {"_": ["b", "a"]}}}]
    pairwise = [{"from_name": "pw", "type": "pairwise", "value": {"selected": "right"}}]
    spans = [
        {
            "from_name": "claims",
            "type": "labels",
            "value": {"start": 0, "end": 5, "text": "Paris", "labels": ["supported"]},
        }
    ]
    cases = [
        ("likert_rating", likert, {"notes": "label.rationale"}, "scores"),
        ("response_ranking", ranking, {}, "ranking"),
        ("rlhf_preference", pairwise, {}, "preference"),
        ("hallucination_detection", spans, {}, "claims"),
    ]
    for rubric_id, result, controls, key in cases:
        ann = {"id": 1, "completed_by": 1, "result": result}
        path = write(tmp_path, f"{rubric_id}.json", [task(1, [ann])])
        records, problems = run(
            "label-studio", path, catalog, rubric=rubric_id, mapping={"controls": controls}
        )
        assert [p.code for p in problems if p.code != "IMP006"] == [], (rubric_id, problems)
        label = records[0].data["label"]
        assert key in label, (rubric_id, label)
    assert records[0].data["label"]["claims"][0]["start"] == 0
