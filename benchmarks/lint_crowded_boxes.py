"""Benchmark: ``rubricate lint`` on crowded detection images (150 boxes a record).

COCO-style data holds images with 90 and more boxes (the TACO sample in ``shared/realdata``
has one with 90; shelf and crowd datasets have hundreds). Per-box work must stay linear:
comparing every pair of boxes (BOX004's near-duplicates) grows with their square, and took
four fifths of such a run before BOX004 swept the boxes instead. Measured in the same run:

1. lint (dataset rules on, CPU) / orjson parse-only of the same file: at most 25x (it was
   over 50x with every pair compared and every such record's depth walked value by value);
2. BOX004's sweep against comparing every pair, on the same boxes: reported.

Run: ``python -m benchmarks lint_crowded_boxes [--records 2000] [--boxes 150]``.
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
from benchmarks.lint_throughput import DATA, ROOT, parse_only

TARGET_PARSE_RATIO = 25.0
CATEGORIES = ["person", "bicycle", "car", "motorcycle", "bus"]


def generate(path: Path, records: int, boxes: int, seed: int = 20261127) -> None:
    """Two annotators' boxes per image, scattered over a 1920x1080 frame."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        for i in range(records):
            drawn = []
            for _ in range(boxes):
                w, h = rng.randint(10, 60), rng.randint(10, 60)
                xywh = [rng.randint(0, 1920 - w), rng.randint(0, 1080 - h), w, h]
                drawn.append({"category": rng.choice(CATEGORIES), "bbox": xywh})
            record = {
                "id": f"r{i}",
                "rubric": "bounding_box",
                "item_id": f"img-{i // 2}",
                "annotator_id": f"ann-{i % 2}",
                "item": {"image": {"width": 1920, "height": 1080}},
                "label": {"boxes": drawn},
            }
            out.write(orjson.dumps(record) + b"\n")


def _lint_cpu(path: Path) -> float:
    from validate.lint.engine import LintOptions, execute

    started = time.process_time()
    execute(LintOptions(files=[str(path)], root=ROOT))
    return time.process_time() - started


def _duplicate_search_cpu(path: Path) -> tuple[float, float]:
    """CPU seconds of BOX004's sweep and of comparing every pair, over the file's boxes."""
    from validate.rules.boxes import boxes
    from validate.rules.boxes.box_duplicate import every_pair, swept

    with open(path, "rb") as f:
        found = [[b for b in boxes(orjson.loads(line)) if b[2][2] > 0] for line in f]
    timings = []
    for search in (swept, every_pair):
        started = time.process_time()
        for record_boxes in found:
            search(record_boxes, 0.9)
        timings.append(time.process_time() - started)
    return timings[0], timings[1]


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lint_crowded_boxes")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--boxes", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    path = DATA / f"crowded-{args.records}x{args.boxes}.jsonl"
    if not path.exists():
        generate(path, args.records, args.boxes)
    ratios, sweeps, pairs = [], [], []
    for _ in range(args.rounds):
        _wall, parse_cpu = parse_only(path)
        ratios.append(_lint_cpu(path) / parse_cpu)
        sweep, every = _duplicate_search_cpu(path)
        sweeps.append(sweep)
        pairs.append(every)
    ratio = statistics.median(ratios)
    ok = ratio <= TARGET_PARSE_RATIO
    print(
        f"{args.records:,} images x {args.boxes} boxes: lint {ratio:.1f}x the orjson parse "
        f"(CPU, median of {args.rounds}; target <= {TARGET_PARSE_RATIO:g}x): "
        f"{verdict(ok)}"
    )
    sweep, every = statistics.median(sweeps), statistics.median(pairs)
    print(
        f"  BOX004 search: sweep {sweep:.2f} s, every pair {every:.2f} s "
        f"({every / sweep:.1f}x faster)"
    )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
