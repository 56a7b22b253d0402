"""Cards as PDF through WeasyPrint, with page counting and overflow detection.

A card must be exactly one page. When it is not, the user needs to know *which* section to
shorten, so :func:`render_card_pdf` raises :class:`CardOverflow` naming the card, the paper
and the section. How the section is found (see :func:`find_overflowing_section`):

1. Layout: WeasyPrint's layout boxes carry their HTML element; every card section has a
   ``data-section`` attribute, so the sections with boxes on page 2 or later are the ones
   that spill (a section split by the page break has boxes on both pages).
2. Removal: each optional section is dropped in turn and the card re-rendered. The sections
   whose removal alone makes the card fit are the candidates; among them the spilling one
   from step 1 wins, else the tallest. This tells a long edge case apart from, say, a scale
   that merely sits above the break.
3. If no single removal is enough, the first spilling section is named (with "and more").

WeasyPrint is imported lazily: the site and the HTML cards work without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from generator.cards.render import OPTIONAL_SECTIONS, PAPERS, SECTIONS, render_card_html
from validate.catalog import Catalog


class CardOverflow(Exception):
    """A card does not fit on one page; ``section`` is the one to shorten."""

    def __init__(
        self,
        rubric_id: str,
        paper: str,
        section: str,
        pages: int,
        *,
        exact: bool = True,
    ) -> None:
        self.rubric_id = rubric_id
        self.paper = paper
        self.section = section
        self.pages = pages
        self.exact = exact
        paper_name = PAPERS[paper].name if paper in PAPERS else paper
        more = "" if exact else " (and shortening it alone is not enough)"
        super().__init__(
            f"card {rubric_id!r} overflows {paper_name} ({pages} pages): "
            f"section {section!r} does not fit{more}"
        )


class PdfUnavailable(RuntimeError):
    """WeasyPrint (the ``pdf`` extra) is not installed."""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: missing Pango/cairo system libraries
        raise PdfUnavailable(
            f"PDF cards need WeasyPrint: pip install 'rubricate[pdf]' ({exc})"
        ) from None
    return weasyprint


def render_document(html: str) -> Any:
    """Lay out ``html`` with WeasyPrint; the result has ``.pages`` and ``.write_pdf()``.

    No base URL: a card is self-contained (CSS inlined, QR code inline SVG), so nothing is
    fetched, not even from the file system.
    """
    weasyprint = _weasyprint()
    return weasyprint.HTML(string=html, url_fetcher=_no_fetch).render()


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # A card never needs an external resource; refusing fetches keeps rendering offline and
    # stops author text (were it ever to reach a URL) from reading local files.
    raise ValueError(f"card rendering does not fetch resources ({url})")


def render_pdf(html: str, paper: str = "a4") -> bytes:
    """The PDF of a card document. ``paper`` is informational: the HTML's ``@page`` rules."""
    if paper not in PAPERS:
        raise KeyError(paper)
    return bytes(render_document(html).write_pdf())


def page_count(pdf_bytes: bytes) -> int:
    """Number of pages, read from the PDF itself."""
    from pypdf import PdfReader

    return len(PdfReader(BytesIO(pdf_bytes)).pages)


def sections_by_page(document: Any) -> list[set[str]]:
    """For each laid-out page, the card sections that have a box on it."""
    pages: list[set[str]] = []
    for page in document.pages:
        found: set[str] = set()
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if element is None:
                continue
            name = element.get("data-section")
            if name:
                found.add(name)
        pages.append(found)
    return pages


def section_heights(document: Any) -> dict[str, float]:
    """Laid-out height (CSS px) of each section, summed over pages and column fragments."""
    heights: dict[str, float] = {}

    def walk(box: Any) -> None:
        element = getattr(box, "element", None)
        name = element.get("data-section") if element is not None else None
        if name:
            # The outermost box of a section; its children (and anonymous boxes, which
            # share the section's element) are inside this height already.
            heights[name] = heights.get(name, 0.0) + float(box.margin_height())
            return
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return heights


def spilling_sections(document: Any) -> list[str]:
    """Sections with boxes after the first page, in reading order."""
    late = set().union(*sections_by_page(document)[1:]) if len(document.pages) > 1 else set()
    return [name for name in SECTIONS if name in late]


def find_overflowing_section(
    document: Any, render: Callable[[Iterable[str]], Any]
) -> tuple[str, bool]:
    """``(section, exact)`` for an overflowing card (see the module docstring).

    ``render(omit)`` lays out the same card without the ``omit`` sections. ``exact`` is
    false when no single section's removal makes the card fit.
    """
    spilling = spilling_sections(document)
    heights = section_heights(document)
    fixes = [name for name in OPTIONAL_SECTIONS if len(render((name,)).pages) == 1]
    for name in spilling:
        if name in fixes:
            return name, True
    if fixes:
        return max(fixes, key=lambda name: heights.get(name, 0.0)), True
    optional_spill = [name for name in spilling if name in OPTIONAL_SECTIONS]
    return (optional_spill or spilling or ["header"])[0], False


@dataclass(frozen=True)
class FittedCard:
    """A card that fits one page: the HTML that was laid out, its PDF, and its density."""

    rubric_id: str
    paper: str
    html: str
    pdf: bytes
    compact: bool


def fit_card(catalog: Catalog, rubric_id: str, *, site_url: str, paper: str = "a4") -> FittedCard:
    """Lay out one card on one page of ``paper``, or raise :class:`CardOverflow`.

    The normal layout is tried first, then the compact one (8pt body, one-sentence
    definitions, no summary); only when even that needs a second page is the card reported,
    with the section found on the compact layout.
    """

    def html_for(compact: bool, omit: Iterable[str] = ()) -> str:
        return render_card_html(
            catalog, rubric_id, site_url=site_url, paper=paper, compact=compact, omit=omit
        )

    for compact in (False, True):
        html = html_for(compact)
        document = render_document(html)
        if len(document.pages) == 1:
            pdf = bytes(document.write_pdf())
            # The PDF is the contract (a printer sees the PDF, not the layout): check it too.
            pages = page_count(pdf)
            if pages != 1:  # pragma: no cover - only on a WeasyPrint bug
                raise CardOverflow(rubric_id, paper, "footer", pages, exact=False)
            return FittedCard(rubric_id, paper, html, pdf, compact)
    section, exact = find_overflowing_section(
        document, lambda omit: render_document(html_for(True, omit))
    )
    raise CardOverflow(rubric_id, paper, section, len(document.pages), exact=exact)


def render_card_pdf(catalog: Catalog, rubric_id: str, *, site_url: str, paper: str = "a4") -> bytes:
    """One card as a one-page PDF, or :class:`CardOverflow` naming the section that spills."""
    return fit_card(catalog, rubric_id, site_url=site_url, paper=paper).pdf


def merge_pdfs(parts: Iterable[bytes]) -> bytes:
    """One PDF with the pages of ``parts`` in order (the booklet)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(BytesIO(part)))
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
