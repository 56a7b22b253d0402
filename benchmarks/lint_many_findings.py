"""Benchmark: reports with a finding on every record (a systematic error in a large export).

A wrong scale or version across a whole dataset gives one finding per record: the report
then grows with the data, and a SARIF or JSON log built as one structure needed 1.5 GB for
200,000 findings, more than a CI runner can spare at a million. Measured in the same run,
as subprocesses: peak RSS and wall time of ``rubricate lint --format F -o FILE`` for the
machine formats against ``--format text``, which holds nothing but the findings.

Target: every other format's peak RSS at most 1.25x text's. (JUnit sits above the others:
it lists a file's findings of one rule in one ``<failure>`` text, which is one string.)

Run: ``python -m benchmarks lint_many_findings [--records 200000]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import verdict
from benchmarks.lint_throughput import DATA, ROOT, _compile_bytecode, _rubricate

TARGET_RSS_RATIO = 1.25
FORMATS = ("text", "json", "sarif", "junit", "github")
LINE = (
    '{"id": "r%d", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 9, '
    '"correctness": 4, "coherence": 3, "honesty": 4}, "rationale": "fine"}}\n'
)


def _run(path: Path, fmt: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one lint writing ``fmt`` to a file."""
    time_bin = shutil.which("time") or "/usr/bin/time"
    if not os.path.exists(time_bin):
        raise RuntimeError("needs /usr/bin/time (Debian package 'time') to read peak RSS")
    with tempfile.TemporaryDirectory() as tmp:
        rss = Path(tmp) / "rss"
        cmd = [time_bin, "-f", "%M", "-o", str(rss), *_rubricate(), "lint", str(path)]
        cmd += ["--no-dataset", "--root", str(ROOT), "--format", fmt, "-o", f"{tmp}/out"]
        started = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
        if proc.returncode != 1:
            raise RuntimeError(f"lint --format {fmt} gave {proc.returncode}: {proc.stderr[-800:]}")
        return elapsed, int(rss.read_text().split()[-1]) / 1024


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lint_many_findings")
    parser.add_argument("--records", type=int, default=200_000)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    path = DATA / f"all-bad-{args.records}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(LINE % n for n in range(args.records)), "utf-8")
    _compile_bytecode()
    figures = {fmt: _run(path, fmt) for fmt in FORMATS}
    base_s, base_mb = figures["text"]
    ok = True
    print(f"{args.records:,} records, one finding each; against --format text:")
    for fmt, (seconds, mb) in figures.items():
        ratio = mb / base_mb
        target = ""
        if fmt != "text":
            passed = ratio <= TARGET_RSS_RATIO
            ok = ok and passed
            target = f"  target <= {TARGET_RSS_RATIO:g}x: {verdict(passed)}"
        print(
            f"  {fmt:7s} {seconds:6.2f} s ({seconds / base_s:.2f}x)  "
            f"peak {mb:7.1f} MB ({ratio:.2f}x){target}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
