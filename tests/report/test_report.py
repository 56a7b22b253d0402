"""``rubricate report`` and ``rubricate aggregate`` on generated data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import validate.lint_cli  # noqa: F401  (registers report and aggregate)
from tests.dataset.conftest import project  # noqa: F401  (fixture)
from tests.dataset.generate import likert_records, write_jsonl
from validate.cli import cli

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_report_json_and_html(project: Path, tmp_path: Path) -> None:  # noqa: F811
    records = likert_records(items=60, seed=5)
    for r in records:
        if r.get("annotator_id") == "ann-2":
            r["annotator_id"] = "<script>alert(1)</script>"
    data = write_jsonl(tmp_path / "d.jsonl", records)
    out = tmp_path / "r.json"
    res = _run("report", str(data), "--root", str(project), "-o", str(out), "--bootstrap", "200")
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text())
    rubric = report["rubrics"][0]
    assert rubric["id"] == "likert_rating" and report["gates_failed"] is True
    dims = {a["dimension"]: a for a in rubric["agreement"]}
    assert set(dims) == {"helpfulness", "correctness", "coherence", "honesty"}
    low, high = dims["helpfulness"]["alpha_ci95"]
    assert low <= dims["helpfulness"]["alpha"] <= high
    worst = rubric["annotators"][0]
    assert worst["flags"] and {
        "records",
        "gold_accuracy",
        "consensus_agreement",
        "median_s",
    } <= set(worst)
    assert rubric["gold"]["confusion"]["helpfulness"]["matrix"]
    html = tmp_path / "r.html"
    res = _run("report", str(data), "--root", str(project), "-o", str(html), "--fail-on-gates")
    assert res.exit_code == 1, res.output
    page = html.read_text()
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<svg" in page and "@media print" in page and "http" not in page.split("<body>")[0]


def test_report_format_from_the_output_name(project: Path, tmp_path: Path) -> None:  # noqa: F811
    data = write_jsonl(tmp_path / "d.jsonl", likert_records(items=10, seed=1))
    base = ["report", str(data), "--root", str(project), "--bootstrap", "0"]
    for name, start in [("r.JSON", "{"), ("r.htm", "<!doctype html>"), ("r", "<!doctype html>")]:
        res = _run(*base, "-o", str(tmp_path / name))
        assert res.exit_code == 0, res.output
        assert (tmp_path / name).read_text().startswith(start)
    res = _run(*base, "-o", str(tmp_path / "r.pdf"))
    assert res.exit_code == 2 and "cannot tell the report format from '.pdf'" in res.output
    assert not (tmp_path / "r.pdf").exists()
    res = _run(*base, "-o", str(tmp_path / "r.pdf"), "--format", "html")
    assert res.exit_code == 0 and (tmp_path / "r.pdf").read_text().startswith("<!doctype html>")


def test_report_jobs_and_ocr_rates(tmp_path: Path) -> None:
    """Read by two processes (files and byte ranges), the report is the one process's, OCR
    error rates included."""
    import shutil

    from validate.rules.ocr.error_rate import cer, wer

    root = tmp_path / "project"
    (root / "rubrics").mkdir(parents=True)
    for name in ("likert_rating", "ocr_correction"):
        shutil.copy(REPO / "rubrics" / f"{name}.yaml", root / "rubrics" / f"{name}.yaml")
    pairs = [("Tbe rnill was bui1t", "The mill was built"), ("same text", "same text")]
    ocr = [
        {
            "id": f"o{i}",
            "rubric": "ocr_correction",
            "item_id": f"page-{i}",
            "annotator_id": "ann-1",
            "item": {"ocr_text": raw},
            "label": {"corrected_text": fixed, "errors": []},
        }
        for i, (raw, fixed) in enumerate(pairs)
    ]
    records = likert_records(items=150, seed=7)
    data = tmp_path / "data"
    data.mkdir()
    write_jsonl(data / "a.jsonl", records[:200] + ocr[:1])
    write_jsonl(data / "b.jsonl", records[200:] + ocr[1:])
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        res = _run("report", str(data), "--root", str(root), "-o", str(out), "-j", jobs)
        assert res.exit_code == 0, res.output
        report = json.loads(out.read_text())
        report.pop("elapsed_s")
        reports.append(report)
    assert reports[0] == reports[1]
    assert reports[0]["records"] == len(records) + 2
    (entry,) = [r for r in reports[0]["rubrics"] if r["id"] == "ocr_correction"]
    assert entry["ocr"] == {
        "records": 2,
        "mean_cer": round(sum(cer(a, b) for a, b in pairs) / 2, 4),
        "mean_wer": round(sum(wer(a, b) for a, b in pairs) / 2, 4),
    }
    assert entry["ocr"]["mean_cer"] > 0


def test_report_survives_out_of_range_numbers(project: Path, tmp_path: Path) -> None:  # noqa: F811
    """1e308 is an integral float: read as an int it has 309 digits, which the JSON writer
    refused (the fuzz found it). It stays a float, as written; LKT001 reports the score."""
    records = likert_records(items=20, seed=2)
    first, second = [r for r in records if not r.get("gold")][:2]  # gold is counted apart
    first["label"]["scores"]["helpfulness"] = 1e308
    second["label"]["scores"]["honesty"] = -1e300
    data = write_jsonl(tmp_path / "d.jsonl", records)
    out = tmp_path / "r.json"
    res = _run("report", str(data), "--root", str(project), "-o", str(out), "--bootstrap", "0")
    assert res.exit_code == 0, res.output
    values = {
        row["value"]
        for rubric in json.loads(out.read_text())["rubrics"]
        for dim in rubric["distributions"].values()
        for row in dim
    }
    assert {1e308, -1e300} <= values


def test_report_usage_errors(project: Path, tmp_path: Path) -> None:  # noqa: F811
    res = _run("report", str(tmp_path / "none.jsonl"), "--root", str(project))
    assert res.exit_code == 2


def test_aggregate_lints_clean(project: Path, tmp_path: Path) -> None:  # noqa: F811
    data = write_jsonl(tmp_path / "d.jsonl", likert_records(items=40, seed=6))
    out = tmp_path / "c.jsonl"
    for method in ("majority", "dawid-skene", "auto"):
        res = _run(
            "aggregate", str(data), "--root", str(project), "-o", str(out), "--method", method
        )
        assert res.exit_code == 0, res.output
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        assert len(rows) == 40
        assert rows[0]["annotator_id"] == "consensus" and rows[0]["id"].startswith("consensus-")
        assert rows[0]["meta"]["aggregation"]["votes"]["helpfulness"]
        lint = _run("lint", str(out), "--root", str(project))
        assert lint.exit_code == 0, lint.output


def test_aggregate_ranking_bradley_terry(project: Path, tmp_path: Path) -> None:  # noqa: F811
    item = {"prompt": "p", "responses": [{"id": x, "text": x} for x in "abc"]}
    rankings = [["a", "b", "c"], ["a", "c", "b"], ["b", "a", "c"]]
    records = [
        {
            "id": f"r{i}",
            "rubric": "response_ranking",
            "item_id": "q1",
            "annotator_id": f"ann-{i}",
            "item": item,
            "label": {"ranking": r},
        }
        for i, r in enumerate(rankings)
    ]
    data = write_jsonl(tmp_path / "rk.jsonl", records)
    res = _run("aggregate", str(data), "--root", str(project))
    assert res.exit_code == 0, res.output
    row = json.loads(res.output.splitlines()[0])
    assert row["label"]["ranking"] == ["a", "b", "c"]


def test_aggregate_unsupported(project: Path, tmp_path: Path) -> None:  # noqa: F811
    rec = {
        "id": "b1",
        "rubric": "bounding_box",
        "item_id": "img",
        "annotator_id": "a",
        "item": {"image": {"width": 10, "height": 10}},
        "label": {"boxes": [{"category": "car", "bbox": [0, 0, 5, 5]}]},
    }
    likert = likert_records(items=2, per_item=3)
    data = write_jsonl(tmp_path / "b.jsonl", [*likert, rec, *likert])
    res = _run("aggregate", str(data), "--root", str(project))
    assert res.exit_code == 2 and "not supported for rubric 'bounding_box'" in res.output
    # refused at the first such record, which the message names
    assert f"{data}:{len(likert) + 1}: aggregate is not supported" in res.output


def test_aggregate_records_without_annotator_are_each_their_own(
    project: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Two files, each with an anonymous judgement of one item on line 1: two annotators."""
    record = {
        "rubric": "likert_rating",
        "item_id": "i1",
        "label": {"scores": {"helpfulness": 4, "correctness": 4, "coherence": 3, "honesty": 4}},
    }
    first = write_jsonl(tmp_path / "a.jsonl", [{**record, "id": "a1"}])
    second = write_jsonl(tmp_path / "b.jsonl", [{**record, "id": "b1"}])
    out = tmp_path / "c.jsonl"
    res = _run("aggregate", str(first), str(second), "--root", str(project), "-o", str(out))
    assert res.exit_code == 0, res.output
    (consensus,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert consensus["meta"]["aggregation"]["annotators"] == [f"@{first}:1", f"@{second}:1"]


def test_aggregate_pairwise_bradley_terry_ordering_per_prompt(
    project: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    def pair(first: str, second: str) -> dict:
        return {
            "prompt_id": "p1",
            "prompt": "Explain tides.",
            "responses": [
                {"id": "a", "response_id": first, "text": f"answer {first}"},
                {"id": "b", "response_id": second, "text": f"answer {second}"},
            ],
        }

    # r1 beats r2 (2 of 3), r2 beats r3 (3 of 3), r1 beats r3 (2 of 3): order r1 > r2 > r3.
    votes = {("r1", "r2"): "aab", ("r2", "r3"): "aaa", ("r1", "r3"): "aba"}
    records = []
    for (first, second), choices in votes.items():
        for n, choice in enumerate(choices):
            records.append(
                {
                    "id": f"{first}-{second}-{n}",
                    "rubric": "rlhf_preference",
                    "item_id": f"{first}-{second}",
                    "annotator_id": f"ann-{n}",
                    "item": pair(first, second),
                    "label": {
                        "preference": choice,
                        "strength": 1,
                        "dimensions": {"helpful": choice, "honest": "tie", "harmless": "tie"},
                    },
                }
            )
    data = write_jsonl(tmp_path / "pairs.jsonl", records)
    res = _run("aggregate", str(data), "--root", str(project))
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert len(rows) == 3
    for row in rows:
        ordering = row["meta"]["aggregation"]["prompt_ordering"]
        assert ordering["ordering"] == ["r1", "r2", "r3"]
        assert ordering["comparisons"] == 9
    by_item = {row["item_id"]: row["label"]["preference"] for row in rows}
    assert by_item == {"r1-r2": "a", "r2-r3": "a", "r1-r3": "a"}


def test_aggregate_says_what_it_skipped(project: Path, tmp_path: Path) -> None:  # noqa: F811
    good = likert_records(items=5, seed=3)
    bad = {"id": "x1", "rubric": "no_such_rubric", "item_id": "i", "label": {"scores": {}}}
    data = write_jsonl(tmp_path / "mixed.jsonl", [*good, bad])
    res = _run("aggregate", str(data), "--root", str(project))
    assert res.exit_code == 1
    assert f"{data}:{len(good) + 1}:1: skipped: unknown rubric 'no_such_rubric'" in res.output


def test_aggregate_skips_labels_that_fail_the_schema(project: Path, tmp_path: Path) -> None:  # noqa: F811
    """A score off the scale would be counted as a vote and the consensus fail LBL009."""
    good = likert_records(items=3, seed=3)
    votes = [r for r in good if not r.get("gold")]
    bad = {**votes[0], "id": "x1", "annotator_id": "ann-x"}
    bad["label"] = {**bad["label"], "scores": {**bad["label"]["scores"], "helpfulness": 9}}
    data = write_jsonl(tmp_path / "mixed.jsonl", [*good, bad])
    out = tmp_path / "c.jsonl"
    res = _run("aggregate", str(data), "--root", str(project), "-o", str(out))
    assert res.exit_code == 1, res.output
    assert (
        f"{data}:{len(good) + 1}:1: skipped: label that fails the label schema of rubric "
        "'likert_rating' (first at /scores/helpfulness)" in res.output
    )
    rows = {r["item_id"]: r for r in map(json.loads, out.read_text().splitlines())}
    votes_cast = rows[bad["item_id"]]["meta"]["aggregation"]["votes"]["helpfulness"]
    assert "9" not in json.dumps(votes_cast) and len(rows) == 3
    lint = _run("lint", str(out), "--root", str(project))
    assert lint.exit_code == 0, lint.output


def test_aggregate_keeps_item_payloads_exactly() -> None:
    """Held as compact JSON until written; what orjson cannot write is held as it is."""
    from validate.aggregate_cli import _Item

    payload = {"prompt": "ß ✓", "responses": [{"id": "a", "n": 1.5}], "none": None}
    assert _Item.of(payload).payload() == payload
    assert isinstance(_Item.of(payload).item, bytes)
    wide = {"n": 10**30}
    assert _Item.of(wide).payload() == wide
    assert _Item.of(None).payload() is None


def test_aggregate_item_payloads_are_right_sized() -> None:
    """``orjson.dumps`` hands back a buffer of 4 KiB or more whatever the length; a payload
    held per item must cost about its length, not that buffer (it did: 4 KiB per item)."""
    import tracemalloc

    from validate.aggregate_cli import _Item

    payloads = [{"prompt": f"question {i}", "response": "x" * 200} for i in range(500)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = [_Item.of(p) for p in payloads]
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    size = sum(len(h.item) for h in held)
    assert grown < 3 * size, (grown, size)  # the bytes, the entries and their dicts


def test_aggregate_holds_one_copy_of_each_id_and_ranking(tmp_path: Path) -> None:
    """Every judgement is held until the end: equal annotator ids and rankings are one object
    each, while answers that are equal keys but different values stay apart."""
    from collections import Counter

    from validate.aggregate_cli import _sharing, read_items
    from validate.lint.compiled import load_project
    from validate.rules.dataset.gates import DatasetContext

    shared = _sharing()
    assert shared(True) is True and shared(1) == 1 and shared(1).__class__ is int
    assert shared(("a", 1)) == ("a", 1)
    assert shared("".join(["ann", "-1"])) is shared("ann-1")

    records = [
        {
            "id": f"r{i}",
            "rubric": "response_ranking",
            "item_id": f"item-{i // 2}",
            "annotator_id": "ann-1" if i % 2 else "ann-2",
            "label": {"ranking": ["b", "a"]},
        }
        for i in range(6)
    ]
    data = tmp_path / "r.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    context = DatasetContext(rubrics=load_project(REPO).rubric_data())
    items = read_items([str(data)], context, Counter())
    judgements = [j for entry in items.values() for j in entry.judgements]
    assert len(judgements) == 6
    assert len({id(a) for a, _ in judgements}) == 2  # two annotators, two strings
    assert len({id(values[0]) for _, values in judgements}) == 1  # one ranking


def test_report_and_aggregate_run_with_the_cyclic_gc_paused(
    project: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both hold every judgement until the end; the GC's rescans of them cost a tenth of a
    report and a third of an aggregate run. It is back on afterwards."""
    import gc

    import validate.aggregate_cli as aggregate_cli
    import validate.report.collect as collect

    seen: list[bool] = []
    real_collect, real_read = collect._collect, aggregate_cli.read_items

    def spy_collect(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_collect(*args, **kwargs)  # type: ignore[arg-type]

    def spy_read(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(collect, "_collect", spy_collect)
    monkeypatch.setattr(aggregate_cli, "read_items", spy_read)
    data = write_jsonl(tmp_path / "d.jsonl", likert_records(items=10, seed=3))
    out = tmp_path / "r.json"
    assert _run("report", str(data), "--root", str(project), "-o", str(out)).exit_code == 0
    res = _run("aggregate", str(data), "--root", str(project), "-o", str(tmp_path / "c.jsonl"))
    assert res.exit_code == 0, res.output
    assert seen == [False, False] and gc.isenabled()
