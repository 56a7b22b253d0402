"""The engine as a library: parity across --jobs, accumulators, hostile input, rule safety."""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.lint.conftest import PROJECT, SCORES, likert, write_jsonl
from validate.lint import engine as engine_module
from validate.lint.compiled import combined_schema
from validate.lint.engine import LintOptions, _Finisher, execute, plan_shards
from validate.lint.model import DatasetProblem, pack, unpack
from validate.rules.envelope.duplicate_judgement import DuplicateJudgements
from validate.rules.envelope.duplicate_record_id import DuplicateIds


def _records(n: int, seed: int = 7) -> list[Any]:
    rng = random.Random(seed)
    out: list[Any] = []
    for i in range(n):
        rec = likert(f"r{i}", item_id=f"item-{i // 3}", annotator_id=f"ann-{i % 3}")
        roll = rng.random()
        if roll < 0.02:
            rec["id"] = f"r{rng.randrange(max(1, i))}"  # duplicate id, often across chunks
        elif roll < 0.04:
            rec["annotator_id"] = "ann-0"
            rec["item_id"] = f"item-{rng.randrange(max(1, i // 3))}"
        elif roll < 0.05:
            rec["label"]["scores"]["coherence"] = 9
        elif roll < 0.06:
            out.append("{not json")
            continue
        out.append(rec)
    return out


def _key(findings: list[Any]) -> list[tuple[Any, ...]]:
    return [(f.file, f.line, f.column, f.code, f.message, f.record_id) for f in findings]


def test_jobs_parity_on_byte_ranges(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "big.jsonl", _records(4000))
    assert len(plan_shards([str(path)], 2)) == 2
    one = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=1))
    two = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=2))
    four = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=4))
    assert one.findings, "the data set has defects"
    assert {f.code for f in one.findings} >= {"LBL001", "LBL006", "LBL007", "LKT001"}
    assert _key(one.findings) == _key(two.findings) == _key(four.findings)
    assert one.records == two.records == four.records
    assert two.metrics["shards"] == 2


def test_jobs_parity_across_files(tmp_path: Path) -> None:
    records = _records(1500, seed=3)
    a = write_jsonl(tmp_path / "a.jsonl", records[:700])
    b = tmp_path / "b.jsonl.gz"
    b.write_bytes(
        gzip.compress(
            "".join(
                (r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records[700:]
            ).encode()
        )
    )
    files = [str(a), str(b)]
    one = execute(LintOptions(files=files, root=PROJECT, jobs=1))
    two = execute(LintOptions(files=files, root=PROJECT, jobs=2))
    assert _key(one.findings) == _key(two.findings)


def _many_files(tmp_path: Path, count: int) -> list[str]:
    """``count`` small files cut from one data set (repeats and items cross files), one of
    them empty and one with a broken line."""
    records = _records(1200, seed=11)
    size = -(-len(records) // count)
    files = [
        str(write_jsonl(tmp_path / f"part{i:03d}.jsonl", records[i * size : (i + 1) * size]))
        for i in range(count)
    ]
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    files.insert(count // 2, str(empty))
    return files


def test_jobs_parity_across_many_small_files(tmp_path: Path) -> None:
    """Dozens of files are linted in runs of consecutive files (group_shards): the findings,
    "first at" references across files included, equal one process's."""
    files = _many_files(tmp_path, 40)
    one = execute(LintOptions(files=files, root=PROJECT, jobs=1))
    two = execute(LintOptions(files=files, root=PROJECT, jobs=2))
    codes = {f.code for f in one.findings}
    assert {"LBL001", "LBL006", "LBL008", "LKT001"} <= codes
    assert any("(first at " in f.message and ".jsonl:" in f.message for f in one.findings)
    assert _key(one.findings) == _key(two.findings)
    assert one.records == two.records
    assert one.metrics["records_by_rubric"] == two.metrics["records_by_rubric"]


def test_one_process_fills_one_table_for_many_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files share the dataset accumulators of their run: one table, not one per file
    (2,000 small files held 2,000 tables until the merge: 613 MB where 121 MB do)."""
    made: list[Any] = []

    class Counted(engine_module.ObservationTable):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(engine_module, "ObservationTable", Counted)
    files = _many_files(tmp_path, 25)
    result = execute(LintOptions(files=files, root=PROJECT, jobs=1))
    assert result.records == 1200 - sum(1 for r in _records(1200, seed=11) if isinstance(r, str))
    assert len(made) == 1


def test_group_shards_keeps_order_and_balances_bytes(tmp_path: Path) -> None:
    sizes = [10, 10, 10, 500, 10, 10, 10, 10, 10, 10, 10, 300, 10, 10, 10, 10, 10, 10]
    shards = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"f{i}.jsonl"
        path.write_bytes(b"x" * size)
        shards.append(engine_module.Shard(i, str(path)))
    assert engine_module.group_shards(shards, 1) == [shards]
    assert engine_module.group_shards([], 2) == []
    few = shards[: 2 * engine_module.GROUPS_PER_JOB]
    assert engine_module.group_shards(few, 2) == [[s] for s in few]
    groups = engine_module.group_shards(shards, 2)
    assert [s for g in groups for s in g] == shards  # consecutive, in input order
    assert len(groups) <= 2 * engine_module.GROUPS_PER_JOB
    big = [g for g in groups if any(s.file_index in (3, 11) for s in g)]
    assert all(len(g) <= 2 for g in big)  # a big file is not buried in a long run


def test_repeats_of_a_first_line_after_a_byte_order_mark_are_named(tmp_path: Path) -> None:
    """The reader skips a BOM; reading the candidate records back must skip it too (it
    did not: the repeat was reported as if the file had changed during the run)."""
    first = tmp_path / "bom.jsonl"
    first.write_bytes(b"\xef\xbb\xbf" + json.dumps(likert("r1")).encode() + b"\n")
    second = write_jsonl(tmp_path / "again.jsonl", [likert("r1")])
    result = execute(LintOptions(files=[str(first), str(second)], root=PROJECT, dataset=False))
    assert [(f.file, f.line, f.code, f.message) for f in result.findings] == [
        (str(second), 1, "LBL006", f"duplicate record id 'r1' (first at {first}:1)")
    ]


def test_a_utf16_file_is_one_finding_with_jobs_too(tmp_path: Path) -> None:
    """Cut into byte ranges, the second half of a UTF-16 file would be read as UTF-8 junk."""
    path = tmp_path / "wide.jsonl"
    text = "".join(json.dumps(likert(f"r{i}")) + "\n" for i in range(2000))
    path.write_bytes(text.encode("utf-16"))
    for jobs in (1, 2):
        result = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=jobs))
        assert [(f.line, f.code) for f in result.findings] == [(1, "LBL002")], jobs
        assert "UTF-16-encoded" in result.findings[0].message


def test_unknown_fields_are_located_and_hinted(tmp_path: Path) -> None:
    data = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {
                "id": "r1",
                "rubric": "likert_rating",
                "label": {"scroes": 1, "scores": {**SCORES, "honsty": 2}},
            }
        ],
    )
    result = execute(LintOptions(files=[str(data)], root=PROJECT, dataset=False))
    assert sorted((f.code, f.pointer, f.message) for f in result.findings) == [
        (
            "LBL009",
            "/label/scores/honsty",
            "/label/scores/honsty: unknown field 'honsty' (did you mean 'honesty'?)",
        ),
        (
            "LBL009",
            "/label/scroes",
            "/label/scroes: unknown field 'scroes' (did you mean 'scores'?)",
        ),
    ]


def test_known_fields_follow_local_references() -> None:
    schema = {
        "$defs": {"scores": {"type": "object", "properties": {"a": {}, "b": {}}}},
        "properties": {
            "label": {"allOf": [{"properties": {"scores": {"$ref": "#/$defs/scores"}}}]}
        },
    }
    path = ["properties", "label", "allOf", 0, "properties", "scores"]
    assert engine_module.known_fields(schema, path) == ["a", "b"]
    assert engine_module.known_fields(schema, [*path, "$ref"]) == ["a", "b"]
    assert engine_module.known_fields(schema, ["properties", "nope"]) == []
    assert engine_module.known_fields({"$ref": "https://x/y"}, ["properties"]) == []


def test_auto_jobs_one_per_cpu_and_per_slice_of_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "AUTO_BYTES_PER_JOB", 100)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_bytes(b"x" * 150)
    big.write_bytes(b"x" * 1000)
    assert engine_module.auto_jobs([str(small)]) == 1  # one slice: the pool would not pay
    assert engine_module.auto_jobs([str(small), str(small)]) == 3  # 300 bytes, 3 CPUs
    assert engine_module.auto_jobs([str(big)]) == 3  # no more than the CPUs
    assert engine_module.auto_jobs(["-", str(tmp_path / "missing.jsonl")]) == 1
    monkeypatch.setattr(engine_module, "parallel_available", lambda: False)
    assert engine_module.auto_jobs([str(big)]) == 1


@pytest.fixture
def bar_updates(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """What a run moves the progress bar by, update by update (tqdm replaced)."""
    import tqdm

    updates: list[int] = []

    class Recorder:
        def __init__(self, **_: Any) -> None:
            pass

        def update(self, n: int) -> None:
            updates.append(n)

        def close(self) -> None:
            pass

    monkeypatch.setattr(tqdm, "tqdm", Recorder)
    return updates


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_bar_counts_many_files_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, bar_updates: list[int]
) -> None:
    monkeypatch.setattr(engine_module, "_PROGRESS_EVERY", 1 << 6)
    files = _many_files(tmp_path, 30)
    result = execute(LintOptions(files=files, root=PROJECT, jobs=jobs, progress=True))
    assert sum(bar_updates) == result.records


def _confirmed(acc: Any, records: dict[int, dict[str, Any]]) -> list[Any]:
    """Finish a hashed accumulator as the engine does: read the candidates back first."""
    assert acc.wanted() <= set(records)
    acc.give({where: records[where] for where in acc.wanted()})
    return acc.finish()


@pytest.mark.parametrize("kind", [DuplicateIds, DuplicateIds.for_streams])
def test_accumulators_merge_in_any_order(kind: Any) -> None:
    first, second = kind(), kind()
    records = {pack(0, 10): {"id": "x"}, pack(0, 3): {"id": "x"}}
    first.add(records[pack(0, 10)], pack(0, 10))
    second.add(records[pack(0, 3)], pack(0, 3))
    first.merge(second)  # the later shard holds the earlier line
    [problem] = _confirmed(first, records) if hasattr(first, "wanted") else first.finish()
    assert unpack(problem.where) == (0, 10)
    assert unpack(problem.related or 0) == (0, 3)
    assert problem.message == "duplicate record id 'x'"


def test_duplicate_judgements_keep_sixteen_bytes_a_record() -> None:
    acc = DuplicateJudgements()
    records = {
        pack(0, 1): {"id": "a", "item_id": "i", "annotator_id": "x"},
        pack(0, 2): {"id": "b", "item_id": "i", "annotator_id": "x"},
        pack(0, 3): {"id": "c", "item_id": "i"},  # no annotator: not considered
        pack(0, 4): {"id": "d", "item_id": "j", "annotator_id": "x"},
    }
    for where, record in records.items():
        acc.add(record, where)
    assert len(acc.hashes) == len(acc.wheres) == 3
    assert acc.wanted() == {pack(0, 1), pack(0, 2)}  # only the candidates are read back
    [problem] = _confirmed(acc, records)
    assert problem.record_id == "b"
    assert problem.message == "annotator 'x' judged item 'i' more than once"


def test_a_hash_collision_is_not_a_duplicate() -> None:
    acc = DuplicateIds()
    records = {pack(0, 1): {"id": "x"}, pack(0, 2): {"id": "y"}, pack(0, 3): {"id": "x"}}
    for where in records:  # force one hash for two different ids
        acc.hashes.append(7)
        acc.wheres.append(where)
    [problem] = _confirmed(acc, records)
    assert (unpack(problem.where), unpack(problem.related or 0)) == ((0, 3), (0, 1))


def test_a_candidate_that_cannot_be_read_back_is_trusted_by_its_hash() -> None:
    acc = DuplicateIds()
    acc.add({"id": "x"}, pack(0, 1))
    acc.add({"id": "x"}, pack(0, 2))
    acc.give({})  # the file changed or vanished before the end of the run
    [problem] = acc.finish()
    assert unpack(problem.where) == (0, 2)
    assert "the file changed during the run" in problem.message


def test_duplicates_from_standard_input_equal_those_from_a_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from validate.cli import cli

    records = _records(400, seed=11)
    path = write_jsonl(tmp_path / "a.jsonl", records)
    data = path.read_bytes()

    def found(*args: str, stdin: bytes | None = None) -> list[tuple[int, str, str]]:
        result = CliRunner().invoke(
            cli, ["lint", *args, "--root", str(PROJECT), "--format", "json"], input=stdin
        )
        assert result.exit_code == 1, result.output
        findings = json.loads(result.output)["findings"]
        return [(f["line"], f["code"], f["message"]) for f in findings if f["code"] in DUP]

    from_file = found(str(path))
    assert {code for _, code, _ in from_file} == DUP
    assert found("-", stdin=data) == from_file
    assert found(str(path), "--jobs", "2") == from_file


DUP = {"LBL006", "LBL007"}


def test_combined_schema_hoists_defs() -> None:
    schema = combined_schema(
        {
            "$defs": {"s": {"type": "integer"}},
            "type": "object",
            "properties": {"x": {"$ref": "#/$defs/s"}},
        }
    )
    assert "$defs" in schema
    assert schema["properties"]["label"]["allOf"][0]["properties"]["x"] == {"$ref": "#/$defs/s"}


HOSTILE: dict[str, Callable[[], bytes]] = {
    "invalid utf-8": lambda: b'{"id": "r1", "label": {"x": "\xff\xfe"}}\n',
    "NaN": lambda: b'{"id": "r1", "rubric": "likert_rating", "label": {"scores": NaN}}\n',
    "10 MB line": lambda: b'{"id": "r1", "label": "' + b"a" * (10 * 1024 * 1024) + b'"}\n',
    "nested 10,000 deep": lambda: (
        b'{"id": "r1", "label": ' + b"[" * 10_000 + b"]" * 10_000 + b"}\n"
    ),
    "binary garbage": lambda: bytes(b for b in range(256) if b != 0x0A) * 4 + b"\n",
    "a bare string": lambda: b'"just a string"\n',
    "huge number": lambda: (
        b'{"id": "r1", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 1e999}}}\n'
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_lines_are_located_and_linting_goes_on(
    run: Callable[..., Any], tmp_path: Path, name: str
) -> None:
    good = (json.dumps(likert("ok1")) + "\n").encode()
    target = tmp_path / "hostile.jsonl"
    target.write_bytes(good + HOSTILE[name]() + good.replace(b"ok1", b"ok2") + good)
    result = run("lint", target, "--format", "json")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    findings = json.loads(result.output)["findings"]
    lines = {f["line"] for f in findings}
    assert 2 in lines, findings
    # The record after the bad one is still read: line 4 repeats ok1, so LBL006 fires there.
    assert any(f["line"] == 4 and f["code"] == "LBL006" for f in findings)


def test_truncated_gzip_is_a_located_error(run: Callable[..., Any], tmp_path: Path) -> None:
    data = gzip.compress("".join(json.dumps(likert(f"r{i}")) + "\n" for i in range(2000)).encode())
    target = tmp_path / "cut.jsonl.gz"
    target.write_bytes(data[: len(data) // 2])
    result = run("lint", target, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert [f["code"] for f in findings] == ["LBL002"]
    assert "truncated" in findings[0]["message"]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("labels.json", json.dumps([likert("r1"), likert("r1")], indent=1), {"LBL006"}),
        (
            "labels.csv",
            "id,rubric,label.scores.helpfulness,label.scores.correctness,"
            "label.scores.coherence,label.scores.honesty\n"
            'r1,likert_rating,4,4,4,4\nr2,likert_rating,"""4""",4,9,4\n',
            {"LKT001"},
        ),
        (
            "labels.tsv",
            "id\trubric\tlabel.scores.helpfulness\tlabel.scores.correctness\t"
            "label.scores.coherence\tlabel.scores.honesty\nr1\tlikert_rating\t4\t4\t4\t4\n",
            set(),
        ),
    ],
)
def test_other_formats(
    run: Callable[..., Any], tmp_path: Path, name: str, text: str, expected: set[str]
) -> None:
    target = tmp_path / name
    target.write_text(text, "utf-8")
    result = run("lint", target, "--format", "json")
    assert {f["code"] for f in json.loads(result.output)["findings"]} == expected


def test_rule_crash_is_a_finding_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validate.rules.likert import na_not_allowed

    def boom(*_: Any) -> Any:
        raise RuntimeError("kaput")

    monkeypatch.setattr(na_not_allowed, "check", boom)
    path = write_jsonl(tmp_path / "x.jsonl", [likert("r1")])
    result = execute(LintOptions(files=[str(path)], root=PROJECT))
    [finding] = result.findings
    assert finding.code == "LKT002" and "internal error" in finding.message


def test_metrics(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "x.jsonl",
        [likert("r1"), {"id": "r2", "rubric": "zzz", "label": {"scores": SCORES}}],
    )
    result = execute(LintOptions(files=[str(path)], root=PROJECT))
    assert result.records == 2
    assert result.metrics["records_by_rubric"] == {"likert_rating": 1}
    assert [f.code for f in result.findings] == ["LBL004"]


def test_unknown_rubric_names_the_project_rubrics_and_the_closest_one(tmp_path: Path) -> None:
    """Before any other record compiled a rubric, the message said 'this project has: none';
    it also differed between --jobs layouts (it listed the rubrics compiled so far)."""
    records = [dict(likert("r1"), rubric="likert_ratin"), likert("r2")] * 600
    for n, record in enumerate(records):
        record["id"] = f"r{n}"
    path = write_jsonl(tmp_path / "typo.jsonl", records)
    one = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=1))
    two = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=2))
    assert _key(one.findings) == _key(two.findings)
    first = one.findings[0]
    assert (first.line, first.code, first.pointer) == (1, "LBL004", "/rubric")
    assert first.message.startswith("unknown rubric 'likert_ratin'; did you mean 'likert_rating'?")
    assert "response_ranking" in first.message  # a rubric no record uses


class _PidAccumulator:
    """Finishes with one problem naming the process that finished it."""

    def __init__(self, where: int) -> None:
        self.where = where

    def finish(self) -> list[DatasetProblem]:
        return [DatasetProblem(self.where, f"pid {os.getpid()}")]


def test_finisher_runs_dataset_statistics_in_worker_processes() -> None:
    accs = {f"DST00{i}": _PidAccumulator(i) for i in range(1, 5)}
    codes = ["DST003", "DST001", "DST004", "DST002"]
    with _Finisher(accs, codes, jobs=2) as finisher:
        parallel = finisher.results()
    assert list(parallel) == codes  # in the order asked for, whatever order they finished in
    assert [p[0].where for p in parallel.values()] == [3, 1, 4, 2]
    pids = {p[0].message for p in parallel.values()}
    assert f"pid {os.getpid()}" not in pids and 1 <= len(pids) <= 2
    with _Finisher(accs, codes, jobs=1) as finisher:
        serial = finisher.results()
    assert {p[0].message for p in serial.values()} == {f"pid {os.getpid()}"}
    assert not engine_module._FINISHING  # nothing left behind for later forks


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_bar_counts_every_record_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, bar_updates: list[int]
) -> None:
    """With --jobs 2 this process lints the first byte range itself (moving the bar as it
    goes) and the pool's shard moves it when done: together, each record exactly once."""
    monkeypatch.setattr(engine_module, "_PROGRESS_EVERY", 1 << 10)
    path = write_jsonl(tmp_path / "big.jsonl", _records(5000))
    result = execute(LintOptions(files=[str(path)], root=PROJECT, jobs=jobs, progress=True))
    assert result.metrics["shards"] == jobs
    assert sum(bar_updates) == result.records > 4000
    assert len(bar_updates) > jobs  # the in-process part moved the bar during the run


def test_read_back_fields_cover_what_each_repeat_key_reads() -> None:
    """Candidates of the duplicate rules are read back with their FIELDS only."""
    from validate.rules.registry import RULES

    record = {
        "id": "r1",
        "rubric": "likert_rating",
        "item_id": "item-1",
        "annotator_id": "ann-1",
        "label": {"scores": {"helpfulness": 4}},
        "item": {"prompt": "p"},
    }
    checked = 0
    for info in RULES.values():
        accumulator = getattr(info.module, "ACCUMULATOR", None)
        if accumulator is None or not hasattr(accumulator, "wanted"):
            continue
        slim = {k: record[k] for k in accumulator.FIELDS}
        assert accumulator.key(slim) == accumulator.key(record) is not None, info.code
        checked += 1
    assert checked >= 2  # LBL006, LBL007
