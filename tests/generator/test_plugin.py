"""The MkDocs plugin: located errors on bad sources, generated files otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from generator.plugin import RubricatePlugin
from tests.generator.conftest import make_project


def _plugin_and_config(root: Path):
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    plugin = config.plugins["rubricate"]
    assert isinstance(plugin, RubricatePlugin)
    return plugin, config


def test_on_config_watches_sources_and_stamps_version(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    plugin, config = _plugin_and_config(root)
    plugin.on_config(config)
    assert str((root / "guidelines").resolve()) in config.watch
    assert str((root / "rubrics").resolve()) in config.watch
    assert config.extra["version"]


def test_on_files_adds_generated_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    _plugin, config = _plugin_and_config(root)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    paths = {f.src_uri for f in files}
    assert {"index.md", "tasks/likert_rating.md", "schemas/task.schema.json"} <= paths
    assert config.nav  # generated navigation used when mkdocs.yml has none


def test_invalid_source_raises_located_plugin_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    rubric = root / "rubrics/likert_rating.yaml"
    text = rubric.read_text("utf-8").replace('version: "1.0.0"', "version: 1.0")
    rubric.write_text(text, "utf-8")
    _plugin, config = _plugin_and_config(root)
    config = config.plugins.on_config(config)
    with pytest.raises(PluginError) as info:
        config.plugins.on_files(Files([]), config=config)
    message = str(info.value)
    assert "rubrics/likert_rating.yaml:" in message
    assert any(
        line.split(": ", 1)[0].count(":") == 2 and " SRC" in line
        for line in message.splitlines()[1:]
    ), message
