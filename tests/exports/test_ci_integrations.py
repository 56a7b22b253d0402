"""The GitHub Action and the example workflow parse and use only real ``rubricate`` flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import generator.commands  # noqa: F401
from validate.cli import cli

REPO = Path(__file__).resolve().parents[2]
FILES = [REPO / "action.yml", REPO / ".github" / "workflows" / "rubricate-example.yml"]


def run_lines(document: dict) -> list[str]:
    steps = document.get("runs", {}).get("steps") or [
        step for job in document.get("jobs", {}).values() for step in job.get("steps", [])
    ]
    return [step["run"] for step in steps if "run" in step]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_flags_exist(path: Path) -> None:
    document = yaml.safe_load(path.read_text("utf-8"))
    help_text = {
        name: CliRunner().invoke(cli, [name, "--help"]).output for name in ("lint", "check")
    }
    used = 0
    for line in run_lines(document):
        for command, rest in re.findall(r"rubricate (lint|check)([^\n|]*)", line):
            for flag in re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", rest):
                assert flag in help_text[command], f"{path.name}: {command} has no {flag}"
                used += 1
    assert used


def test_action_uploads_sarif() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    assert any(u.startswith("actions/setup-python") for u in uses)
