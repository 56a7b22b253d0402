"""Consensus agreement: the counting shortcut equals recounting the others per coder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.report.collect import consensus_agreement
from validate.stats.agreement import CodedJudgements


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
    assert consensus_agreement(coded) == _recounted(coded)


def test_a_lone_majority_value_agrees_only_with_company() -> None:
    coded = CodedJudgements()
    for coder, value in [("a", 1), ("b", 1), ("c", 2)]:
        coded.add("item", coder, value)
    assert consensus_agreement(coded) == {"a": [1, 1], "b": [1, 1], "c": [0, 1]}
