"""Benchmark: start-up of ``rubricate lint`` on a small file (a pre-commit hook, a CI step).

What a run of three records costs is almost all start-up: the interpreter, imports, reading
the rubrics the records name and compiling their validators. The baseline, measured in the
same run, is a bare interpreter importing what any lint run needs and nothing of ours (click,
orjson, PyYAML, jsonschema-rs, numpy): the ratio shows what Rubricate adds on top of its
dependencies. Target: at most 2x that floor.

Run: ``python -m benchmarks lint_startup [--rounds 11]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import verdict
from benchmarks.lint_throughput import _compile_bytecode, _rubricate

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 2.0
FLOOR_IMPORTS = "import click, orjson, yaml, jsonschema_rs, numpy"

RECORDS = [
    {
        "id": f"r{n}",
        "rubric": "likert_rating",
        "rubric_version": "1.0.0",
        "item_id": "item-1",
        "annotator_id": f"ann-{n}",
        "label": {
            "scores": {"helpfulness": 4, "correctness": 4, "coherence": 3, "honesty": 4},
            "rationale": "Accurate and complete.",
        },
    }
    for n in range(3)
]


def _seconds(cmd: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:3]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lint_startup")
    parser.add_argument("--rounds", type=int, default=11)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    _compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "three.jsonl"
        data.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), "utf-8")
        floor_cmd = [sys.executable, "-c", FLOOR_IMPORTS]
        lint_cmd = [*_rubricate(), "lint", str(data), "--root", str(ROOT)]
        _seconds(lint_cmd)  # warm the page cache
        floors, lints = [], []
        for _ in range(args.rounds):  # interleaved: the machine's speed drifts
            floors.append(_seconds(floor_cmd))
            lints.append(_seconds(lint_cmd))
    floor, lint = statistics.median(floors), statistics.median(lints)
    ratio = lint / floor
    ok = ratio <= TARGET_RATIO
    print(
        f"imports floor ({FLOOR_IMPORTS[7:]}): {floor * 1000:.0f} ms; "
        f"rubricate lint of 3 records: {lint * 1000:.0f} ms; "
        f"{ratio:.2f}x the floor (target <= {TARGET_RATIO:g}x): {verdict(ok)}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
