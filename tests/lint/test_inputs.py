"""Label files from the command line: directories expand, each file is read once."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.lint.conftest import PROJECT, likert, write_jsonl
from validate.lint.inputs import InputError, excluded, expand_inputs

Run = Callable[..., Any]


@pytest.fixture
def shards(tmp_path: Path) -> Path:
    """``labels/``: shards in nested folders, with files that are not label files."""
    root = tmp_path / "labels"
    (root / "b" / "deep").mkdir(parents=True)
    (root / "a").mkdir()
    (root / ".cache").mkdir()
    write_jsonl(root / "b" / "deep" / "part-2.jsonl", [likert("r3")])
    write_jsonl(root / "a" / "part-1.jsonl", [likert("r1")])
    with gzip.open(root / "b" / "part-0.jsonl.gz", "wt") as f:
        f.write(json.dumps(likert("r2")) + "\n")
    (root / "b" / "rows.csv").write_text("id,rubric\n")
    (root / "README.md").write_text("not labels\n")
    (root / "a" / ".part-9.jsonl").write_text("{}\n")  # hidden
    write_jsonl(root / ".cache" / "old.jsonl", [likert("r1")])  # hidden folder
    return root


def test_a_directory_becomes_its_label_files_in_sorted_order(shards: Path) -> None:
    assert expand_inputs([str(shards)]) == [
        str(shards / "a" / "part-1.jsonl"),
        str(shards / "b" / "deep" / "part-2.jsonl"),
        str(shards / "b" / "part-0.jsonl.gz"),
        str(shards / "b" / "rows.csv"),
    ]


def test_each_file_is_kept_once_at_its_first_place(shards: Path, tmp_path: Path) -> None:
    first = shards / "a" / "part-1.jsonl"
    link = tmp_path / "link.jsonl"
    os.symlink(first, link)
    got = expand_inputs([str(link), str(shards), f"{shards}/./a/part-1.jsonl", "-", "-"])
    assert got[0] == str(link) and str(first) not in got
    assert len(got) == 1 + 3 + 2  # the link, the other shards, standard input as often as named
    assert expand_inputs(["missing.jsonl"]) == ["missing.jsonl"]  # reported by the command


def test_links_to_folders_are_followed_but_not_round_a_loop(shards: Path, tmp_path: Path) -> None:
    """A link back up the tree made the walk recurse until the OS gave up (an internal
    error); a link to a folder elsewhere is read like a folder of its own."""
    os.symlink("..", shards / "b" / "deep" / "up")  # b/deep/up -> b
    os.symlink(shards.parent / "elsewhere", shards / "more")
    (shards.parent / "elsewhere").mkdir()
    write_jsonl(shards.parent / "elsewhere" / "part-3.jsonl", [likert("r4")])
    assert expand_inputs([str(shards)]) == [
        str(shards / "a" / "part-1.jsonl"),
        str(shards / "b" / "deep" / "part-2.jsonl"),
        str(shards / "b" / "part-0.jsonl.gz"),
        str(shards / "b" / "rows.csv"),
        str(shards / "more" / "part-3.jsonl"),
    ]


def test_a_folder_that_cannot_be_read_is_an_error(
    shards: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("deep"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)  # tests run as root: chmod would not stop it
    with pytest.raises(InputError, match=r"deep: cannot read this directory \(Permission denied\)"):
        expand_inputs([str(shards)])


def test_a_directory_without_label_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="a directory with no label files"):
        expand_inputs([str(tmp_path)])


def test_lint_a_directory(run: Run, shards: Path) -> None:
    write_jsonl(shards / "b" / "deep" / "part-2.jsonl", [likert("r1")])  # a repeat of part-1
    report = json.loads(run("lint", shards, "--format", "json", "--no-dataset").output)
    repeats = [f for f in report["findings"] if f["code"] == "LBL006"]
    assert [(f["file"], f["line"]) for f in repeats] == [(str(shards / "b/deep/part-2.jsonl"), 1)]
    assert f"first at {shards / 'a/part-1.jsonl'}:1" in repeats[0]["message"]
    assert report["metrics"]["files"] == 4


def test_a_file_named_twice_is_linted_once(run: Run, tmp_path: Path) -> None:
    data = write_jsonl(tmp_path / "d.jsonl", [likert("r1"), likert("r2")])
    result = run("lint", data, data, str(data).replace("d.jsonl", "./d.jsonl"), "--no-dataset")
    assert result.exit_code == 0, result.output
    assert "1 file, 2 records" in result.output


@pytest.mark.parametrize("command", ["lint", "report", "aggregate"])
def test_every_command_takes_a_directory(run: Run, tmp_path: Path, command: str) -> None:
    folder = tmp_path / "labels"
    folder.mkdir()
    write_jsonl(folder / "one.jsonl", [likert("r1", item_id="i", annotator_id="a")])
    out = tmp_path / ("out.json" if command == "report" else "out.jsonl")
    root = [] if command == "lint" else ["--root", PROJECT, "-o", out]
    assert run(command, folder, *root).exit_code in (0, 1)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(command, empty, *root)
    assert result.exit_code == 2 and "a directory with no label files" in result.output


@pytest.mark.parametrize(
    ("relative", "patterns", "expected"),
    [
        ("meta.json", ["meta.json"], True),
        ("b/deep/part-2.jsonl", ["deep"], True),  # a folder on the way
        ("b/deep/part-2.jsonl", ["b/*/part-*.jsonl"], True),  # the whole path
        ("b/deep/part-2.jsonl", ["*.csv"], False),
        ("b/rows.csv", ["*.csv"], True),
        ("b/rows.csv", [], False),
        ("b/rows.csv", ["B"], False),  # case counts
    ],
)
def test_excluded(relative: str, patterns: list[str], expected: bool) -> None:
    assert excluded(relative, patterns) is expected


def test_exclude_leaves_out_found_files_only(shards: Path) -> None:
    named = str(shards / "b" / "rows.csv")
    got = expand_inputs([str(shards), named], exclude=["*.csv", "deep"])
    assert got == [str(shards / "a" / "part-1.jsonl"), str(shards / "b" / "part-0.jsonl.gz"), named]
    with pytest.raises(InputError, match=r"every label file under it is excluded \(\*\)"):
        expand_inputs([str(shards)], exclude=["*"])


def _records_read(command: str, result: Any, out: Path) -> int:
    """How many records a run of ``command`` took in, from its own report."""
    if command == "lint":
        return json.loads(result.stdout)["summary"]["records"]
    if command == "report":
        return json.loads(out.read_text())["records"]
    (consensus,) = [json.loads(line) for line in out.read_text().splitlines()]
    return consensus["meta"]["aggregation"]["judgements"]


@pytest.mark.parametrize("command", ["lint", "report", "aggregate"])
def test_exclude_from_the_command_line_and_the_config(
    run: Run, tmp_path: Path, command: str
) -> None:
    folder = tmp_path / "labels"
    (folder / "drafts").mkdir(parents=True)
    write_jsonl(folder / "one.jsonl", [likert("r1", item_id="i", annotator_id="a")])
    write_jsonl(folder / "drafts" / "two.jsonl", [likert("r2", item_id="i", annotator_id="b")])
    out = tmp_path / ("out.json" if command == "report" else "out.jsonl")
    if command == "lint":
        extra = ["--root", PROJECT, "--format", "json"]
    else:
        extra = ["--root", PROJECT, "-o", out]
    assert _records_read(command, run(command, folder, *extra), out) == 2
    assert _records_read(command, run(command, folder, *extra, "--exclude", "drafts"), out) == 1
    config = tmp_path / "rubricate.toml"
    config.write_text('exclude = ["drafts/*.jsonl"]\n')
    assert _records_read(command, run(command, folder, *extra, "--config", config), out) == 1
    result = run(command, folder, *extra, "--exclude", "*")
    assert result.exit_code == 2 and "every label file under it is excluded" in result.output
