"""Gold accuracy (exact, tolerance, IoU boxes) and annotator behaviour accumulators."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.stats.conftest import judgements, split
from validate.stats.behaviour import (
    LabelDistribution,
    SelfContradiction,
    Speed,
    StraightLining,
    total_variation,
)
from validate.stats.gold import GoldAccuracy, iou, match_boxes


def test_iou() -> None:
    assert iou([0, 0, 10, 10], [0, 0, 10, 10]) == 1.0
    assert iou([0, 0, 10, 10], [10, 0, 10, 10]) == 0.0  # touching edges
    assert iou([0, 0, 10, 10], [5, 0, 10, 10]) == pytest.approx(50 / 150)
    assert iou([0, 0, 10, 10], [2, 2, 5, 5]) == pytest.approx(25 / 100)
    assert iou([0, 0, 0, 0], [0, 0, 0, 0]) == 0.0
    with pytest.raises(ValueError):
        iou([0, 0, -1, 1], [0, 0, 1, 1])


def test_greedy_matching_one_to_one_by_category() -> None:
    gold = [
        {"category": "car", "bbox": [0, 0, 10, 10]},
        {"category": "car", "bbox": [1, 0, 10, 10]},
        {"category": "dog", "bbox": [50, 50, 10, 10]},
    ]
    given = [
        {"category": "car", "bbox": [0, 0, 10, 10]},  # best for gold 0 (IoU 1)
        {"category": "cat", "bbox": [50, 50, 10, 10]},  # wrong category
    ]
    matched = match_boxes(given, gold, 0.5)
    assert matched == [(0, 0, 1.0)]  # one given box matches one gold box only
    acc = GoldAccuracy("iou", iou_threshold=0.5)
    acc.add("a1", "img", given, gold)
    assert acc.result() == {"a1": (1, 3, 1 / 3)}
    assert acc.extra_boxes == {"a1": 1}


def test_gold_modes() -> None:
    exact = GoldAccuracy()
    exact.add("a", "i1", "G", "G")
    exact.add("a", "i2", "X", "G")
    exact.add("b", "i1", None, "G")  # no answer: wrong
    exact.add("b", "i3", "G", None)  # no gold: skipped
    assert exact.result() == {"a": (1, 2, 0.5), "b": (0, 1, 0.0)}
    assert exact.overall() == (1, 3, 1 / 3)
    tol = GoldAccuracy("tolerance", tolerance=1, value_order=["bad", "ok", "good", "great"])
    tol.add("a", "i1", "ok", "good")
    tol.add("a", "i2", "bad", "good")
    assert tol.result() == {"a": (1, 2, 0.5)}
    numeric = GoldAccuracy("tolerance", tolerance=1)
    numeric.add("a", "i1", 3, 4)
    assert numeric.result()["a"] == (1, 1, 1.0)


def test_behaviour_basics() -> None:
    sl = StraightLining(min_records=3)
    for v in ["G", "G", "G", "P"]:
        sl.add("a", v)
    sl.add("b", "G")
    res = sl.result()
    assert list(res) == ["a"] and res["a"].top_value == "G" and res["a"].share == 0.75
    sp = Speed(min_seconds=2.0)
    for d in [1.0, 1.5, 10.0]:
        sp.add("fast", d)
    for d in [20.0, 30.0, 40.0]:
        sp.add("slow", d)
    r = sp.result()
    assert r["fast"].median_s == 1.5 and r["fast"].below_min == 2
    assert r["fast"].population_median_s == 15.0
    assert r["fast"].ratio == pytest.approx(0.1)
    sc = SelfContradiction()
    sc.add("a", "u", "G")
    sc.add("a", "u", "G")
    sc.add("a", "v", "G")
    sc.add("a", "v", "X")
    out = sc.result()
    assert out["count"] == 1 and out["repeated"] == 2
    assert out["examples"] == [("a", "v", ["G", "X"])]
    assert total_variation({"a": 1}, {"b": 3}) == 1.0
    ld = LabelDistribution(min_records=1)
    for v in "GGGG":
        ld.add("a", v)
    for v in "GGXX":
        ld.add("b", v)
    assert ld.result() == {"a": pytest.approx(0.5), "b": pytest.approx(0.5)}


@settings(max_examples=150, deadline=None)
@given(judgements, st.lists(st.integers(0, 60), max_size=4), st.randoms(use_true_random=False))
def test_gold_and_behaviour_merge(rows, cuts, rnd) -> None:
    indexed = list(enumerate(rows))
    whole = _feed_indexed(indexed)
    rnd.shuffle(indexed)
    shards = [_feed_indexed(s) for s in split(indexed, cuts)]
    rnd.shuffle(shards)
    merged = _feed_indexed([])
    for shard in shards:
        for m, s in zip(merged, shard, strict=True):
            m.merge(s)
    for m, w in zip(merged, whole, strict=True):
        assert m == w
        assert m.result() == w.result()


def _feed_indexed(indexed):
    """Like ``_feed`` but deciding gold membership by the record's original position, so that
    shuffling does not change which records are gold."""
    g = GoldAccuracy()
    sl, sp, sc, ld = StraightLining(1), Speed(2.0), SelfContradiction(), LabelDistribution(1)
    for n, (item, coder, value) in indexed:
        if n % 3 == 0:
            g.add(coder, item, value, 3)
        sl.add(coder, value)
        sp.add(coder, None if value is None else float(value) * 1.5)
        sc.add(coder, item, value)
        ld.add(coder, value)
    return g, sl, sp, sc, ld
