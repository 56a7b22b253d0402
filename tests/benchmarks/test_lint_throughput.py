"""The lint benchmark's own parts: its runner refuses unknown names, and the defects its
generator plants are what the linter finds (so the figures it prints are about real work)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.__main__ import main as run_benchmarks
from benchmarks.lint_throughput import generate, lint_in_process


def test_runner_refuses_an_unknown_name_and_says_where_options_go(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_benchmarks(["--records", "5"]) == 2
    err = capsys.readouterr().err
    assert "unknown benchmark '--records' (options go after --)" in err
    assert "lint_throughput" in err
    assert run_benchmarks(["nope"]) == 2


def test_every_planted_defect_is_found(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    defects = generate(path, 3000, seed=7)
    truth = {int(n) for n in path.with_suffix(".truth").read_text().split()}
    assert defects == len(truth) > 10
    _wall, _cpu, _findings, flagged = lint_in_process(path)
    assert truth <= flagged


def test_the_start_up_benchmark_lints_clean_records(tmp_path: Path) -> None:
    import json

    from benchmarks.lint_startup import RECORDS, ROOT
    from validate.lint.engine import LintOptions, execute

    path = tmp_path / "three.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), "utf-8")
    result = execute(LintOptions(files=[str(path)], root=ROOT))
    assert result.records == 3
    assert not [f for f in result.findings if not f.code.startswith("DST")]


def test_the_crowded_boxes_benchmark_lints_schema_valid_images(tmp_path: Path) -> None:
    from benchmarks.lint_crowded_boxes import ROOT, generate
    from validate.lint.engine import LintOptions, execute

    path = tmp_path / "crowded.jsonl"
    generate(path, 4, 140)  # 280 brackets a line: past the reader's cheap depth count
    result = execute(LintOptions(files=[str(path)], root=ROOT, dataset=False))
    assert result.records == 4
    assert not [f for f in result.findings if f.code.startswith(("LBL", "BOX00"))]


def test_the_many_findings_benchmark_has_one_finding_per_record(tmp_path: Path) -> None:
    from benchmarks.lint_many_findings import LINE, ROOT
    from validate.lint.engine import LintOptions, execute

    path = tmp_path / "bad.jsonl"
    path.write_text("".join(LINE % n for n in range(50)), "utf-8")
    result = execute(LintOptions(files=[str(path)], root=ROOT, dataset=False))
    assert [(f.line, f.code) for f in result.findings] == [(n, "LKT001") for n in range(1, 51)]


def test_the_big_records_benchmark_grows_outer_lists_and_times_every_rule() -> None:
    from benchmarks.lint_big_records import grown, measure

    node = {"spans": [{"a": 1, "tags": ["x", "y"]}, {"a": 2, "tags": []}], "text": "t" * 30}
    big = grown(node, 80)
    assert len(big["spans"]) == 80 and big["spans"][2] == {"a": 1, "tags": ["x", "y"]}
    assert big["spans"][2] is not big["spans"][0]  # copies: a rule may not see one object
    assert big["text"] == "t" * 60  # long strings grow too (offsets, quotes)
    rows = measure(4, runs=1)
    assert {row["rule"] for row in rows} >= {"SPN003", "RNK003", "BOX004", "CLS004", "TUL004"}
    assert all(row["big_s"] > 0 and row["parse_s"] > 0 for row in rows)


def test_the_ranking_benchmark_aggregates_every_item(tmp_path: Path) -> None:
    from benchmarks.aggregate_rankings import JUDGEMENTS, ROOT, generate
    from validate.aggregate_cli import aggregate, read_items
    from validate.lint.compiled import load_project
    from validate.rules.dataset.gates import DatasetContext

    path = tmp_path / "rankings.jsonl"
    generate(path, 40)
    assert len(path.read_text().splitlines()) == 40 * JUDGEMENTS
    context = DatasetContext(rubrics=load_project(ROOT).rubric_data())
    consensus = list(aggregate(read_items([str(path)], context), context, "auto"))
    assert len(consensus) == 40
    assert all(len(r["label"]["ranking"]) == 3 for r in consensus)


def test_the_many_quotes_benchmark_times_each_quote_rule_both_ways() -> None:
    from benchmarks.lint_many_quotes import RULES, measure, record

    rec = record("hallucination_detection", 40)
    quotes = [c["evidence"]["quote"] for c in rec["label"]["claims"]]
    assert len(set(quotes)) == 40  # distinct: no lookup may be answered from a memo
    assert sum(q in rec["item"]["sources"][0]["text"] for q in quotes) == 38
    rows = measure(40, runs=1)
    assert sorted(r["rule"] for r in rows) == sorted(c for codes in RULES.values() for c in codes)
    assert all(r["small_s"] > 0 and r["big_s"] > 0 and r["naive_s"] > 0 for r in rows)
