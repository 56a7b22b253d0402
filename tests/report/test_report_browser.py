"""The HTML report in a real browser: long and hostile ids stay inside their cells."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import validate.lint_cli  # noqa: F401  (registers report)
from tests.lint.conftest import PROJECT
from validate.cli import cli

pytestmark = pytest.mark.browser

ANNOTATORS = [
    "ann-03",
    "worker_5f2b9c1e-8d7a-4c3e-9b1f-2a6d8e4c7b90@vendor-annotations.example.com",
    "A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6Q7R8S9T0U1V2W3X4Y5Z6",
    '<script>window.__xss=1</script>"><img src=x onerror=window.__xss=2>',
]


def _labels(path: Path) -> Path:
    rng = random.Random(7)
    records = [
        {
            "id": f"r{item}-{n}",
            "rubric": "likert_rating",
            "item_id": f"item-{item}",
            "annotator_id": annotator,
            "label": {
                "scores": {
                    "helpfulness": rng.randint(1, 5),
                    "correctness": rng.randint(1, 5),
                    "coherence": 3,
                    "honesty": 4,
                }
            },
        }
        for item in range(20)
        for n, annotator in enumerate(ANNOTATORS)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


def test_annotator_ids_wrap_inside_their_column(browser: Any, tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    labels = _labels(tmp_path / "labels.jsonl")
    result = CliRunner().invoke(
        cli, ["report", str(labels), "-o", str(html), "--root", str(PROJECT)]
    )
    assert result.exit_code == 0, result.output
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(html.as_uri())
        cells = page.eval_on_selector_all(
            "table.annotators td.id:first-child",
            """cells => cells.map(c => {
                const cell = c.getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(c);
                const text = range.getBoundingClientRect();
                return {text: c.textContent, overflow: text.right - cell.right, width: cell.width};
            })""",
        )
        assert sorted(c["text"] for c in cells) == sorted(ANNOTATORS)
        for cell in cells:  # the text ends inside its cell; the long ones wrapped
            assert cell["overflow"] <= 0, cell
            assert cell["width"] <= 440, cell  # the column's max-width, padding included
        assert page.evaluate("window.__xss") is None  # ids are text, not markup
    finally:
        page.close()
