"""Majority vote, Dawid-Skene and Bradley-Terry."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validate.stats.aggregate import (
    bradley_terry,
    bradley_terry_many,
    dawid_skene,
    expand_counts,
    majority_vote,
    pairwise_counts,
)
from validate.stats.agreement import CoincidenceAccumulator, sort_key


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


def _bradley_terry_one(rows, *, max_iter=10_000, tol=1e-10, prior=0.0):  # type: ignore[no-untyped-def]
    """The single-problem MM loop as it was before fits were batched (the reference)."""
    items = sorted({x for a, b, _ in rows for x in (a, b)}, key=sort_key)
    if not items:
        return [], 0, True
    index = {x: n for n, x in enumerate(items)}
    size = len(items)
    wins, games = np.zeros(size), np.zeros((size, size))
    for a, b, outcome in rows:
        score = {"a": 1.0, "b": 0.0, "tie": 0.5}[outcome]
        wins[index[a]] += score
        wins[index[b]] += 1.0 - score
        games[index[a], index[b]] += 1.0
        games[index[b], index[a]] += 1.0
    p = np.full(size, 1.0 / size)
    converged, iterations = False, 0
    for iterations in range(1, max_iter + 1):  # noqa: B007
        total = p[:, None] + p[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(games > 0, games / total, 0.0)
        denom = z.sum(axis=1)
        numer = wins.copy()
        if prior > 0:
            numer += prior
            denom = denom + 2.0 * prior / (p + 1.0 / size)
        with np.errstate(divide="ignore", invalid="ignore"):
            new = np.where(denom > 0, numer / denom, 0.0)
        new = np.nan_to_num(new, nan=0.0, posinf=0.0)
        s = new.sum()
        new = new / s if s > 0 else np.full(size, 1.0 / size)
        change = float(np.abs(new - p).max())
        p = new
        if change < tol:
            converged = True
            break
    return [float(v) for v in p], iterations, converged


comparison = st.tuples(
    st.sampled_from("abcdefgh"), st.sampled_from("abcdefgh"), st.sampled_from(["a", "b", "tie"])
).filter(lambda c: c[0] != c[1])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(comparison, max_size=12), min_size=1, max_size=25),
    st.sampled_from([0.0, 0.1, 0.5]),
)
def test_bradley_terry_many_equals_one_at_a_time(problems, prior) -> None:  # type: ignore[no-untyped-def]
    """Batched by size, each fit is exactly the one it gets alone: scores, iterations,
    convergence (including fits that never converge and stop at max_iter)."""
    fits = bradley_terry_many(problems, prior=prior, max_iter=300)
    for rows, fit in zip(problems, fits, strict=True):
        scores, iterations, converged = _bradley_terry_one(rows, prior=prior, max_iter=300)
        assert list(fit.scores.values()) == scores
        assert (fit.iterations, fit.converged) == (iterations, converged)
