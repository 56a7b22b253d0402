"""Rubric cards: one page per shipped rubric on A4 and Letter, overflow naming, escaping, QR."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

pytest.importorskip("weasyprint")
pytest.importorskip("segno")
pypdf = pytest.importorskip("pypdf")

from generator import cards_command  # noqa: E402,F401  (registers the command)
from generator.cards.pdf import CardOverflow, fit_card, merge_pdfs, page_count  # noqa: E402
from generator.cards.render import (  # noqa: E402
    card_context,
    card_url,
    render_card_fragment,
    render_card_html,
    render_index_fragment,
    rubric_ids,
    site_url_from_config,
)
from tests.generator.conftest import make_project  # noqa: E402
from validate.catalog import load_catalog  # noqa: E402
from validate.cli import cli  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SITE = "https://example.test/guides/"
SHIPPED = sorted(p.stem for p in (REPO / "rubrics").glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(REPO)


def _project(tmp_path: Path) -> Path:
    """A copy of the project (valid sources), with a mkdocs.yml that has a python tag."""
    root = make_project(tmp_path / "project")
    (root / "mkdocs.yml").write_text(
        "site_url: https://example.test/guides\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    return root


def _overflowing(root: Path) -> None:
    """Make likert_rating's edge cases far too long for one page."""
    path = root / "guidelines/tasks/likert_rating.yaml"
    task = yaml.safe_load(path.read_text("utf-8"))
    long_call = " ".join(["The annotator weighs every consideration at length"] * 60) + "."
    for case in task["edge_cases"]:
        case["call"] = long_call
    path.write_text(yaml.safe_dump(task, sort_keys=False), "utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("rubric", SHIPPED)
def test_every_shipped_card_is_one_page(catalog, rubric: str, paper: str) -> None:  # type: ignore[no-untyped-def]
    fitted = fit_card(catalog, rubric, site_url=SITE, paper=paper)
    assert page_count(fitted.pdf) == 1
    assert len(pypdf.PdfReader(BytesIO(fitted.pdf)).pages) == 1


@pytest.mark.slow
@pytest.mark.parametrize("rubric", SHIPPED)
def test_reduced_a5_card(catalog, rubric: str) -> None:  # type: ignore[no-untyped-def]
    """A5 is best effort (reduced card); a card that still overflows must say where."""
    try:
        fitted = fit_card(catalog, rubric, site_url=SITE, paper="a5")
    except CardOverflow as exc:
        # The documented A5 behaviour: a card that does not fit is named with its section.
        assert exc.rubric_id == rubric and exc.section
        assert rubric in str(exc) and exc.section in str(exc)
        return
    assert page_count(fitted.pdf) == 1


def test_context_has_the_card_content(catalog) -> None:  # type: ignore[no-untyped-def]
    context = card_context(catalog, "likert_rating", site_url=SITE)
    assert context["task"]["title"] == "Likert rating"
    assert context["version"] == "1.0.0" and context["date"] == "2026-11-27"
    levels = context["scales"][0]["levels"]
    assert [lv["value"] for lv in levels] == ["1", "2", "3", "4", "5"]
    # The anchor's first sentence only.
    assert levels[1]["anchor"].startswith("Serious problems") and "redo" not in levels[1]["anchor"]
    assert len(context["edge_cases"]) == 3 and len(context["mistakes"]) == 3
    assert context["source_path"] == "rubrics/likert_rating.yaml"
    assert context["decision_steps"][0].startswith("Read the prompt")


def test_qr_code_encodes_the_rubric_url(catalog) -> None:  # type: ignore[no-untyped-def]
    import segno

    context = card_context(catalog, "likert_rating", site_url=SITE)
    # The offline plugin turns directory URLs off: the page is rubrics/<id>.html.
    assert context["url"] == "https://example.test/guides/rubrics/likert_rating.html"
    assert context["qr"]["payload"] == context["url"]
    html = render_card_html(catalog, "likert_rating", site_url=SITE)
    assert "<svg" in html
    expected = segno.make(context["url"], error="m", micro=False)
    assert expected.svg_inline(scale=1, border=2, dark="#111111", omitsize=True) in html
    assert "example.test/guides/rubrics/likert_rating.html" in html


def test_author_text_is_escaped(tmp_path: Path) -> None:
    root = _project(tmp_path)
    path = root / "rubrics/likert_rating.yaml"
    rubric = yaml.safe_load(path.read_text("utf-8"))
    rubric["title"] = "<script>alert(1)</script>"
    rubric["decision_steps"][0] = 'Use `code` and <img src=x onerror="alert(2)">'
    path.write_text(yaml.safe_dump(rubric, sort_keys=False), "utf-8")
    catalog = load_catalog(root)
    html = render_card_html(catalog, "likert_rating", site_url=SITE)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x" in html
    assert "<code>code</code>" in html
    fragment = render_card_fragment(catalog, "likert_rating", site_url=SITE)
    assert "<script>alert(1)" not in str(fragment.html)


def test_fragment_and_index_for_the_site(catalog) -> None:  # type: ignore[no-untyped-def]
    fragment = render_card_fragment(catalog, "likert_rating", site_url=SITE)
    assert "rb-card" in fragment.classes
    assert "<html" not in fragment.html and 'data-section="scale"' in fragment.html
    assert "\n\n" not in fragment.html  # safe inside a Markdown page
    assert fragment.__html__().startswith('<article class="rb-card')
    index = render_index_fragment(catalog, site_url=SITE)
    for rubric in rubric_ids(catalog):
        assert f'href="{rubric}/"' in index


def test_site_url_from_mkdocs_tolerates_python_tags(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert site_url_from_config(root) == "https://example.test/guides/"
    assert site_url_from_config(tmp_path / "nowhere") == "https://rubricate.github.io/rubricate/"
    assert card_url("https://x.test", "r") == "https://x.test/rubrics/r.html"


def test_overflow_names_card_and_section(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _overflowing(root)
    catalog = load_catalog(root)
    with pytest.raises(CardOverflow) as info:
        fit_card(catalog, "likert_rating", site_url=SITE, paper="a4")
    assert info.value.rubric_id == "likert_rating"
    assert info.value.section == "edge-cases"
    assert info.value.pages >= 2
    assert "card 'likert_rating' overflows A4" in str(info.value)
    assert "section 'edge-cases' does not fit" in str(info.value)


def test_cli_overflow_exits_1_and_writes_no_pdf(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _overflowing(root)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        ["cards", "likert_rating", "--pdf", "--root", str(root), "-o", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert "likert_rating" in result.stderr and "edge-cases" in result.stderr
    assert not list(out.glob("*.pdf"))
    assert (out / "likert_rating.html").is_file()


def test_cli_writes_html_pdf_and_booklet(tmp_path: Path) -> None:
    root = _project(tmp_path)
    out = tmp_path / "out"
    args = ["likert_rating", "--pdf", "--paper", "letter", "--root", str(root), "-o", str(out)]
    result = CliRunner().invoke(
        cli,
        ["cards", *args],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "@page { size: letter" in (out / "likert_rating.html").read_text("utf-8")
    assert page_count((out / "likert_rating.letter.pdf").read_bytes()) == 1
    assert page_count((out / "cards.letter.pdf").read_bytes()) == 1


def test_cli_unknown_rubric_exits_2_with_known_ids(tmp_path: Path) -> None:
    root = _project(tmp_path)
    result = CliRunner().invoke(cli, ["cards", "nope", "--root", str(root), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "nope" in result.stderr and "likert_rating" in result.stderr


def test_cli_invalid_sources_exit_2_located(tmp_path: Path) -> None:
    root = _project(tmp_path)
    path = root / "rubrics/likert_rating.yaml"
    path.write_text(path.read_text("utf-8").replace('version: "1.0.0"', "version: 1"), "utf-8")
    result = CliRunner().invoke(
        cli, ["cards", "likert_rating", "--root", str(root), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "likert_rating.yaml:" in result.stderr


@pytest.mark.slow
def test_booklet_has_one_page_per_rubric(catalog) -> None:  # type: ignore[no-untyped-def]
    pdfs = [fit_card(catalog, rubric, site_url=SITE).pdf for rubric in SHIPPED]
    assert page_count(merge_pdfs(pdfs)) == len(SHIPPED)
