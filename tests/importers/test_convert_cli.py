"""``rubricate convert``: JSONL out, located problems on stderr, lint-style exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.commands  # noqa: F401  (registers the generator commands)
import validate.convert_cli  # noqa: F401  (registers convert)
from tests.importers.conftest import REPO
from validate.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return (
        CliRunner(mix_stderr=False)
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames
        else CliRunner()
    )


def test_convert_writes_jsonl_atomically(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "pairs.jsonl"
    src.write_text(
        json.dumps(
            {"chosen": "\n\nHuman: a\n\nAssistant: b", "rejected": "\n\nHuman: a\n\nAssistant: c"}
        )
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        cli,
        [
            "convert",
            "--from",
            "preference-pairs",
            str(src),
            "--rubric",
            "response_ranking",
            "-o",
            str(out),
            "--root",
            str(REPO),
        ],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert records[0]["label"] == {"ranking": ["a", "b"]}


def test_convert_error_problem_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "ls.json"
    src.write_text(
        json.dumps(
            [
                {
                    "id": 1,
                    "data": {},
                    "annotations": [
                        {
                            "id": 2,
                            "completed_by": 1,
                            "result": [
                                {
                                    "from_name": "boxes",
                                    "type": "rectanglelabels",
                                    "value": {
                                        "x": 1,
                                        "y": 1,
                                        "width": 1,
                                        "height": 1,
                                        "rectanglelabels": ["car"],
                                    },
                                }
                            ],
                        }
                    ],
                }
            ]
        )
    )
    result = runner.invoke(
        cli, ["convert", "--from", "label-studio", str(src), "--root", str(REPO)]
    )
    assert result.exit_code == 1
    assert f"{src}:1:" in result.stderr and "IMP002" in result.stderr


def test_convert_usage_errors_exit_2(tmp_path: Path, runner: CliRunner) -> None:
    src = tmp_path / "ls.json"
    src.write_text("[]")
    result = runner.invoke(
        cli,
        ["convert", "--from", "label-studio", str(src), "--rubric", "nope", "--root", str(REPO)],
    )
    assert result.exit_code == 2 and "unknown rubric" in result.stderr
    mapping = tmp_path / "map.yaml"
    mapping.write_text("controls: {x: label.not_a_field}\n")
    result = runner.invoke(
        cli,
        [
            "convert",
            "--from",
            "label-studio",
            str(src),
            "--rubric",
            "likert_rating",
            "--mapping",
            str(mapping),
            "--root",
            str(REPO),
        ],
    )
    assert result.exit_code == 2 and "not a label field" in result.stderr
