"""render_pages: pure, complete, and safe with hostile author text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.site import render_pages, write_output
from generator.site.pages import page_path
from tests.generator.conftest import XSS_TITLE, add_xss_sources, make_project
from validate.catalog import load_catalog
from validate.rules.registry import RULES

SITE_URL = "https://rubricate.github.io/rubricate/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("pages"))
    add_xss_sources(root)
    return root


@pytest.fixture(scope="module")
def output(project: Path):
    return render_pages(load_catalog(project), site_url=SITE_URL)


def _snapshot(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in root.rglob("*")}


def test_pure_same_input_same_output_and_nothing_written(project: Path) -> None:
    before = _snapshot(project)
    first = render_pages(load_catalog(project), site_url=SITE_URL)
    second = render_pages(load_catalog(project), site_url=SITE_URL)
    assert first == second
    assert _snapshot(project) == before


def test_every_catalog_id_has_a_page(project: Path, output) -> None:
    catalog = load_catalog(project)
    for kind in ("task", "rubric", "policy", "bias_checklist", "platform"):
        for doc in catalog.loaded(kind):
            assert page_path(kind, doc.id) in output.pages, (kind, doc.id)
    if any(True for _ in catalog.loaded("qualification")):
        assert "qualification.md" in output.pages
    for code in RULES:
        assert f"rules/{code}.md" in output.pages
    for path in ("index.md", "tasks/index.md", "platforms/index.md", "rules/index.md",
                 "reference/sources.md", "changelog.md"):
        assert path in output.pages


def test_schemas_published(project: Path, output) -> None:
    for kind in ("common", "task", "rubric", "policy", "platform"):
        schema = json.loads(output.files[f"schemas/{kind}.schema.json"])
        assert schema["$id"].endswith(f"/schemas/{kind}.schema.json")
    label = json.loads(output.files["schemas/labels/likert_rating.schema.json"])
    assert label["$id"] == f"{SITE_URL}schemas/labels/likert_rating.schema.json"
    assert "scores" in label["properties"]


def test_task_page_content(output) -> None:
    page = output.pages["tasks/likert_rating.md"]
    assert page.startswith("---\ntitle: Likert rating\n")
    assert "rubricate_source: guidelines/tasks/likert_rating.yaml" in page
    assert "boost: 2" in page
    assert "*Also called:* Likert scale rating" in page
    assert "| **1** | Very poor |" in page
    assert "!!! tip \"When torn between two levels\"" in page
    assert "[Likert rating (1-5, four dimensions)](../rubrics/likert_rating.md)" in page
    assert "**Case.**" in page and "**Why.**" in page


def test_rubric_page_content(output) -> None:
    page = output.pages["rubrics/likert_rating.md"]
    assert "(../schemas/labels/likert_rating.schema.json)" in page
    assert "```json" in page
    assert "## Worked examples" in page and "=== \"Gold label\"" in page
    assert "| 1.0.0 |" in page


def test_platforms_comparison_table(output) -> None:
    page = output.pages["platforms/index.md"]
    assert "| Platform | Pay tier | Task types |" in page


def test_tags_in_front_matter(output) -> None:
    page = output.pages["tasks/likert_rating.md"]
    front = page.split("---")[1]
    assert "tags:" in front and "- Evaluation" in front


def test_escaping_of_hostile_author_text(output) -> None:
    page = output.pages["tasks/xss_probe.md"]
    body = page.split("---", 2)[2]
    # No raw tag survives in the Markdown body outside code spans (Markdown escapes those).
    prose = re.sub(r"`[^`]*`", "", body)
    assert not re.search(r"<(script|img|b)\b", prose, re.I)
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=" in body
    # Markdown fields keep their Markdown, and code spans are left for Markdown to escape.
    assert "*emphasis*" in body and "`code <b>`" in body
    # javascript: links and attr_list attributes are neutralised.
    assert "](javascript:" not in body and "{: onclick" not in body
    # A pipe in a table cell cannot split the cell.
    assert "pipe &#124; in a cell" in body
    # The front-matter title is HTML-escaped: the theme prints it unescaped.
    assert "title: '&lt;script&gt;window.__xss = 1&lt;/script&gt;Probe'" in page
    assert XSS_TITLE not in page
    rubric = output.pages["rubrics/xss_probe.md"]
    assert "<img" not in rubric.split("---", 2)[2]


def test_user_templates_override_packaged_ones(project: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "rule.md.j2").write_text("# Custom {{ rule.code }}\n", "utf-8")
    output = render_pages(load_catalog(project), site_url=SITE_URL, overrides=overrides)
    assert output.pages["rules/SRC009.md"].endswith("# Custom SRC009\n")


def test_write_output(tmp_path: Path, output) -> None:
    written = write_output(output, tmp_path / "out")
    assert (tmp_path / "out/tasks/likert_rating.md").read_text("utf-8") == output.pages[
        "tasks/likert_rating.md"
    ]
    assert len(written) == len(output.pages) + len(output.files)


def test_schema_catalog_is_published_beside_the_schemas() -> None:
    import json

    from generator.site.pages import render_pages
    from tests.paths import REPO
    from validate.catalog import load_catalog

    files = render_pages(load_catalog(REPO), site_url="https://example.org/").files
    catalog = json.loads(files["schemas/catalog.json"])
    urls = {entry["url"].rsplit("/", 1)[-1] for entry in catalog["schemas"]}
    assert {"rubric.schema.json", "task.schema.json"} <= urls
    assert all(f"schemas/{name}" in files for name in urls)
