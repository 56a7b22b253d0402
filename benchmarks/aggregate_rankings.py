"""Benchmark: ``rubricate aggregate`` on ranked items (a Bradley-Terry fit per item).

Fitting each ranked item on its own spent numpy's call overhead on 3 x 3 arrays a hundred
times per item: 10 ms an item, 337 s for 160k Likert and ranking records. The fits now run
together (``bradley_terry_many``). Holding each item's payload as ``orjson.dumps`` bytes cost
4 KiB an item whatever its length (orjson's buffer is not shrunk); it is now a right-sized
copy. Measured in the same run:

1. ``aggregate`` in process (CPU, the GC paused as the command pauses it) / orjson
   parse-only of the same file: at most 100x (the rest of ``aggregate`` is per-record
   Python; one fit per item adds about 2,000x);
2. the fits of every item together against one fit at a time (on a sample, extrapolated):
   at least 20x faster;
3. peak RSS of ``rubricate aggregate`` (a subprocess) above the same command on a one-record
   file, per item (three judgements and a ~300-byte payload each): at most 3 KiB (the
   untrimmed payloads alone added 4 KiB).

Run: ``python -m benchmarks aggregate_rankings [--items 20000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import orjson

from benchmarks import verdict
from benchmarks.lint_throughput import DATA, ROOT, parse_only, rubricate_subprocess
from validate.gc_pause import paused_gc

TARGET_PARSE_RATIO = 100.0
TARGET_BATCH_SPEEDUP = 20.0
TARGET_KIB_PER_ITEM = 3.0
JUDGEMENTS = 3
SAMPLE = 300  # items fitted one at a time for the baseline


def generate(path: Path, items: int, seed: int = 20261128) -> None:
    """``JUDGEMENTS`` rankings of three responses per item, mostly agreeing; every record
    carries its item (a prompt and three responses, as exported ranking tasks do)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        for i in range(items):
            truth = rng.sample(["a", "b", "c"], 3)
            item = {
                "prompt": f"Question {i}: which answer explains the result best?",
                "responses": [
                    {"id": rid, "text": f"Answer {rid} to question {i}. " + "Detail. " * 8}
                    for rid in ("a", "b", "c")
                ],
            }
            for j in range(JUDGEMENTS):
                ranking = truth if rng.random() < 0.7 else rng.sample(truth, 3)
                record = {
                    "id": f"r{i}-{j}",
                    "rubric": "response_ranking",
                    "item_id": f"item-{i}",
                    "annotator_id": f"ann-{rng.randrange(20)}",
                    "item": item,
                    "label": {"ranking": ranking},
                }
                out.write(orjson.dumps(record) + b"\n")


def _aggregate_cpu(path: Path) -> float:
    from validate.aggregate_cli import aggregate, read_items
    from validate.lint.compiled import load_project
    from validate.rules.dataset.gates import DatasetContext

    started = time.process_time()
    context = DatasetContext(rubrics=load_project(ROOT).rubric_data())
    with paused_gc():
        for _ in aggregate(read_items([str(path)], context), context, "auto"):
            pass
    return time.process_time() - started


def _kib_per_item(path: Path, items: int) -> float:
    """Peak RSS of ``rubricate aggregate`` on ``path`` above its floor, per item (KiB)."""
    with open(path, "rb") as f:
        first = f.readline()
    one = path.with_name(path.stem + "-one.jsonl")
    one.write_bytes(first)
    try:
        _, floor = rubricate_subprocess(["aggregate", str(one)])
    finally:
        one.unlink()
    _, peak = rubricate_subprocess(["aggregate", str(path)])
    return (peak - floor) * 1024 / items


def _fits_cpu(path: Path) -> tuple[float, float]:
    """CPU seconds to fit every item together, and one at a time (sample, extrapolated)."""
    from validate.rules.dataset.profile import ranking_pairs
    from validate.stats.aggregate import bradley_terry, bradley_terry_many

    problems: dict[str, list[tuple[str, str, str]]] = {}
    with open(path, "rb") as f:
        for line in f:
            record = orjson.loads(line)
            pairs = ranking_pairs(tuple(record["label"]["ranking"]))
            problems.setdefault(record["item_id"], []).extend(
                (a, b, "a" if above else "b") for a, b, above in pairs
            )
    every = list(problems.values())
    started = time.process_time()
    bradley_terry_many(every, prior=0.1)
    together = time.process_time() - started
    started = time.process_time()
    for rows in every[:SAMPLE]:
        bradley_terry(rows, prior=0.1)
    alone = (time.process_time() - started) * len(every) / min(SAMPLE, len(every))
    return together, alone


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.aggregate_rankings")
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    path = DATA / f"rankings-{args.items}x{JUDGEMENTS}-v2.jsonl"  # v2: items carry payloads
    if not path.exists():
        generate(path, args.items)
    ratios, speedups, alones = [], [], []
    for _ in range(args.rounds):
        _wall, parse_cpu = parse_only(path)
        ratios.append(_aggregate_cpu(path) / parse_cpu)
        together, alone = _fits_cpu(path)
        speedups.append(alone / together)
        alones.append(alone / parse_cpu)
    ratio, speedup = statistics.median(ratios), statistics.median(speedups)
    ratio_ok, speedup_ok = ratio <= TARGET_PARSE_RATIO, speedup >= TARGET_BATCH_SPEEDUP
    per_item = _kib_per_item(path, args.items)
    memory_ok = per_item <= TARGET_KIB_PER_ITEM
    print(f"{args.items:,} ranked items x {JUDGEMENTS} judgements (CPU, median of {args.rounds}):")
    print(
        f"  {verdict(ratio_ok)}  aggregate / orjson parse-only  {ratio:6.1f}x  "
        f"target <= {TARGET_PARSE_RATIO:g}x"
    )
    print(
        f"  {verdict(speedup_ok)}  fits together vs one at a time {speedup:6.1f}x  "
        f"target >= {TARGET_BATCH_SPEEDUP:g}x (one at a time alone would add "
        f"{statistics.median(alones):,.0f}x the parse)"
    )
    print(
        f"  {verdict(memory_ok)}  peak RSS per item              {per_item:6.2f} KiB "
        f"target <= {TARGET_KIB_PER_ITEM:g} KiB (above the one-record run)"
    )
    return ratio_ok and speedup_ok and memory_ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
