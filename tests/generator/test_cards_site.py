"""Cards on the site: the cards section of render_pages, and the card layout's choices."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.cards.render import card_context, render_card_fragment
from generator.site import render_pages
from generator.site.cards_section import card_page_path
from generator.site.sections import SECTIONS
from tests.generator.conftest import XSS_TITLE, add_xss_sources, make_project
from validate.catalog import load_catalog

SITE_URL = "https://rubricate.github.io/rubricate/"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_project(tmp_path_factory.mktemp("cards_site"))
    add_xss_sources(root)
    return load_catalog(root)


@pytest.fixture(scope="module")
def output(catalog):  # type: ignore[no-untyped-def]
    return render_pages(catalog, site_url=SITE_URL)


def test_cards_section_is_registered() -> None:
    from generator.site import cards_section

    assert cards_section.build in SECTIONS


def test_every_rubric_has_a_card_page_with_its_fragment(catalog, output) -> None:  # type: ignore[no-untyped-def]
    index = output.pages["cards/index.md"]
    for doc in catalog.loaded("rubric"):
        page = output.pages[card_page_path(doc.id)]
        fragment = render_card_fragment(catalog, doc.id, site_url=SITE_URL, compact=True)
        assert fragment.__html__() in page
        assert "\n\n" not in fragment.__html__()  # one raw HTML block
        assert '<div class="rb-card-page" markdown="0">' in page
        assert '<button type="button" class="rb-print' in page
        assert "onclick" not in page.split('<div class="rb-card-page"')[0]
        assert f"](../rubrics/{doc.id}.md)" in page
        assert f"]({doc.id}.md)" in index
        # The rubric page links to its card.
        assert f"](../cards/{doc.id}.md)" in output.pages[f"rubrics/{doc.id}.md"]


def test_card_pages_are_in_the_nav_and_out_of_search(output) -> None:  # type: ignore[no-untyped-def]
    cards_nav = next(
        item for item in output.nav if isinstance(item, dict) and "Rubric cards" in item
    )
    entries = cards_nav["Rubric cards"]
    assert entries[0] == "cards/index.md"
    assert {"cards/likert_rating.md"} <= {v for e in entries[1:] for v in e.values()}
    assert "exclude: true" in output.pages["cards/likert_rating.md"]


def test_index_groups_cards_by_task_family(output) -> None:  # type: ignore[no-untyped-def]
    index = output.pages["cards/index.md"]
    assert "## Evaluation" in index and "## Annotation" in index
    evaluation, annotation = index.index("## Evaluation"), index.index("## Annotation")
    assert evaluation < index.index("[Likert rating") < annotation


def test_card_page_escapes_author_text(output) -> None:  # type: ignore[no-untyped-def]
    page = output.pages["cards/xss_probe.md"]
    assert "<img src=x onerror" not in page
    assert "&lt;img src=x onerror=window.__xss=4&gt;" in page
    assert XSS_TITLE not in page and html.escape(XSS_TITLE, quote=False) in page


def test_qr_points_at_the_html_page_of_the_built_site(catalog) -> None:  # type: ignore[no-untyped-def]
    context = card_context(catalog, "likert_rating", site_url=SITE_URL)
    assert context["url"] == f"{SITE_URL}rubrics/likert_rating.html"
    assert context["short_link"] == "rubricate.github.io/rubricate/rubrics/likert_rating.html"


def test_same_valued_scales_print_as_one_matrix() -> None:
    catalog = load_catalog(REPO)
    context = card_context(catalog, "summarization_evaluation")
    matrix = context["matrix"]
    assert matrix is not None and len(matrix["columns"]) == 4
    assert [row["value"] for row in matrix["rows"]] == ["1", "2", "3", "4", "5"]
    assert all(len(row["cells"]) == 4 for row in matrix["rows"])
    # The generic "Torn between two levels?" lead-in is dropped under the "Tie" key.
    tie = next(p for p in matrix["policies"] if p["name"] == "Tie")
    assert not any(cell.startswith("Torn between two levels?") for cell in tie["cells"])
    # Dimension definitions stay in the dimensions list, not under each column.
    assert len(context["dimensions"]) == 4
    html_text = str(render_card_fragment(catalog, "summarization_evaluation").html)
    assert html_text.count('<table class="rb-matrix') == 1
    assert html_text.count('class="rb-scale"') == 0
    # Scales with different values stay separate tables.
    assert card_context(catalog, "rlhf_preference")["matrix"] is None


def test_word_values_are_not_printed_as_big_numerals() -> None:
    catalog = load_catalog(REPO)
    scales = card_context(catalog, "rlhf_preference")["scales"]
    overall = scales[0]
    assert [lv["short"] for lv in overall["levels"]] == [False] * 4  # both_bad: whole scale
    assert all(lv["short"] for lv in scales[1]["levels"])  # 0-3
