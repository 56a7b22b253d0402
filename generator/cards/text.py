"""Shortening and safe inline formatting of author text for the cards.

A card has room for the gist of each anchor, definition and policy, not the whole text (the
site has that, one QR scan away). Text is only ever cut at sentence ends, never mid-sentence,
so a card never puts words in an author's mouth; if one sentence is too long for the card,
the card overflows and the command says so instead of silently truncating.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

_WS_RE = re.compile(r"\s+")
# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket), then
# whitespace, then something that can start a sentence.
_SENTENCE_END_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”')\]]))\s+(?=[A-Z0-9\"“(`\[])")
# Abbreviations that end in a full stop but do not end a sentence.
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "no.", "fig.", "al.")
_CODE_RE = re.compile(r"`([^`\n]+)`")
_STRONG_RE = re.compile(r"\*\*([^*\n]+)\*\*")


def squash(value: Any) -> str:
    """The value as one line of text: ``None`` -> ``""``, runs of whitespace -> one space."""
    if value is None:
        return ""
    return _WS_RE.sub(" ", str(value)).strip()


def sentences(value: Any) -> list[str]:
    """Split text into sentences, keeping abbreviations such as "e.g." inside a sentence."""
    text = squash(value)
    if not text:
        return []
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        candidate = text[start : match.start()]
        if candidate.lower().endswith(_ABBREVIATIONS):
            continue
        parts.append(candidate)
        start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part]


def brief(value: Any, count: int = 1) -> str:
    """The first ``count`` sentences of ``value``.

    A first sentence that is only a question ("Torn between two levels?") is a lead-in, not
    the rule, so the answer that follows it is kept too.
    """
    parts = sentences(value)
    if not parts:
        return ""
    taken = parts[:count]
    if taken[-1].endswith("?") and len(parts) > len(taken):
        taken.append(parts[len(taken)])
    return " ".join(taken)


def inline(value: Any) -> Markup:
    """Escape author text for HTML, then render `code` spans and **strong** only.

    Escaping comes first, so the only markup in the result is what this function adds:
    author text can never inject an element or an attribute.
    """
    escaped = str(escape(squash(value)))
    escaped = _CODE_RE.sub(r"<code>\1</code>", escaped)
    escaped = _STRONG_RE.sub(r"<strong>\1</strong>", escaped)
    return Markup(escaped)
