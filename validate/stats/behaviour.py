"""Annotator behaviour checks as mergeable per-annotator accumulators.

- :class:`StraightLining`: share of an annotator's records carrying their most common answer.
- :class:`Speed`: per-annotator median ``duration_s`` against the population median, and the
  number of records below a minimum number of seconds.
- :class:`SelfContradiction`: the same annotator giving the same item different answers.
- :class:`LabelDistribution`: distance between an annotator's label distribution and the rest of
  the population's (total variation distance).

State is keyed by compact ids (annotator and item ids as given, values as hashables); counters
and float arrays only, no records. Every class has ``add``, ``merge`` (in place, returns
``self``) and ``result``; results do not depend on insertion or merge order.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np

from validate.stats.agreement import sort_key

__all__ = [
    "LabelDistribution",
    "SelfContradiction",
    "Speed",
    "SpeedStats",
    "StraightLining",
    "StraightLiningStats",
    "total_variation",
]


def _sorted_keys(keys: object) -> list[Hashable]:
    return sorted(keys, key=sort_key)  # type: ignore[call-overload]


def _most_common(counts: Counter[Hashable]) -> tuple[Hashable, int]:
    """Most common value; ties broken by :func:`sort_key` (deterministic)."""
    top = max(counts.values())
    value = min((v for v, c in counts.items() if c == top), key=sort_key)
    return value, top


# -- straight-lining -------------------------------------------------------------------------


@dataclass(frozen=True)
class StraightLiningStats:
    top_value: Hashable
    top_count: int
    records: int

    @property
    def share(self) -> float:
        return self.top_count / self.records


class _AnswerCounts:
    """Per annotator, how often each answer was given (mergeable): the state that
    :class:`StraightLining` and :class:`LabelDistribution` share."""

    __slots__ = ("_counts", "min_records")

    def __init__(self, min_records: int = 20) -> None:
        self.min_records = min_records
        self._counts: dict[Hashable, Counter[Hashable]] = {}

    def add(self, annotator: Hashable, value: Hashable | None) -> None:
        """Count one answer of ``annotator`` (``None`` = no answer, ignored)."""
        if value is None:
            return
        counts = self._counts.get(annotator)
        if counts is None:
            counts = self._counts[annotator] = Counter()
        counts[value] += 1

    def _merge_counts(self, other: _AnswerCounts) -> None:
        for annotator, counts in other._counts.items():
            self._counts.setdefault(annotator, Counter()).update(counts)


class StraightLining(_AnswerCounts):
    """Per annotator: ``share = count(most common answer) / records``.

    An annotator who gives the same answer on nearly everything ("straight-lining") has a share
    near 1. Only annotators with at least ``min_records`` records are reported (a share over
    three records means nothing). Compare the share with the population's top-category share:
    on a data set where 90 % of items truly are one class, 0.9 is expected.
    """

    __slots__ = ()

    def merge(self, other: StraightLining) -> StraightLining:
        self._merge_counts(other)
        return self

    def result(self) -> dict[Hashable, StraightLiningStats]:
        out: dict[Hashable, StraightLiningStats] = {}
        for annotator in _sorted_keys(self._counts):
            counts = self._counts[annotator]
            total = counts.total()
            if total < self.min_records:
                continue
            value, top = _most_common(counts)
            out[annotator] = StraightLiningStats(value, top, total)
        return out

    def flagged(self, max_share: float = 0.95) -> dict[Hashable, StraightLiningStats]:
        return {a: s for a, s in self.result().items() if s.share >= max_share}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StraightLining):
            return NotImplemented
        return self._counts == other._counts

    __hash__ = None  # type: ignore[assignment]


# -- speed -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeedStats:
    records: int
    median_s: float
    population_median_s: float
    below_min: int

    @property
    def ratio(self) -> float | None:
        """Annotator median / population median (``None`` if the population median is 0)."""
        if self.population_median_s <= 0:
            return None
        return self.median_s / self.population_median_s


class Speed:
    """Per annotator: median ``duration_s``, population median, records under ``min_seconds``.

    Medians are not decomposable, so durations are kept exactly, as a compact ``array('d')``
    per annotator (8 bytes per record; 1M records = 8 MB); merging concatenates them. The
    population median is over all records (pooled), so a prolific annotator weighs more; the
    per-annotator ratio ``median / population median`` is what a "far below the population"
    gate compares (e.g. flag ratio < 0.25).
    """

    __slots__ = ("_durations", "min_seconds")

    def __init__(self, min_seconds: float = 0.0) -> None:
        self.min_seconds = min_seconds
        self._durations: dict[Hashable, array[float]] = {}

    def add(self, annotator: Hashable, duration_s: float | None) -> None:
        if duration_s is None:
            return
        d = float(duration_s)
        if math.isnan(d):
            return
        arr = self._durations.get(annotator)
        if arr is None:
            arr = self._durations[annotator] = array("d")
        arr.append(d)

    def merge(self, other: Speed) -> Speed:
        for annotator, arr in other._durations.items():
            mine = self._durations.get(annotator)
            if mine is None:
                self._durations[annotator] = array("d", arr)
            else:
                mine.extend(arr)
        return self

    def population_median(self) -> float | None:
        if not self._durations:
            return None
        allv = np.concatenate([np.frombuffer(a, dtype=float) for a in self._durations.values()])
        return float(np.median(allv)) if allv.size else None

    def result(self) -> dict[Hashable, SpeedStats]:
        pop = self.population_median()
        out: dict[Hashable, SpeedStats] = {}
        if pop is None:
            return out
        for annotator in _sorted_keys(self._durations):
            v = np.frombuffer(self._durations[annotator], dtype=float)
            out[annotator] = SpeedStats(
                records=int(v.size),
                median_s=float(np.median(v)),
                population_median_s=pop,
                below_min=int((v < self.min_seconds).sum()),
            )
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Speed):
            return NotImplemented
        mine = {a: sorted(v) for a, v in self._durations.items()}
        theirs = {a: sorted(v) for a, v in other._durations.items()}
        return mine == theirs

    __hash__ = None  # type: ignore[assignment]


# -- self-contradiction ----------------------------------------------------------------------


class SelfContradiction:
    """The same annotator labelling the same item more than once with different answers.

    State: ``{(annotator, item): value}`` for cells seen once, and
    ``{(annotator, item): Counter(value -> n)}`` only for repeated cells (rare), so memory is one
    dict entry per distinct (annotator, item).

    ``repeated()``: cells judged more than once; ``contradictions()``: cells with more than one
    distinct answer, as ``(annotator, item, sorted distinct values)`` in deterministic order.
    """

    __slots__ = ("_multi", "_single")

    def __init__(self) -> None:
        self._single: dict[tuple[Hashable, Hashable], Hashable] = {}
        self._multi: dict[tuple[Hashable, Hashable], Counter[Hashable]] = {}

    def add(self, annotator: Hashable, item: Hashable, value: Hashable | None) -> None:
        if value is None:
            return
        key = (annotator, item)
        multi = self._multi.get(key)
        if multi is not None:
            multi[value] += 1
        elif key in self._single:
            self._multi[key] = Counter([self._single.pop(key), value])
        else:
            self._single[key] = value

    def _counter(self, key: tuple[Hashable, Hashable]) -> Counter[Hashable] | None:
        if key in self._multi:
            return self._multi[key]
        if key in self._single:
            return Counter([self._single[key]])
        return None

    def merge(self, other: SelfContradiction) -> SelfContradiction:
        for key, value in other._single.items():
            self.add(key[0], key[1], value)
        for key, counts in other._multi.items():
            mine = self._counter(key)
            merged = Counter(counts) if mine is None else Counter(mine) + counts
            self._single.pop(key, None)
            self._multi[key] = merged
        return self

    def repeated(self) -> int:
        """Number of (annotator, item) cells judged more than once."""
        return len(self._multi)

    def contradictions(self) -> list[tuple[Hashable, Hashable, list[Hashable]]]:
        out = [(a, i, sorted(c, key=sort_key)) for (a, i), c in self._multi.items() if len(c) > 1]
        out.sort(key=lambda t: (sort_key(t[0]), sort_key(t[1])))
        return out

    def result(self, max_examples: int = 10) -> dict[str, object]:
        """``{"count", "repeated", "per_annotator": {a: n}, "examples": [...]}``."""
        found = self.contradictions()
        per: Counter[Hashable] = Counter(a for a, _, _ in found)
        return {
            "count": len(found),
            "repeated": self.repeated(),
            "per_annotator": {a: per[a] for a in _sorted_keys(per)},
            "examples": found[:max_examples],
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SelfContradiction):
            return NotImplemented
        return self._single == other._single and self._multi == other._multi

    __hash__ = None  # type: ignore[assignment]


# -- label distribution ----------------------------------------------------------------------


def total_variation(p: Mapping[Hashable, float], q: Mapping[Hashable, float]) -> float | None:
    """Total variation distance ``TV(P, Q) = ½ Σ_v |P(v) − Q(v)|`` between two count tables
    (normalised to distributions). ``None`` when either is empty."""
    tp, tq = sum(p.values()), sum(q.values())
    if tp == 0 or tq == 0:
        return None
    keys = set(p) | set(q)
    return 0.5 * sum(abs(p.get(k, 0) / tp - q.get(k, 0) / tq) for k in keys)


class LabelDistribution(_AnswerCounts):
    """Per annotator: total variation distance between their label distribution and the rest.

    ``TV(P_a, P_rest) = ½ Σ_v |P_a(v) − P_rest(v)|`` where ``P_rest`` is the distribution of all
    *other* annotators' labels (leave-one-out, so a prolific annotator is not compared with
    mostly themselves).

    Why total variation rather than Jensen-Shannon: TV reads directly as "the share of this
    annotator's labels that would have to change category to match everyone else" (0.3 = 30 %),
    which is what a lead needs to judge a flag; it is bounded in [0, 1], symmetric, a metric,
    needs no smoothing for categories one side never used (KL would be infinite; JS is finite
    but its bits are hard to explain), and is computed exactly from the mergeable counts.
    Distributions of small samples are noisy: only annotators with ``min_records`` are reported.
    """

    __slots__ = ()

    def merge(self, other: LabelDistribution) -> LabelDistribution:
        self._merge_counts(other)
        return self

    def population(self) -> Counter[Hashable]:
        total: Counter[Hashable] = Counter()
        for counts in self._counts.values():
            total.update(counts)
        return total

    def result(self) -> dict[Hashable, float]:
        """``{annotator: TV distance}`` for annotators with ≥ ``min_records`` records (and a
        non-empty rest of the population)."""
        pop = self.population()
        out: dict[Hashable, float] = {}
        for annotator in _sorted_keys(self._counts):
            counts = self._counts[annotator]
            if counts.total() < self.min_records:
                continue
            rest = pop - counts
            d = total_variation(counts, rest)
            if d is not None:
                out[annotator] = d
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LabelDistribution):
            return NotImplemented
        return self._counts == other._counts

    __hash__ = None  # type: ignore[assignment]
