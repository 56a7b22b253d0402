"""Practice pages: one per rubric, one question per worked example, data embedded safely."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.site import render_pages
from generator.site.practice_section import (
    DATA_ELEMENT_ID,
    SELECT_THRESHOLD,
    embed_json,
    practice_data,
)
from tests.generator.conftest import add_xss_sources, make_project
from validate.catalog import load_catalog

SITE_URL = "https://rubricate.github.io/rubricate/"
PRACTICE_XSS = "</script><script>window.__xss=1</script>"
_DATA_RE = re.compile(
    rf'<script type="application/json" id="{DATA_ELEMENT_ID}">(?P<json>.*?)</script>', re.S
)


def add_practice_probe(root: Path) -> None:
    """Give the probe rubric (see ``add_xss_sources``) a worked example that tries to break
    out of the embedded JSON: in its title, item, explanation and a scale level."""
    path = root / "rubrics/xss_probe.yaml"
    rubric = yaml.safe_load(path.read_text("utf-8"))
    example = rubric["examples"][0]
    example["title"] = f"Probe {PRACTICE_XSS}"
    example["item"]["prompt"] = f"Say {PRACTICE_XSS} & <!-- then -->"
    example["item"]["response"] = f"{PRACTICE_XSS}\u2028next"
    example["explanation"] = f"Explained {PRACTICE_XSS} <img src=x onerror=window.__xss=2>"
    rubric["scales"][0]["levels"][0]["anchor"] = PRACTICE_XSS
    path.write_text(yaml.safe_dump(rubric, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("practice"))
    add_xss_sources(root)
    add_practice_probe(root)
    return root


@pytest.fixture(scope="module")
def output(project: Path):
    return render_pages(load_catalog(project), site_url=SITE_URL)


@pytest.fixture(scope="module")
def rubrics(project: Path) -> dict[str, dict[str, Any]]:
    return {doc.id: doc.data for doc in load_catalog(project).loaded("rubric")}


def embedded(page: str) -> tuple[str, dict[str, Any]]:
    """The raw text of a page's data element and its parsed JSON."""
    matches = _DATA_RE.findall(page)
    assert len(matches) == 1, "exactly one data element"
    return matches[0], json.loads(matches[0])


def fields(question: dict[str, Any]) -> list[dict[str, Any]]:
    return [field for group in question["groups"] for field in group["fields"]]


def at(label: Any, path: list[Any]) -> Any:
    """The value at ``path`` in a gold label (``None`` when absent)."""
    for key in path:
        if isinstance(label, dict):
            label = label.get(key)
        elif isinstance(label, list) and isinstance(key, int) and key < len(label):
            label = label[key]
        else:
            return None
    return label


def test_every_rubric_has_a_practice_page_with_one_question_per_example(
    output, rubrics: dict[str, dict[str, Any]]
) -> None:
    assert rubrics, "the project has rubrics"
    for rubric_id, rubric in rubrics.items():
        page = output.pages[f"practice/{rubric_id}.md"]
        _, data = embedded(page)
        examples = rubric["examples"]
        assert [q["id"] for q in data["questions"]] == [e["id"] for e in examples]
        assert page.count('class="rubricate-practice-q"') == len(examples)
        assert page.count('class="rubricate-practice-explanation"') == len(examples)
        assert len(re.findall(r"^## \d+\. ", page, re.M)) == len(examples)
        for question in data["questions"]:
            graded = [f for f in fields(question) if f["kind"] != "text"]
            assert graded, (rubric_id, question["id"], "has something to answer")


def test_index_lists_every_set_and_qualification_links_them(output, rubrics) -> None:
    index = output.pages["practice/index.md"]
    qualification = output.pages["qualification.md"]
    assert "(practice/index.md)" in qualification
    for rubric_id in rubrics:
        assert f"]({rubric_id}.md)" in index
        assert f"(practice/{rubric_id}.md)" in qualification
    nav = [entry for entry in output.nav if isinstance(entry, dict) and "Practice" in entry]
    assert nav and nav[0]["Practice"][0] == "practice/index.md"
    assert len(nav[0]["Practice"]) == len(rubrics) + 1


def test_embedded_json_round_trips_and_cannot_break_out(output, rubrics, project) -> None:
    docs = {(d.kind, d.id): d for d in load_catalog(project).loaded()}
    for rubric_id, rubric in rubrics.items():
        raw, data = embedded(output.pages[f"practice/{rubric_id}.md"])
        assert data == json.loads(json.dumps(practice_data(rubric, docs)))
        assert "</script" not in raw.lower()
        assert not set(raw) & {"<", ">", "&", "\u2028", "\u2029"}
    probe = output.pages["practice/xss_probe.md"]
    raw, data = embedded(probe)
    assert data["questions"][0]["item"]["prompt"].startswith(f"Say {PRACTICE_XSS}")
    # The page holds exactly one script element: the data block.
    assert probe.lower().count("<script") == 1
    assert "<img" not in probe and "window.__xss=1</script>" not in probe.replace(raw, "")


@pytest.mark.parametrize(
    "value",
    [
        PRACTICE_XSS,
        "<!--<script>",
        "a & b > c",
        "line\u2028sep\u2029para",
        {"</SCRIPT>": ["<", ">"]},
    ],
)
def test_embed_json_escapes_markup(value: Any) -> None:
    text = embed_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_gold_of_every_field_comes_from_the_gold_label(output, rubrics) -> None:
    for rubric_id, rubric in rubrics.items():
        _, data = embedded(output.pages[f"practice/{rubric_id}.md"])
        for question, example in zip(data["questions"], rubric["examples"], strict=True):
            assert question["gold"] == example["label"]
            for field in fields(question):
                value = at(example["label"], field["path"])
                gold = field["gold"]
                if field["kind"] == "multi" and field["path"][-1] in example["label"]:
                    listed = value if isinstance(value, list) else []
                    if listed and isinstance(listed[0], dict):
                        continue  # the values of one field of a list of findings
                    assert sorted(map(json.dumps, gold)) == sorted(map(json.dumps, listed))
                elif field["kind"] in ("choice", "number", "rank", "text"):
                    if isinstance(value, list) and not value:
                        assert gold is False  # "should any be marked?" on an empty list
                    elif value is not None or gold is not None:
                        assert gold == value or (value is None and gold is False), (
                            rubric_id,
                            question["id"],
                            field["path"],
                        )
                if field["kind"] in ("choice", "multi", "rank"):
                    offered = [json.dumps(o["value"]) for o in field["options"]]
                    golds = gold if isinstance(gold, list) else [gold]
                    assert {json.dumps(g) for g in golds} <= set(offered)


def _question(output, rubric_id: str, index: int = 0) -> dict[str, Any]:
    return embedded(output.pages[f"practice/{rubric_id}.md"])[1]["questions"][index]


def test_scales_and_dimensions_become_radio_groups_with_anchors(output, rubrics) -> None:
    question = _question(output, "likert_rating")
    scores = fields(question)
    names = [d["name"] for d in rubrics["likert_rating"]["dimensions"] if d.get("scale")]
    assert [f["label"] for f in scores] == names
    assert all(f["kind"] == "choice" and f["widget"] == "radio" for f in scores)
    levels = rubrics["likert_rating"]["scales"][0]["levels"]
    first = scores[0]["options"]
    assert [o["value"] for o in first] == [lv["value"] for lv in levels]
    assert all(o["hint"] for o in first), "anchors are given as descriptions"
    honesty = scores[-1]
    assert honesty["options"][-1] == {
        "value": None,
        "label": "N/A",
        "hint": "Does not apply to this item.",
    }
    assert scores[0]["options"][4]["label"].startswith("5 · ")


def test_control_kinds_per_task_type(output) -> None:
    ranking = fields(_question(output, "response_ranking"))
    assert ranking[0]["kind"] == "rank" and ranking[0]["gold"] == ["a", "b", "c"]

    preference = {f["label"]: f for f in fields(_question(output, "rlhf_preference"))}
    assert preference["Preference"]["kind"] == "choice"
    assert {"Helpful", "Honest", "Harmless"} <= set(preference)

    sentiment = fields(_question(output, "sentiment_analysis"))
    emotions = next(f for f in sentiment if f["path"] == ["emotions"])
    assert emotions["kind"] == "multi" and len(emotions["options"]) > SELECT_THRESHOLD

    claims = _question(output, "hallucination_detection")
    verdicts = [f for f in fields(claims) if f["path"][0] == "claims"]
    assert verdicts and all(f["path"][-1] == "verdict" for f in verdicts)
    assert all(g["context"] for g in claims["groups"] if g["legend"].startswith("Claim"))

    mqm = fields(_question(output, "translation_qa"))
    assert any(f["path"][-1] == "severity" for f in mqm)
    assert any(f["kind"] == "number" and f["path"] == ["score"] for f in mqm)
    category = next(f for f in mqm if f["path"][-1] == "category")
    assert category["widget"] == "select"  # 23 MQM categories

    boxes = _question(output, "bounding_box")
    assert [f["path"][-1] for f in fields(boxes)] == ["category"]
    assert "box" in boxes["groups"][0]["context"][0][0].lower()
    empty = _question(output, "bounding_box", -1)
    assert fields(empty)[0]["gold"] is False  # "should any boxes be marked?"

    moderation = fields(_question(output, "content_moderation"))
    assert [f["kind"] for f in moderation] == ["multi", "choice"]


def test_pages_say_what_is_simplified(output) -> None:
    assert "Simplified for practice" in output.pages["practice/hallucination_detection.md"]
    assert "no images here" in output.pages["practice/bounding_box.md"]
    assert "Simplified for practice" not in output.pages["practice/likert_rating.md"]


def test_author_text_in_markdown_is_escaped(output) -> None:
    page = output.pages["practice/xss_probe.md"]
    heading = next(line for line in page.splitlines() if line.startswith("## 1. "))
    assert "<" not in heading and "&lt;/script&gt;" in heading
    # The explanation is Markdown: raw HTML is shown as text.
    assert "&lt;img src=x onerror=window.&#95;&#95;xss=2&gt;" in page or (
        "&lt;img src=x onerror=window.__xss=2&gt;" in page
    )
    front = page.split("---")[1]
    assert "<img" not in front


def test_an_enum_of_objects_is_not_a_choice() -> None:
    """JSON Schema allows objects in ``enum``; the practice page cannot offer one as a
    button, so the field is not asked and the page says so (found by fuzzing the sources:
    building the site failed with "unhashable type: 'dict'")."""
    root = Path(__file__).resolve().parents[2]
    rubric = yaml.safe_load((root / "rubrics/safety_evaluation.yaml").read_text("utf-8"))
    category = rubric["label"]["schema"]["properties"]["violations"]["items"]["properties"][
        "category"
    ]
    plain = practice_data(rubric)
    category["enum"].append({"privacy": "as an object"})
    data = practice_data(rubric)

    def violations(found: dict[str, Any]) -> list[dict[str, Any]]:
        return [f for q in found["questions"] for f in fields(q) if f["path"] == ["violations"]]

    assert len(data["questions"]) == len(plain["questions"]) > 0
    assert {len(f["options"]) for f in violations(plain)} == {16}  # the categories
    assert {len(f["options"]) for f in violations(data)} == {4}  # the severities instead
    assert "Violations: only the severity is asked (not category)." in data["simplified"]
