"""Cohen's kappa, Fleiss' kappa and percent agreement."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.stats.conftest import judgements, split
from validate.stats.agreement import (
    CodedJudgements,
    CoincidenceAccumulator,
    cohen_kappa,
    fleiss_kappa,
    percent_agreement,
)

# Fleiss (1971), Table 1: 30 patients, 6 psychiatrists per patient, 5 diagnoses
# (depression, personality disorder, schizophrenia, neurosis, other): counts n_ij.
# Transcribed as in R package irr (`diagnoses`) and quadagree (`dat.fleiss1971`);
# published kappa = .430.
FLEISS_1971 = [
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1],
    [3, 0, 0, 1, 2],
    [5, 1, 0, 0, 0],
    [0, 2, 0, 4, 0],
    [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6],
    [0, 1, 0, 5, 0],
    [0, 2, 0, 1, 3],
    [2, 0, 0, 4, 0],
    [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0],
    [4, 0, 0, 0, 2],
    [0, 2, 0, 4, 0],
    [1, 0, 5, 0, 0],
    [0, 0, 0, 0, 6],
]
# The 10 subjects x 14 raters x 5 categories example commonly reproduced (Wikipedia, "Fleiss'
# kappa", worked example): P-bar = 0.378, P-bar_e = 0.213, kappa = 0.210 (not 0.430, which is
# Fleiss's own 30 x 6 example above).
WIKI_10x14 = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def _from_table(table: list[list[int]]) -> CoincidenceAccumulator:
    return CoincidenceAccumulator.from_units(
        {i: {j + 1: n for j, n in enumerate(row)} for i, row in enumerate(table)}
    )


def test_fleiss_1971_table_1() -> None:
    assert fleiss_kappa(_from_table(FLEISS_1971)) == pytest.approx(0.430, abs=5e-4)


def test_fleiss_wikipedia_10x14() -> None:
    acc = _from_table(WIKI_10x14)
    assert percent_agreement(acc) == pytest.approx(0.378, abs=5e-4)
    assert fleiss_kappa(acc) == pytest.approx(0.210, abs=5e-4)


def test_fleiss_requires_constant_raters() -> None:
    acc = _from_table([[2, 0], [1, 2]])
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa(acc)
    acc = _from_table([[2, 0], [1, 1], [1, 0]])  # the single-rating item is not pairable
    assert fleiss_kappa(acc) is not None
    assert fleiss_kappa(_from_table([[3, 0], [3, 0]])) is None  # one category only


def test_cohen_textbook() -> None:
    """50 grant proposals, two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    p_o = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = 0.4 (worked by hand; the example
    of Wikipedia's "Cohen's kappa")."""
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    coded = CodedJudgements()
    for i, (a, b) in enumerate(pairs):
        coded.add(i, "reader-a", a)
        coded.add(i, "reader-b", b)
    assert coded.cohen_kappa() == pytest.approx(0.4)
    coded.add(999, "reader-c", "y")
    with pytest.raises(ValueError, match="two raters"):
        coded.cohen_kappa()
    assert coded.cohen_kappa("reader-a", "reader-b") == pytest.approx(0.4)


def test_cohen_weighted_by_hand() -> None:
    # 3 levels; one disagreement by one step, one by two steps
    pairs = [(1, 1), (2, 2), (3, 3), (1, 2), (1, 3), (2, 2)]
    p = np.zeros((3, 3))
    for a, b in pairs:
        p[a - 1, b - 1] += 1 / len(pairs)
    e = np.outer(p.sum(1), p.sum(0))
    r = np.arange(3)
    for name, w in [("linear", abs(r[:, None] - r) / 2), ("quadratic", (r[:, None] - r) ** 2 / 4)]:
        expected = 1 - (w * p).sum() / (w * e).sum()
        assert cohen_kappa(pairs, weights=name) == pytest.approx(expected)  # type: ignore[arg-type]
    # weights use ranks on the declared scale: an unobserved level at the end rescales all
    # distances alike (no change), one in the middle changes them
    assert cohen_kappa(pairs, weights="linear", value_order=[1, 2, 3, 4]) == pytest.approx(
        cohen_kappa(pairs, weights="linear")
    )
    assert cohen_kappa(pairs, weights="linear", value_order=[1, 2, 2.5, 3]) != pytest.approx(
        cohen_kappa(pairs, weights="linear")
    )


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_matches_sklearn(weights: str | None) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(11)
    for _ in range(20):
        a = rng.integers(0, 5, size=60)
        b = np.where(rng.random(60) < 0.6, a, rng.integers(0, 5, size=60))
        ours = cohen_kappa(list(zip(a.tolist(), b.tolist(), strict=True)), weights=weights)  # type: ignore[arg-type]
        assert ours == pytest.approx(metrics.cohen_kappa_score(a, b, weights=weights))


def test_percent_agreement_two_raters() -> None:
    acc = CoincidenceAccumulator.from_matrix([["a", "b", "c", "a"], ["a", "b", "a", None]])
    assert percent_agreement(acc) == pytest.approx(2 / 3)  # the 4th item is not pairable


@settings(max_examples=150, deadline=None)
@given(judgements, st.lists(st.integers(0, 60), max_size=4))
def test_kappas_merge(rows, cuts) -> None:
    whole = CodedJudgements()
    for item, coder, value in rows:
        whole.add(item, coder, value)
    merged = CodedJudgements()
    for shard in split(rows, cuts):
        part = CodedJudgements()
        for item, coder, value in shard:
            part.add(item, coder, value)
        merged.merge(part)
    for weights in (None, "linear", "quadratic"):
        a = merged.cohen_kappa("ann-0", "ann-1", weights=weights)  # type: ignore[arg-type]
        b = whole.cohen_kappa("ann-0", "ann-1", weights=weights)  # type: ignore[arg-type]
        assert (a is None and b is None) or a == pytest.approx(b)
    acc_m, acc_w = merged.to_coincidence(), whole.to_coincidence()
    assert percent_agreement(acc_m) == percent_agreement(acc_w)
    try:
        expected = fleiss_kappa(acc_w)
    except ValueError:
        with pytest.raises(ValueError):
            fleiss_kappa(acc_m)
    else:
        got = fleiss_kappa(acc_m)
        assert (got is None and expected is None) or got == pytest.approx(expected)
