"""Extra site sections (cards, practice, ...): each contributes pages, files and nav entries.

A section builder is a pure function ``build(catalog, *, site_url) -> Section``. It lives in
its own module (``generator/site/<name>_section.py``) and is listed in :data:`SECTIONS`, so
features add pages without editing the core renderer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """What a section adds: Markdown pages, other files (by site path) and nav entries."""

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)


SectionBuilder = Callable[..., Section]

# Section modules import Section from here, so they are imported after it is defined.
from generator.site import cards_section  # noqa: E402
from generator.site.practice_section import build as build_practice  # noqa: E402

SECTIONS: tuple[SectionBuilder, ...] = (cards_section.build, build_practice)
"""Every extra section, in nav order (listed by hand, like the rule registry)."""
