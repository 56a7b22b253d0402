"""pre-commit: our manifest loads with pre-commit's own loader, and the hooks run offline.

The run uses ``repo: local`` hooks with ``language: system`` pointing at this venv's
``rubricate`` (the same entries as ``.pre-commit-hooks.yaml``), in a temporary git repository,
so nothing is installed from the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RUBRICATE = Path(sys.executable).with_name("rubricate")


def test_manifest_loads_with_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = {h["id"]: h for h in clientlib.load_manifest(str(REPO / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"rubricate-check", "rubricate-lint"}
    assert hooks["rubricate-check"]["entry"] == "rubricate check"
    assert hooks["rubricate-check"]["pass_filenames"] is False
    assert hooks["rubricate-lint"]["entry"] == "rubricate lint"


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hooks_run_in_a_temporary_repository(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if not RUBRICATE.exists():
        pytest.skip(f"{RUBRICATE} not installed (pip install -e .)")
    project = tmp_path / "project"
    shutil.copytree(REPO / "guidelines", project / "guidelines")
    shutil.copytree(REPO / "rubrics", project / "rubrics")
    labels = project / "labels"
    labels.mkdir()
    good = {
        "id": "r1",
        "rubric": "bounding_box",
        "item": {"image": {"width": 64, "height": 48}},
        "label": {"boxes": [{"category": "dog", "bbox": [1, 1, 20, 20]}]},
    }
    (labels / "good.jsonl").write_text(json.dumps(good) + "\n")
    manifest = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    local_hooks = []
    for hook in manifest:
        hook = {**hook, "language": "system"}
        hook["entry"] = hook["entry"].replace("rubricate", str(RUBRICATE), 1)
        if hook["id"] == "rubricate-lint":
            hook["files"] = r"^labels/.*\.(jsonl|json|csv|tsv)(\.gz)?$"
        local_hooks.append(hook)
    config = {"repos": [{"repo": "local", "hooks": local_hooks}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    assert _run(["git", "init", "-q"], project, env).returncode == 0
    assert _run(["git", "add", "-A"], project, env).returncode == 0
    done = _run([*pre_commit, "run", "--all-files"], project, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "rubricate check" in done.stdout and "rubricate lint" in done.stdout

    bad = {**good, "id": "r2", "label": {"boxes": [{"category": "dog", "bbox": [50, 1, 20, 20]}]}}
    (labels / "bad.jsonl").write_text(json.dumps(bad) + "\n")
    _run(["git", "add", "-A"], project, env)
    done = _run([*pre_commit, "run", "rubricate-lint", "--all-files"], project, env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "BOX001" in done.stdout
