"""Rubric cards as HTML: the data a card shows, the standalone document and site fragments.

One card per rubric (DESIGN.md, "Site"): title, task, version and date; the scale(s) with a
short anchor per level; dimensions; the decision steps; the task's three hardest edge cases
and most common mistakes; a QR code and short link to the rubric's page; a footer with the
source file. The same template and the same stylesheet (``assets/stylesheets/cards.css`` in
:data:`generator.THEME_DIR`) serve the site and the PDFs, so what is printed from the browser
and what WeasyPrint renders cannot drift apart.

Author text is untrusted: the Jinja environment autoescapes, and the only markup added to
author text is ``<code>``/``<strong>`` after escaping (:func:`generator.cards.text.inline`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator import THEME_DIR
from generator.cards.text import brief, inline, sentences, squash
from validate import __version__
from validate.catalog import Catalog, SourceDoc

DEFAULT_SITE_URL = "https://rubricate.github.io/rubricate/"

TEMPLATES = Path(__file__).parent / "templates"
# The stylesheet lives in the theme layer (the site serves it from there); the project being
# rendered may ship its own copy in its overrides, which wins, as it does on the site.
STYLESHEET = Path("site_overrides/assets/stylesheets/cards.css")
_PACKAGED_STYLESHEET = THEME_DIR / "assets" / "stylesheets" / "cards.css"

# Card sections in reading order. ``data-section`` attributes carry these names, so layout
# inspection (overflow detection) and messages use the same vocabulary as the template.
SECTIONS: tuple[str, ...] = (
    "header",
    "scale",
    "dimensions",
    "decision-steps",
    "edge-cases",
    "mistakes",
    "footer",
)
# Sections that overflow detection may drop to find the one that does not fit; the header and
# footer are the card's identity and always stay.
OPTIONAL_SECTIONS: tuple[str, ...] = SECTIONS[1:-1]

# A nominal label set with more levels than this is shown as chips, not as a table row per
# label: a 10-category label set as table rows would take a third of the page.
CHIP_THRESHOLD = 6

# Scales that share their values (SummEval-style: four dimensions, each 1-5 with its own
# anchors) are printed as one matrix, a column per scale and the values once, when there are
# at least two and at most this many of them (a column narrower than A4/4 is unreadable).
MATRIX_MAX_COLUMNS = 4

# Values up to this many characters are printed big (a score, a letter); longer values
# (``both_bad``, ``unnecessary-but-harmless``) are printed at text size so they do not
# take a third of the table's width.
SHORT_VALUE = 3

# Scale labels up to this long stay on one line (a wrapped "Model A is better" doubled every
# row's height); longer labels wrap in a fixed-width column.
NOWRAP_LABEL = 32

# "Torn between two levels?" says nothing the card's "Tie:" key does not; the card prints the
# answer that follows it. A question that names the levels ("Torn between `mixed` and one
# side?") is kept.
_GENERIC_TIE_QUESTION = re.compile(r"Torn between two(?: \w+)?\?", re.IGNORECASE)


@dataclass(frozen=True)
class Paper:
    """A paper size and how much of the corpus fits on it.

    A4 and Letter carry the full card. A5 has half the area and, at the same legible type
    size, cannot hold it: the A5 card is a reduced variant (no summary, label chips without
    their gloss, one-sentence definitions, only the hardest edge case and the most common
    mistake) and its footer says so. Calls and "instead" advice are never cut: half a call
    ("Helpfulness 1.") would mislead.
    """

    key: str
    name: str
    css_size: str
    edge_cases: int = 3
    mistakes: int = 3
    columns: int = 2
    definition_sentences: int = 2
    summary: bool = True
    chip_gloss: bool = True
    chip_gloss_max: int = 16
    reduced: bool = False


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", "A4", "A4"),
    "letter": Paper("letter", "Letter", "letter"),
    "a5": Paper(
        "a5",
        "A5",
        "A5",
        edge_cases=1,
        mistakes=1,
        definition_sentences=1,
        summary=False,
        chip_gloss=False,
        reduced=True,
    ),
}

DIRECTION_NOTES = {
    "higher_is_better": "higher is better",
    "higher_is_worse": "higher is worse",
    "descriptive": "descriptive, not better or worse",
    "unordered": "unordered labels",
}


@dataclass(frozen=True)
class CardFragment:
    """A card for embedding in a site page.

    ``html`` is the card's inner HTML (no ``<html>``/``<head>``, no wrapper); ``classes`` are
    the class names for the wrapping element, which must also carry ``data-rubric``.
    :meth:`__html__` gives the wrapped element, so ``{{ fragment }}`` in a Jinja template
    renders the complete card. The page must load ``stylesheet`` (relative to the site root).
    """

    rubric_id: str
    html: Markup
    classes: tuple[str, ...]
    stylesheet: str = "assets/stylesheets/cards.css"
    title: str = ""

    @property
    def class_attr(self) -> str:
        """The class names as one ``class`` attribute value."""
        return " ".join(self.classes)

    def __html__(self) -> str:
        return (
            f'<article class="{self.class_attr}" data-rubric="{Markup.escape(self.rubric_id)}">'
            f"{self.html}</article>"
        )


def site_url_from_config(root: Path | str, default: str = DEFAULT_SITE_URL) -> str:
    """``site_url`` from ``ROOT/mkdocs.yml`` with a trailing slash, or ``default``.

    mkdocs.yml may hold tags such as ``!!python/name:...`` or ``!ENV``; a safe loader that
    turns every unknown tag into ``None`` reads the rest without executing anything.
    """
    url = mkdocs_setting(root, "site_url")
    if url is None:
        return default
    return url if url.endswith("/") else url + "/"


def mkdocs_setting(root: Path | str, key: str) -> str | None:
    """A non-empty string setting of ``ROOT/mkdocs.yml`` (stripped), else ``None``."""
    path = Path(root) / "mkdocs.yml"
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = data.get(key) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads any unknown tag as ``None`` instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def card_url(site_url: str, rubric_id: str) -> str:
    """The rubric's page on the built site: ``<site_url>rubrics/<id>.html``.

    The site is built with Material's offline plugin, which turns off directory URLs, so
    every page is a ``.html`` file (``rubrics/<id>.html``), not ``rubrics/<id>/``.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    return f"{base}rubrics/{rubric_id}.html"


def _short_link(url: str) -> str:
    """The URL as printed next to the QR code: no scheme, no trailing slash."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme) :]
    return url.rstrip("/")


def _qr_svg(payload: str) -> Markup | None:
    """An inline SVG QR code for ``payload``, or ``None`` when segno is not installed.

    The SVG is generated from the URL (module paths only, no author text), so it is trusted
    markup. Medium error correction survives a smudged printout; no quiet zone is drawn
    because the card's layout keeps white space around it.
    """
    try:
        import segno
    except ImportError:  # the pdf extra is optional; the link is still printed
        return None
    code = segno.make(payload, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, dark="#111111", omitsize=True)
    return Markup(svg)


def _newest_change(changelog: Any) -> dict[str, Any]:
    """The changelog entry with the latest date (ISO dates sort as strings)."""
    entries = [e for e in changelog or [] if isinstance(e, dict)]
    if not entries:
        return {}
    return max(entries, key=lambda e: str(e.get("date") or ""))


def _source_path(catalog: Catalog, doc: SourceDoc) -> str:
    """The source file relative to the project root, with forward slashes."""
    try:
        return doc.path.resolve().relative_to(Path(catalog.root).resolve()).as_posix()
    except ValueError:
        return doc.path.as_posix()


def _tie(value: Any) -> str:
    """The tie policy's first sentence, after a generic "Torn between two levels?" lead-in."""
    parts = sentences(value)
    if len(parts) > 1 and _GENERIC_TIE_QUESTION.fullmatch(parts[0]):
        return brief(" ".join(parts[1:]))
    return brief(value)


def _scale(scale: Mapping[str, Any], profile: Paper) -> dict[str, Any]:
    levels = [
        {
            "value": squash(level.get("value")),
            "label": squash(level.get("label")),
            "anchor": brief(level.get("anchor")),
        }
        for level in scale.get("levels") or []
        if isinstance(level, dict)
    ]
    # One size per scale: "tie" big next to a small "both_bad" would look like a heading.
    short = all(len(level["value"]) <= SHORT_VALUE for level in levels)
    for level in levels:
        level["short"] = short
    chips = scale.get("type") == "nominal" and len(levels) > CHIP_THRESHOLD
    # A long label set is a vocabulary to look up, not a scale to read: past
    # ``chip_gloss_max`` labels only the chips are printed (the site has the definitions).
    if chips and (not profile.chip_gloss or len(levels) > profile.chip_gloss_max):
        for level in levels:
            level["anchor"] = ""
    return {
        "id": squash(scale.get("id")),
        "name": squash(scale.get("name")),
        "type": squash(scale.get("type")),
        "direction": DIRECTION_NOTES.get(str(scale.get("direction")), ""),
        "multi_select": bool(scale.get("multi_select")),
        "chips": chips,
        # A label column that repeats the value ("positive" | "positive") is dropped.
        "show_labels": any(lv["label"].casefold() != lv["value"].casefold() for lv in levels),
        "levels": levels,
        "definition": "",
        "dimension": "",
        "na_allowed": False,
        "label_nowrap": all(len(lv["label"]) <= NOWRAP_LABEL for lv in levels),
        "tie": _tie(scale.get("tie_policy")),
        "na": brief(scale.get("na_policy")),
    }


def _merge_dimensions(
    scales: list[dict[str, Any]], dimensions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Move each dimension that has a scale of its own into that scale's heading.

    SummEval-style rubrics give every dimension its own 1-5 scale; printing the definition
    under the scale (instead of again in the dimensions list) saves a section's worth of
    space and puts the definition where the annotator looks when scoring.
    Returns the dimensions that stay in the dimensions section.
    """
    if len(scales) < 2:
        return dimensions
    users: dict[str, list[dict[str, Any]]] = {}
    for dim in dimensions:
        if dim["scale_id"]:
            users.setdefault(dim["scale_id"], []).append(dim)
    remaining = []
    by_id = {scale["id"]: scale for scale in scales}
    for dim in dimensions:
        scale = by_id.get(dim["scale_id"])
        if scale is not None and len(users[dim["scale_id"]]) == 1:
            scale["dimension"] = dim["name"]
            scale["definition"] = dim["definition"]
            scale["na_allowed"] = dim["na_allowed"]
        else:
            remaining.append(dim)
    return remaining


def _matrix(scales: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The scales as one matrix when they all share the same values, else ``None``.

    Four 1-5 scales printed one under the other repeat the values four times and leave most
    of each row empty; as a matrix (a row per value, a column per scale, the level's label
    and anchor in each cell) they take about half the height and can be compared across.
    Tie and N/A policies become a row each, printed once when every scale has the same.
    """
    if not 2 <= len(scales) <= MATRIX_MAX_COLUMNS:
        return None
    values = [level["value"] for level in scales[0]["levels"]]
    if not values or any(scale["chips"] for scale in scales):
        return None
    if any([level["value"] for level in scale["levels"]] != values for scale in scales):
        return None
    rows = [
        {
            "value": value,
            "short": scales[0]["levels"][i]["short"],
            "cells": [scale["levels"][i] for scale in scales],
        }
        for i, value in enumerate(values)
    ]
    policies = []
    for key, name in (("tie", "Tie"), ("na", "N/A")):
        texts = [scale[key] for scale in scales]
        if not any(texts):
            continue
        shared = len(set(texts)) == 1
        policies.append({"name": name, "shared": texts[0] if shared else "", "cells": texts})
    directions = {scale["direction"] for scale in scales}
    return {
        "columns": scales,
        "rows": rows,
        "policies": policies,
        "direction": directions.pop() if len(directions) == 1 else "",
    }


def _dedupe_policies(scales: list[dict[str, Any]]) -> None:
    """Print a tie or N/A policy once when consecutive scales share it word for word."""
    for previous, scale in itertools.pairwise(scales):
        for key in ("tie", "na"):
            if scale[key] and scale[key] == previous.get(f"_{key}_seen", previous[key]):
                scale[f"_{key}_seen"] = scale[key]
                scale[key] = ""
    for scale in scales:
        scale.pop("_tie_seen", None)
        scale.pop("_na_seen", None)


def _sentences(value: Any, count: int) -> str:
    return squash(value) if count <= 0 else brief(value, count)


def card_context(
    catalog: Catalog,
    rubric_id: str,
    *,
    site_url: str = DEFAULT_SITE_URL,
    paper: str = "a4",
    compact: bool = False,
) -> dict[str, Any]:
    """The data one card shows, as plain values (author text not yet escaped).

    ``compact`` is the denser layout tried when the normal one does not fit on one page: no
    summary line, one-sentence definitions, and (in CSS) 8pt body text and tighter spacing.
    Raises ``KeyError`` for an unknown rubric id or paper. A rubric whose task is missing
    still gets a card (task fields empty): source errors are ``rubricate check``'s job.
    """
    profile = PAPERS[paper]
    if compact:
        profile = replace(profile, summary=False, definition_sentences=1, chip_gloss_max=10)
    doc = catalog.get("rubric", rubric_id)
    if doc is None:
        raise KeyError(rubric_id)
    rubric = doc.data
    task_doc = catalog.get("task", str(rubric.get("task")))
    task = task_doc.data if task_doc is not None else {}
    scales = [_scale(s, profile) for s in rubric.get("scales") or [] if isinstance(s, dict)]
    scale_names = {s["id"]: s["name"] for s in scales}
    dimensions = [
        {
            "id": squash(d.get("id")),
            "name": squash(d.get("name")),
            "definition": _sentences(d.get("definition"), profile.definition_sentences),
            "scale": scale_names.get(str(d.get("scale")), "") if len(scales) > 1 else "",
            "scale_id": squash(d.get("scale")),
            "na_allowed": bool(d.get("na_allowed")),
        }
        for d in rubric.get("dimensions") or []
        if isinstance(d, dict)
    ]
    matrix = _matrix(scales)
    if matrix is None:
        dimensions = _merge_dimensions(scales, dimensions)
        _dedupe_policies(scales)
    else:
        # The column headings name the scales; the definitions go to the dimensions list.
        for dim in dimensions:
            dim["scale"] = ""
    edge_cases = [
        {"case": squash(e.get("case")), "call": squash(e.get("call"))}
        for e in (task.get("edge_cases") or [])[: profile.edge_cases]
        if isinstance(e, dict)
    ]
    mistakes = [
        {
            "mistake": squash(m.get("mistake")),
            "instead": squash(m.get("instead")),
        }
        for m in (task.get("common_mistakes") or [])[: profile.mistakes]
        if isinstance(m, dict)
    ]
    change = _newest_change(rubric.get("changelog"))
    url = card_url(site_url, rubric_id)
    return {
        "id": rubric_id,
        "title": squash(rubric.get("title")) or rubric_id,
        "summary": brief(rubric.get("summary")) if profile.summary else "",
        "task": {
            "id": squash(rubric.get("task")),
            "title": squash(task.get("title")) or squash(rubric.get("task")),
        },
        "version": squash(rubric.get("version")),
        "date": squash(change.get("date")),
        "scales": scales,
        "matrix": matrix,
        "dimensions": dimensions,
        "decision_steps": [squash(step) for step in rubric.get("decision_steps") or []],
        "edge_cases": edge_cases,
        "mistakes": mistakes,
        "url": url,
        "short_link": _short_link(url),
        "qr": {"payload": url, "svg": _qr_svg(url)},
        "source_path": _source_path(catalog, doc),
        "rubricate_version": __version__,
        "paper": {
            "key": profile.key,
            "name": profile.name,
            "css_size": profile.css_size,
            "columns": profile.columns,
            "reduced": profile.reduced,
            "edge_cases": profile.edge_cases,
            "mistakes": profile.mistakes,
            "compact": compact,
        },
    }


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["inline"] = inline
    return env


def stylesheet_text(root: Path | str | None = None) -> str:
    """cards.css from the project at ``root`` if it has one, else the packaged copy."""
    candidates = [Path(root) / STYLESHEET] if root is not None else []
    candidates.append(_PACKAGED_STYLESHEET)
    for path in candidates:
        if path.is_file():
            return path.read_text("utf-8")
    raise FileNotFoundError(f"cards stylesheet not found: {STYLESHEET}")


def _card_classes(context: Mapping[str, Any]) -> tuple[str, ...]:
    paper = context["paper"]
    classes = ["rb-card", f"rb-card--{paper['key']}", f"rb-card--cols-{paper['columns']}"]
    if paper["reduced"]:
        classes.append("rb-card--reduced")
    if paper["compact"]:
        classes.append("rb-card--compact")
    return tuple(classes)


def _render_body(context: Mapping[str, Any], omit: Iterable[str]) -> Markup:
    omitted = frozenset(omit)
    unknown = omitted - set(OPTIONAL_SECTIONS)
    if unknown:
        raise ValueError(f"cannot omit card section(s): {', '.join(sorted(unknown))}")
    html = _environment().get_template("_card.html.j2").render(card=context, omit=omitted)
    return Markup(html)


def render_card_html(
    catalog: Catalog,
    rubric_id: str,
    *,
    site_url: str = DEFAULT_SITE_URL,
    paper: str = "a4",
    compact: bool = False,
    omit: Iterable[str] = (),
) -> str:
    """A complete standalone HTML document for one card, with cards.css inlined.

    ``@page`` size and margins are chosen for ``paper`` (a4, letter or a5); the file works on
    its own (browser print or WeasyPrint). ``compact`` selects the denser layout (see
    :func:`card_context`). ``omit`` drops optional sections; overflow detection uses it to
    find which section does not fit.
    """
    context = card_context(catalog, rubric_id, site_url=site_url, paper=paper, compact=compact)
    return (
        _environment()
        .get_template("card.html.j2")
        .render(
            card=context,
            body=_render_body(context, omit),
            classes=" ".join(_card_classes(context)),
            css=Markup(stylesheet_text(catalog.root)),
        )
    )


def render_card_fragment(
    catalog: Catalog,
    rubric_id: str,
    *,
    site_url: str = DEFAULT_SITE_URL,
    paper: str = "a4",
    compact: bool = False,
) -> CardFragment:
    """The card's inner HTML and wrapper classes, for embedding at ``/cards/<rubric>.html``.

    The HTML has no blank lines and no indentation, so it survives being placed in a
    Markdown page as a raw HTML block. ``compact`` selects the denser layout (the site uses
    it, so that printing a card page from a browser fits one page like the PDF does).
    """
    context = card_context(catalog, rubric_id, site_url=site_url, paper=paper, compact=compact)
    body = _render_body(context, ())
    return CardFragment(
        rubric_id=rubric_id,
        html=Markup(_compact(str(body))),
        classes=_card_classes(context),
        title=context["title"],
    )


def render_index_fragment(
    catalog: Catalog,
    *,
    site_url: str = DEFAULT_SITE_URL,
    href: Callable[[str], str] | None = None,
) -> Markup:
    """A list of every rubric's card (title, task, version, date), linking to each card.

    ``href(rubric_id)`` gives the link target (default ``"<id>/"``, i.e. relative to
    ``/cards/``). Rubrics are in file-name order, the booklet's order.
    """
    link = href or (lambda rubric_id: f"{rubric_id}/")
    entries = []
    for doc in catalog.loaded("rubric"):
        context = card_context(catalog, doc.id, site_url=site_url)
        entries.append({"card": context, "href": link(doc.id)})
    html = _environment().get_template("index.html.j2").render(entries=entries)
    return Markup(_compact(html))


def rubric_ids(catalog: Catalog) -> list[str]:
    """Every loadable rubric id, in file-name order (the booklet's order)."""
    return [doc.id for doc in catalog.loaded("rubric")]


def _compact(html: str) -> str:
    """Strip indentation and blank lines (Markdown would read them as code or block ends)."""
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())
