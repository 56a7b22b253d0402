"""Unknown-name messages: the closest rubric first, then the project's rubrics, everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.paths import REPO
from validate.suggest import closest, unknown_rubric, unknown_rubrics

KNOWN = ["likert_rating", "likert_7pt", "response_ranking"]


def test_closest_picks_the_likeliest_typo_fix() -> None:
    assert closest("likert_ratng", KNOWN) == "likert_rating"
    assert closest("respons_ranking", KNOWN) == "response_ranking"
    assert closest("zzz", KNOWN) is None
    assert closest("likert_rating", []) is None


def test_message_names_option_hint_and_every_rubric_sorted() -> None:
    message = unknown_rubric("likert_ratng", KNOWN, option="--rubric")
    assert message == (
        "unknown rubric 'likert_ratng' (--rubric); did you mean 'likert_rating'? "
        "(this project has: likert_7pt, likert_rating, response_ranking)"
    )
    assert unknown_rubric("zzz", []) == "unknown rubric 'zzz' (this project has: none)"


def test_several_names_get_a_hint_each_and_one_listing() -> None:
    message = unknown_rubrics(["likert_ratng", "zzz"], KNOWN)
    assert message == (
        "unknown rubrics 'likert_ratng' (did you mean 'likert_rating'?), 'zzz' "
        "(this project has: likert_7pt, likert_rating, response_ranking)"
    )
    assert unknown_rubrics(["zzz"], KNOWN) == unknown_rubric("zzz", KNOWN)


def test_a_huge_name_is_not_echoed_whole() -> None:
    message = unknown_rubric("x" * 100_000, KNOWN)
    assert len(message) < 200 and "x" * 80 in message and "x" * 81 not in message


def _labels(tmp_path: Path) -> str:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"id": "r1", "item_id": "i1", "annotator_id": "a1", "label": {}}\n')
    return str(path)


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "{labels}", "--rubric", "likert_ratng"],
        ["report", "{labels}", "--rubric", "likert_ratng"],
        ["aggregate", "{labels}", "--rubric", "likert_ratng"],
        ["export", "examples", "likert_ratng"],
        ["export", "label-studio", "likert_ratng"],
        ["convert", "--from", "label-studio", "{labels}", "--rubric", "likert_ratng"],
        ["cards", "likert_ratng"],
    ],
    ids=lambda argv: " ".join(a for a in argv[:2] if not a.startswith("{")),
)
def test_every_command_suggests_the_closest_rubric(tmp_path: Path, argv: list[str]) -> None:
    args = [a.replace("{labels}", _labels(tmp_path)) for a in argv]
    if args[0] != "cards":
        args += ["--root", str(REPO)]
    else:
        args += ["--root", str(REPO), "-o", str(tmp_path / "cards")]
    result = CliRunner().invoke(cli, args, env={"GITHUB_ACTIONS": "", "CI": ""})
    assert result.exit_code == 2, result.output
    assert "unknown rubric 'likert_ratng'" in result.output
    assert "did you mean 'likert_rating'?" in result.output
    assert "response_ranking" in result.output  # the project's rubrics follow
    assert "Traceback" not in result.output
