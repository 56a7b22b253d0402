"""Rubric diffs from git history: on the changelog page and through ``diff REV:path``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.commands  # noqa: F401  (registers every command)
from generator.site.history import rubric_versions
from generator.site.pages import render_pages
from tests.rules.source_fixtures import BASE_PROJECT
from validate.catalog import load_catalog
from validate.cli import cli


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def history_project(tmp_path: Path) -> Path:
    """A project whose rubric 'rate' went from 1.1.0 to 1.2.0 (level 3 re-anchored)."""
    root = tmp_path / "project"
    shutil.copytree(BASE_PROJECT, root)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "v1.1.0")
    rubric = root / "rubrics" / "rate.yaml"
    text = rubric.read_text()
    text = text.replace('version: "1.1.0"', 'version: "1.2.0"')
    text = text.replace("anchor: Usable as is.}", "anchor: Usable without any change.}")
    text = text.replace(
        "changelog:\n",
        'changelog:\n  - {version: "1.2.0", date: "2026-11-03", changes: [Level 3 re-anchored.]}\n',
    )
    rubric.write_text(text)
    _git(root, "commit", "-q", "-am", "v1.2.0")
    return root


def test_versions_come_from_git_history(history_project: Path) -> None:
    versions = rubric_versions(history_project)
    assert [v for v, _ in versions["rate"]] == ["1.2.0", "1.1.0"]


def test_changelog_page_shows_the_diff(history_project: Path) -> None:
    pages = render_pages(load_catalog(history_project), site_url="https://example.org/").pages
    page = pages["changelog.md"]
    assert "1.1.0 → 1.2.0" in page
    assert "re-anchored" in page


def test_no_history_outside_git(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    shutil.copytree(BASE_PROJECT, root)
    assert rubric_versions(root) == {}
    page = render_pages(load_catalog(root), site_url="https://example.org/").pages["changelog.md"]
    assert "What changed between versions" not in page


def test_diff_reads_git_revisions(history_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(history_project)
    result = CliRunner().invoke(cli, ["diff", "HEAD~1:rubrics/rate.yaml", "rubrics/rate.yaml"])
    assert result.exit_code == 0, result.output
    assert "1.1.0 -> 1.2.0" in result.output and "re-anchored" in result.output
    bad = CliRunner().invoke(cli, ["diff", "HEAD~5:rubrics/rate.yaml", "rubrics/rate.yaml"])
    assert bad.exit_code == 2 and "git show failed" in bad.output
