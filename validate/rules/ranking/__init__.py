"""Response ranking rules (``RNK``): permutations, ties, ratings and the item's responses."""

from __future__ import annotations

from typing import Any


def response_ids(record: dict[str, Any]) -> list[Any] | None:
    """The ids of ``item.responses`` in order, or None when the item lists no responses."""
    item = record.get("item")
    responses = item.get("responses") if item.__class__ is dict else None
    if responses.__class__ is not list or not responses:
        return None
    return [r.get("id") if r.__class__ is dict else None for r in responses]


def flat_ranking(ranking: list[Any]) -> list[tuple[int, Any]]:
    """``(position, id)`` for every id in ``ranking``, ties (nested lists) flattened."""
    flat: list[tuple[int, Any]] = []
    for position, entry in enumerate(ranking):
        if entry.__class__ is list:
            flat.extend((position, e) for e in entry)
        else:
            flat.append((position, entry))
    return flat
