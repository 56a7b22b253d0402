"""Real label data through the classification rules (shared/realdata, converted in the test).

* GoEmotions (test.tsv): the release aggregates raters, so 181 comments combine `neutral`
  with an emotion; linted as single-annotator labels they are exactly CLS004's findings.
* CLINC150 (data_full.json): the test split and its out-of-scope part, mapped onto the
  intent_classification rubric's 17 intents (every other intent becomes `oos`), lint clean.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.paths import REALDATA, REPO, require_shared
from validate.lint.engine import LintOptions, execute
from validate.rules.registry import RULES
from validate.selection import RuleSelection

# Dataset-level quality gates (agreement, overlap, annotator profiles) judge annotation
# projects, not a converted public release: the record rules and envelope rules are run.
RECORD_RULES = [c for c, r in RULES.items() if r.scope == "record"] + ["LBL006", "LBL007"]


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def _lint(root: Path, target: Path) -> list[Any]:
    return execute(
        LintOptions(
            files=[str(target)],
            root=root,
            selection=RuleSelection.build(RULES, select=RECORD_RULES),
        )
    ).findings


@pytest.fixture()
def goemotions_project(tmp_path: Path) -> Path:
    """A project with a test-local rubric: sentiment_analysis with only `emotions`.

    The shipped rubric also requires `overall` and `aspects`, which GoEmotions does not have;
    the test narrows a copy instead of weakening the shipped rubric.
    """
    rubric = yaml.safe_load((REPO / "rubrics" / "sentiment_analysis.yaml").read_text("utf-8"))
    rubric["id"] = "goemotions_emotions"
    rubric["label"]["schema"] = {
        "type": "object",
        "required": ["emotions"],
        "additionalProperties": False,
        "properties": {"emotions": {"x-scale": "emotion"}},
    }
    rubric["rules"] = {"CLS004": {"field": "emotions", "labels": ["neutral"]}}
    for key in ("mistakes", "quality_gates"):
        rubric.pop(key, None)
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "goemotions_emotions.yaml").write_text(
        yaml.safe_dump(rubric, sort_keys=False, allow_unicode=True), "utf-8"
    )
    return tmp_path


def test_goemotions_neutral_combinations_are_exactly_the_cls004_findings(
    goemotions_project: Path, tmp_path: Path
) -> None:
    folder = require_shared(REALDATA / "goemotions")
    names = (folder / "labels.txt").read_text("utf-8").split()
    assert len(names) == 28 and names[27] == "neutral"
    records, combined = [], set()
    # TSV without quoting: some texts carry doubled CSV-style quotes that are part of the text.
    lines = (folder / "test.tsv").read_text("utf-8").splitlines()
    for line_no, line in enumerate(lines, start=1):
        text, ids, comment_id = line.split("\t")
        emotions = [names[int(i)] for i in ids.split(",")]
        if "neutral" in emotions and len(emotions) > 1:
            combined.add(line_no)
        records.append(
            {
                "id": f"goemo-{line_no}-{comment_id}",
                "rubric": "goemotions_emotions",
                "item_id": comment_id,
                "item": {"text": text},
                "label": {"emotions": emotions},
            }
        )
    assert len(records) == 5427 and len(combined) == 181
    target = _write_jsonl(tmp_path / "goemotions.jsonl", records)
    findings = _lint(goemotions_project, target)
    assert {f.code for f in findings} == {"CLS004"}
    assert {f.line for f in findings} == combined
    assert len(findings) == 181
    assert all(f.pointer and f.pointer.startswith("/label/emotions/") for f in findings)


def _clinc_records() -> list[dict[str, Any]]:
    data = json.loads(require_shared(REALDATA / "clinc-oos" / "data_full.json").read_text("utf-8"))
    rubric = yaml.safe_load((REPO / "rubrics" / "intent_classification.yaml").read_text("utf-8"))
    intents = {level["value"] for level in rubric["scales"][0]["levels"]}
    assert len(intents) == 18 and "oos" in intents
    records = []
    for split in ("test", "oos_test"):
        for index, (text, intent) in enumerate(data[split]):
            records.append(
                {
                    "id": f"clinc-{split}-{index}",
                    "rubric": "intent_classification",
                    "item_id": f"{split}-{index}",
                    "item": {"text": text},
                    "label": {"intents": [intent if intent in intents else "oos"]},
                }
            )
    return records


def test_clinc_mapped_onto_the_rubric_lints_clean(tmp_path: Path) -> None:
    (tmp_path / "rubrics").mkdir()
    shutil.copy(REPO / "rubrics" / "intent_classification.yaml", tmp_path / "rubrics")
    records = _clinc_records()
    assert len(records) == 5500
    in_scope = sum(r["label"]["intents"] != ["oos"] for r in records)
    assert in_scope == 17 * 30  # 30 test utterances per intent
    target = _write_jsonl(tmp_path / "clinc.jsonl", records)
    assert _lint(tmp_path, target) == []
    # The same data with the exclusive label broken is caught on exactly those records.
    for record in records[:3]:
        record["label"]["intents"] = ["balance", "oos"]
    broken = _write_jsonl(tmp_path / "clinc_broken.jsonl", records)
    assert {(f.line, f.code) for f in _lint(tmp_path, broken)} == {
        (1, "CLS004"),
        (2, "CLS004"),
        (3, "CLS004"),
    }
