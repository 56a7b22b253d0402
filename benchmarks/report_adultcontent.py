"""Benchmark: ``rubricate report`` on AdultContent2 against a plain stats-package baseline.

The baseline computes the same headline numbers (per-worker gold accuracy, nominal alpha
with a 1000-resample bootstrap CI, self-contradictions) directly with
:mod:`validate.stats`, from the TSV files, with no envelope records, no rubric and no
rules; the report's cost above it is what the DST accumulators, the envelope JSONL parsing
and the rendering add. Run: ``.venv/bin/python benchmarks/report_adultcontent.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.report.adultcontent import convert, read_gold, read_labels, write_project
from validate.report.collect import ReportOptions, collect
from validate.report.html import render_html
from validate.stats.agreement import CodedJudgements, bootstrap_ci
from validate.stats.behaviour import SelfContradiction
from validate.stats.gold import GoldAccuracy


def baseline() -> dict[str, object]:
    """The same numbers straight from the stats package."""
    rows = read_labels()
    gold = read_gold()
    coded = CodedJudgements()
    accuracy = GoldAccuracy()
    contradictions = SelfContradiction()
    for worker, url, label in rows:
        coded.add(url, worker, label)
        contradictions.add(worker, url, label)
        accuracy.add(worker, url, label, gold.get(url))
    acc = coded.to_coincidence()
    return {
        "alpha": acc.alpha("nominal"),
        "ci": bootstrap_ci(acc, "nominal", n=1000),
        "workers_with_gold": len(accuracy.result()),
        "self_contradictions": len(contradictions.contradictions()),
    }


def main() -> None:
    """Time the baseline and the report (collect + HTML), and print both."""
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp) / "project")
        labels, gold = convert(Path(tmp))
        started = time.perf_counter()
        base = baseline()
        t_base = time.perf_counter() - started
        started = time.perf_counter()
        data = collect(ReportOptions(files=[str(labels)], root=root, gold=[str(gold)]))
        html = render_html(data)
        t_report = time.perf_counter() - started
    rubric = data.rubrics[0]
    print(
        f"baseline (stats package only): {t_base:6.2f} s  alpha {base['alpha']:.4f} "
        f"ci {base['ci']}  contradictions {base['self_contradictions']}"
    )
    print(
        f"rubricate report (collect+html): {t_report:6.2f} s  alpha "
        f"{rubric['agreement'][0]['alpha']:.4f} ci {rubric['agreement'][0]['alpha_ci95']}  "
        f"contradictions {rubric['self_contradictions']}  html {len(html) // 1024} KiB"
    )
    print(f"ratio: {t_report / t_base:.1f}x the baseline; target < 30 s")


if __name__ == "__main__":
    main()
