"""PRF004 (preference-cycle): cycles found once, at the right place, identically across shards."""

from __future__ import annotations

import pickle
from itertools import pairwise
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.lint.model import pack
from validate.rules.preference.preference_cycle import PreferenceCycles, _cycles


def judgement(annotator: str, prompt: str, first: str, second: str, choice: str) -> dict[str, Any]:
    """A preference record: ``first`` shown as a, ``second`` as b."""
    return {
        "id": f"{annotator}-{prompt}-{first}-{second}",
        "annotator_id": annotator,
        "item": {
            "prompt_id": prompt,
            "responses": [
                {"id": "a", "response_id": first},
                {"id": "b", "response_id": second},
            ],
        },
        "label": {"preference": choice, "strength": 1},
    }


def findings(acc: PreferenceCycles) -> list[tuple[int, str, int | None]]:
    return [(p.where, p.message, p.related) for p in acc.finish()]


def test_three_cycle_reported_once_at_the_closing_judgement() -> None:
    acc = PreferenceCycles({})
    records = [
        judgement("ann", "p", "x", "y", "a"),  # x > y
        judgement("ann", "p", "y", "z", "a"),  # y > z
        judgement("ann", "p", "x", "y", "a"),  # x > y again: the edge keeps line 1
        judgement("ann", "p", "x", "z", "b"),  # z > x closes the cycle
    ]
    for line, record in enumerate(records, start=1):
        acc.add(record, pack(0, line))
    (problem,) = acc.finish()
    assert problem.where == pack(0, 4)
    assert problem.related == pack(0, 1)
    assert "'ann'" in problem.message and "'p'" in problem.message
    assert "x > y > z > x" in problem.message


def test_ties_other_annotators_and_prompts_give_no_edges() -> None:
    acc = PreferenceCycles({})
    acc.add(judgement("ann", "p", "x", "y", "a"), pack(0, 1))
    acc.add(judgement("ann", "p", "y", "x", "tie"), pack(0, 2))
    acc.add(judgement("ann", "p", "y", "x", "both_bad"), pack(0, 3))
    acc.add(judgement("bob", "p", "y", "x", "a"), pack(0, 4))
    acc.add(judgement("ann", "q", "y", "x", "a"), pack(0, 5))
    assert acc.finish() == []


def test_every_elementary_cycle_once() -> None:
    edges = {("a", "b"): 1, ("b", "a"): 2, ("b", "c"): 3, ("c", "a"): 4}
    assert sorted(_cycles(edges, 10)) == [["a", "b"], ["a", "b", "c"]]
    assert len(_cycles(edges, 1)) == 1


def test_accumulator_pickles() -> None:
    acc = PreferenceCycles({"max_cycles": 3})
    acc.add(judgement("ann", "p", "x", "y", "a"), pack(0, 1))
    clone = pickle.loads(pickle.dumps(acc))
    assert clone.limit == 3 and clone.edges == acc.edges


RESPONSES = ["r1", "r2", "r3", "r4"]
records_strategy = st.lists(
    st.tuples(
        st.sampled_from(["ann-1", "ann-2"]),
        st.sampled_from(["p1", "p2"]),
        st.sampled_from(RESPONSES),
        st.sampled_from(RESPONSES),
        st.sampled_from(["a", "b", "a", "b", "tie", "both_bad"]),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(records=records_strategy, cuts=st.lists(st.integers(0, 40), max_size=4))
def test_merging_shards_gives_the_same_findings(
    records: list[tuple[str, str, str, str, str]], cuts: list[int]
) -> None:
    whole = PreferenceCycles({})
    for line, (ann, prompt, first, second, choice) in enumerate(records, start=1):
        whole.add(judgement(ann, prompt, first, second, choice), pack(0, line))

    bounds = sorted({0, len(records), *(min(c, len(records)) for c in cuts)})
    shards = []
    for start, end in pairwise(bounds):
        shard = PreferenceCycles({})
        for line in range(start + 1, end + 1):
            ann, prompt, first, second, choice = records[line - 1]
            shard.add(judgement(ann, prompt, first, second, choice), pack(0, line))
        shards.append(pickle.loads(pickle.dumps(shard)))  # as --jobs sends them
    merged = shards[0] if shards else PreferenceCycles({})
    for shard in shards[1:]:
        merged.merge(shard)
    assert findings(merged) == findings(whole)
