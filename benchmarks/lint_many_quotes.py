"""Benchmark: quote checks on one record with many distinct quotes over a long text.

HAL004 (evidence quotes), CIT004 (citation quotes), EDT002 and EDT003 (an edit's before and
after texts), REF001 (the answer text a source supports) and SPN002's hint search a text
once per quote. ``lint_big_records`` repeats its worked examples' quotes, which the rules
look up once; here every quote is distinct and the text grows with them, so a search per
quote is quotes x text: 64x the work for 8x the record. Above a budget the rules search
through a suffix array instead (``validate/rules/text_search.py``). Measured in the same
run, on records of ``N`` and ``8 N`` quotes:

1. growth, each rule's time at ``8 N`` over its time at ``N``: target at most 32x, as in
   ``lint_big_records`` (a linear rule grows about 8x, one search per quote 64x);
2. the same rule at ``8 N`` with the suffix array turned off (one ``str.find`` per quote),
   over its time with it: reported, the speed-up the index brings.

Run: ``python -m benchmarks lint_many_quotes [--quotes 4000]``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from benchmarks import verdict
from benchmarks.lint_big_records import SCALE, TARGET_GROWTH, _best_of
from benchmarks.lint_throughput import ROOT

RULES = {
    "hallucination_detection": ["HAL004", "SPN002"],
    "citation_verification": ["CIT004"],
    "output_editing": ["EDT002", "EDT003"],
    "reference_answer": ["REF001"],
}


def _words(count: int) -> list[str]:
    return [f"w{i}x{i * 7919 % 10007}" for i in range(count)]


def record(rubric: str, quotes: int) -> dict[str, Any]:
    """A record of ``rubric`` with ``quotes`` distinct quotes (one in 20 missing from the
    source, and every claim's span text wrong, so SPN002 searches for it) over a source of
    about 40 characters per quote."""
    source = " ".join(_words(4 * quotes))
    words = _words(4 * quotes)
    wanted = [
        " ".join(words[4 * i : 4 * i + 2]) if i % 20 else f"absent {i}" for i in range(quotes)
    ]
    if rubric == "output_editing":
        changes = [
            {"category": "style", "before": q, "after": q[::-1], "reason": "r"} for q in wanted
        ]
        return {
            "id": "r1",
            "rubric": rubric,
            "item": {"prompt": "Edit this.", "original": source},
            "label": {"edited": source[::-1] + ".", "changes": changes},
        }
    if rubric == "reference_answer":
        cited = [{"id": "s1", "supports": q} for q in wanted]
        return {
            "id": "r1",
            "rubric": rubric,
            "item": {"prompt": "Answer.", "sources": [{"id": "s1", "text": source}]},
            "label": {"answer": source + " [s1]", "sources": cited},
        }
    if rubric == "citation_verification":
        citations = [{"source_id": "s1", "supports": "full", "evidence_quote": q} for q in wanted]
        return {
            "id": "r1",
            "rubric": rubric,
            "item": {"response": "An answer [1].", "sources": [{"id": "s1", "text": source}]},
            "label": {"citations": citations},
        }
    claims = [
        {
            "start": 0,
            "end": 9,
            "text": q,
            "verdict": "supported",
            "evidence": {"source_id": "s1", "quote": q},
        }
        for q in wanted
    ]
    return {
        "id": "r1",
        "rubric": rubric,
        "item": {"response": "An answer " + source, "sources": [{"id": "s1", "text": source}]},
        "label": {"claims": claims},
    }


def measure(quotes: int, runs: int) -> list[dict[str, Any]]:
    """Seconds per rule at ``quotes`` and ``SCALE * quotes``, and at the latter unindexed."""
    from validate.lint.compiled import compile_rubric, load_project
    from validate.rules import text_search
    from validate.rules.registry import RULES as REGISTRY
    from validate.selection import RuleSelection
    from validate.source_check import RuleSettings

    spec = load_project(ROOT)
    selection, settings = RuleSelection.build(REGISTRY), RuleSettings()
    rows = []
    budget = text_search.NAIVE_BUDGET
    for rubric, codes in RULES.items():
        compiled = compile_rubric(spec.rubrics[rubric], REGISTRY, selection, settings)
        small, big = record(rubric, quotes), record(rubric, SCALE * quotes)
        for run in compiled.record_rules:
            if run.code not in codes:
                continue

            def timed(
                rec: dict[str, Any], times: int = runs, run: Any = run, compiled: Any = compiled
            ) -> float:
                return _best_of(times, lambda: list(run.check(rec, compiled, run.options) or ()))

            row = {"rule": run.code, "small_s": timed(small), "big_s": timed(big)}
            text_search.NAIVE_BUDGET = 10**18  # every search a str.find
            try:
                row["naive_s"] = timed(big, 1)  # seconds each: once is enough
            finally:
                text_search.NAIVE_BUDGET = budget
            rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lint_many_quotes")
    parser.add_argument("--quotes", type=int, default=4000, help="N: distinct quotes")
    parser.add_argument("--runs", type=int, default=3, help="best of this many timings")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    rows = measure(args.quotes, args.runs)
    ok = True
    print(f"one record of {args.quotes:,} and {SCALE * args.quotes:,} distinct quotes:")
    for row in rows:
        growth = row["big_s"] / max(row["small_s"], 1e-9)
        ok = ok and growth <= TARGET_GROWTH
        print(
            f"  {row['rule']}  {row['big_s'] * 1000:8.1f} ms at {SCALE * args.quotes:,}  "
            f"growth {growth:5.1f}x (target <= {TARGET_GROWTH:g}x)  "
            f"one str.find per quote: {row['naive_s'] / row['big_s']:6.1f}x slower"
        )
    print(f"quote checks grow at most {TARGET_GROWTH:g}x for {SCALE}x the quotes: {verdict(ok)}")
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
