"""The ``rubricate`` group loads a command's modules only when the command is used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

COMMANDS = {
    "aggregate",
    "build",
    "cards",
    "check",
    "convert",
    "diff",
    "init",
    "export",
    "lint",
    "new",
    "report",
    "rule",
    "rules",
    "serve",
}


def _modules_after(args: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``rubricate ARGS``."""
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from generator.cli import cli\n"
        f"result = CliRunner().invoke(cli, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(proc.stdout.split())


def test_site_commands_do_not_load_the_linter() -> None:
    loaded = _modules_after(["build", "--help"])
    assert "generator.site_commands" in loaded
    assert not {"validate.lint.engine", "validate.lint_cli", "generator.export_commands"} & loaded


@pytest.mark.parametrize("command", ["new", "init"])
def test_scaffolding_commands_load_neither_jsonschema_nor_numpy(command: str) -> None:
    """Each costs a tenth of a second or more to import: only checks, lint and stats need them."""
    loaded = {m.split(".")[0] for m in _modules_after([command, "--help"])}
    assert not loaded & {"jsonschema", "numpy"}


def test_lint_does_not_load_mkdocs() -> None:
    loaded = _modules_after(["lint", "--help"])
    assert "validate.lint_cli" in loaded
    assert not any(m == "mkdocs" or m.startswith("mkdocs.") for m in loaded)
    assert "generator.site_commands" not in loaded


def test_help_lists_every_command() -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    listed = {
        line.split()[0]
        for line in result.output.split("Commands:", 1)[1].splitlines()
        if line.strip()
    }
    assert listed == COMMANDS


def test_export_has_the_generator_subcommands() -> None:
    from click.testing import CliRunner

    from generator.cli import cli

    result = CliRunner().invoke(cli, ["export", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for sub in ("examples", "jsonschema", "label-studio", "argilla", "schema-catalog"):
        assert sub in result.output


def test_a_clean_lint_loads_neither_jsonschema_nor_the_importers(tmp_path: Path) -> None:
    """Start-up is most of a small lint (a pre-commit hook): the pure-Python validator is
    only for explaining broken sources, the importers only for ``--from``."""
    data = tmp_path / "one.jsonl"
    record = {
        "id": "r1",
        "rubric": "likert_rating",
        "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 3, "honesty": 4}},
    }
    data.write_text(json.dumps(record) + "\n", "utf-8")
    loaded = _modules_after(["lint", str(data), "--no-dataset", "--root", str(REPO)])
    assert "validate.lint.engine" in loaded
    assert "jsonschema" not in loaded
    assert not {"validate.importers.coco", "validate.importers.label_studio"} & loaded
