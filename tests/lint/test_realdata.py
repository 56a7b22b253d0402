"""Real data from ``shared/realdata`` beside the repository (SOURCES.md): clean records lint
clean, the known quirks are caught, and nothing else is flagged.

Conversion lives here, in the tests: the linter reads label records, not COCO or HH-RLHF.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.lint.conftest import PROJECT, REPO
from tests.paths import REALDATA, require_shared
from validate.lint.engine import LintOptions, execute
from validate.rules.registry import RULES
from validate.selection import RuleSelection

TACO = REALDATA / "taco-coco" / "annotations.json"
HH = REALDATA / "hh-rlhf-harmless-base" / "test.jsonl.gz"

TACO_NEGATIVE_BOX_IDS = {371, 387, 707, 859, 1621, 1777, 2186}  # SOURCES.md, section 13
TACO_DUPLICATE_ANNOTATION_IDS = {309, 4040}
HH_EMPTY_CHOSEN_LINES = {87, 517, 926, 1104}  # SOURCES.md, section 1


def _taco_project(tmp_path: Path, coco: dict[str, Any]) -> Path:
    """A project whose bounding-box rubric has TACO's 60 categories.

    The rubric is the repository's ``bounding_box`` with the category scale swapped and
    ``min_px: 1``: TACO boxes small litter (13 boxes are under 10 px on a side), which is a
    property of the data set, not a defect.
    """
    rubric = yaml.safe_load((REPO / "rubrics" / "bounding_box.yaml").read_text("utf-8"))
    rubric["id"] = "taco_boxes"
    scale = next(s for s in rubric["scales"] if s["id"] == "category")
    scale["levels"] = [
        {"value": c["name"], "label": c["name"], "anchor": f"TACO category {c['supercategory']}"}
        for c in coco["categories"]
    ]
    rubric["rules"]["BOX003"] = {"min_px": 1}
    rubric.pop("mistakes", None)
    for example in rubric["examples"]:
        for box in example["label"]["boxes"]:
            box["category"] = coco["categories"][0]["name"]
    root = tmp_path / "taco_project"
    (root / "rubrics").mkdir(parents=True)
    (root / "rubrics" / "taco_boxes.yaml").write_text(
        yaml.safe_dump(rubric, sort_keys=False, allow_unicode=True), "utf-8"
    )
    return root


def _taco_box(ann: dict[str, Any], names: dict[int, str]) -> dict[str, Any]:
    box: dict[str, Any] = {"category": names[ann["category_id"]], "bbox": ann["bbox"]}
    if ann.get("iscrowd"):
        box["iscrowd"] = True
    return box


@pytest.fixture(scope="module")
def coco() -> dict[str, Any]:
    return json.loads(require_shared(TACO).read_text("utf-8"))


def test_taco_boxes_per_image(tmp_path: Path, coco: dict[str, Any]) -> None:
    names = {c["id"]: c["name"] for c in coco["categories"]}
    by_image: dict[int, list[dict[str, Any]]] = {}
    for ann in coco["annotations"]:
        by_image.setdefault(ann["image_id"], []).append(ann)
    lines = []
    box_lines: dict[int, int] = {}
    for line, image in enumerate(coco["images"], 1):
        anns = by_image.get(image["id"], [])
        for ann in anns:
            box_lines[ann["id"]] = line
        lines.append(
            json.dumps(
                {
                    "id": f"taco-image-{image['id']}",
                    "rubric": "taco_boxes",
                    "item_id": image["file_name"],
                    "item": {
                        "image": {
                            "width": image["width"],
                            "height": image["height"],
                            "file_name": image["file_name"],
                        }
                    },
                    "label": {"boxes": [_taco_box(a, names) for a in anns]},
                }
            )
        )
    target = tmp_path / "taco.jsonl"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    result = execute(LintOptions(files=[str(target)], root=_taco_project(tmp_path, coco)))
    assert result.records == 1500
    codes = {f.code for f in result.findings}
    assert codes == {"BOX001"}, [(f.line, f.code, f.message) for f in result.findings][:10]
    expected_lines = {box_lines[i] for i in TACO_NEGATIVE_BOX_IDS}
    assert {f.line for f in result.findings} == expected_lines
    assert len(result.findings) == len(TACO_NEGATIVE_BOX_IDS)
    assert all("< 0" in f.message for f in result.findings)


def test_taco_duplicate_annotation_ids(tmp_path: Path, coco: dict[str, Any]) -> None:
    names = {c["id"]: c["name"] for c in coco["categories"]}
    images = {i["id"]: i for i in coco["images"]}
    lines = []
    for ann in coco["annotations"]:
        image = images[ann["image_id"]]
        lines.append(
            json.dumps(
                {
                    "id": str(ann["id"]),
                    "rubric": "taco_boxes",
                    "item": {"image": {"width": image["width"], "height": image["height"]}},
                    "label": {"boxes": [_taco_box(ann, names)]},
                }
            )
        )
    target = tmp_path / "taco_annotations.jsonl"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    result = execute(
        LintOptions(
            files=[str(target)],
            root=_taco_project(tmp_path, coco),
            selection=RuleSelection.build(RULES, select=["LBL"]),
            jobs=2,
        )
    )
    dup = [f for f in result.findings if f.code == "LBL006"]
    assert {int(f.record_id or 0) for f in dup} == TACO_DUPLICATE_ANNOTATION_IDS
    assert [f.code for f in result.findings] == ["LBL006", "LBL006"]


def _final_turn(dialogue: str) -> tuple[str, str]:
    prompt, _, reply = dialogue.rpartition("\n\nAssistant:")
    return prompt, reply.strip()


def test_hh_rlhf_pairs_as_rankings(tmp_path: Path) -> None:
    require_shared(HH)
    out = []
    with gzip.open(HH, "rt", encoding="utf-8") as f:
        for line, raw in enumerate(f, 1):
            pair = json.loads(raw)
            prompt, chosen = _final_turn(pair["chosen"])
            _, rejected = _final_turn(pair["rejected"])
            out.append(
                {
                    "id": f"hh-{line}",
                    "rubric": "response_ranking",
                    # HH-RLHF publishes no annotator ids: inventing one would make the
                    # dataset rules judge 2,312 pairs as one annotator's work.
                    "item_id": f"hh-harmless-test-{line}",
                    "item": {
                        "prompt": prompt.strip(),
                        "responses": [{"id": "a", "text": chosen}, {"id": "b", "text": rejected}],
                    },
                    "label": {"ranking": ["a", "b"]},
                }
            )
    target = tmp_path / "hh.jsonl.gz"
    target.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in out).encode()))
    result = execute(LintOptions(files=[str(target)], root=PROJECT))
    assert result.records == 2312
    got = {(f.line, f.code) for f in result.findings}
    assert got == {(line, "RNK004") for line in HH_EMPTY_CHOSEN_LINES}
    assert all("'a' has empty text" in f.message for f in result.findings)
