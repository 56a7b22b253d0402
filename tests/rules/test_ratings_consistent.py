"""RNK003 on long rankings: the first pairs and the count equal comparing every pair."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.rules.ranking import ratings_consistent
from validate.rules.ranking.ratings_consistent import MAX_LISTED


def _every_pair(ranking: list[Any], ratings: dict[str, Any]) -> list[str]:
    """The textbook definition: every pair of places, in ranking order."""
    places: dict[str, tuple[int, Any]] = {}
    for position, entry in enumerate(ranking):
        for rid in entry if isinstance(entry, list) else [entry]:
            if rid in ratings and type(ratings[rid]) in (int, float):
                places.setdefault(rid, (position, ratings[rid]))
    rated = [(p, rid, r) for rid, (p, r) in places.items()]
    rated.sort(key=lambda x: x[0])  # stable: first places in ranking order
    return [
        f"{a!r} ({ra}) above {b!r} ({rb})"
        for i, (pa, a, ra) in enumerate(rated)
        for pb, b, rb in rated[i + 1 :]
        if pa < pb and ra < rb
    ]


def _message(ranking: list[Any], ratings: dict[str, Any]) -> str | None:
    record = {"label": {"ranking": ranking, "ratings": ratings}}
    problems = list(ratings_consistent.check(record, None, {}))
    return problems[0].message if problems else None


_ids = st.sampled_from([f"r{n}" for n in range(12)])
_entry = st.one_of(_ids, st.lists(_ids, min_size=1, max_size=3))


@settings(max_examples=400, deadline=None)
@given(
    ranking=st.lists(_entry, min_size=2, max_size=14),
    ratings=st.dictionaries(
        _ids, st.one_of(st.integers(1, 5), st.sampled_from([2.5, "4", None])), max_size=12
    ),
)
def test_the_message_is_what_comparing_every_pair_says(
    ranking: list[Any], ratings: dict[str, Any]
) -> None:
    pairs = _every_pair(ranking, ratings)
    if not pairs:
        assert _message(ranking, ratings) is None
        return
    more = len(pairs) - MAX_LISTED
    expected = "; ".join(pairs[:MAX_LISTED]) + (f"; and {more} more" if more > 0 else "")
    assert _message(ranking, ratings) == f"ranked higher but rated lower: {expected}"


def test_a_reversed_ranking_of_thousands_names_ten_pairs_and_counts_the_rest() -> None:
    ids = [f"r{n}" for n in range(3000)]
    message = _message(ids, {rid: n for n, rid in enumerate(ids)})
    assert message is not None
    assert message.startswith("ranked higher but rated lower: 'r0' (0) above 'r1' (1); ")
    assert message.endswith(f"; and {3000 * 2999 // 2 - MAX_LISTED} more")
