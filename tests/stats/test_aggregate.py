"""Majority vote, Dawid-Skene and Bradley-Terry."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from validate.stats.aggregate import (
    bradley_terry,
    dawid_skene,
    expand_counts,
    majority_vote,
    pairwise_counts,
)
from validate.stats.agreement import CoincidenceAccumulator


def test_majority_vote_ties_reported_and_deterministic() -> None:
    acc = CoincidenceAccumulator()
    for v in ["X", "G", "G", "X", "P"]:
        acc.add("tie", v)
    for v in ["R", "R", "G"]:
        acc.add("clear", v)
    mv = majority_vote(acc)
    assert mv["clear"].label == "R" and mv["clear"].tied == () and mv["clear"].votes == 2
    assert mv["tie"].label == "G" and mv["tie"].tied == ("G", "X")
    assert majority_vote(acc, value_order=["X", "R", "P", "G"])["tie"].label == "X"
    assert majority_vote(acc, tie_break="none")["tie"].label is None


def _synthetic(seed: int, n_items: int = 300, n_workers: int = 12, k: int = 3):
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, k, size=n_items)
    rows = []
    for w in range(n_workers):
        acc = 0.9 if w < 4 else 0.5  # a few good workers, many noisy ones
        # noisy workers confuse class c with c+1 (systematic error DS can learn)
        for i in range(n_items):
            if rng.random() < 0.5:
                continue
            t = int(truth[i])
            r = rng.random()
            label = t if r < acc else (t + 1) % k if r < acc + 0.35 else int(rng.integers(k))
            rows.append((f"w{w}", f"i{i}", f"c{label}"))
    return rows, {f"i{i}": f"c{t}" for i, t in enumerate(truth)}


def test_dawid_skene_beats_majority_on_systematic_confusion() -> None:
    rows, truth = _synthetic(0)
    ds = dawid_skene(rows, n_iter=200)
    counts = CoincidenceAccumulator()
    for _, item, label in rows:
        counts.add(item, label)
    mv = majority_vote(counts)
    ds_acc = np.mean([ds.labels[i] == t for i, t in truth.items() if i in ds.labels])
    mv_acc = np.mean([mv[i].label == t for i, t in truth.items() if i in mv])
    assert ds_acc > mv_acc
    assert ds_acc > 0.9
    np.testing.assert_allclose(ds.posteriors.sum(axis=1), 1.0)
    np.testing.assert_allclose(ds.confusion.sum(axis=2), 1.0)


@pytest.mark.parametrize("n_iter", [1, 5, 25])
def test_dawid_skene_matches_crowd_kit(n_iter: int) -> None:
    """Same EM as crowd-kit's DawidSkene (majority-vote start, 1e-10 floor): identical
    posteriors after the same number of iterations, on data where every worker used every
    label (crowd-kit normalises a worker's error row over the labels that worker used, we over
    all classes; they differ only for labels a worker never gave)."""
    pd = pytest.importorskip("pandas")
    crowdkit = pytest.importorskip("crowdkit.aggregation")
    rows, _ = _synthetic(1)
    df = pd.DataFrame(rows, columns=["worker", "task", "label"])
    assert (df.groupby("worker")["label"].nunique() == 3).all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ck = crowdkit.DawidSkene(n_iter=n_iter, tol=-np.inf).fit(df)
    ours = dawid_skene(rows, n_iter=n_iter, tol=0.0)
    theirs = ck.probas_.loc[ours.items, ours.classes].to_numpy()
    np.testing.assert_allclose(ours.posteriors, theirs, atol=1e-6)
    assert all(ck.labels_[i] == lab for i, lab in ours.labels.items())


def test_bradley_terry_two_items_closed_form() -> None:
    # a beats b 3 times, loses once: MLE p_a / p_b = 3
    bt = bradley_terry([("a", "b", "a")] * 3 + [("b", "a", "a")])
    assert bt.converged
    assert bt.scores["a"] / bt.scores["b"] == pytest.approx(3.0, rel=1e-6)
    assert bt.ordering == ["a", "b"]
    # ties are half wins: 1 win + 2 ties = 2 wins of 3 -> ratio 2
    bt = bradley_terry([("a", "b", "a"), ("a", "b", "tie"), ("b", "a", "tie")])
    assert bt.scores["a"] / bt.scores["b"] == pytest.approx(2.0, rel=1e-6)


def test_bradley_terry_score_equations() -> None:
    """At the MLE, each item's expected wins equal its observed wins (Zermelo 1929)."""
    rng = np.random.default_rng(5)
    strength = np.exp(rng.normal(size=6))
    comps = []
    for _ in range(400):
        a, b = rng.choice(6, 2, replace=False)
        win = rng.random() < strength[a] / (strength[a] + strength[b])
        comps.append((f"i{a}", f"i{b}", "a" if win else "b"))
    bt = bradley_terry(comps)
    assert bt.converged
    p = bt.scores
    for item in p:
        wins = sum((o == "a") == (x == item) for x, y, o in comps if item in (x, y))
        expected = sum(p[item] / (p[x] + p[y]) for x, y, _ in comps if item in (x, y))
        assert expected == pytest.approx(wins, rel=1e-5)
    assert sum(p.values()) == pytest.approx(1.0)
    # the mergeable summary gives the same fit
    half = len(comps) // 2
    counts = pairwise_counts(comps[:half]) + pairwise_counts(comps[half:])
    bt2 = bradley_terry(list(expand_counts(counts)))
    assert bt2.ordering == bt.ordering
    for item in p:
        assert bt2.scores[item] == pytest.approx(p[item], rel=1e-6)


def test_bradley_terry_prior_handles_winless_items() -> None:
    comps = [("a", "b", "a"), ("a", "c", "a"), ("b", "c", "a")]
    bt = bradley_terry(comps, prior=0.5)
    assert bt.converged and bt.ordering == ["a", "b", "c"]
    assert all(v > 0 for v in bt.scores.values())
    assert bradley_terry(comps).ordering == ["a", "b", "c"]
    with pytest.raises(ValueError):
        bradley_terry([("a", "b", "both_bad")])
