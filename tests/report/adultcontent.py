"""The get-another-label AdultContent2 data (SOURCES.md section 15) as envelope records.

``labels.txt`` (``worker  url  label``, TAB-separated) becomes one record per line
(``item_id`` = url, ``annotator_id`` = worker, ``label.rating`` = G/P/R/X/B), ``gold.txt``
(``url  label``) a golden-set file of ``gold: true`` records, both against a project-local
rubric ``adult_content`` with a nominal ``rating`` scale. Shared by the test and
``benchmarks/report_adultcontent.py``.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.paths import REALDATA

DATA = REALDATA / "get-another-label-adultcontent2"
CATEGORIES = ("G", "P", "R", "X", "B")

RUBRIC = """\
id: adult_content
title: Website content rating (AdultContent2)
version: "1.0.0"
task: adult_content
summary: Rate a website's content as G, PG, R or X (or B for broken).
scales:
  - id: rating
    name: Content rating
    type: nominal
    direction: unordered
    levels:
{levels}
dimensions:
  - id: rating
    name: Rating
    definition: The content rating of the website.
decision_steps:
  - Open the site and rate its most explicit content.
label:
  schema:
    type: object
    required: [rating]
    additionalProperties: false
    properties:
      rating: {{x-scale: rating}}
quality_gates:
  agreement: {{metric: krippendorff_alpha, minimum: 0.667, level: nominal}}
  gold_accuracy: {{minimum: 0.8}}
  overlap: {{min_judgements: 3}}
examples:
  - id: plain_site
    title: A horoscope site
    tags: [typical]
    label: {{rating: G}}
    explanation: Nothing adult on it.
changelog:
  - version: "1.0.0"
    date: "2026-11-27"
    changes: [Test rubric.]
"""


def write_project(root: Path) -> Path:
    """A project folder holding only the ``adult_content`` rubric."""
    (root / "rubrics").mkdir(parents=True, exist_ok=True)
    levels = "\n".join(
        f"      - {{value: {c}, label: {c}, anchor: Rated {c}.}}" for c in CATEGORIES
    )
    (root / "rubrics" / "adult_content.yaml").write_text(RUBRIC.format(levels=levels), "utf-8")
    return root


def read_labels() -> list[tuple[str, str, str]]:
    """``(worker, url, label)`` rows of labels.txt."""
    rows = []
    for line in (DATA / "labels.txt").read_text("utf-8").splitlines():
        if line.strip():
            worker, url, label = line.split("\t")
            rows.append((worker, url, label.strip()))
    return rows


def read_gold() -> dict[str, str]:
    """``url -> label`` of gold.txt."""
    gold = {}
    for line in (DATA / "gold.txt").read_text("utf-8").splitlines():
        if line.strip():
            url, label = line.split("\t")
            gold[url] = label.strip()
    return gold


def convert(out_dir: Path) -> tuple[Path, Path]:
    """Write ``labels.jsonl`` and ``gold.jsonl`` into ``out_dir``; return both paths."""
    labels = out_dir / "labels.jsonl"
    gold = out_dir / "gold.jsonl"
    with labels.open("wb") as f:
        for n, (worker, url, label) in enumerate(read_labels(), 1):
            f.write(
                orjson.dumps(
                    {
                        "id": f"l{n}",
                        "rubric": "adult_content",
                        "item_id": url,
                        "annotator_id": worker,
                        "label": {"rating": label},
                    }
                )
                + b"\n"
            )
    with gold.open("wb") as f:
        for n, (url, label) in enumerate(read_gold().items(), 1):
            f.write(
                orjson.dumps(
                    {
                        "id": f"g{n}",
                        "rubric": "adult_content",
                        "item_id": url,
                        "gold": True,
                        "label": {"rating": label},
                    }
                )
                + b"\n"
            )
    return labels, gold
