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
            'selectt = ["LBL"]\n',
            "unknown option 'selectt' (did you mean 'select'?) in file",
        ),
        (
            "rubricate.toml",
            "[gates.agreement]\nminimun = 0.5\n",
            "unknown option 'minimun' (did you mean 'minimum'?) in [gates.agreement]",
        ),
        (
            "pyproject.toml",
            '[tool.rubricate]\nfail_on = "error"\n',
            "unknown option 'fail_on' (did you mean 'fail-on'?) in [tool.rubricate]",
        ),
        ("rubricate.toml", "jobs = 0\n", "jobs: 0 is less than the minimum of 1"),
        ("rubricate.toml", 'jobs = "fast"\n', "jobs: 'fast' does not match '^auto$'"),
    ],
)
def test_errors_name_the_place(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: {message}"


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
    with pytest.raises(ConfigError, match=r"^sub/rubricate\.toml: jobs: "):
        load_config(path.resolve())
