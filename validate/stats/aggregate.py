"""Consensus labels: majority vote, Dawid-Skene EM, Bradley-Terry.

Implemented in numpy. ``crowd-kit`` (Ustalov et al.) is an optional cross-check only:
:func:`dawid_skene` follows the same EM (majority-vote initialisation, 1e-10 floor on the
confusion probabilities) and the test-suite compares the two when crowd-kit is installed. It
is not a runtime dependency: it pulls in pandas, scikit-learn, transformers and more, and its
``BradleyTerry`` (1.4.2) stops after two MM iterations because ``p_old`` aliases ``p_new``, so
its scores are not the maximum-likelihood estimate.

References
----------
- Dawid, A. P. & Skene, A. M. (1979). Maximum likelihood estimation of observer error-rates
  using the EM algorithm. *Applied Statistics* 28(1), 20-28.
- Bradley, R. A. & Terry, M. E. (1952). Rank analysis of incomplete block designs: I. The
  method of paired comparisons. *Biometrika* 39(3/4), 324-345.
- Zermelo, E. (1929). Die Berechnung der Turnier-Ergebnisse als ein Maximumproblem der
  Wahrscheinlichkeitsrechnung. *Mathematische Zeitschrift* 29, 436-460.
- Hunter, D. R. (2004). MM algorithms for generalized Bradley-Terry models. *Annals of
  Statistics* 32(1), 384-406.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from validate.stats.agreement import CoincidenceAccumulator, _default_order, sort_key

__all__ = [
    "BradleyTerryResult",
    "DawidSkeneResult",
    "MajorityVote",
    "bradley_terry",
    "bradley_terry_many",
    "dawid_skene",
    "majority_vote",
]

_EPS = 1e-10


# -- majority vote ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MajorityVote:
    """``label``: the winning value (``None`` for an unresolved tie with ``tie_break="none"``);
    ``votes``: its count; ``total``: judgements on the item; ``tied``: all values sharing the
    top count when there was a tie (empty otherwise)."""

    label: Hashable | None
    votes: int
    total: int
    tied: tuple[Hashable, ...] = ()

    @property
    def share(self) -> float:
        return self.votes / self.total if self.total else 0.0


def majority_vote(
    counts: CoincidenceAccumulator | Mapping[Hashable, Mapping[Hashable, int]],
    *,
    value_order: Sequence[Hashable] | None = None,
    tie_break: Literal["order", "none"] = "order",
) -> dict[Hashable, MajorityVote]:
    """Plurality label per item from per-item value counts (mergeable: a
    :class:`~validate.stats.agreement.CoincidenceAccumulator` or ``{item: {value: n}}``).

    Ties are reported in ``tied`` and broken deterministically: ``tie_break="order"`` takes the
    first tied value in ``value_order`` (default: the values' natural/sorted order), so the
    same data always give the same label. Note this favours early categories; pass a
    ``value_order`` that puts the safest label first (e.g. the most severe safety category), or
    ``tie_break="none"`` to leave ties unlabelled.
    """
    units = counts.units if isinstance(counts, CoincidenceAccumulator) else counts
    rank = {v: i for i, v in enumerate(value_order)} if value_order is not None else None
    out: dict[Hashable, MajorityVote] = {}
    for item in sorted(units, key=sort_key):
        c = units[item]
        total = sum(c.values())
        if total == 0:
            continue
        top = max(c.values())
        winners = [v for v, n in c.items() if n == top]
        if rank is not None:
            winners.sort(key=lambda v: (rank.get(v, len(rank)), sort_key(v)))
        else:
            winners = _default_order(winners)
        if len(winners) == 1:
            out[item] = MajorityVote(winners[0], top, total)
        else:
            label = winners[0] if tie_break == "order" else None
            out[item] = MajorityVote(label, top, total, tuple(winners))
    return out


# -- Dawid-Skene -----------------------------------------------------------------------------


@dataclass
class DawidSkeneResult:
    """``labels``: most probable class per item (ties: first class in ``classes``);
    ``posteriors``: ``(items × classes)`` array, rows in ``items`` order; ``priors``: class
    priors; ``confusion``: ``(workers × true class × observed class)`` array of
    ``P(worker says l | true class k)``."""

    items: list[Hashable]
    workers: list[Hashable]
    classes: list[Hashable]
    posteriors: np.ndarray
    priors: np.ndarray
    confusion: np.ndarray
    iterations: int
    converged: bool
    labels: dict[Hashable, Hashable] = field(default_factory=dict)

    def posterior(self, item: Hashable) -> dict[Hashable, float]:
        row = self.posteriors[self.items.index(item)]
        return {c: float(p) for c, p in zip(self.classes, row, strict=True)}


def dawid_skene(
    judgements: Iterable[tuple[Hashable, Hashable, Hashable]],
    *,
    n_iter: int = 100,
    tol: float = 1e-6,
    classes: Sequence[Hashable] | None = None,
) -> DawidSkeneResult:
    """Dawid & Skene (1979) EM over ``(worker, item, label)`` judgements (nominal labels).

    Model: item i has a latent class z_i with prior p_k; worker w reports l with probability
    π^w[k, l] given z_i = k, independently. EM:

    - init: T_ik = share of item i's votes for class k (soft majority vote)
    - M-step: ``p_k = mean_i T_ik``;
      ``π^w[k, l] ∝ max(ε, Σ_{judgements r of w with label l} T_{i_r k})``, normalised over l
    - E-step: ``T_ik ∝ p_k · Π_{judgements r on i} π^{w_r}[k, l_r]`` (in log space)

    until ``max |ΔT| < tol`` or ``n_iter`` iterations. ε = 1e-10 as in crowd-kit. Every
    judgement is one observation (a worker who labelled an item twice counts twice, as in the
    original model's n_il counts). Judgements whose label is ``None`` are skipped.
    """
    rows = [(w, i, lab) for w, i, lab in judgements if lab is not None]
    if not rows:
        raise ValueError("no judgements")
    workers = sorted({w for w, _, _ in rows}, key=sort_key)
    items = sorted({i for _, i, _ in rows}, key=sort_key)
    observed = {lab for _, _, lab in rows}
    if classes is None:
        class_list = _default_order(observed)
    else:
        class_list = list(classes)
        if observed - set(class_list):
            raise ValueError("labels outside the declared classes")
    w_ix = {w: n for n, w in enumerate(workers)}
    i_ix = {i: n for n, i in enumerate(items)}
    c_ix = {c: n for n, c in enumerate(class_list)}
    w = np.fromiter((w_ix[r[0]] for r in rows), dtype=np.int64, count=len(rows))
    it = np.fromiter((i_ix[r[1]] for r in rows), dtype=np.int64, count=len(rows))
    lab = np.fromiter((c_ix[r[2]] for r in rows), dtype=np.int64, count=len(rows))
    n_w, n_i, n_k = len(workers), len(items), len(class_list)

    votes = np.zeros((n_i, n_k))
    np.add.at(votes, (it, lab), 1.0)
    post = votes / votes.sum(axis=1, keepdims=True)

    def m_step(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        priors = t.mean(axis=0)
        conf = np.empty((n_w, n_k, n_k))
        key = w * n_k + lab
        for k in range(n_k):
            conf[:, k, :] = np.bincount(key, weights=t[it, k], minlength=n_w * n_k).reshape(
                n_w, n_k
            )
        conf = np.maximum(conf, _EPS)
        conf /= conf.sum(axis=2, keepdims=True)
        return priors, conf

    priors, conf = m_step(post)
    converged = False
    iterations = 0
    for iterations in range(1, n_iter + 1):  # noqa: B007
        log_conf = np.log(conf)
        log_post = np.tile(np.log(np.maximum(priors, _EPS)), (n_i, 1))
        for k in range(n_k):
            log_post[:, k] += np.bincount(it, weights=log_conf[w, k, lab], minlength=n_i)
        log_post -= log_post.max(axis=1, keepdims=True)
        new = np.exp(log_post)
        new /= new.sum(axis=1, keepdims=True)
        change = float(np.abs(new - post).max())
        post = new
        priors, conf = m_step(post)
        if change < tol:
            converged = True
            break
    best = post.argmax(axis=1)
    labels = {item: class_list[int(b)] for item, b in zip(items, best, strict=True)}
    return DawidSkeneResult(
        items=items,
        workers=workers,
        classes=class_list,
        posteriors=post,
        priors=priors,
        confusion=conf,
        iterations=iterations,
        converged=converged,
        labels=labels,
    )


# -- Bradley-Terry ---------------------------------------------------------------------------


@dataclass
class BradleyTerryResult:
    """``scores``: item -> strength p_i (sum 1); ``ordering``: items best first (equal scores
    in :func:`~validate.stats.agreement.sort_key` order)."""

    scores: dict[Hashable, float]
    ordering: list[Hashable]
    iterations: int
    converged: bool


_OUTCOMES = {"a": 1.0, "b": 0.0, "tie": 0.5}


def bradley_terry(
    comparisons: Iterable[tuple[Hashable, Hashable, str]],
    *,
    max_iter: int = 10_000,
    tol: float = 1e-10,
    prior: float = 0.0,
) -> BradleyTerryResult:
    """Bradley-Terry (1952) strengths from pairwise comparisons ``(a, b, outcome)``, outcome
    ``"a"`` (a preferred), ``"b"`` or ``"tie"``. Map other verdicts (e.g. ``both_bad``) before.

    Model: ``P(i beats j) = p_i / (p_i + p_j)``. Maximum likelihood by the MM algorithm
    (Zermelo 1929; Hunter 2004)::

        p_i ← W_i / Σ_{j ≠ i} n_ij / (p_i + p_j),   then normalise Σ p = 1

    with W_i the wins of i (a tie counts as half a win for each side) and n_ij the number of
    comparisons of i and j. The MLE exists and is unique iff the comparison graph is strongly
    connected (every item beats, directly or not, every other one; Hunter 2004, Assumption 1).
    Otherwise items that never win drift to 0. ``prior > 0`` regularises: each item gets
    ``prior`` virtual wins and ``prior`` virtual losses against a reference item of average
    strength, which makes the estimate finite for any data.

    Stops when the largest change of any p_i is below ``tol``.
    """
    return bradley_terry_many([comparisons], max_iter=max_iter, tol=tol, prior=prior)[0]


def bradley_terry_many(
    problems: Iterable[Iterable[tuple[Hashable, Hashable, str]]],
    *,
    max_iter: int = 10_000,
    tol: float = 1e-10,
    prior: float = 0.0,
) -> list[BradleyTerryResult]:
    """:func:`bradley_terry` of each problem (say, the responses of each ranked item).

    Problems with as many items are iterated together, one array operation per step for all
    of them; each stops at its own convergence, so every result is the one it would get
    alone. One fit at a time cost numpy's call overhead on 3 x 3 arrays a hundred times per
    item: 10 ms an item, minutes for a dataset of rankings.
    """
    # Each problem's counts go straight into flat per-size buffers as it is read, so that a
    # generator of problems is never held whole (a dataset of rankings has one per item).
    names: list[list[Hashable]] = []
    by_size: dict[int, tuple[list[int], array[float], array[float]]] = {}
    for rows in problems:
        items, wins, games = _bt_problem(rows)
        if items:
            members, all_wins, all_games = by_size.setdefault(
                len(items), ([], array("d"), array("d"))
            )
            members.append(len(names))
            all_wins.frombytes(wins.tobytes())
            all_games.frombytes(games.tobytes())
        names.append(items)
    results: list[BradleyTerryResult | None] = [
        None if items else BradleyTerryResult({}, [], 0, True) for items in names
    ]
    for size, (members, all_wins, all_games) in by_size.items():
        wins = np.frombuffer(all_wins, dtype=np.float64).reshape(len(members), size)
        games = np.frombuffer(all_games, dtype=np.float64).reshape(len(members), size, size)
        p, iterations, converged = _bt_mm(wins, games, max_iter, tol, prior)
        for row, number in enumerate(members):
            items = names[number]
            scores = {x: float(v) for x, v in zip(items, p[row], strict=True)}
            ordering = sorted(items, key=lambda x: (-scores[x], sort_key(x)))
            results[number] = BradleyTerryResult(
                scores, ordering, int(iterations[row]), bool(converged[row])
            )
    return results  # type: ignore[return-value]  (every problem filled in)


def _bt_problem(
    comparisons: Iterable[tuple[Hashable, Hashable, str]],
) -> tuple[list[Hashable], np.ndarray, np.ndarray]:
    """``(items, wins, games)`` of one problem (items in :func:`sort_key` order)."""
    rows = list(comparisons)
    items = sorted({x for a, b, _ in rows for x in (a, b)}, key=sort_key)
    index = {x: n for n, x in enumerate(items)}
    size = len(items)
    wins = np.zeros(size)
    games = np.zeros((size, size))
    for a, b, outcome in rows:
        if outcome not in _OUTCOMES:
            raise ValueError(f"outcome must be 'a', 'b' or 'tie', not {outcome!r}")
        if a == b:
            raise ValueError(f"item {a!r} compared with itself")
        ia, ib = index[a], index[b]
        score = _OUTCOMES[outcome]
        wins[ia] += score
        wins[ib] += 1.0 - score
        games[ia, ib] += 1.0
        games[ib, ia] += 1.0
    return items, wins, games


def _bt_mm(
    wins: np.ndarray, games: np.ndarray, max_iter: int, tol: float, prior: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The MM iterations of :func:`bradley_terry` for a stack of problems of one size
    (``wins``: problems x items, ``games``: problems x items x items). Rows leave the stack
    as they converge. Returns the strengths, the iteration counts and the converged flags."""
    count, size = wins.shape
    out = np.full((count, size), 1.0 / size)
    iterations = np.full(count, max_iter, dtype=np.int64)
    converged = np.zeros(count, dtype=bool)
    rows = np.arange(count)  # the problems still iterating, as rows of out
    p = out.copy()
    played = games > 0
    ref = 1.0 / size
    for step in range(1, max_iter + 1):
        total = p[:, :, None] + p[:, None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(played, games / total, 0.0)
        denom = z.sum(axis=2)
        numer = wins.copy()
        if prior > 0:
            numer += prior
            denom = denom + 2.0 * prior / (p + ref)
        with np.errstate(divide="ignore", invalid="ignore"):
            new = np.where(denom > 0, numer / denom, 0.0)
        new = np.nan_to_num(new, nan=0.0, posinf=0.0)
        s = new.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            new = np.where((s > 0)[:, None], new / s[:, None], ref)
        change = np.abs(new - p).max(axis=1)
        p = new
        done = change < tol
        if done.any():
            out[rows[done]] = p[done]
            iterations[rows[done]] = step
            converged[rows[done]] = True
            keep = ~done
            rows, p, wins, games, played = (
                rows[keep],
                p[keep],
                wins[keep],
                games[keep],
                played[keep],
            )
            if not rows.size:
                break
    out[rows] = p  # the ones that did not converge: where max_iter left them
    return out, iterations, converged


def pairwise_counts(
    comparisons: Iterable[tuple[Hashable, Hashable, str]],
) -> Counter[tuple[Hashable, Hashable, str]]:
    """Mergeable summary of comparisons (a ``Counter``; add two with ``+``), canonicalised so
    ``(a, b, "a")`` and ``(b, a, "b")`` count together. Feed ``expand_counts`` of it to
    :func:`bradley_terry`."""
    out: Counter[tuple[Hashable, Hashable, str]] = Counter()
    flip = {"a": "b", "b": "a", "tie": "tie"}
    for a, b, outcome in comparisons:
        if sort_key(b) < sort_key(a):
            a, b, outcome = b, a, flip.get(outcome, outcome)
        out[(a, b, outcome)] += 1
    return out


def expand_counts(
    counts: Mapping[tuple[Hashable, Hashable, str], int],
) -> Iterable[tuple[Hashable, Hashable, str]]:
    for key, n in counts.items():
        for _ in range(n):
            yield key
