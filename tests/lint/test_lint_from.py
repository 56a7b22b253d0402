"""``rubricate lint --from FORMAT``: convert on the fly, lint, report importer problems."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import generator.commands  # noqa: F401  (registers every command)
from tests.paths import REALDATA, REPO, require_shared
from validate.cli import cli

TACO = REALDATA / "taco-coco" / "annotations.json"
HH = REALDATA / "hh-rlhf-harmless-base" / "test.jsonl.gz"


def _lint(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(
        cli, ["lint", "--root", str(REPO), "--no-dataset", "--format", "json", *args]
    )
    payload = json.loads(result.stdout) if result.stdout.strip().startswith("{") else {}
    return result.exit_code, payload


def test_coco_boxes_are_linted_with_the_known_quirks() -> None:
    code, report = _lint("--from", "coco", str(require_shared(TACO)), "--rubric", "bounding_box")
    assert code == 1
    codes = [f["code"] for f in report["findings"]]
    assert codes.count("BOX001") == 7  # the seven negative coordinates (SOURCES.md)
    assert codes.count("IMP007") == 2  # duplicate annotation ids 309 and 4040
    assert report["summary"]["records"] == 1500


def test_preference_pairs_as_rankings_flag_only_empty_replies() -> None:
    code, report = _lint(
        "--from", "preference-pairs", str(require_shared(HH)), "--rubric", "response_ranking"
    )
    rnk = [f for f in report["findings"] if f["code"].startswith("RNK")]
    assert sorted(f["line"] for f in rnk) == [87, 517, 926, 1104]
    assert report["summary"]["records"] == 2312
    assert code in (0, 1)


def test_mapping_without_from_is_a_usage_error(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text("controls: {}\n")
    result = CliRunner().invoke(cli, ["lint", str(tmp_path / "x.jsonl"), "--mapping", str(mapping)])
    assert result.exit_code == 2


def test_unknown_rubric_with_from_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "lint",
            "--root",
            str(REPO),
            "--from",
            "coco",
            str(require_shared(TACO)),
            "--rubric",
            "no_such_rubric",
        ],
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
