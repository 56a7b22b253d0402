"""Fixtures for the generator tests: throwaway copies of the project, built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
# Where test projects take their YAML sources from (default: this repository). Point it at
# another project to test the site against other sources.
SOURCES = Path(os.environ.get("RUBRICATE_TEST_SOURCES", REPO))
PROJECT_PARTS = ("guidelines", "rubrics", "site_overrides", "docs", "mkdocs.yml")

XSS_TITLE = "<script>window.__xss = 1</script>Probe"
XSS_IMG = '<img src=x onerror="window.__xss = 2">'


def make_project(target: Path) -> Path:
    """Copy the project's sources and site configuration into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = (SOURCES if part in ("guidelines", "rubrics") else REPO) / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def add_xss_sources(root: Path) -> None:
    """Add a task and a rubric whose author text tries to run script in the site."""
    task = yaml.safe_load((root / "guidelines/tasks/likert_rating.yaml").read_text("utf-8"))
    task.update(
        id="xss_probe",
        title=XSS_TITLE,
        aliases=["<b onmouseover=window.__xss=5>alias</b>"],
        summary=(
            f"Summary with *emphasis*, `code <b>` and {XSS_IMG} plus "
            "[a bad link](javascript:window.__xss=3) and an attribute "
            '*x*{: onclick="window.__xss=6"}.'
        ),
        rubric="xss_probe",
        related_tasks=[],
    )
    task["common_mistakes"][0]["mistake"] = "pipe | in a cell <script>window.__xss=7</script>"
    rubric = yaml.safe_load((root / "rubrics/likert_rating.yaml").read_text("utf-8"))
    rubric.update(id="xss_probe", task="xss_probe", title="<img src=x onerror=window.__xss=4>")
    rubric.pop("rules", None)
    rubric.pop("mistakes", None)
    (root / "guidelines/tasks/xss_probe.yaml").write_text(yaml.safe_dump(task), "utf-8")
    (root / "rubrics/xss_probe.yaml").write_text(yaml.safe_dump(rubric), "utf-8")
    taxonomy_path = root / "guidelines/taxonomy.yaml"
    taxonomy = yaml.safe_load(taxonomy_path.read_text("utf-8"))
    taxonomy["families"][0]["categories"][0]["tasks"].append("xss_probe")
    taxonomy_path.write_text(yaml.safe_dump(taxonomy, sort_keys=False), "utf-8")


def mkdocs_build(root: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``root`` into ``site_dir`` in a subprocess."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a project copy (with the XSS probe sources), built once per session."""
    root = make_project(tmp_path_factory.mktemp("project"))
    add_xss_sources(root)
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site
