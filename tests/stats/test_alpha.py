"""Krippendorff's alpha: published examples, an independent implementation, merging, bootstrap."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.stats.conftest import judgements, split
from validate.stats.agreement import (
    DENSE_CELLS,
    LEVELS,
    CodedJudgements,
    CoincidenceAccumulator,
    UnitCounts,
    _alpha_with_weights,
    bootstrap_alphas,
    bootstrap_ci,
    bootstrap_cis,
    krippendorff_alpha,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, missing values (None). Unit 12 has a single value and is not pairable.
C_DATA = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
# published: nominal .743, ordinal .815, interval .849, ratio .797
C_PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

# Krippendorff (2011) section A: binary data, two observers, no missing data: alpha = .095
A_DATA = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
# Krippendorff (2011) section B: nominal data, two observers (Ben, Gerry): alpha = .692
B_DATA = [list("aabbdcccedda"), list("babbbccceddd")]


def _matrix(rows: list[list]) -> np.ndarray:
    return np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)


@pytest.mark.parametrize("level", LEVELS)
def test_krippendorff_2011_example_c(level: str) -> None:
    acc = CoincidenceAccumulator.from_matrix(C_DATA)
    value = acc.alpha(level)  # type: ignore[arg-type]
    assert value == pytest.approx(C_PUBLISHED[level], abs=5e-4)
    assert value == pytest.approx(
        krippendorff.alpha(_matrix(C_DATA), level_of_measurement=level), abs=1e-12
    )


def test_krippendorff_2011_example_c_coincidences() -> None:
    values, o = CoincidenceAccumulator.from_matrix(C_DATA).coincidence_matrix()
    assert values == [1, 2, 3, 4, 5]
    # published marginals n_c (Krippendorff 2011, section C): 9, 13, 10, 5, 3; n = 40
    np.testing.assert_allclose(o.sum(axis=1), [9, 13, 10, 5, 3])
    np.testing.assert_allclose(o, o.T)
    # by hand: units 1-5, 7-11 contribute only to the diagonal or to (1,2); unit 6 has
    # values 1, 2, 3, 4 (m=4): each ordered pair of distinct values adds 1/3
    assert o[0, 2] == pytest.approx(1 / 3) and o[2, 3] == pytest.approx(1 / 3)
    assert o[4, 4] == 3  # unit 10: three 5s -> 3 * 2 / 2
    assert o.sum() == 40  # n: pairable values


def test_krippendorff_2011_examples_a_b() -> None:
    assert CoincidenceAccumulator.from_matrix(A_DATA).alpha() == pytest.approx(0.095, abs=5e-4)
    assert CoincidenceAccumulator.from_matrix(B_DATA).alpha() == pytest.approx(0.692, abs=5e-4)


def test_ordinal_unobserved_levels_contribute_nothing() -> None:
    """A declared level nobody used has n_g = 0: ordinal alpha is unchanged by it, and agrees
    with the krippendorff package given the same value domain."""
    acc = CoincidenceAccumulator.from_matrix(C_DATA)
    declared = [0, 1, 2, 3, 4, 5, 6, 7]
    assert acc.alpha("ordinal", value_order=declared) == pytest.approx(acc.alpha("ordinal"))
    assert acc.alpha("ordinal", value_order=declared) == pytest.approx(
        krippendorff.alpha(_matrix(C_DATA), level_of_measurement="ordinal", value_domain=declared)
    )
    # labels with a declared order
    names = {1: "poor", 2: "fair", 3: "good", 4: "great", 5: "superb"}
    named = [[None if v is None else names[v] for v in r] for r in C_DATA]
    order = ["awful", "poor", "fair", "good", "great", "superb"]
    value = CoincidenceAccumulator.from_matrix(named).alpha("ordinal", value_order=order)
    assert value == pytest.approx(acc.alpha("ordinal"))
    with pytest.raises(ValueError, match="not in value_order"):
        CoincidenceAccumulator.from_matrix(named).alpha("ordinal", value_order=order[:3])


def test_undefined_conventions() -> None:
    acc = CoincidenceAccumulator()
    assert acc.alpha() is None  # nothing
    acc.add("u1", "a")
    acc.add("u2", "b")
    assert acc.alpha() is None  # no pairable unit
    acc.add("u1", "a")
    assert acc.alpha() is None  # one value only: D_e = 0
    acc.add("u2", "b")
    assert acc.alpha() == 1.0  # perfect agreement with variation
    assert bootstrap_ci(CoincidenceAccumulator()) is None
    with pytest.raises(ValueError):
        acc.alpha("circular")  # type: ignore[arg-type]


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("seed", range(12))
def test_agrees_with_krippendorff_package_on_random_data(level: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    coders, units = int(rng.integers(2, 7)), int(rng.integers(3, 40))
    k = int(rng.integers(2, 7))
    data = rng.integers(1, k + 1, size=(coders, units)).astype(float)
    # agreement structure: a true value per unit plus noise
    truth = rng.integers(1, k + 1, size=units)
    keep = rng.random((coders, units)) < 0.6
    data[keep] = np.broadcast_to(truth, data.shape)[keep]
    data[rng.random((coders, units)) < 0.25] = np.nan  # missing values
    rows = [[None if np.isnan(v) else int(v) for v in r] for r in data]
    acc = CoincidenceAccumulator.from_matrix(rows)
    ours = acc.alpha(level)  # type: ignore[arg-type]
    try:
        theirs = krippendorff.alpha(data, level_of_measurement=level)
    except ValueError:  # the package refuses data with a single value
        assert ours is None
        return
    if ours is None:
        assert not np.isfinite(theirs) or acc.n_pairable_values() < 2
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


@pytest.mark.parametrize("dense_cells", [DENSE_CELLS, 0], ids=["tables", "gathered"])
@pytest.mark.parametrize("level", LEVELS)
def test_vectorised_path_equals_reference(level: str, dense_cells: int) -> None:
    """Unit weights all 1 in the bootstrap machinery reproduce alpha exactly, and integer
    weights equal alpha on the data with those units duplicated (both ways of summing)."""
    rng = np.random.default_rng(7)
    acc = CoincidenceAccumulator()
    for u in range(50):
        for _ in range(int(rng.integers(1, 6))):
            acc.add(f"u{u}", int(rng.integers(1, 6)))
    units = acc.pairable_units()
    ones = np.ones(len(units))
    alpha = _alpha_with_weights(acc, level, ones, dense_cells=dense_cells)[0]
    assert alpha == pytest.approx(acc.alpha(level))
    weights = rng.integers(0, 3, size=len(units))
    dup = CoincidenceAccumulator()
    for (item, counts), wgt in zip(units, weights, strict=True):
        for copy in range(int(wgt)):
            for value, n in counts.items():
                for _ in range(n):
                    dup.add((item, copy), value)
    expected = dup.alpha(level)
    got = _alpha_with_weights(acc, level, weights, dense_cells=dense_cells)[0]
    assert got == pytest.approx(expected) if expected is not None else np.isnan(got)


def test_bootstrap_deterministic_and_sensible() -> None:
    rng = np.random.default_rng(3)
    acc = CoincidenceAccumulator()
    for u in range(300):
        truth = int(rng.integers(1, 5))
        for _ in range(3):
            acc.add(u, truth if rng.random() < 0.7 else int(rng.integers(1, 5)))
    point = acc.alpha("nominal")
    ci = bootstrap_ci(acc, "nominal", n=500, seed=1)
    assert ci is not None and point is not None
    assert ci == bootstrap_ci(acc, "nominal", n=500, seed=1)
    assert ci != bootstrap_ci(acc, "nominal", n=500, seed=2)
    assert ci[0] < point < ci[1]
    assert ci[1] - ci[0] < 0.2
    for level in LEVELS:
        ci_l = bootstrap_ci(acc, level, n=200)  # type: ignore[arg-type]
        assert ci_l is not None and ci_l[0] <= ci_l[1]
    assert len(bootstrap_alphas(acc, "ordinal", n=37)) == 37


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(1, 5)), min_size=2, max_size=150),
    st.sampled_from(LEVELS),
    st.permutations(range(31)),
)
def test_unit_counts_bootstrap_equals_the_accumulator(
    cells: list[tuple[int, int]], level: str, names: list[int]
) -> None:
    """Units keyed by names whose order is not the codes' order: the code-array bootstrap
    resamples them in the accumulator's order, so it draws the same resamples."""
    key = [f"item-{n:02d}" for n in names]
    acc = CoincidenceAccumulator()
    for unit, value in cells:
        acc.add(key[unit], value)
    unit = np.array([u for u, _ in cells], dtype=np.int64)
    value = np.array([v for _, v in cells], dtype=np.int64)
    counts = UnitCounts(unit, value, list(range(6)), key.__getitem__)
    order = [1, 2, 3, 4, 5] if level == "ordinal" else None
    expected = bootstrap_ci(acc, level, n=60, seed=4, value_order=order)  # type: ignore[arg-type]
    got = counts.bootstrap_ci(level, n=60, seed=4, value_order=order)  # type: ignore[arg-type]
    assert (got is None) == (expected is None)
    if got is not None:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_unit_counts_bootstrap_rejects_what_the_accumulator_rejects() -> None:
    counts = UnitCounts(np.array([0, 0, 1, 1]), np.array([0, 1, 0, 0]), ["a", "b"])
    with pytest.raises(ValueError, match="more than once"):
        counts.bootstrap_ci("nominal", n=10, value_order=["a", "b", "a"])
    with pytest.raises(ValueError, match="not in value_order"):
        counts.bootstrap_ci("nominal", n=10, value_order=["a"])
    with pytest.raises(ValueError, match="confidence"):
        bootstrap_cis([(counts, "nominal", None)], confidence=1.0)
    assert bootstrap_cis([], n=10) == []


@settings(max_examples=150, deadline=None)
@given(judgements, st.lists(st.integers(0, 60), max_size=4), st.randoms(use_true_random=False))
def test_merge_equals_single_pass(rows, cuts, rnd) -> None:
    """Any sharding (one item's judgements may land in several shards), merged in any order,
    gives the same accumulator and the same statistics as one pass."""
    whole = CoincidenceAccumulator()
    coded = CodedJudgements()
    for item, coder, value in rows:
        whole.add(item, value)
        coded.add(item, coder, value)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    parts = []
    coded_parts = []
    for shard in split(shuffled, cuts):
        acc, cj = CoincidenceAccumulator(), CodedJudgements()
        for item, coder, value in shard:
            acc.add(item, value)
            cj.add(item, coder, value)
        parts.append(acc)
        coded_parts.append(cj)
    rnd.shuffle(parts)
    merged = CoincidenceAccumulator()
    for p in parts:
        merged.merge(p)
    merged_coded = CodedJudgements()
    for p in reversed(coded_parts):
        merged_coded.merge(p)
    assert merged == whole
    assert merged_coded == coded
    assert merged_coded.to_coincidence() == coded.to_coincidence()
    assert merged_coded.conflicts() == coded.conflicts()
    for level in LEVELS:
        a, b = merged.alpha(level), whole.alpha(level)  # type: ignore[arg-type]
        assert (a is None and b is None) or a == pytest.approx(b)
    if whole.alpha() is not None:
        merged_ci, whole_ci = bootstrap_ci(merged, n=50), bootstrap_ci(whole, n=50)
        # Same resamples; only the float summation order may differ between shardings.
        assert (merged_ci is None) == (whole_ci is None)
        if merged_ci is not None:
            assert merged_ci == pytest.approx(whole_ci, rel=1e-9, abs=1e-12)


def test_coded_judgements_collapse_repeats() -> None:
    cj = CodedJudgements()
    cj.add("u1", "w1", "G")
    cj.add("u1", "w1", "G")  # identical repeat: one value
    cj.add("u1", "w2", "G")
    cj.add("u1", "w3", "X")
    cj.add("u1", "w3", "G")  # self-contradiction: dropped by default
    assert cj.to_coincidence().units["u1"] == {"G": 2}
    assert cj.to_coincidence("keep").units["u1"] == {"G": 3, "X": 1}
    assert cj.conflicts() == [("u1", "w3", ["G", "X"])]
    assert krippendorff_alpha(cj.to_coincidence()) is None
