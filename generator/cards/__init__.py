"""Printable rubric cards: one page per rubric, as standalone HTML, site fragments and PDF.

The card is built from the same sources as the site and the linter (DESIGN.md, "Site",
cards), so an annotator's printout can never disagree with what CI enforces.

- :mod:`generator.cards.render`: the data shown (:func:`card_context`) and the HTML
  (:func:`render_card_html`, :func:`render_card_fragment`, :func:`render_index_fragment`).
- :mod:`generator.cards.pdf`: PDF through WeasyPrint, page counting, and overflow detection
  (:class:`CardOverflow` names the card, the paper and the section that does not fit).

Importing this package does not import WeasyPrint: the site can embed cards without it.
"""

from __future__ import annotations

from generator.cards.render import (
    DEFAULT_SITE_URL,
    PAPERS,
    SECTIONS,
    CardFragment,
    Paper,
    card_context,
    card_url,
    render_card_fragment,
    render_card_html,
    render_index_fragment,
    site_url_from_config,
)

__all__ = [
    "DEFAULT_SITE_URL",
    "PAPERS",
    "SECTIONS",
    "CardFragment",
    "Paper",
    "card_context",
    "card_url",
    "render_card_fragment",
    "render_card_html",
    "render_index_fragment",
    "site_url_from_config",
]
