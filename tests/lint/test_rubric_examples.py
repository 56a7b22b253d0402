"""Every rubric's worked examples lint clean; every mistake example raises exactly its codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.lint.conftest import REPO, write_jsonl
from validate.lint.engine import LintOptions, execute

RUBRICS = sorted(p.stem for p in (REPO / "rubrics").glob("*.yaml"))


def _rubric(rubric_id: str) -> dict[str, Any]:
    return yaml.safe_load((REPO / "rubrics" / f"{rubric_id}.yaml").read_text("utf-8"))


MISTAKES = [(rid, m) for rid in RUBRICS for m in (_rubric(rid).get("mistakes") or [])]


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_exported_examples_lint_clean(
    tmp_path: Path, run: Callable[..., Any], rubric_id: str
) -> None:
    exported = run("export", "examples", rubric_id, "--root", str(REPO))
    assert exported.exit_code == 0, exported.output
    lines = exported.output.splitlines()
    assert len(lines) == len(_rubric(rubric_id)["examples"])
    assert all(json.loads(line)["rubric"] == rubric_id for line in lines)
    target = tmp_path / f"{rubric_id}.jsonl"
    target.write_text(exported.output, "utf-8")
    result = run("lint", target, "--format", "json", "--root", str(REPO))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"] == []


def test_export_writes_file_atomically(tmp_path: Path, run: Callable[..., Any]) -> None:
    out = tmp_path / "examples.jsonl"
    result = run("export", "examples", "likert_rating", "--root", str(REPO), "-o", str(out))
    assert result.exit_code == 0
    assert len(out.read_text("utf-8").splitlines()) == len(_rubric("likert_rating")["examples"])


def test_export_unknown_rubric_is_usage_error(run: Callable[..., Any]) -> None:
    result = run("export", "examples", "no_such_rubric", "--root", str(REPO))
    assert result.exit_code == 2
    assert "unknown rubric 'no_such_rubric'" in result.output


@pytest.mark.parametrize("rubric_id", ["likert_rating", "response_ranking", "bounding_box"])
def test_rubric_has_two_mistakes(rubric_id: str) -> None:
    assert len(_rubric(rubric_id).get("mistakes") or []) >= 2


@pytest.mark.parametrize(
    ("rubric_id", "mistake"), MISTAKES, ids=[f"{r}-{m['id']}" for r, m in MISTAKES]
)
def test_mistake_raises_exactly_its_codes(
    tmp_path: Path, rubric_id: str, mistake: dict[str, Any]
) -> None:
    record: dict[str, Any] = {"id": f"mistake-{mistake['id']}", "rubric": rubric_id}
    if mistake.get("item") is not None:
        record["item"] = mistake["item"]
    record["label"] = mistake["label"]
    target = write_jsonl(tmp_path / "mistake.jsonl", [record])
    result = execute(LintOptions(files=[str(target)], root=REPO))
    assert {f.code for f in result.findings} == set(mistake["expect"]), [
        f.message for f in result.findings
    ]
