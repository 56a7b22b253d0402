"""Benchmark: building the shipped guideline site.

Measures, interleaved in the same run (whole processes, median of rounds):

* ``rubricate build``: check the sources, generate the pages in memory, MkDocs + Material;
* baseline: a plain ``mkdocs build`` of the same pages already written to disk (generated
  once with ``rubricate build --pages-only``; the same mkdocs.yml minus the rubricate plugin).

Target: generation adds at most 25 % to the plain build (ratio <= 1.25).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks import verdict
from generator.site.pages import render_pages
from validate.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 1.25


def _plain_project(work: Path) -> Path:
    """A copy of the site configuration whose docs are the pre-generated pages."""
    project = work / "plain"
    docs = project / "docs"
    subprocess.run(
        [sys.executable, "-m", "generator", "build", str(ROOT), "--pages-only", str(docs)],
        check=True,
        capture_output=True,
    )
    shutil.copytree(ROOT / "site_overrides", project / "site_overrides")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    config["plugins"] = [p for p in config["plugins"] if p != "rubricate"]
    config["docs_dir"] = "docs"
    # The same navigation the plugin generates, so both builds render the same pages and nav.
    output = render_pages(load_catalog(ROOT), site_url=config.get("site_url", "/"))
    config["nav"] = [*output.nav, {"Guides": sorted(p.name for p in (ROOT / "docs").glob("*.md"))}]
    for guide in (ROOT / "docs").glob("*.md"):
        shutil.copy(guide, docs / guide.name)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return project


def _time(cmd: list[str], cwd: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def main(rounds: int = 3) -> bool:
    """Run the benchmark, print the figures, return True when the target is met."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = _plain_project(work)
        pages = sum(1 for _ in (plain / "docs").rglob("*.md"))
        full_cmd = [sys.executable, "-m", "generator", "build", str(ROOT), "-d", str(work / "a")]
        plain_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "b")]
        full, base = [], []
        for _ in range(rounds):
            full.append(_time(full_cmd, ROOT))
            base.append(_time(plain_cmd, plain))
    full_s, base_s = statistics.median(full), statistics.median(base)
    ratio = full_s / base_s
    ok = ratio <= TARGET_RATIO
    print(f"site_build: {pages} generated pages, median of {rounds} interleaved rounds")
    print(f"  plain mkdocs build of pre-written pages: {base_s:6.2f} s")
    print(f"  rubricate build (check + generate + build): {full_s:6.2f} s")
    print(f"  ratio {ratio:.2f} (target <= {TARGET_RATIO}): {verdict(ok)}")
    return ok


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
