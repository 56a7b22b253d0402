"""Real crowdsourced data (AdultContent2: 92,721 labels, 825 workers, gold): ``rubricate
report`` numbers checked against an independent plain-Python computation."""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import krippendorff
import numpy as np
from click.testing import CliRunner

import validate.lint_cli  # noqa: F401  (registers report)
from tests.paths import require_shared
from tests.report.adultcontent import (
    CATEGORIES,
    DATA,
    convert,
    read_gold,
    read_labels,
    write_project,
)
from validate.cli import cli


def test_report_on_adultcontent(tmp_path: Path) -> None:
    require_shared(DATA / "labels.txt")
    root = write_project(tmp_path / "project")
    labels, gold = convert(tmp_path)
    out = tmp_path / "report.json"
    started = time.perf_counter()
    res = CliRunner().invoke(
        cli, ["report", str(labels), "--gold", str(gold), "--root", str(root), "-o", str(out)]
    )
    elapsed = time.perf_counter() - started
    print(f"\nrubricate report on AdultContent2: {elapsed:.1f} s")
    assert res.exit_code == 0, res.output
    assert elapsed < 30
    rubric = json.loads(out.read_text())["rubrics"][0]

    rows = read_labels()
    gold_labels = read_gold()
    # Independent: per-worker gold accuracy over every judgement of a gold url.
    correct: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for worker, url, label in rows:
        if url in gold_labels:
            total[worker] += 1
            correct[worker] += label == gold_labels[url]
    got = {a["id"]: a for a in rubric["annotators"]}
    assert len(got) == 825
    for worker in total:
        assert got[worker]["gold_correct"] == correct[worker], worker
        assert got[worker]["gold_total"] == total[worker], worker
    assert rubric["gold"]["items"] == 333
    assert rubric["gold"]["total"] == sum(total.values())

    # Independent: nominal alpha with the krippendorff package; contradictory repeated cells
    # are missing (as in the report), identical repeats count once.
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    for worker, url, label in rows:
        cells[(worker, url)].add(label)
    workers = sorted({w for w, _ in cells})
    urls = sorted({u for _, u in cells})
    w_ix = {w: i for i, w in enumerate(workers)}
    u_ix = {u: i for i, u in enumerate(urls)}
    matrix = np.full((len(workers), len(urls)), np.nan)
    for (worker, url), values in cells.items():
        if len(values) == 1:
            matrix[w_ix[worker], u_ix[url]] = CATEGORIES.index(next(iter(values)))
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    (agreement,) = rubric["agreement"]
    assert abs(agreement["alpha"] - expected) < 1e-4
    low, high = agreement["alpha_ci95"]
    assert low < agreement["alpha"] < high

    # The dataset's documented quirk: 149 self-contradicting (worker, url) cells.
    contradictions = sum(1 for values in cells.values() if len(values) > 1)
    assert contradictions == 149 == rubric["self_contradictions"]
