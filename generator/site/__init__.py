"""Site generation: sources -> Markdown pages and published files (pure), plus writing them."""

from __future__ import annotations

from generator.site.pages import SiteOutput, page_path, render_pages, write_output

__all__ = ["SiteOutput", "page_path", "render_pages", "write_output"]
