"""Consensus agreement from code arrays: the counting shortcut equals recounting the others
per coder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from validate.stats.agreement import CodedJudgements, clean_cells, consensus_agreement


def _recounted(coded: CodedJudgements) -> dict[Hashable, list[int]]:
    """The definition: drop the coder's value, then compare with the others' plurality."""
    out: dict[Hashable, list[int]] = {}
    rows: dict[Hashable, list[tuple[Hashable, Hashable]]] = {}
    for item, coder, value, conflict in coded.cells():
        if not conflict:
            rows.setdefault(item, []).append((coder, value))
    for clean in rows.values():
        if len(clean) < 2:
            continue
        for coder, value in clean:
            others = Counter(v for c, v in clean if c != coder)
            top = max(others.values())
            entry = out.setdefault(coder, [0, 0])
            entry[0] += others[value] == top and top > 0
            entry[1] += 1
    return out


def _from_arrays(judgements: list[tuple[int, str, object]]) -> dict[Hashable, list[int]]:
    """:func:`consensus_agreement` on the judgements coded as integers, decoded."""
    coders = sorted({c for _, c, _ in judgements})
    values = sorted({repr(v) for _, _, v in judgements})
    unit = np.array([u for u, _, _ in judgements], dtype=np.int64)
    coder = np.array([coders.index(c) for _, c, _ in judgements], dtype=np.int64)
    value = np.array([values.index(repr(v)) for _, _, v in judgements], dtype=np.int64)
    codes, agree, total = consensus_agreement(*clean_cells(unit, coder, value))
    return {
        coders[c]: [a, t]
        for c, a, t in zip(codes.tolist(), agree.tolist(), total.tolist(), strict=True)
    }


@settings(max_examples=400, deadline=None)
@given(
    judgements=st.lists(
        st.tuples(
            st.integers(0, 6), st.sampled_from("abcdefg"), st.sampled_from([1, 2, 3, "x", "y"])
        ),
        max_size=80,
    )
)
def test_the_shortcut_equals_recounting(judgements: list[tuple[int, str, object]]) -> None:
    coded = CodedJudgements()
    for item, coder, value in judgements:  # a coder judging an item twice may conflict
        coded.add(item, coder, value)
    assert _from_arrays(judgements) == _recounted(coded)


def test_a_lone_majority_value_agrees_only_with_company() -> None:
    judgements = [(0, "a", 1), (0, "b", 1), (0, "c", 2)]
    assert _from_arrays(judgements) == {"a": [1, 1], "b": [1, 1], "c": [0, 1]}


def test_no_pairable_unit_counts_nobody() -> None:
    assert _from_arrays([(0, "a", 1), (1, "b", 2)]) == {}
    empty = np.empty(0, dtype=np.int64)
    assert [x.size for x in consensus_agreement(empty, empty, empty)] == [0, 0, 0]
