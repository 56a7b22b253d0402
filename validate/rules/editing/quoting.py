"""Short quotations of label text for messages."""

from __future__ import annotations

_MAX = 60


def quote(text: str) -> str:
    """``repr`` of ``text``, shortened in the middle when long."""
    if len(text) <= _MAX:
        return repr(text)
    return repr(text[: _MAX // 2] + "…" + text[-_MAX // 2 :])
