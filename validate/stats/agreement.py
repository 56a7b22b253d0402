"""Inter-annotator agreement as mergeable accumulators.

Two accumulators hold everything the agreement statistics need, with compact state only:

- :class:`CoincidenceAccumulator`: per item, a ``Counter`` of the values it received
  (``item -> {value: count}``). Enough for Krippendorff's alpha, Fleiss' kappa and percent
  agreement, which do not need to know *who* gave a value.
- :class:`CodedJudgements`: per item, the value each coder gave (``item -> {coder: value}``).
  Needed for Cohen's kappa (two fixed raters), and to collapse repeated judgements of one coder
  on one item before computing alpha (:meth:`CodedJudgements.to_coincidence`).

Both ``merge`` partial results from shards (one item's judgements may be spread over several
shards); results never depend on insertion or merge order.

Missing values: ``None`` (and float NaN) are missing and ignored.

References
----------
- Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg School for
  Communication, University of Pennsylvania. https://repository.upenn.edu/asc_papers/43
- Hayes, A. F. & Krippendorff, K. (2007). Answering the call for a standard reliability measure
  for coding data. *Communication Methods and Measures* 1(1), 77-89.
- Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
  Psychological Measurement* 20(1), 37-46.
- Cohen, J. (1968). Weighted kappa. *Psychological Bulletin* 70(4), 213-220.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. *Psychological
  Bulletin* 76(5), 378-382.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Literal

import numpy as np

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")
Weights = Literal["linear", "quadratic"] | None

__all__ = [
    "LEVELS",
    "CodedJudgements",
    "CoincidenceAccumulator",
    "UnitCounts",
    "alpha_from_coincidences",
    "bootstrap_alphas",
    "bootstrap_ci",
    "bootstrap_cis",
    "clean_cells",
    "cohen_kappa",
    "consensus_agreement",
    "fleiss_kappa",
    "krippendorff_alpha",
    "percent_agreement",
    "sort_key",
]


def sort_key(value: object) -> tuple[str, str]:
    """A total order over arbitrary hashables (type name, then ``repr``), used wherever a
    deterministic order is needed (items for the bootstrap, tie-breaking, nominal categories)."""
    return (type(value).__name__, repr(value))


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"unknown level of measurement {level!r}; expected one of {LEVELS}")


class CoincidenceAccumulator:
    """Per-item value counts for Krippendorff's alpha, Fleiss' kappa and percent agreement.

    State: ``{item_key: Counter({value: count})}``, nothing per record. ``add`` one judgement at a
    time; ``merge`` another accumulator (e.g. from another shard; an item may occur in both, its
    counts are added). Values must be hashable; ``None``/NaN are missing and skipped.

    Every value added counts as one pairable value of its item: if one coder judged an item twice
    and both judgements should not count, collapse them first (:class:`CodedJudgements`).
    """

    __slots__ = ("_units",)

    def __init__(self) -> None:
        self._units: dict[Hashable, Counter[Hashable]] = {}

    # -- accumulation -------------------------------------------------------------------------
    def add(self, item_key: Hashable, value: Hashable | None) -> None:
        """Record one judgement ``value`` of item ``item_key`` (``None`` = missing, ignored)."""
        if _is_missing(value):
            return
        counts = self._units.get(item_key)
        if counts is None:
            counts = self._units[item_key] = Counter()
        counts[value] += 1

    def add_many(self, item_key: Hashable, values: Iterable[Hashable | None]) -> None:
        for value in values:
            self.add(item_key, value)

    def merge(self, other: CoincidenceAccumulator) -> CoincidenceAccumulator:
        """Add ``other``'s counts into this accumulator (in place) and return ``self``."""
        for item, counts in other._units.items():
            mine = self._units.get(item)
            if mine is None:
                self._units[item] = Counter(counts)
            else:
                mine.update(counts)
        return self

    @classmethod
    def from_units(cls, units: Mapping[Hashable, Mapping[Hashable, int]]) -> CoincidenceAccumulator:
        """Build from ``{item: {value: count}}`` (e.g. Fleiss-style count tables)."""
        acc = cls()
        for item, counts in units.items():
            for value, count in counts.items():
                if count and not _is_missing(value):
                    acc._units.setdefault(item, Counter())[value] += int(count)
        return acc

    @classmethod
    def from_matrix(cls, rows: Sequence[Sequence[Hashable | None]]) -> CoincidenceAccumulator:
        """Build from a reliability-data matrix: one row per coder, one column per unit."""
        acc = cls()
        for row in rows:
            for unit, value in enumerate(row):
                acc.add(unit, value)
        return acc

    # -- inspection ---------------------------------------------------------------------------
    @property
    def units(self) -> Mapping[Hashable, Counter[Hashable]]:
        """``{item: Counter(value -> count)}`` (do not mutate)."""
        return self._units

    def __len__(self) -> int:
        return len(self._units)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CoincidenceAccumulator):
            return NotImplemented
        return self._units == other._units

    __hash__ = None  # type: ignore[assignment]

    def pairable_counts(self) -> list[Counter[Hashable]]:
        """Value counts of the items with at least two values, in no particular order.

        For computations whose result does not depend on item order (alpha, percent agreement,
        Fleiss' kappa): it skips :meth:`pairable_units`' sort, the slowest part on big data.
        """
        return [c for c in self._units.values() if len(c) > 1 or c.total() > 1]

    def pairable_units(self) -> list[tuple[Hashable, Counter[Hashable]]]:
        """Items with at least two values (``m_u >= 2``), in deterministic order."""
        out = [(k, c) for k, c in self._units.items() if c.total() >= 2]
        out.sort(key=lambda kc: sort_key(kc[0]))
        return out

    def observed_values(self) -> list[Hashable]:
        """Distinct values over all items, in deterministic order (numbers numerically)."""
        seen: set[Hashable] = set()
        for counts in self._units.values():
            seen.update(counts)
        return _default_order(seen)

    def n_pairable_values(self) -> int:
        """``n``: the number of values in pairable items (the grand total of the coincidences)."""
        return sum(c.total() for c in self._units.values() if c.total() >= 2)

    # -- statistics ---------------------------------------------------------------------------
    def coincidence_matrix(
        self, value_order: Sequence[Hashable] | None = None
    ) -> tuple[list[Hashable], np.ndarray]:
        """The coincidence matrix ``o_ck`` of Krippendorff (2011).

        For every pairable unit u with ``m_u`` values and value counts ``n_uc``::

            o_ck = Σ_u (n_uc · n_uk − [c = k] · n_uc) / (m_u − 1)

        i.e. each ordered pair of values from different judgements within a unit contributes
        ``1 / (m_u − 1)``. Rows are indexed by ``value_order`` (declared scale, unobserved
        levels included as zero rows) or by the observed values in default order.
        """
        values = self._value_index(value_order)
        index = {v: i for i, v in enumerate(values)}
        o = np.zeros((len(values), len(values)))
        for counts in self.pairable_counts():
            m_u = counts.total()
            items = [(index[v], n) for v, n in counts.items()]
            for c, n_c in items:
                for k, n_k in items:
                    o[c, k] += (n_c * n_k - (n_c if c == k else 0)) / (m_u - 1)
        return values, o

    def alpha(
        self, level: Level = "nominal", value_order: Sequence[Hashable] | None = None
    ) -> float | None:
        """Krippendorff's alpha; see :func:`krippendorff_alpha`."""
        return krippendorff_alpha(self, level, value_order)

    def _value_index(self, value_order: Sequence[Hashable] | None) -> list[Hashable]:
        observed = self.observed_values()
        if value_order is None:
            return observed
        order = list(value_order)
        if len(set(order)) != len(order):
            raise ValueError("value_order lists a value more than once")
        unknown = set(observed) - set(order)
        if unknown:
            shown = ", ".join(repr(v) for v in _default_order(unknown)[:5])
            raise ValueError(f"values not in value_order: {shown}")
        return order


def _default_order(values: Iterable[Hashable]) -> list[Hashable]:
    vals = list(values)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return sorted(vals)  # type: ignore[type-var]
    try:
        return sorted(vals)  # type: ignore[type-var]
    except TypeError:
        return sorted(vals, key=sort_key)


def _numeric(values: Sequence[Hashable], level: str) -> np.ndarray:
    try:
        return np.array([float(v) for v in values], dtype=float)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{level} alpha needs numeric values: {exc}") from None


def delta_squared(level: Level, values: Sequence[Hashable], marginals: np.ndarray) -> np.ndarray:
    """The squared difference function δ²_ck of Krippendorff (2011) for ``values``.

    - nominal: ``δ² = 0 if c = k else 1``
    - ordinal: ``δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²`` over the rank order of ``values``,
      with ``n_g`` the marginal frequencies (row sums of the coincidence matrix). A level of a
      declared scale that nobody used has ``n_g = 0`` and adds nothing to the distance: two
      adjacent observed values are as far apart as if the unused level did not exist.
      Equivalently ``δ_ck = mid_k − mid_c`` with mid-ranks ``mid_g = Σ_{h≤g} n_h − n_g / 2``.
    - interval: ``δ² = (c − k)²``
    - ratio: ``δ² = ((c − k) / (c + k))²`` (0 when ``c = k = 0``)
    """
    _check_level(level)
    size = len(values)
    if level == "nominal":
        return 1.0 - np.eye(size)
    if level == "ordinal":
        n_g = np.asarray(marginals, dtype=float)
        mid = np.cumsum(n_g) - n_g / 2.0
        return (mid[:, None] - mid[None, :]) ** 2
    v = _numeric(values, level)
    diff = v[:, None] - v[None, :]
    if level == "interval":
        return diff**2
    if (v < 0).any():
        raise ValueError("ratio alpha needs non-negative values")
    total = v[:, None] + v[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(total == 0, 0.0, diff / np.where(total == 0, 1.0, total))
    return ratio**2


def krippendorff_alpha(
    acc: CoincidenceAccumulator,
    level: Level = "nominal",
    value_order: Sequence[Hashable] | None = None,
) -> float | None:
    """Krippendorff's alpha from the coincidence matrix (Krippendorff 2011)::

        α = 1 − D_o / D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck

    with ``o_ck`` the coincidences (:meth:`CoincidenceAccumulator.coincidence_matrix`),
    ``n_c = Σ_k o_ck`` and ``n = Σ_c n_c`` the number of pairable values, and δ² the metric of
    the level of measurement (:func:`delta_squared`). Items with fewer than two values are not
    pairable and are excluded (they carry no information about agreement).

    ``value_order``: for ``ordinal``, the scale's order, lowest first (default: observed values
    sorted); unobserved levels get ``n_g = 0``. For the other levels it only validates that
    every observed value is on the declared scale. ``interval`` and ``ratio`` use the numeric
    values themselves.

    Returns ``None`` when alpha is undefined (``0 / 0``): fewer than two pairable values, or no
    expected disagreement (every pairable value is the same, so D_e = 0). Krippendorff treats
    such data as unable to show reliability; callers should report "undefined", not 0 or 1.
    Observed disagreement 0 with D_e > 0 gives α = 1.
    """
    _check_level(level)
    if level == "nominal":
        return _nominal_alpha(acc, value_order)
    values, o = acc.coincidence_matrix(value_order)
    return alpha_from_coincidences(values, o, level)


def alpha_from_coincidences(
    values: Sequence[Hashable], o: np.ndarray, level: Level
) -> float | None:
    """Alpha from a coincidence matrix ``o`` whose rows are ``values`` (see
    :func:`krippendorff_alpha`)."""
    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    if n < 2:
        return None
    d2 = delta_squared(level, values, n_c)
    expected = float(n_c @ d2 @ n_c)
    if expected <= 0.0 or math.isclose(expected, 0.0, abs_tol=1e-12):
        return None
    observed = float((o * d2).sum())
    return 1.0 - (n - 1.0) * observed / expected


def _nominal_alpha(
    acc: CoincidenceAccumulator, value_order: Sequence[Hashable] | None
) -> float | None:
    """Nominal alpha without the coincidence matrix, in O(judgements).

    With δ² = 1 for any two different values, ``Σ o_ck δ²_ck = n − Σ_c o_cc`` where
    ``o_cc = Σ_u n_uc (n_uc − 1) / (m_u − 1)``, and ``Σ n_c n_k δ²_ck = n² − Σ_c n_c²``. The
    dense matrix is quadratic in the number of distinct values, which is large for set-valued
    labels (multi-select, box category lists): thousands of values made it hundreds of MB.
    """
    if value_order is not None and not set(acc.observed_values()) <= set(value_order):
        acc.coincidence_matrix(value_order)  # raises the same error as the general path
    n = 0.0
    agreeing = 0.0
    n_c: Counter[Hashable] = Counter()
    for counts in acc.pairable_counts():
        m = counts.total()
        n += m
        agreeing += sum(x * (x - 1) for x in counts.values()) / (m - 1)
        n_c.update(counts)
    return _nominal_from_sums(n, agreeing, float(sum(v * v for v in n_c.values())))


def _nominal_from_sums(n: float, agreeing: float, sum_sq_marginals: float) -> float | None:
    """Nominal alpha from ``n``, ``Σ_c o_cc`` and ``Σ_c n_c²`` (see :func:`_nominal_alpha`)."""
    if n < 2:
        return None
    expected = n * n - sum_sq_marginals
    if expected <= 0.0 or math.isclose(expected, 0.0, abs_tol=1e-12):
        return None
    observed = n - agreeing
    return 1.0 - (n - 1.0) * observed / expected


# -- Fleiss' kappa and percent agreement -----------------------------------------------------


def _pairable_counts(acc: CoincidenceAccumulator) -> list[Counter[Hashable]]:
    return acc.pairable_counts()


def percent_agreement(acc: CoincidenceAccumulator) -> float | None:
    """Mean pairwise percent agreement over pairable items (m_u ≥ 2)::

        P_u = Σ_c n_uc (n_uc − 1) / (m_u (m_u − 1)),    P̄ = mean_u P_u

    the share of agreeing (ordered) pairs of judgements within an item, averaged over items.
    With two judgements per item this is the plain share of items where they agree; with a
    constant number of judgements it is Fleiss' (1971) P̄. Not chance-corrected: report it next
    to alpha/kappa (kappa paradox). ``None`` when no item is pairable.
    """
    counts = _pairable_counts(acc)
    if not counts:
        return None
    total = 0.0
    for c in counts:
        m = c.total()
        total += sum(n * (n - 1) for n in c.values()) / (m * (m - 1))
    return total / len(counts)


def fleiss_kappa(acc: CoincidenceAccumulator) -> float | None:
    """Fleiss' (1971) kappa for N items each judged by the same number n of raters::

        P_i = Σ_j n_ij (n_ij − 1) / (n (n − 1));  P̄ = mean_i P_i
        p_j = Σ_i n_ij / (N n);                   P̄_e = Σ_j p_j²
        κ = (P̄ − P̄_e) / (1 − P̄_e)

    Items with a single judgement are not pairable and are left out; every remaining item must
    have the same n (raters need not be the same people), else ``ValueError`` (use alpha, which
    handles any number of judgements). ``None`` when undefined (no pairable item, or
    P̄_e = 1: everybody used one category).
    """
    counts = _pairable_counts(acc)
    if not counts:
        return None
    sizes = Counter(c.total() for c in counts)
    if len(sizes) != 1:
        shown = ", ".join(f"{k}: {v} items" for k, v in sorted(sizes.items()))
        raise ValueError(f"Fleiss' kappa needs the same number of ratings per item ({shown})")
    (n,) = sizes
    big_n = len(counts)
    p_bar = sum(sum(x * (x - 1) for x in c.values()) for c in counts) / (big_n * n * (n - 1))
    totals: Counter[Hashable] = Counter()
    for c in counts:
        totals.update(c)
    p_e = sum((t / (big_n * n)) ** 2 for t in totals.values())
    if math.isclose(p_e, 1.0):
        return None
    return (p_bar - p_e) / (1.0 - p_e)


# -- coded judgements and Cohen's kappa ------------------------------------------------------


class _Conflict(frozenset):  # type: ignore[type-arg]
    """The distinct values one coder gave one item when they disagree with themselves."""

    __slots__ = ()


def _combine(a: Hashable, b: Hashable) -> Hashable:
    if not isinstance(a, _Conflict) and not isinstance(b, _Conflict) and a == b:
        return a
    left = a if isinstance(a, _Conflict) else {a}
    right = b if isinstance(b, _Conflict) else {b}
    return _Conflict(set(left) | set(right))


class CodedJudgements:
    """Judgements keyed by item *and* coder: ``{item: {coder: value}}``.

    One coder judging one item several times: identical values collapse to one; different
    values make the cell a *conflict* (kept as the set of distinct values, so the outcome does
    not depend on which judgement came first or on how judgements were sharded). Conflicts are
    what :class:`validate.stats.behaviour.SelfContradiction` reports.

    Memory: one small dict per item (coder ids and values are shared strings), no records.
    """

    __slots__ = ("_cells",)

    def __init__(self) -> None:
        self._cells: dict[Hashable, dict[Hashable, Hashable]] = {}

    def add(self, item_key: Hashable, coder: Hashable, value: Hashable | None) -> None:
        if _is_missing(value):
            return
        row = self._cells.get(item_key)
        if row is None:
            self._cells[item_key] = {coder: value}
            return
        old = row.get(coder)
        row[coder] = value if old is None else _combine(old, value)

    def merge(self, other: CodedJudgements) -> CodedJudgements:
        for item, row in other._cells.items():
            mine = self._cells.get(item)
            if mine is None:
                self._cells[item] = dict(row)
                continue
            for coder, value in row.items():
                old = mine.get(coder)
                mine[coder] = value if old is None else _combine(old, value)
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CodedJudgements):
            return NotImplemented
        return self._cells == other._cells

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self._cells)

    def cells(self) -> Iterator[tuple[Hashable, Hashable, Hashable, bool]]:
        """``(item, coder, value, is_conflict)`` for every cell, in insertion order."""
        for item, row in self._cells.items():
            for coder, value in row.items():
                yield item, coder, value, isinstance(value, _Conflict)

    def coders(self) -> list[Hashable]:
        seen: set[Hashable] = set()
        for row in self._cells.values():
            seen.update(row)
        return sorted(seen, key=sort_key)

    def conflicts(self) -> list[tuple[Hashable, Hashable, list[Hashable]]]:
        """``(item, coder, distinct values)`` for every self-contradicting cell, sorted."""
        out = [
            (item, coder, _default_order(value))
            for item, row in self._cells.items()
            for coder, value in row.items()
            if isinstance(value, _Conflict)
        ]
        out.sort(key=lambda t: (sort_key(t[0]), sort_key(t[1])))
        return out

    def to_coincidence(self, conflicts: Literal["drop", "keep"] = "drop") -> CoincidenceAccumulator:
        """One value per coder per item, as alpha's reliability data assumes.

        ``conflicts="drop"`` (default): a coder who gave one item different values has no value
        for it (a missing cell, as in Krippendorff's data matrix: which one would be "theirs" is
        undecidable). ``"keep"``: each distinct value of the cell counts once.
        """
        if conflicts not in ("drop", "keep"):
            raise ValueError("conflicts must be 'drop' or 'keep'")
        acc = CoincidenceAccumulator()
        units = acc._units
        keep = conflicts == "keep"
        for item, row in self._cells.items():
            # Missing values never enter a cell (add() drops them), so each row's values can be
            # counted in one C-level Counter() call instead of one add() per value.
            values = [v for v in row.values() if not isinstance(v, _Conflict)]
            if keep:
                values.extend(x for v in row.values() if isinstance(v, _Conflict) for x in v)
            if values:
                units[item] = Counter(values)
        return acc

    def pairs(self, rater_a: Hashable, rater_b: Hashable) -> list[tuple[Hashable, Hashable]]:
        """``(value_a, value_b)`` for items both raters judged without self-conflict."""
        out = []
        for row in self._cells.values():
            a, b = row.get(rater_a), row.get(rater_b)
            if a is None or b is None or isinstance(a, _Conflict) or isinstance(b, _Conflict):
                continue
            out.append((a, b))
        return out

    def cohen_kappa(
        self,
        rater_a: Hashable | None = None,
        rater_b: Hashable | None = None,
        *,
        weights: Weights = None,
        value_order: Sequence[Hashable] | None = None,
    ) -> float | None:
        """Cohen's kappa between two raters; see :func:`cohen_kappa`.

        Without ``rater_a``/``rater_b`` exactly two coders must have been seen.
        """
        if rater_a is None or rater_b is None:
            coders = self.coders()
            if len(coders) != 2:
                raise ValueError(
                    f"Cohen's kappa needs two raters; {len(coders)} seen (name them, or use "
                    "Fleiss' kappa / Krippendorff's alpha)"
                )
            rater_a, rater_b = coders
        return cohen_kappa(self.pairs(rater_a, rater_b), weights=weights, value_order=value_order)


def cohen_kappa(
    pairs: Iterable[tuple[Hashable, Hashable]],
    *,
    weights: Weights = None,
    value_order: Sequence[Hashable] | None = None,
) -> float | None:
    """Cohen's (1960) kappa over paired judgements ``(value_a, value_b)`` of two raters::

        κ = (p_o − p_e) / (1 − p_e),   p_e = Σ_k p_{A,k} p_{B,k}

    Weighted kappa (Cohen 1968) with disagreement weights over the ranks i, j of
    ``value_order`` (k levels): linear ``w_ij = |i − j| / (k − 1)``, quadratic
    ``w_ij = (i − j)² / (k − 1)²``::

        κ_w = 1 − Σ w_ij p_ij / Σ w_ij p_{A,i} p_{B,j}

    (the unweighted kappa is the case ``w_ij = [i ≠ j]``). With weights, the declared
    ``value_order`` matters: an unobserved level between observed ones widens their rank
    distance (one at either end rescales all distances alike and changes nothing). ``None`` when
    undefined (no pairs, or no expected disagreement).
    """
    table: Counter[tuple[Hashable, Hashable]] = Counter(pairs)
    if not table:
        return None
    observed = {v for ab in table for v in ab}
    if value_order is None:
        values = _default_order(observed)
    else:
        values = list(value_order)
        missing = observed - set(values)
        if missing:
            raise ValueError(f"values not in value_order: {sorted(map(repr, missing))[:5]}")
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    p = np.zeros((k, k))
    for (a, b), count in table.items():
        p[index[a], index[b]] += count
    p /= p.sum()
    ranks = np.arange(k, dtype=float)
    if weights is None:
        w = 1.0 - np.eye(k)
    elif weights in ("linear", "quadratic"):
        if k < 2:
            return None
        dist = np.abs(ranks[:, None] - ranks[None, :]) / (k - 1)
        w = dist if weights == "linear" else dist**2
    else:
        raise ValueError("weights must be None, 'linear' or 'quadratic'")
    expected = float((w * np.outer(p.sum(axis=1), p.sum(axis=0))).sum())
    if expected <= 1e-15:
        return None
    return 1.0 - float((w * p).sum()) / expected


# -- bootstrap -------------------------------------------------------------------------------


class _ItemArrays:
    """Per-item coincidence contributions as flat numpy arrays (for the vectorised bootstrap).

    ``u_*`` arrays: one entry per (unit, value) with count ``n_uc``, units numbered in
    bootstrap order; ``p_*`` arrays: one entry per ordered (unit, c, k) with the unit's
    coincidence contribution ``(n_uc n_uk − [c = k] n_uc) / (m_u − 1)``.
    """

    def __init__(
        self,
        values: list[Hashable],
        unit: np.ndarray,
        value: np.ndarray,
        count: np.ndarray,
        n_units: int,
    ) -> None:
        """``unit`` (``0 .. n_units - 1``, grouped: a unit's entries are adjacent), ``value``
        (indices into ``values``) and ``count``: one entry per distinct (unit, value) of the
        pairable units."""
        self.values = values
        self.n_units = n_units
        self.u_unit = unit
        self.u_val = value
        self.u_n = count.astype(float)
        m = np.bincount(self.u_unit, weights=self.u_n, minlength=self.n_units)
        # all ordered pairs of (unit, value) entries within each unit
        sizes = np.bincount(self.u_unit, minlength=self.n_units)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        rep = sizes[self.u_unit]
        left = np.repeat(np.arange(len(self.u_unit)), rep)
        offsets = np.arange(len(left)) - np.repeat(np.cumsum(rep) - rep, rep)
        right = starts[self.u_unit[left]] + offsets
        self.p_unit = self.u_unit[left]
        self.p_c = self.u_val[left]
        self.p_k = self.u_val[right]
        n_c, n_k = self.u_n[left], self.u_n[right]
        same = (left == right).astype(float)
        self.p_o = (n_c * n_k - same * n_c) / (m[self.p_unit] - 1.0)

    @classmethod
    def of(cls, acc: CoincidenceAccumulator, value_order: Sequence[Hashable] | None) -> _ItemArrays:
        """The pairable units of ``acc``, in :func:`sort_key` order of their keys."""
        values = acc._value_index(value_order)
        index = {v: i for i, v in enumerate(values)}
        units = acc.pairable_units()
        uu: list[int] = []
        uc: list[int] = []
        un: list[int] = []
        for u, (_, counts) in enumerate(units):
            for v, n in counts.items():
                uu.append(u)
                uc.append(index[v])
                un.append(n)
        return cls(
            values,
            np.array(uu, dtype=np.int64),
            np.array(uc, dtype=np.int64),
            np.array(un, dtype=np.int64),
            len(units),
        )


DENSE_CELLS = 4_000_000
"""Largest units x columns table the bootstrap multiplies by instead of gathering (32 MB)."""


def _per_unit(
    units: np.ndarray, columns: np.ndarray, values: np.ndarray, shape: tuple[int, int]
) -> np.ndarray:
    """A dense ``units x columns`` table holding the sum of ``values`` per cell."""
    table = np.zeros(shape)
    np.add.at(table, (units, columns), values)
    return table


def _bootstrap_core(
    arr: _ItemArrays,
    level: Level,
    weights_iter: Iterable[np.ndarray],
    *,
    dense_cells: int = DENSE_CELLS,
) -> np.ndarray:
    """Alpha for each row of each weight matrix (see :func:`_resample_alpha`)."""
    alphas = _resample_alpha(arr, level, dense_cells=dense_cells)
    results = [alphas(w) for w in weights_iter]
    return np.concatenate(results) if results else np.zeros(0)


def _resample_alpha(
    arr: _ItemArrays, level: Level, *, dense_cells: int = DENSE_CELLS
) -> Callable[[np.ndarray], np.ndarray]:
    """A function from a weight matrix (rows: resamples, columns: pairable units) to the
    alpha of each row: the per-units tables are built once, for every chunk of resamples.

    The per-resample marginals (and, for ordinal data, the coincidences) are weighted sums
    over the units. With few distinct values (a scale, a label set) they are one matrix
    product of the weights with a units x values table, which BLAS does several times faster
    than gathering every (unit, value) entry per resample; with many (set-valued labels) the
    tables would be too large, and the entries are gathered and summed per group instead.
    Both give the same sums.
    """
    _check_level(level)
    size = len(arr.values)
    # entries grouped by value (for marginals) and by (c, k) pair (for ordinal coincidences)
    v_order = np.argsort(arr.u_val, kind="stable")
    v_groups, v_first = np.unique(arr.u_val[v_order], return_index=True)
    pair_id = arr.p_c * size + arr.p_k
    p_order = np.argsort(pair_id, kind="stable")
    p_groups, p_first = np.unique(pair_id[p_order], return_index=True)
    pc, pk = p_groups // size, p_groups % size
    columns = max(size, len(p_groups) if level == "ordinal" else 0)
    dense = arr.n_units * columns <= dense_cells
    unit_counts: np.ndarray | None = None
    unit_pairs: np.ndarray | None = None
    if dense:
        unit_counts = _per_unit(arr.u_unit, arr.u_val, arr.u_n, (arr.n_units, size))
        if level == "ordinal":
            pair_column = np.searchsorted(p_groups, pair_id)
            unit_pairs = _per_unit(arr.p_unit, pair_column, arr.p_o, (arr.n_units, len(p_groups)))
    fixed_d2: np.ndarray | None = None
    unit_do: np.ndarray | None = None
    numeric: np.ndarray | None = None
    if level != "ordinal":
        # δ² per observed pair, without a dense values x values table for nominal and interval
        # (set-valued labels can have thousands of distinct values).
        if level == "nominal":
            per_pair = arr.p_o * (arr.p_c != arr.p_k)
        elif level == "interval":
            numeric = _numeric(arr.values, level)
            per_pair = arr.p_o * (numeric[arr.p_c] - numeric[arr.p_k]) ** 2
        else:
            fixed_d2 = delta_squared(level, arr.values, np.zeros(size))
            per_pair = arr.p_o * fixed_d2[arr.p_c, arr.p_k]
        unit_do = np.bincount(arr.p_unit, weights=per_pair, minlength=arr.n_units)

    def alphas(w: np.ndarray) -> np.ndarray:
        b = w.shape[0]
        if unit_counts is not None:
            marg = w @ unit_counts
        else:
            marg = np.zeros((b, size))
            if len(v_order):
                g = w[:, arr.u_unit[v_order]] * arr.u_n[v_order]
                marg[:, v_groups] = np.add.reduceat(g, v_first, axis=1)
        n = marg.sum(axis=1)
        if level == "ordinal":
            mid = np.cumsum(marg, axis=1) - marg / 2.0
            if unit_pairs is not None:
                o = w @ unit_pairs
            else:
                o = np.zeros((b, len(p_groups)))
                if len(p_order):
                    g = w[:, arr.p_unit[p_order]] * arr.p_o[p_order]
                    o = np.add.reduceat(g, p_first, axis=1)
            observed = (o * (mid[:, pk] - mid[:, pc]) ** 2).sum(axis=1)
            s1 = (marg * mid).sum(axis=1)
            s2 = (marg * mid**2).sum(axis=1)
            expected = 2.0 * (n * s2 - s1**2)
        else:
            assert unit_do is not None
            observed = w @ unit_do
            if level == "nominal":
                expected = n**2 - (marg**2).sum(axis=1)
            elif level == "interval":
                assert numeric is not None
                s1 = marg @ numeric
                s2 = marg @ numeric**2
                expected = 2.0 * (n * s2 - s1**2)
            else:
                assert fixed_d2 is not None
                expected = ((marg @ fixed_d2) * marg).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha = 1.0 - (n - 1.0) * observed / expected
        undefined = (n < 2) | (expected <= 1e-9 * np.maximum(n, 1.0) ** 2)
        alpha[undefined] = np.nan
        return alpha

    return alphas


def resample_weights(n_units: int, n: int, seed: int) -> Iterator[np.ndarray]:
    """``n`` bootstrap resamples of ``n_units`` units as multiplicity rows (row ``r``, column
    ``u``: how often resample ``r`` drew unit ``u``), in chunks of at most ~2M cells."""
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n, 2_000_000 // max(n_units, 1)))
    done = 0
    while done < n:
        b = min(chunk, n - done)
        idx = rng.integers(0, n_units, size=(b, n_units))
        flat = (np.arange(b)[:, None] * n_units + idx).ravel()
        yield np.bincount(flat, minlength=b * n_units).reshape(b, n_units).astype(float)
        done += b


def bootstrap_alphas(
    acc: CoincidenceAccumulator,
    level: Level = "nominal",
    *,
    n: int = 1000,
    seed: int = 0,
    value_order: Sequence[Hashable] | None = None,
) -> np.ndarray:
    """Alpha on ``n`` bootstrap resamples of the pairable items (NaN where undefined).

    Items are resampled with replacement (a nonparametric cluster bootstrap over units: the
    judgements of one item stay together, which respects their dependence). Each resample's
    alpha is computed exactly, including its own marginals (so the ordinal metric is
    recomputed per resample). Vectorised: per-item coincidence contributions are summed with
    resample multiplicities as weights. Deterministic for a seed, and independent of the order in
    which judgements were added or merged (items are sorted by :func:`sort_key`).
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if not any(c.total() >= 2 for c in acc.units.values()):
        return np.full(n, np.nan)
    arr = _ItemArrays.of(acc, value_order)
    return _bootstrap_core(arr, level, resample_weights(arr.n_units, n, seed))


def bootstrap_ci(
    accumulator: CoincidenceAccumulator,
    level: Level = "nominal",
    *,
    n: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
    value_order: Sequence[Hashable] | None = None,
) -> tuple[float, float] | None:
    """Percentile bootstrap confidence interval ``(low, high)`` for Krippendorff's alpha.

    Resamples items with replacement ``n`` times (:func:`bootstrap_alphas`) and returns the
    ``(1 − confidence)/2`` and ``(1 + confidence)/2`` quantiles of the defined resample alphas.
    ``None`` when alpha is undefined on the data itself or on fewer than half the resamples.

    Note: Hayes & Krippendorff (2007) bootstrap the coincidence matrix's pairable values instead;
    resampling items is the standard cluster bootstrap for clustered (per-item) data and what a
    dataset with 1-15 judgements per item calls for.
    """
    _check_confidence(confidence)
    if krippendorff_alpha(accumulator, level, value_order) is None:
        return None
    alphas = bootstrap_alphas(accumulator, level, n=n, seed=seed, value_order=value_order)
    return _percentile_ci(alphas, n, confidence)


def _check_confidence(confidence: float) -> None:
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must be in (0, 1)")


def _percentile_ci(alphas: np.ndarray, n: int, confidence: float) -> tuple[float, float] | None:
    """The percentile interval of the defined resample alphas (``None``: fewer than half)."""
    defined = alphas[~np.isnan(alphas)]
    if len(defined) < max(1, n // 2):
        return None
    low, high = np.quantile(defined, [(1.0 - confidence) / 2.0, (1.0 + confidence) / 2.0])
    return float(low), float(high)


def _alpha_with_weights(
    acc: CoincidenceAccumulator,
    level: Level,
    weights: np.ndarray,
    value_order: Sequence[Hashable] | None = None,
    *,
    dense_cells: int = DENSE_CELLS,
) -> np.ndarray:
    """Alpha for given per-unit weights (rows); used by tests to check the vectorised path
    (``dense_cells=0`` takes the gathering path)."""
    return _bootstrap_core(
        _ItemArrays.of(acc, value_order),
        level,
        [np.atleast_2d(weights).astype(float)],
        dense_cells=dense_cells,
    )


# -- the same statistics from integer code arrays (the lint engine's fast path) ---------------


def clean_cells(
    unit: np.ndarray, coder: np.ndarray, value: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One value per coder per unit, from parallel code arrays (as
    :meth:`CodedJudgements.to_coincidence` does): a coder's repeated identical judgements of a
    unit count once, and a coder who gave a unit different values is left out of it.
    Returns the ``(unit, coder, value)`` codes of the kept cells, sorted by unit and coder."""
    if not unit.size:
        return unit, coder, value
    order = np.lexsort((value, coder, unit))
    u, c, v = unit[order], coder[order], value[order]
    new_cell = np.r_[True, (u[1:] != u[:-1]) | (c[1:] != c[:-1])]
    distinct = new_cell | np.r_[True, v[1:] != v[:-1]]
    u, c, v, new_cell = u[distinct], c[distinct], v[distinct], new_cell[distinct]
    cell = np.cumsum(new_cell) - 1
    single = np.bincount(cell)[cell] == 1
    return u[single], c[single], v[single]


def consensus_agreement(
    unit: np.ndarray, coder: np.ndarray, value: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Agreement of each coder with the leave-one-out plurality of the others, from clean
    cells (:func:`clean_cells`: one value per coder per unit).

    On every unit with at least two values, a coder agrees when their value is (one of) the
    most common among the *other* coders' values of the unit and at least one other coder
    gave it. Returns ``(coders, agree, total)``: the coder codes seen on such units, how often
    each agreed, and on how many units they were counted.

    No recount per coder: with ``n`` the coder's value's count, the others' best count is
    the unit's top count, or for a value at the top the runner-up count (which equals the top
    when values tie there).
    """
    per_unit = np.bincount(unit) if unit.size else np.zeros(0, dtype=np.int64)
    keep = per_unit[unit] >= 2
    u, c, v = unit[keep], coder[keep], value[keep]
    if not u.size:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty
    span = int(v.max()) + 1
    groups, inverse, counts = np.unique(u * span + v, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    group_unit = groups // span
    order = np.lexsort((-counts, group_unit))  # per unit, counts descending
    su, sn = group_unit[order], counts[order]
    lead = np.r_[True, su[1:] != su[:-1]]
    top = np.zeros(per_unit.size, dtype=np.int64)
    top[su[lead]] = sn[lead]
    runner_up = np.zeros(per_unit.size, dtype=np.int64)
    second = np.flatnonzero(lead[:-1] & ~lead[1:]) + 1  # a unit's second group, if any
    runner_up[su[second]] = sn[second]
    n = counts[inverse]
    others = np.where(n == top[u], runner_up[u], top[u])
    agree = (n - 1 >= others) & (n > 1)
    coders, index = np.unique(c, return_inverse=True)
    index = index.reshape(-1)
    return (
        coders,
        np.bincount(index, weights=agree, minlength=coders.size).astype(np.int64),
        np.bincount(index, minlength=coders.size),
    )


class UnitCounts:
    """Value counts per unit from code arrays: the array form of
    :class:`CoincidenceAccumulator` (``labels[code]`` is the value a code stands for).

    ``unit``, ``value`` and ``count`` have one entry per distinct ``(unit, value)``; ``m`` is
    each unit's number of values (indexed by the dense ``unit``).
    """

    __slots__ = ("count", "ids", "labels", "m", "unit", "unit_key", "value")

    def __init__(
        self,
        unit: np.ndarray,
        value: np.ndarray,
        labels: Sequence[Hashable],
        unit_key: Callable[[int], Hashable] | None = None,
    ) -> None:
        """``unit_key`` names a unit by its code as the accumulator would key it (default:
        the code itself); the bootstrap resamples units in :func:`sort_key` order of their
        keys, so its result does not depend on how the codes were numbered."""
        self.labels = list(labels)
        self.unit_key: Callable[[int], Hashable] = unit_key or int
        if not unit.size:
            empty = np.empty(0, dtype=np.int64)
            self.unit = self.value = self.count = self.m = self.ids = empty
            return
        order = np.lexsort((value, unit))
        u, v = unit[order], value[order]
        starts = np.flatnonzero(np.r_[True, (u[1:] != u[:-1]) | (v[1:] != v[:-1])])
        self.count = np.diff(np.r_[starts, u.size])
        su = u[starts]
        first = np.r_[True, su[1:] != su[:-1]]
        self.ids = su[first]  # the code each dense unit number stands for
        self.unit = np.cumsum(first) - 1
        self.value = v[starts]
        self.m = np.bincount(self.unit, weights=self.count)

    def observed_values(self) -> list[Hashable]:
        """Distinct values over all units, in the default order (as the accumulator's)."""
        return _default_order(self.labels[c] for c in np.unique(self.value).tolist())

    def pairable(self) -> np.ndarray:
        """A mask over the entries: those of units with at least two values."""
        return self.m[self.unit] >= 2

    def units(self) -> int:
        """The number of pairable units."""
        return int((self.m >= 2).sum())

    def judgements(self) -> int:
        """The number of values in pairable units."""
        return int(self.m[self.m >= 2].sum())

    def percent_agreement(self) -> float | None:
        """:func:`percent_agreement` of these counts."""
        keep = self.pairable()
        if not keep.any():
            return None
        unit, n = self.unit[keep], self.count[keep]
        m = self.m[unit]
        per_unit = np.bincount(unit, weights=n * (n - 1) / (m * (m - 1)), minlength=self.m.size)
        return float(per_unit[self.m >= 2].sum()) / self.units()

    def alpha(
        self, level: Level = "nominal", value_order: Sequence[Hashable] | None = None
    ) -> float | None:
        """:func:`krippendorff_alpha` of these counts. The coincidence matrix is dense in
        the number of distinct values: above :data:`DENSE_LIMIT` of them (numeric labels with
        many distinct values) the accumulator path is used."""
        _check_level(level)
        keep = self.pairable()
        unit, value, n = self.unit[keep], self.value[keep], self.count[keep].astype(float)
        m = self.m[unit]
        if level == "nominal":
            if value_order is not None and not set(self.observed_values()) <= set(value_order):
                self._accumulator().coincidence_matrix(value_order)  # the same error
            marginals = np.bincount(value, weights=n)
            return _nominal_from_sums(
                float(n.sum()), float((n * (n - 1) / (m - 1)).sum()), float((marginals**2).sum())
            )
        observed = self.observed_values()
        if value_order is None:
            values = observed
        else:
            values = list(value_order)
            if len(set(values)) != len(values) or not set(observed) <= set(values):
                return krippendorff_alpha(self._accumulator(), level, value_order)  # its errors
        if len(values) > DENSE_LIMIT:
            return krippendorff_alpha(self._accumulator(), level, value_order)
        position = {v: i for i, v in enumerate(values)}
        index = np.array([position.get(label, -1) for label in self.labels], dtype=np.int64)
        col = index[value]
        dense_unit = np.unique(unit, return_inverse=True)[1].reshape(-1)
        weight = 1.0 / (self.m[self.m >= 2] - 1.0)
        size = len(values)
        o = np.zeros((size, size))
        step = max(1, 4_000_000 // max(size, 1))  # bound the dense block's memory
        for lo in range(0, int(weight.size), step):
            rows = (dense_unit >= lo) & (dense_unit < lo + step)
            block = np.zeros((min(step, weight.size - lo), size))
            block[dense_unit[rows] - lo, col[rows]] = n[rows]
            o += (block * weight[lo : lo + step, None]).T @ block
        o -= np.diag(np.bincount(col, weights=n * weight[dense_unit], minlength=size))
        return alpha_from_coincidences(values, o, level)

    def bootstrap_ci(
        self,
        level: Level = "nominal",
        *,
        n: int = 1000,
        seed: int = 0,
        confidence: float = 0.95,
        value_order: Sequence[Hashable] | None = None,
    ) -> tuple[float, float] | None:
        """:func:`bootstrap_ci` of these counts: the same resamples of the same units (in
        :func:`sort_key` order of :attr:`unit_key`), so the same interval."""
        return bootstrap_cis([(self, level, value_order)], n=n, seed=seed, confidence=confidence)[0]

    def _item_arrays(self, values: list[Hashable]) -> _ItemArrays:
        """The pairable units as :class:`_ItemArrays`, numbered in bootstrap order."""
        pairable = np.flatnonzero(self.m >= 2)
        key = self.unit_key
        keys = [sort_key(key(code)) for code in self.ids[pairable].tolist()]
        rank = np.empty(self.m.size, dtype=np.int64)
        rank[pairable[sorted(range(len(keys)), key=keys.__getitem__)]] = np.arange(len(keys))
        keep = self.pairable()
        position = {v: i for i, v in enumerate(values)}
        column = np.array([position.get(label, -1) for label in self.labels], dtype=np.int64)
        unit = rank[self.unit[keep]]
        order = np.argsort(unit, kind="stable")  # a unit's entries adjacent, in unit order
        return _ItemArrays(
            values,
            unit[order],
            column[self.value[keep][order]],
            self.count[keep][order],
            len(keys),
        )

    def _accumulator(self) -> CoincidenceAccumulator:
        """The same counts as a :class:`CoincidenceAccumulator` (the reference path), keyed
        by :attr:`unit_key`."""
        acc = CoincidenceAccumulator()
        key = self.unit_key
        ids = self.ids.tolist()
        for u, v, n in zip(
            self.unit.tolist(), self.value.tolist(), self.count.tolist(), strict=True
        ):
            acc._units.setdefault(key(ids[u]), Counter())[self.labels[v]] += n
        return acc


def bootstrap_cis(
    dimensions: Sequence[tuple[UnitCounts, Level, Sequence[Hashable] | None]],
    *,
    n: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> list[tuple[float, float] | None]:
    """:meth:`UnitCounts.bootstrap_ci` of several dimensions (``(counts, level,
    value_order)``) at once. Dimensions with as many pairable units share each chunk of
    resamples: with one seed, each would draw the very same ones alone, so the intervals are
    the same and the draws, most of the cost, are made once."""
    _check_confidence(confidence)
    if n < 1:
        raise ValueError("n must be at least 1")
    out: list[tuple[float, float] | None] = [None] * len(dimensions)
    by_units: dict[int, list[tuple[int, Callable[[np.ndarray], np.ndarray]]]] = {}
    for i, (counts, level, value_order) in enumerate(dimensions):
        if counts.alpha(level, value_order) is None:
            continue
        # alpha has rejected a value_order missing an observed value
        values = counts.observed_values() if value_order is None else list(value_order)
        if len(set(values)) != len(values):
            raise ValueError("value_order lists a value more than once")
        arr = counts._item_arrays(values)
        by_units.setdefault(arr.n_units, []).append((i, _resample_alpha(arr, level)))
    for n_units, members in by_units.items():
        parts: dict[int, list[np.ndarray]] = {i: [] for i, _ in members}
        for weights in resample_weights(n_units, n, seed):
            for i, alphas in members:
                parts[i].append(alphas(weights))
        for i, chunks in parts.items():
            out[i] = _percentile_ci(np.concatenate(chunks), n, confidence)
    return out


DENSE_LIMIT = 256
"""Distinct values up to which :meth:`UnitCounts.alpha` builds the coincidence matrix itself."""
