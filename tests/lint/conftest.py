"""Shared helpers for the linter tests: the repository root and a CLI runner."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import validate.lint_cli  # noqa: F401  (registers lint and export on the group)
from validate.cli import cli

REPO = Path(__file__).resolve().parents[2]

LINT_RUBRICS = ("likert_rating", "response_ranking", "bounding_box")


def _project_copy() -> Path:
    """A project holding only the rubrics these tests lint against.

    Other rubrics of the repository are being written concurrently; one broken rubric stops
    every lint run (exit 2, by design), so the linter tests use a stable copy of theirs.
    """
    root = Path(tempfile.mkdtemp(prefix="rubricate-lint-tests-"))
    (root / "rubrics").mkdir()
    for name in LINT_RUBRICS:
        shutil.copy(REPO / "rubrics" / f"{name}.yaml", root / "rubrics" / f"{name}.yaml")
    atexit.register(shutil.rmtree, root, True)
    return root


PROJECT = _project_copy()
"""Project root used by the linter tests (a copy of the three task rubrics)."""

SCORES = {"helpfulness": 4, "correctness": 4, "coherence": 3, "honesty": 4}


def likert(rid: str, **extra: Any) -> dict[str, Any]:
    """A clean likert_rating record."""
    return {"id": rid, "rubric": "likert_rating", "label": {"scores": dict(SCORES)}, **extra}


def write_jsonl(path: Path, records: list[Any]) -> Path:
    """Write records (dicts, or raw strings) one per line."""
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), "utf-8"
    )
    return path


@pytest.fixture
def run() -> Callable[..., Result]:
    """``run("lint", file, ...)``: invoke the CLI against the repository's rubrics."""

    def invoke(*args: str, env: dict[str, str] | None = None, root: bool = True) -> Result:
        argv = [str(a) for a in args]
        if root and argv and argv[0] == "lint" and "--root" not in argv:
            argv += ["--root", str(PROJECT)]
        base_env = {"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": "", "CI": "", "TF_BUILD": ""}
        return CliRunner().invoke(cli, argv, env={**base_env, **(env or {})})

    return invoke
