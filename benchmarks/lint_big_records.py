"""Benchmark: every task rule on records with thousands of entries (hostile or just big).

One 10 MB line can hold hundreds of thousands of spans, boxes, ranked ids or labels. A rule
that compares every pair of them takes hours on such a line and stalls a CI job; SPN003,
RNK003, CLS004 and TUL004 did (11 s, 4.5 s, 0.6 s and 0.8 s on one record of 6,000 entries).
This benchmark takes every rubric's worked examples, repeats each list in the item and the
label up to ``N`` and ``8 N`` entries (long strings grow too), and times each rule of the
rubric on both, measured in the same run:

1. growth, the time at ``8 N`` over the time at ``N``: linear work grows 8x, ``n log n``
   about 10x, every pair 64x; the caches add up to half again on big records (linear rules
   measured up to 14x here). Target: at most 32x for every rule that takes at least 5 ms
   at ``8 N`` (below that, fixed costs and timer noise decide the ratio);
2. each rule's time against orjson parsing the same record, for scale: reported.

Run: ``python -m benchmarks lint_big_records [--entries 750]``.
"""

from __future__ import annotations

import argparse
import copy
import gc
import sys
import time
from typing import Any

import orjson

from benchmarks import verdict
from benchmarks.lint_throughput import ROOT

TARGET_GROWTH = 32.0
SCALE = 8  # the big record has SCALE times the entries of the small one
MEASURED_FROM_S = 0.005
LONG_TEXT = 20  # strings longer than this are repeated too (offsets, edits, OCR)


def grown(node: Any, entries: int, *, inside_list: bool = False) -> Any:
    """``node`` with every outermost non-empty list repeated to ``entries`` entries (lists
    inside them keep their length: nested growth would be ``entries`` squared) and long
    strings repeated ``entries // 40`` times."""
    if isinstance(node, list):
        if inside_list:
            return copy.deepcopy(node)
        items = [grown(x, entries, inside_list=True) for x in node]
        if not items:
            return items
        return [copy.deepcopy(items[i % len(items)]) for i in range(entries)]
    if isinstance(node, dict):
        return {key: grown(value, entries, inside_list=inside_list) for key, value in node.items()}
    if isinstance(node, str) and len(node) > LONG_TEXT and not inside_list:
        return node * max(1, entries // 40)
    return node


def _best_of(runs: int, work: Any) -> float:
    """The best of ``runs`` timings, with the cyclic GC off as the linter runs its rules
    (a collection landing in one timing made a linear rule look quadratic)."""
    best = float("inf")
    gc.disable()
    try:
        for _ in range(runs):
            started = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - started)
    finally:
        gc.enable()
    return best


def measure(entries: int, runs: int = 3) -> list[dict[str, Any]]:
    """Per rubric, worked example and rule: seconds at ``entries`` and ``SCALE * entries``."""
    from validate.lint.compiled import compile_rubric, load_project
    from validate.lint_cli import example_records
    from validate.rules.registry import RULES
    from validate.selection import RuleSelection
    from validate.source_check import RuleSettings

    spec = load_project(ROOT)
    selection, settings = RuleSelection.build(RULES), RuleSettings()
    rows = []
    for rubric_id in sorted(spec.rubrics):
        compiled = compile_rubric(spec.rubrics[rubric_id], RULES, selection, settings)
        for record in example_records(spec.rubrics[rubric_id].data, rubric_id):
            sizes = {}
            for size in (entries, SCALE * entries):
                big = {**record, "item": grown(record.get("item"), size)}
                big["label"] = grown(record["label"], size)
                line = orjson.dumps(big)
                sizes[size] = (big, _best_of(runs, lambda line=line: orjson.loads(line)))
            for run in compiled.record_rules:
                times = []
                for size in (entries, SCALE * entries):
                    big, _ = sizes[size]
                    times.append(
                        _best_of(
                            runs,
                            lambda big=big, run=run, compiled=compiled: list(
                                run.check(big, compiled, run.options) or ()
                            ),
                        )
                    )
                rows.append(
                    {
                        "rubric": rubric_id,
                        "example": record["id"],
                        "rule": run.code,
                        "small_s": times[0],
                        "big_s": times[1],
                        "parse_s": sizes[SCALE * entries][1],
                    }
                )
    return rows


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lint_big_records")
    parser.add_argument("--entries", type=int, default=750, help="N: entries per list")
    parser.add_argument("--runs", type=int, default=3, help="best of this many timings")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    rows = measure(args.entries, args.runs)
    measured = [r for r in rows if r["big_s"] >= MEASURED_FROM_S]
    for row in measured:
        row["growth"] = row["big_s"] / max(row["small_s"], 1e-9)
    slowest = sorted(rows, key=lambda r: -r["big_s"])[:12]
    print(
        f"{len(rows)} rule runs on {len({r['example'] for r in rows})} worked examples grown to "
        f"{args.entries:,} and {SCALE * args.entries:,} entries a list; slowest at "
        f"{SCALE * args.entries:,}:"
    )
    for row in slowest:
        growth = f"{row['growth']:5.1f}x" if "growth" in row else "    - "
        print(
            f"  {row['rule']}  {row['rubric']:<26s} {row['big_s'] * 1000:8.1f} ms  "
            f"growth {growth}  {row['big_s'] / row['parse_s']:6.1f}x its parse"
        )
    worst = max(measured, key=lambda r: r["growth"], default=None)
    ok = worst is None or worst["growth"] <= TARGET_GROWTH
    if worst is not None:
        print(
            f"worst growth for {SCALE}x the entries: {worst['growth']:.1f}x ({worst['rule']} on "
            f"{worst['example']}); target <= {TARGET_GROWTH:g}x for rules taking "
            f">= {MEASURED_FROM_S * 1000:g} ms: {verdict(ok)}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
