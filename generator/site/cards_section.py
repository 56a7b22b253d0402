"""The cards section of the site: ``cards/index.md`` and one printable page per rubric.

Each ``cards/<rubric>.md`` embeds the card fragment (:func:`generator.cards.render_card_fragment`,
already escaped) as a raw HTML block, with a Print button (wired to ``window.print()`` by
``assets/javascripts/cards.js``, no inline handlers) and links back to the rubric page and
the index. ``assets/stylesheets/cards.css`` styles the card and, in print, hides the site
chrome so that printing the page prints only the card, on one A4 page.

The QR code and short link on each card point at the rubric's page on the built site
(``<site_url>rubrics/<id>.html``: the offline plugin turns directory URLs off).
"""

from __future__ import annotations

from typing import Any

import yaml
from markupsafe import Markup, escape

from generator.cards.render import render_card_fragment
from generator.site import escaping
from generator.site.sections import Section
from validate.catalog import Catalog, SourceDoc

INDEX = "cards/index.md"
TITLE = "Rubric cards"


def card_page_path(rubric_id: str) -> str:
    """Doc path of a rubric's card page."""
    return f"cards/{rubric_id}.md"


def _front(title: str, **extra: Any) -> str:
    """YAML front matter; the title HTML-escaped (the theme prints it unescaped)."""
    meta: dict[str, Any] = {"title": str(escape(" ".join(title.split())))}
    meta.update(extra)
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True).strip()
    return f"---\n{dumped}\n---\n\n"


def _title(doc: SourceDoc) -> str:
    return str(doc.data.get("title") or doc.id)


def _families(catalog: Catalog, rubrics: list[SourceDoc]) -> list[tuple[str, list[SourceDoc]]]:
    """Rubrics grouped by the task family of their task (taxonomy order); the rest last."""
    family_of: dict[str, str] = {}
    order: list[str] = []
    for taxonomy in catalog.loaded("taxonomy"):
        for family in taxonomy.data.get("families") or []:
            if not isinstance(family, dict):
                continue
            name = str(family.get("title") or family.get("id") or "")
            order.append(name)
            for category in family.get("categories") or []:
                if isinstance(category, dict):
                    for task in category.get("tasks") or []:
                        family_of.setdefault(str(task), name)
    groups: dict[str, list[SourceDoc]] = {name: [] for name in order}
    other: list[SourceDoc] = []
    for doc in rubrics:
        family = family_of.get(str(doc.data.get("task")))
        (groups[family] if family is not None else other).append(doc)
    result = [(name, docs) for name, docs in groups.items() if docs]
    if other:
        result.append(("Other rubrics", other))
    return result


def _index_page(catalog: Catalog, rubrics: list[SourceDoc]) -> str:
    lines = [
        _front(TITLE),
        f"# {TITLE}",
        "",
        "One printable page per rubric: the scale with a short anchor per level, the "
        "dimensions, the decision steps, the hardest edge cases and the most common "
        "mistakes, and a QR code back to the full rubric. Open a card and press "
        "**Print**; `rubricate cards --pdf` writes the same cards as PDFs.",
        "",
    ]
    for family, docs in _families(catalog, rubrics):
        lines += [f"## {escaping.text(family)}", ""]
        for doc in docs:
            version = escaping.text(doc.data.get("version", ""))
            lines.append(
                f"- [{escaping.text(_title(doc))}]({doc.id}.md) "
                f"<span class=\"rb-card-index__meta\">v{version}</span>"
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _card_page(catalog: Catalog, doc: SourceDoc, site_url: str) -> str:
    # The compact layout (8pt, one-sentence definitions, no summary): a browser's print of
    # the page has to fit one page without the PDF renderer's fitting step; the full rubric
    # is one click away.
    fragment = render_card_fragment(catalog, doc.id, site_url=site_url, compact=True)
    title = _title(doc)
    actions = (
        '<div class="rb-card-actions" markdown="1">\n'
        '<button type="button" class="rb-print md-button md-button--primary">'
        "Print this card</button>\n"
        f"[Full rubric](../rubrics/{doc.id}.md){{ .md-button }}\n"
        "[All cards](index.md){ .md-button }\n"
        "</div>"
    )
    # The fragment has no blank lines, so the whole card is one raw HTML block that Markdown
    # passes through untouched (markdown="0" says so explicitly to md_in_html).
    card = f'<div class="rb-card-page" markdown="0">\n{Markup(fragment).__html__()}\n</div>'
    return _front(f"Card: {title}", search={"exclude": True}) + f"{actions}\n\n{card}\n"


def build(catalog: Catalog, *, site_url: str) -> Section:
    """The cards index and one card page per loadable rubric, with their nav entries."""
    rubrics = sorted(catalog.loaded("rubric"), key=lambda doc: doc.id)
    if not rubrics:
        return Section()
    pages = {INDEX: _index_page(catalog, rubrics)}
    for doc in rubrics:
        pages[card_page_path(doc.id)] = _card_page(catalog, doc, site_url)
    nav_items: list[Any] = [INDEX]
    nav_items += [{str(escape(_title(doc))): card_page_path(doc.id)} for doc in rubrics]
    return Section(pages=pages, nav=[{TITLE: nav_items}])
