"""``rubricate build``: pages-only output, exit 2 on bad sources, a strict build of the repo."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import generator.site_commands  # noqa: F401  (registers build and serve)
from tests.generator.conftest import REPO, make_project, mkdocs_build
from validate.cli import cli


def test_build_pages_only_writes_markdown_and_schemas(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    out = tmp_path / "pages"
    result = CliRunner().invoke(cli, ["build", str(root), "--pages-only", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "tasks/likert_rating.md").read_text("utf-8").startswith("---\ntitle:")
    assert (out / "schemas/labels/likert_rating.schema.json").is_file()
    assert (out / "rules/SRC009.md").is_file()


def test_build_with_invalid_source_exits_2_with_located_messages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    task = root / "guidelines/tasks/likert_rating.yaml"
    original = task.read_text("utf-8")
    text = original.replace("platforms: [scale_ai,", "platforms: [scale_aii,", 1)
    assert text != original, "fixture edit did not apply"
    task.write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["build", str(root), "--pages-only", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "likert_rating.yaml:" in result.stderr and "XRF001" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_site_into_site_dir(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    result = CliRunner().invoke(cli, ["build", str(root), "-d", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site/tasks/likert_rating.html").is_file()


def test_shipped_repository_builds_strict(tmp_path: Path) -> None:
    """``mkdocs build --strict`` of the repository itself, as CI runs it."""
    result = mkdocs_build(REPO, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/index.html").is_file()


def test_serve_on_a_taken_address_is_a_usage_error(tmp_path: Path) -> None:
    import socket

    from generator.project import init_project

    root = tmp_path / "p"
    init_project(root, site_name="P", site_url="http://127.0.0.1/", task="first_task")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = CliRunner().invoke(cli, ["serve", str(root), "--dev-addr", address])
    assert result.exit_code == 2, result.output
    assert f"cannot serve on {address}" in result.stderr and "--dev-addr" in result.stderr
    assert "internal error" not in result.output
