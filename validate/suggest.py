"""Messages for a name that does not exist (a rubric id typed on the command line or in a
record): the closest known name first, since a typo is the usual cause, then every known name.

One wording everywhere: ``unknown rubric 'likert_ratng' (--rubric); did you mean
'likert_rating'? (this project has: likert_rating, response_ranking)``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

SHOWN_NAME = 80
"""Characters of the unknown name echoed back: a record may carry a megabyte of junk there."""


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name most similar to ``name`` (``difflib``'s ratio of at least 0.6), if any."""
    found = difflib.get_close_matches(name, sorted(known), n=1)
    return found[0] if found else None


def unknown_rubric(name: str, known: Iterable[str], *, option: str | None = None) -> str:
    """The message for rubric ``name`` missing from ``known`` (``option``: where it was given,
    such as ``--rubric``)."""
    rubrics = sorted(known)
    where = f" ({option})" if option else ""
    close = closest(name, rubrics)
    hint = f"; did you mean {close!r}?" if close else ""
    return f"unknown rubric {name[:SHOWN_NAME]!r}{where}{hint} {_listing(rubrics)}"


def unknown_rubrics(names: Sequence[str], known: Iterable[str]) -> str:
    """One message for several unknown rubric ids: a hint for each, the project's list once."""
    if len(names) == 1:
        return unknown_rubric(names[0], known)
    rubrics = sorted(known)
    parts = ", ".join(hinted(name, rubrics) for name in names)
    return f"unknown rubrics {parts} {_listing(rubrics)}"


def hinted(name: object, known: Iterable[str]) -> str:
    """``'likert_ratng' (did you mean 'likert_rating'?)``: a name, shortened, with its hint
    (for one-line messages that do not list the project's rubrics)."""
    shown = name if isinstance(name, str) else str(name)
    close = closest(name, known) if isinstance(name, str) else None
    return f"{shown[:SHOWN_NAME]!r}" + (f" (did you mean {close!r}?)" if close else "")


def _listing(rubrics: list[str]) -> str:
    return f"(this project has: {', '.join(rubrics) or 'none'})"


def unknown_keys(error: Any) -> list[str] | None:
    """The keys a JSON Schema ``additionalProperties`` error is about, each with its hint
    (``'minimun' (did you mean 'minimum'?)``); ``None`` for any other error. The validator's
    own message ("Additional properties are not allowed") names neither the place nor the
    likely intent."""
    if getattr(error, "validator", None) != "additionalProperties" or not isinstance(
        error.instance, dict
    ):
        return None
    known = list((error.schema.get("properties") or {}).keys())
    return [hinted(key, known) for key in unknown_names(error)]


def unknown_names(error: Any) -> list[str]:
    """The keys a JSON Schema ``additionalProperties`` error is about, as written (none for
    any other error)."""
    if getattr(error, "validator", None) != "additionalProperties" or not isinstance(
        error.instance, dict
    ):
        return []
    known = error.schema.get("properties") or {}
    patterns = [re.compile(p) for p in (error.schema.get("patternProperties") or {})]
    return [
        key
        for key in error.instance
        if key not in known and not any(p.search(key) for p in patterns)
    ]
