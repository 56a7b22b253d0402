"""Neutralise author text before it is placed into generated Markdown.

Sources are untrusted: a rubric must not be able to inject script into the site. Every value
a template prints goes through one of these functions (the Jinja environment's ``finalize``
applies :func:`text` to anything that is not already :class:`markupsafe.Markup`, so a
forgotten filter fails safe):

``text``
    plain text (schema type ``text``): every character that Markdown or HTML would interpret
    (``& < > * _ ` [ ] { } | # \\ !``) becomes a numeric character reference, and line breaks
    collapse to spaces. The reader sees exactly what the author typed.
``md``
    Markdown text (schema ``x-markdown: true``): emphasis, code spans, fenced code and links
    keep working, but ``&``, ``<`` and ``>`` are escaped outside code (so raw HTML shows as
    text), ``{`` is escaped (no ``attr_list`` attributes such as ``onclick``), and links whose
    target uses a scheme other than http, https or mailto (``javascript:``, ``data:``) are
    shown as text. Code spans and fenced blocks are left alone: Markdown escapes them itself.
``cell`` / ``md_cell``
    the same, for a table cell: additionally ``|`` cannot end the cell and newlines become
    spaces (a newline would end the table row).
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_TEXT_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "*": "&#42;",
    "_": "&#95;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "#": "&#35;",
    "\\": "&#92;",
    "!": "&#33;",
}
_TEXT_RE = re.compile("[" + re.escape("".join(_TEXT_ESCAPES)) + "]")

_MD_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;"}
_MD_RE = re.compile("[&<>{]")

# Fenced code blocks (``` or ~~~, three or more) at the start of a line, up to the matching
# closing fence or the end of the text.
_FENCE_RE = re.compile(
    r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=fence)[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)
# A code span: a run of backticks, then anything up to the same run (CommonMark rule).
_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
# Inline link or image target: "](" then the destination.
_INLINE_LINK_RE = re.compile(r"\]\((?P<target>[^)\n]*)")
# Reference definition "[x]: target" at a line start.
_REF_DEF_RE = re.compile(r"^(?P<lead>[ ]{0,3})\[(?P<label>[^\]\n]+)\]:(?P<target>[^\n]*)$", re.M)
_SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_WS_RE = re.compile(r"\s+")


def _as_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text(value: Any) -> Markup:
    """Plain text: every Markdown- or HTML-significant character shown literally, one line."""
    collapsed = _WS_RE.sub(" ", _as_str(value)).strip()
    return Markup(_TEXT_RE.sub(lambda m: _TEXT_ESCAPES[m.group()], collapsed))


def cell(value: Any) -> Markup:
    """Plain text for a table cell (``text`` already escapes ``|`` and collapses newlines)."""
    return text(value)


def _unsafe_target(target: str) -> bool:
    """Whether a link destination uses a scheme other than http, https or mailto."""
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    cleaned = re.sub(r"[\x00-\x20<>]", "", target).lower()
    match = _SCHEME_RE.match(cleaned)
    return bool(match) and match.group(1) not in _SAFE_SCHEMES


def _escape_prose(chunk: str) -> str:
    """Escape a stretch of Markdown that holds no code."""

    # Links first, on the raw text: their brackets are still intact here.
    def inline(match: re.Match[str]) -> str:
        if _unsafe_target(match.group("target")):
            return "]&#40;" + match.group("target")
        return match.group()

    def refdef(match: re.Match[str]) -> str:
        if _unsafe_target(match.group("target").strip()):
            return f"{match.group('lead')}&#91;{match.group('label')}]:{match.group('target')}"
        return match.group()

    chunk = _INLINE_LINK_RE.sub(inline, chunk)
    chunk = _REF_DEF_RE.sub(refdef, chunk)
    # "&" of the character references inserted above must survive: escape other "&" only.
    chunk = re.sub(r"&(?!#(?:40|91);)", "&amp;", chunk)
    return re.sub(r"[<>{]", lambda m: _MD_ESCAPES[m.group()], chunk)


def _escape_inline(chunk: str) -> str:
    """Escape prose around code spans, leaving the spans untouched."""
    out: list[str] = []
    last = 0
    for match in _SPAN_RE.finditer(chunk):
        out.append(_escape_prose(chunk[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_escape_prose(chunk[last:]))
    return "".join(out)


def md(value: Any) -> Markup:
    """Markdown author text: Markdown syntax kept, raw HTML and script neutralised."""
    source = _as_str(value).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    out: list[str] = []
    last = 0
    for match in _FENCE_RE.finditer(source):
        out.append(_escape_inline(source[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_escape_inline(source[last:]))
    return Markup("".join(out))


def md_cell(value: Any) -> Markup:
    """Markdown author text for a table cell: one line, ``|`` cannot split the cell."""
    one_line = _WS_RE.sub(" ", _as_str(value)).strip()
    escaped = str(md(one_line))
    out: list[str] = []
    last = 0
    # Pipes inside code spans are kept: the tables extension treats them as literal.
    for match in _SPAN_RE.finditer(escaped):
        out.append(escaped[last : match.start()].replace("|", "&#124;"))
        out.append(match.group())
        last = match.end()
    out.append(escaped[last:].replace("|", "&#124;"))
    return Markup("".join(out))


def code(value: Any) -> Markup:
    """A code span holding ``value`` verbatim (Markdown escapes code itself)."""
    content = _WS_RE.sub(" ", _as_str(value))
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return Markup(f"{fence}{pad}{content}{pad}{fence}")


def fenced(value: Any, lang: str = "") -> Markup:
    """A fenced code block holding ``value`` verbatim, with a fence longer than any inside."""
    content = _as_str(value).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", content, re.M)), default=2)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{lang}\n{content}\n{fence}")


def finalize(value: Any) -> Any:
    """Jinja ``finalize`` hook: anything not already marked safe is escaped as plain text."""
    if isinstance(value, Markup):
        return value
    return text(value)


_LEAD_IN = re.compile(r"^\*\*(?P<title>[^*\n]{3,120}?)\*\*\s*(?P<rest>.*)$", re.DOTALL)


def split_lead_in(value: Any) -> tuple[str, str] | None:
    """``("Title.", "rest")`` for Markdown that opens with a bold lead-in, else ``None``.

    Principles written as "**Partial refusal is the right behaviour.** When a response ..."
    become a heading plus body, so each is a linkable, searchable section of its own.
    """
    match = _LEAD_IN.match(_as_str(value).strip())
    if match is None:
        return None
    return match.group("title").strip().rstrip(".:"), match.group("rest").strip()
