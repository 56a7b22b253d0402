"""The configuration file: errors name the file, the table and the likely intent."""

from __future__ import annotations

from pathlib import Path

import pytest

from validate.config import ConfigError, load_config


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "rubricate.toml",
            'jobs = 2\nselectt = ["LBL"]\n',
            "2:1: unknown option 'selectt' (did you mean 'select'?) in file",
        ),
        (
            "rubricate.toml",
            "[gates.agreement]\nmetric = 'percent_agreement'\n  minimun = 0.5\n",
            "3:3: unknown option 'minimun' (did you mean 'minimum'?) in [gates.agreement]",
        ),
        (
            "pyproject.toml",
            '[project]\nname = "x"\n\n[tool.rubricate]\nfail_on = "error"\n',
            "5:1: unknown option 'fail_on' (did you mean 'fail-on'?) in [tool.rubricate]",
        ),
        ("rubricate.toml", "jobs = 0\n", "1:1: jobs: 0 is less than the minimum of 1"),
        ("rubricate.toml", 'jobs = "fast"\n', "1:1: jobs: 'fast' does not match '^auto$'"),
        (  # an item of a multi-line array: at its key
            "rubricate.toml",
            'ignore = [\n  "LBL003",\n  5,\n]\nexclude = ["a"]\n',
            "1:1: ignore.1: 5 is not of type 'string'",
        ),
        (  # an inline table: at the key that holds it
            "rubricate.toml",
            '# gates\ngates = { agreement = { minimum = "high" } }\n',
            "2:1: gates.agreement.minimum: 'high' is not of type 'number'",
        ),
        (  # a dotted key
            "rubricate.toml",
            'jobs = 1\ngates.overlap.min_judgements = "two"\n',
            "2:1: gates.overlap.min_judgements: 'two' is not of type 'integer'",
        ),
        ("rubricate.toml", "jobs = 1\njobs = 2\n", "2:9: invalid TOML: Cannot overwrite a value"),
        (  # tomllib ran off the end: at the end of the last line of content
            "rubricate.toml",
            'select = ["LBL"\n',
            "1:16: invalid TOML: Unclosed array (at end of document)",
        ),
        (
            "pyproject.toml",
            '[tool.rubricate]\nselect = [\n  "LBL",\n\n\n',
            "3:9: invalid TOML: Invalid value (at end of document)",
        ),
        (
            "rubricate.toml",
            'jobs = 1\r\nx = "abc',
            "2:9: invalid TOML: Unterminated string (at end of document)",
        ),
    ],
)
def test_errors_name_the_place(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:{message}"


def test_a_valid_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "rubricate.toml"
    path.write_text('jobs = "auto"\n[gates.agreement]\nminimum = 0.5\n')
    config = load_config(path)
    assert config.path == path and config.get("jobs") == "auto"
    assert config.get("gates") == {"agreement": {"minimum": 0.5}}


def test_a_file_inside_the_current_directory_is_named_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "rubricate.toml"
    path.write_text("jobs = 0\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=r"^sub/rubricate\.toml:1:1: jobs: "):
        load_config(path.resolve())


def test_rule_option_problems_point_at_their_lines(tmp_path: Path) -> None:
    """Severity and rule options are checked after loading, against the rule registry; each
    problem is still located in the file."""
    from click.testing import CliRunner

    from tests.lint.conftest import PROJECT, likert, write_jsonl
    from validate.cli import cli

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "labels"\n\n'
        '[tool.rubricate.severity]\nNOPE001 = "error"\n\n'
        "[tool.rubricate.rules.LKT003]\nlevelz = [1, 5]\nmin_length = 0\n"
    )
    labels = write_jsonl(tmp_path / "labels.jsonl", [likert("r1")])
    result = CliRunner().invoke(
        cli,
        ["lint", str(labels), "--root", str(PROJECT), "--config", str(tmp_path / "pyproject.toml")],
    )
    assert result.exit_code == 2
    lines = [line.split(": ", 3)[2] for line in result.stderr.splitlines()]
    place = str(tmp_path / "pyproject.toml")
    assert lines == [f"{place}:5:1", f"{place}:8:1", f"{place}:9:1"], result.stderr
