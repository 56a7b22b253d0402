"""Shared strategies for the statistics tests."""

from __future__ import annotations

from hypothesis import strategies as st

# judgements: (item, coder, value) with small domains so items overlap and coders repeat
judgement = st.tuples(
    st.integers(0, 7).map(lambda i: f"item-{i}"),
    st.integers(0, 4).map(lambda c: f"ann-{c}"),
    st.one_of(st.none(), st.integers(1, 5)),
)
judgements = st.lists(judgement, max_size=60)


def split(seq: list, cuts: list[int]) -> list[list]:
    """Split ``seq`` at the (sorted, clipped) cut points into shards."""
    points = sorted({min(max(c, 0), len(seq)) for c in cuts})
    out, start = [], 0
    for p in [*points, len(seq)]:
        out.append(seq[start:p])
        start = p
    return out
