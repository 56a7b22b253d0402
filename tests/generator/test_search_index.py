"""The built site's search index: every guideline page is findable, rule codes by name.

The browser tests (test_browser.py) type queries into Material's search box; these check the
index they run on, page by page, without a browser.
"""

from __future__ import annotations

import json
from pathlib import Path

from validate.rules.registry import RULES

SECTIONS = ("tasks", "rubrics", "policies", "platforms", "bias", "rules", "practice")


def _index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]


def test_every_guideline_page_is_in_the_search_index(built_site: Path) -> None:
    docs = _index(built_site)
    titled = {d["location"]: d["title"] for d in docs if "#" not in d["location"]}
    pages = sorted(
        str(p.relative_to(built_site)) for s in SECTIONS for p in (built_site / s).glob("*.html")
    )
    assert len(pages) > 150  # tasks, rubrics, rules, ...: a glob that found nothing is a bug
    missing = [p for p in pages if p not in titled]
    assert not missing, f"pages search cannot find: {missing}"
    untitled = [p for p in pages if not titled[p].strip()]
    assert not untitled
    # a page's words live in its sections' entries; a page with none is empty to search
    worded = {d["location"].split("#")[0] for d in docs if d["text"].strip()}
    wordless = [p for p in pages if p not in worded]
    assert not wordless


def test_rule_pages_are_titled_by_code(built_site: Path) -> None:
    """CI output names rules by code (``LKT001``): searching a code must hit the rule's title."""
    titles = {d["location"]: d["title"] for d in _index(built_site)}
    for code, info in RULES.items():
        assert titles.get(f"rules/{code}.html") == f"{code} {info.name}", code
