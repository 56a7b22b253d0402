"""``validate.rubric_diff`` and ``rubricate diff`` on two hand-made rubric versions."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml
from click.testing import CliRunner

import generator.diff_command  # noqa: F401  (registers diff)
from validate.cli import cli
from validate.rubric_diff import affected_records, diff_rubrics

OLD = {
    "id": "quality",
    "version": "1.0.0",
    "scales": [
        {
            "id": "q",
            "levels": [
                {"value": "good", "label": "Good", "anchor": "Fine."},
                {"value": "partly", "label": "Partly correct", "anchor": "Some errors."},
                {"value": "bad", "label": "Bad", "anchor": "Wrong."},
                {"value": "awful", "label": "Awful", "anchor": "Harmful."},
            ],
        },
        {
            "id": "five",
            "levels": [{"value": i, "label": str(i), "anchor": "x"} for i in range(1, 6)],
        },
    ],
    "dimensions": [{"id": "clarity", "scale": "five"}, {"id": "tone", "scale": "five"}],
    "label": {
        "schema": {
            "type": "object",
            "properties": {"verdict": {"x-scale": "q"}, "scores": {"x-dimension-scores": True}},
        }
    },
    "rules": {"LKT001": {}, "LKT002": {"min": 1}},
}


def new_version() -> dict:
    new = copy.deepcopy(OLD)
    new["version"] = "2.0.0"
    levels = new["scales"][0]["levels"]
    levels[0]["label"] = "Acceptable"  # renamed
    levels[2]["anchor"] = "Mostly wrong."  # re-anchored
    del levels[1]  # partly: split
    del levels[-1]  # awful -> merged with bad? no: merged below
    levels[-1:] = [
        {"value": "bad_or_awful", "label": "Bad or awful", "anchor": "Wrong or harmful."}
    ]
    levels += [
        {"value": "partly_minor", "label": "Partly correct: minor", "anchor": "..."},
        {"value": "partly_major", "label": "Partly correct: major", "anchor": "..."},
    ]
    new["dimensions"] = [{"id": "clarity", "scale": "five"}, {"id": "focus", "scale": "five"}]
    new["rules"] = {"LKT002": {"min": 2}, "LKT003": {}}
    return new


def test_diff() -> None:
    diff = diff_rubrics(OLD, new_version())
    assert (diff.old_version, diff.new_version) == ("1.0.0", "2.0.0")
    q = next(s for s in diff.scales if s.id == "q")
    assert sorted(q.removed) == ["awful", "bad", "partly"]
    assert q.renamed == [{"value": "good", "old": "Good", "new": "Acceptable"}]
    assert q.split == [{"from": "partly", "into": ["partly_minor", "partly_major"]}]
    assert q.merged == [{"from": ["bad", "awful"], "into": "bad_or_awful"}]
    assert diff.dimensions_added == ["focus"] and diff.dimensions_removed == ["tone"]
    assert diff.rules_added == ["LKT003"] and diff.rules_removed == ["LKT001"]
    assert diff.rules_changed == [{"code": "LKT002", "old": {"min": 1}, "new": {"min": 2}}]
    assert diff.label_schema_changed


def test_reanchored_only() -> None:
    new = copy.deepcopy(OLD)
    new["scales"][0]["levels"][2]["anchor"] = "Mostly wrong."
    diff = diff_rubrics(OLD, new)
    q = next(s for s in diff.scales if s.id == "q")
    assert q.reanchored == ["bad"] and not q.removed and not diff.label_schema_changed


def test_affected_records() -> None:
    diff = diff_rubrics(OLD, new_version())
    records = [
        (
            1,
            {
                "id": "r1",
                "rubric": "quality",
                "label": {"verdict": "good", "scores": {"clarity": 3}},
            },
        ),
        (
            2,
            {
                "id": "r2",
                "rubric": "quality",
                "label": {"verdict": "partly", "scores": {"clarity": 3}},
            },
        ),
        (3, {"id": "r3", "label": {"verdict": "good", "scores": {"tone": 2}}}),
        (4, {"id": "r4", "rubric": "other", "label": {"verdict": "partly"}}),
    ]
    hits = list(affected_records(diff, records))
    assert [(h["line"], h["id"]) for h in hits] == [(2, "r2"), (3, "r3")]


def test_cli(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(OLD))
    new.write_text(yaml.safe_dump(new_version()))
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        json.dumps({"id": "r1", "label": {"verdict": "good"}})
        + "\n"
        + json.dumps({"id": "r2", "label": {"verdict": "awful"}})
        + "\n"
    )
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(old), str(new), "--labels", str(labels)])
    assert result.exit_code == 0, result.output
    assert "level 'partly' split into" in result.output
    assert f"{labels}:2: r2:" in result.output
    result = runner.invoke(cli, ["diff", str(old), str(new), "--format", "json"])
    assert json.loads(result.output)["diff"]["rules_added"] == ["LKT003"]
    result = runner.invoke(cli, ["diff", str(old), str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
