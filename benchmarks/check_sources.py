"""Benchmark: ``rubricate check`` on the shipped sources.

Target: well under a second for the whole corpus. The baseline, measured in the same run, is
the fastest possible parse of the same files (PyYAML's C ``safe_load``, no positions, no
validation), so the ratio shows what positions, schemas and cross-reference rules cost.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from benchmarks import verdict
from validate.catalog import discover, load_catalog
from validate.rules.registry import RULES
from validate.selection import RuleSelection
from validate.source_check import check_catalog

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 1.0


def _median_seconds(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(rounds: int = 7) -> bool:
    """Run the benchmark, print the figures, return True when the target is met."""
    paths = [path for _, path in discover(ROOT)]
    selection = RuleSelection.build(RULES)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def baseline() -> None:
        for path in paths:
            yaml.load(path.read_bytes(), Loader=loader)

    def full_check() -> None:
        check_catalog(load_catalog(ROOT), RULES, selection)

    full_check()  # warm caches: schemas compiled once per process, as in a real run
    base = _median_seconds(baseline, rounds)
    check = _median_seconds(full_check, rounds)
    ok = check < TARGET_SECONDS
    print(f"check_sources: {len(paths)} source files, median of {rounds} rounds")
    print(f"  baseline C safe_load only : {base * 1000:8.1f} ms")
    print(f"  rubricate check (all rules): {check * 1000:8.1f} ms  ({check / base:.1f}x baseline)")
    print(f"  target < {TARGET_SECONDS:.1f} s: {verdict(ok)}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
