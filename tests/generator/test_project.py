"""``rubricate init``: a new project that checks clean, builds with real MkDocs and carries
Rubricate's theme layer without a copy of it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath

import pytest
import yaml
from click.testing import CliRunner

from generator import THEME_DIR
from generator.cli import cli
from generator.project import TEMPLATE, init_project, template_files
from generator.scaffold import scaffold
from generator.site import render_pages
from tests.generator.conftest import REPO, mkdocs_build
from validate.catalog import load_catalog
from validate.cli import read_config


def _init(*args: str) -> object:
    return CliRunner().invoke(cli, ["init", *args])


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "acme"
    result = _init(str(root), "--name", "Acme: RLHF #1", "--task", "helpfulness_rating")
    assert result.exit_code == 0, result.output
    return root


def test_init_writes_a_project_that_checks_clean(project: Path) -> None:
    for name in (
        "mkdocs.yml",
        ".gitignore",
        "rubricate.toml",
        "site_overrides/README.md",
        "docs/.gitkeep",
        "guidelines/taxonomy.yaml",
        "guidelines/tasks/helpfulness_rating.yaml",
        "rubrics/helpfulness_rating.yaml",
    ):
        assert (project / name).is_file(), name
    taxonomy = yaml.safe_load((project / "guidelines/taxonomy.yaml").read_text("utf-8"))
    assert taxonomy["families"][0]["categories"][0]["tasks"] == ["helpfulness_rating"]
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert config["site_name"] == "Acme: RLHF #1"  # quoted: ':' and '#' survive
    check = CliRunner().invoke(cli, ["check", str(project)])
    assert check.exit_code == 0, check.output  # the skeleton warns (incomplete task page) only
    assert "error" not in check.output.lower()


def test_init_builds_a_themed_site_with_real_mkdocs(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text("utf-8")
    # the site's name, not ours ('#' arrives as &#35;, escaped against Markdown headings)
    assert re.search(r"<h1[^>]*>Acme: RLHF (#|&#35;)1", home)
    for asset in (
        "stylesheets/rubricate.css",
        "stylesheets/practice.css",
        "javascripts/practice.js",
    ):
        assert (site / "assets" / asset).is_file(), asset  # from the package's theme layer
        assert asset in home
    assert "rubricate-version" in home  # the header partial of the theme layer
    assert (site / "practice" / "helpfulness_rating.html").is_file()
    assert not (site / "README.md").exists()
    assert not (site / "policies").exists() and "Safety policies" not in home  # none yet


def test_sections_appear_with_their_first_source(tmp_path: Path) -> None:
    root = tmp_path / "p"
    init_project(root, site_name="P", site_url="https://example.org/", task="first_task")

    def sections() -> tuple[set[str], str]:
        output = render_pages(load_catalog(root), site_url="https://example.org/")
        titles = {next(iter(entry)) for entry in output.nav if isinstance(entry, dict)}
        return titles, output.pages["index.md"]

    titles, home = sections()
    assert "Rubrics" in titles and not titles & {"Safety policies", "Platforms"}
    assert "policies/index.md" not in home
    scaffold(root, "policy", "acme_safety")
    scaffold(root, "platform", "our_vendor")
    titles, home = sections()
    assert {"Safety policies", "Platforms"} <= titles and "Bias checklists" not in titles
    assert "(policies/index.md)" in home and "(platforms/index.md)" in home


def test_cards_of_a_new_project_use_the_packaged_stylesheet(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards"
    result = CliRunner().invoke(cli, ["cards", "--root", str(project), "-o", str(out)])
    assert result.exit_code == 0, result.output
    card = (out / "helpfulness_rating.html").read_text("utf-8")
    packaged = (THEME_DIR / "assets/stylesheets/cards.css").read_text("utf-8")
    assert packaged.strip()[:200] in card


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: mine\n")
    result = _init(str(tmp_path))
    assert result.exit_code == 2
    assert "would overwrite mkdocs.yml" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: mine\n"


def test_init_rejects_a_bad_task_id_before_writing(tmp_path: Path) -> None:
    result = _init(str(tmp_path / "p"), "--task", "Bad-Id")
    assert result.exit_code == 2 and "invalid id 'Bad-Id'" in result.output
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())


def test_the_commented_config_is_valid_once_uncommented(tmp_path: Path) -> None:
    text = (TEMPLATE / "rubricate.toml").read_text("utf-8")
    uncommented = re.sub(r"^# (\[?[a-z][\w.-]* ?[=\]])", r"\1", text, flags=re.M)
    uncommented = re.sub(r"\s+# .*$", "", uncommented, flags=re.M)
    assert uncommented.count("\n# ") < text.count("\n# ")  # something was uncommented
    (tmp_path / "rubricate.toml").write_text(uncommented)
    config = read_config(tmp_path, None)
    assert config.get("rubric") == "my_task"
    assert config.get("gates")["agreement"]["minimum"] == 0.667


def test_template_follows_this_repository(tmp_path: Path) -> None:
    """The new project's site is configured as this repository's own (no drift)."""
    ours = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    theirs = yaml.load((TEMPLATE / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    for key in ("theme", "plugins", "markdown_extensions"):
        assert theirs[key] == ours[key], key
    assert theirs["extra"]["polyfills"] == ours["extra"]["polyfills"]
    readme = (REPO / "site_overrides" / "README.md").read_text("utf-8")
    assert (TEMPLATE / "site_overrides" / "README.md").read_text("utf-8") == readme
    assert ".gitignore" in template_files()


def test_theme_layer_and_template_are_package_data() -> None:
    """A wheel (pip install rubricate) must carry them: nothing here is read from the repo."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    patterns = setuptools["package-data"]["generator"]
    for folder in (THEME_DIR, TEMPLATE):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = PurePosixPath(path.relative_to(REPO / "generator").as_posix())
                assert any(_covered(relative, p) for p in patterns), relative


def _covered(relative: PurePosixPath, pattern: str) -> bool:
    if pattern.endswith("/**/*"):  # setuptools: every file below the folder
        return relative.parts[0] == pattern.removesuffix("/**/*")
    return relative.match(pattern)
