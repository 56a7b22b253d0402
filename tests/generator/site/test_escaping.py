"""The escaping filters: raw HTML never survives, Markdown does where allowed."""

from __future__ import annotations

import html as html_module
from html.parser import HTMLParser

import markdown
import pytest

from generator.site.escaping import cell, code, fenced, md, md_cell, text

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x]( JaVa\tScRiPt:alert(1))",
    "![x](data:text/html,<script>alert(1)</script>)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    '*a*{: onclick="alert(1)"}',
    "<http://example.org/\" onmouseover=\"alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


def _html(source: str) -> str:
    return markdown.markdown(source, extensions=["attr_list", "tables", "md_in_html"])


class _Active(HTMLParser):
    """Collects what could run script: dangerous tags, on* attributes, unsafe URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "img", "svg", "iframe", "object", "embed", "b"}:
            self.found.append(tag)
        for name, value in attrs:
            url = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(name)
            if name in {"href", "src"} and ":" in url.split("/")[0]:
                if not url.startswith(("http:", "https:", "mailto:")):
                    self.found.append(f"{name}={url}")


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("escape", [text, cell, md, md_cell])
def test_no_active_html(payload: str, escape) -> None:
    parser = _Active()
    parser.feed(_html(str(escape(payload))))
    assert parser.found == []


def test_markdown_kept_in_markdown_fields() -> None:
    html = _html(str(md("Use *emphasis*, `a < b` and [docs](https://example.org).")))
    assert "<em>emphasis</em>" in html
    assert "<code>a &lt; b</code>" in html
    assert '<a href="https://example.org">docs</a>' in html


def test_plain_text_shows_exactly_what_was_typed() -> None:
    html = _html(str(text("C++ *pointer* _x_ [y] `z` | a & b <c>")))
    assert "<em>" not in html and "<code>" not in html
    assert html_module.unescape(html) == "<p>C++ *pointer* _x_ [y] `z` | a & b <c></p>"


def test_cells_cannot_break_tables() -> None:
    two_lines = "line one\nline two | `x|y`"
    row = f"| {cell('a | b')} | {md_cell(two_lines)} |"
    html = _html("| h1 | h2 |\n| --- | --- |\n" + row)
    assert html.count("<td>") == 2


def test_code_and_fenced_hold_backticks() -> None:
    assert str(code("a`b")) == "``a`b``"
    assert str(fenced("```\ninner\n```", "md")).startswith("````md\n")
