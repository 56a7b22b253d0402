"""Inter-annotator agreement below the rubric's gate, per dimension.

## What it checks
For every rubric with an `agreement` gate (`quality_gates.agreement: {metric, minimum, level,
dimensions}`), the agreement between annotators on items judged more than once (records
sharing `item_id`), for each compared dimension (all of them, or the gate's `dimensions`).
A value below `minimum` is one finding at the rubric's first record, with the numbers.

Metrics (the gate's `metric`):

- `krippendorff_alpha`: level of measurement from the dimension's scale (`nominal` labels,
  `ordinal` Likert-type scales, `interval` where the scale or payload is numeric), or the
  gate's `level`; any number of judgements per item, missing values allowed.
- `percent_agreement`: the share of agreeing pairs of judgements per item, averaged.
- `fleiss_kappa`: items with the most common number of judgements (Fleiss needs the same
  number per item; the others are left out and the message says how many were used).
- `cohen_kappa`: two annotators: Cohen's kappa; more: Light's kappa (the mean Cohen's kappa
  over pairs of annotators who share at least `min_items` items).

What a value is, per payload: a dimension score (`label.scores.<dimension>`); the label of a
single-choice property; the *set* of a multi-select list (set equality); the preference
choice, strength and per-dimension sides of a pairwise preference; for a ranking, one unit
per pair of responses whose value is which one ranked higher (pairwise order agreement);
for bounding boxes, the sorted multiset of box categories (a simplification: boxes are
not matched by IoU for agreement). Gold records (`gold: true`) are not judgements and do
not count. One annotator's repeated contradictory judgements of an item are left out
(DST005 reports them); records without `annotator_id` count as separate annotators.

## Why it matters
Labels are only as good as their reliability: if independent annotators do not agree
beyond chance, the guideline or the scale is ambiguous, or the annotators are not
following it, and a model trained on the data learns the noise.

## Failing example
Five items, two annotators, who never agree on `helpfulness` (rubric `likert_rating`,
gate `krippendorff_alpha >= 0.667`):
```json
{"id": "r1", "rubric": "likert_rating", "item_id": "i1", "annotator_id": "a", "label": {"scores": {"helpfulness": 1, "correctness": 4, "coherence": 4, "honesty": 4}}}
{"id": "r2", "rubric": "likert_rating", "item_id": "i1", "annotator_id": "b", "label": {"scores": {"helpfulness": 5, "correctness": 4, "coherence": 4, "honesty": 4}}}
```
(and so on for items i2..i5) gives `rubric likert_rating, dimension helpfulness:
krippendorff_alpha (ordinal) -0.45 below 0.667 (5 items, 10 judgements)`.

## Passing example
The same items where both annotators give the same scores (alpha 1.0).

## Options
- `min_items` (integer, default 5): fewer pairable items than this give no finding (the
  statistic would be noise).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Collection, Hashable
from typing import Any, NamedTuple

import numpy as np

from validate.findings import Severity
from validate.lint.model import DatasetProblem
from validate.rules.dataset.base import DatasetAccumulator, check, fmt
from validate.rules.dataset.profile import Dimension, agreement_value, ranking_pairs
from validate.rules.dataset.table import Columns, Vocab
from validate.stats.agreement import (
    CodedJudgements,
    CoincidenceAccumulator,
    UnitCounts,
    clean_cells,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)

CODE = "DST001"
NAME = "agreement-below-gate"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {"min_items": {"type": "integer", "minimum": 1, "default": 5}},
    "additionalProperties": False,
}

__all__ = ["ACCUMULATOR", "AgreementGate", "agreement_stats", "check", "effective_level"]


def effective_level(dim: Dimension, gate: dict[str, Any] | None) -> str:
    """Level of measurement for ``dim``: sets, rankings and boxes are nominal; otherwise the
    gate's ``level`` or the scale's."""
    if dim.kind in ("set", "ranking", "boxes"):
        return "nominal"
    return str((gate or {}).get("level") or dim.level)


def _value_order(acc: CoincidenceAccumulator, dim: Dimension, level: str) -> list[Any] | None:
    if level != "ordinal" or not dim.order:
        return None
    observed = set(acc.observed_values())
    return list(dim.order) if observed <= set(dim.order) else None


def _light_kappa(coded: CodedJudgements, min_items: int) -> tuple[float | None, int]:
    """Mean Cohen's kappa over annotator pairs sharing ``min_items`` items; (kappa, pairs)."""
    tables: dict[tuple[Hashable, Hashable], list[tuple[Hashable, Hashable]]] = {}
    for row in coded._cells.values():
        clean = sorted(
            ((c, v) for c, v in row.items() if not isinstance(v, frozenset)),
            key=lambda cv: str(cv[0]),
        )
        for (ca, va), (cb, vb) in itertools.combinations(clean, 2):
            tables.setdefault((ca, cb), []).append((va, vb))
    kappas = []
    for pairs in tables.values():
        if len(pairs) >= min_items:
            k = cohen_kappa(pairs)
            if k is not None:
                kappas.append(k)
    return (sum(kappas) / len(kappas) if kappas else None), len(kappas)


def agreement_stats(
    coded: CodedJudgements,
    dim: Dimension,
    gate: dict[str, Any] | None,
    *,
    min_items: int = 5,
) -> dict[str, Any]:
    """The gate's metric (and alpha) for one dimension's judgements.

    Returns ``{"metric", "level", "value", "alpha", "items", "judgements", "note"}``;
    ``value`` is ``None`` when undefined.
    """
    gate = gate or {}
    metric = str(gate.get("metric") or "krippendorff_alpha")
    level = effective_level(dim, gate)
    acc = coded.to_coincidence()
    units = [(None, c) for c in acc.pairable_counts()]  # order does not matter here
    if level in ("interval", "ratio") and not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in acc.observed_values()
    ):
        level = "nominal"
    order = _value_order(acc, dim, level)
    alpha = krippendorff_alpha(acc, level, order) if units else None  # type: ignore[arg-type]
    note = ""
    if metric == "krippendorff_alpha":
        value = alpha
    elif metric == "percent_agreement":
        value = percent_agreement(acc)
    elif metric == "fleiss_kappa":
        sizes = Counter(c.total() for _, c in units)
        if len(sizes) > 1:
            mode = max(sizes, key=lambda k: (sizes[k], k))
            kept = {k: c for k, c in acc.pairable_units() if c.total() == mode}
            note = f"Fleiss on the {len(kept)} items with {mode} judgements"
            acc = CoincidenceAccumulator.from_units(kept)
            units = acc.pairable_units()
        value = fleiss_kappa(acc)
    elif metric == "cohen_kappa":
        coders = coded.coders()
        if len(coders) == 2:
            value = coded.cohen_kappa()
        else:
            value, pairs = _light_kappa(coded, min_items)
            note = f"Light's kappa: mean Cohen's kappa over {pairs} annotator pairs"
    else:
        value = None
        note = f"unknown metric {metric!r}"
    return {
        "metric": metric,
        "level": level,
        "value": value,
        "alpha": alpha,
        "items": len(units),
        "judgements": sum(c.total() for _, c in units),
        "note": note,
        "value_order": order,
    }


FAST_METRICS = ("krippendorff_alpha", "percent_agreement")
"""Metrics computed straight from the table's code arrays; the others go through
:class:`CodedJudgements` (Fleiss and Cohen need per-item or per-coder structure)."""


def fast_agreement_stats(
    counts: UnitCounts, dim: Dimension, gate: dict[str, Any]
) -> dict[str, Any]:
    """:func:`agreement_stats` for the :data:`FAST_METRICS`, from code arrays."""
    metric = str(gate.get("metric") or "krippendorff_alpha")
    level = effective_level(dim, gate)
    observed = counts.observed_values()
    if level in ("interval", "ratio") and not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in observed
    ):
        level = "nominal"
    order = (
        list(dim.order)
        if level == "ordinal" and dim.order and set(observed) <= set(dim.order)
        else None
    )
    items = counts.units()
    alpha = counts.alpha(level, order) if items else None  # type: ignore[arg-type]
    value = alpha if metric == "krippendorff_alpha" else counts.percent_agreement()
    return {
        "metric": metric,
        "level": level,
        "value": value,
        "alpha": alpha,
        "items": items,
        "judgements": counts.judgements(),
        "note": "",
        "value_order": order,
    }


class Judged(NamedTuple):
    """One dimension's cleaned judgements: value counts per unit, and the kept cells (codes of
    item, coder and value; a coder code past the table's annotators is a record without one)."""

    dim: Dimension
    counts: UnitCounts
    item: np.ndarray
    coder: np.ndarray
    value: np.ndarray


class AgreementGate(DatasetAccumulator):
    """Agreement per (rubric, dimension), from the observation table."""

    def _dimension_arrays(
        self, rubric: str
    ) -> list[tuple[int, Dimension, Columns, np.ndarray, np.ndarray]]:
        """Per dimension with judgements: ``(index, dim, columns, row indices, coder codes)``.
        Gold records do not count; a record without an annotator is its own coder."""
        table = self.table
        cols = table.columns(rubric)
        profile = self.context.profiles.get(rubric)
        if cols is None or profile is None:
            return []
        judged = ~cols.gold & (cols.item >= 0)
        coder = np.where(
            cols.annotator >= 0, cols.annotator, len(table.annotators) + np.arange(judged.size)
        )
        out = []
        for index, dim in enumerate(profile.dimensions):
            rows = np.flatnonzero(judged & (cols.values[index] >= 0))
            if rows.size:
                out.append((index, dim, cols, rows, coder[rows]))
        return out

    def judgements(self, rubric: str) -> list[Judged]:
        """The rubric's dimensions that received judgements, cleaned (one value per coder per
        unit: :func:`~validate.stats.agreement.clean_cells`), in payload order."""
        item_names = self.table.items.values
        out = []
        for index, dim, cols, rows, coder in self._dimension_arrays(rubric):
            values = cols.values[index][rows]
            labels = cols.vocabs[index].values
            if dim.kind == "boxes":  # compared by their category multiset (before cleaning:
                remap, labels = cols.components(index)  # two box sets with the same
                values = remap[values]  # categories are one answer)
            item, who, value = clean_cells(cols.item[rows], coder, values)
            if dim.kind == "ranking":
                counts = _ranking_counts(item, value, labels, item_names)
            else:
                counts = UnitCounts(item, value, labels, item_names.__getitem__)
            out.append(Judged(dim, counts, item, who, value))
        return out

    def dimension_stats(
        self,
        rubric: str,
        gate: dict[str, Any],
        *,
        names: Collection[str] | None = None,
        min_items: int = 5,
    ) -> list[tuple[Judged, dict[str, Any]]]:
        """Each judged dimension of ``rubric`` (those in ``names`` when given) with the
        gate's statistics: from the code arrays for the :data:`FAST_METRICS`, through
        :class:`CodedJudgements` for Fleiss and Cohen (per-item and per-coder structure)."""
        judged = [j for j in self.judgements(rubric) if not names or j.dim.name in names]
        if str(gate.get("metric") or "krippendorff_alpha") in FAST_METRICS:
            return [(j, fast_agreement_stats(j.counts, j.dim, gate)) for j in judged]
        coded = dict(self.dimensions(rubric))
        return [
            (j, agreement_stats(coded[j.dim], j.dim, gate, min_items=min_items)) for j in judged
        ]

    def dimensions(self, rubric: str) -> list[tuple[Dimension, CodedJudgements]]:
        """The rubric's dimensions that received judgements, as :class:`CodedJudgements`
        (who gave which value to which item), in payload order."""
        table = self.table
        out = []
        for index, dim, cols, rows, coder in self._dimension_arrays(rubric):
            vocab = cols.vocabs[index].values
            item_names, annotator_names = table.items.values, table.annotators.values
            names = len(annotator_names)
            codes = cols.values[index][rows].tolist()
            # each distinct value converted once (numpy element access per row was most of
            # the time), then one add per judgement
            agreed = {
                code: tuple(vocab[code])
                if dim.kind == "ranking"
                else agreement_value(dim, vocab[code])
                for code in set(codes)
            }
            coded = CodedJudgements()
            add = coded.add
            for item, who, code, where in zip(
                cols.item[rows].tolist(),
                coder.tolist(),
                codes,
                cols.where[rows].tolist(),
                strict=True,
            ):
                add(item_names[item], annotator_names[who] if who < names else where, agreed[code])
            out.append((dim, _pair_units(coded) if dim.kind == "ranking" else coded))
        return out

    def first(self) -> dict[str, int]:
        """Each rubric's first judged record (where its agreement findings point)."""
        out = {}
        for rubric in self.table.rubric_ids():
            cols = self.table.columns(rubric)
            assert cols is not None
            judged = ~cols.gold & (cols.item >= 0)
            if judged.any():
                out[rubric] = int(cols.where[judged].min())
        return out

    def finish(self) -> list[DatasetProblem]:
        """One problem per gated dimension below its minimum."""
        min_items = int(self.options.get("min_items", 5))
        problems = []
        first = self.first()
        for rubric in sorted(first):
            gate = self.context.gates(rubric).get("agreement")
            if not gate:
                continue
            found = self.dimension_stats(
                rubric, gate, names=gate.get("dimensions"), min_items=min_items
            )
            for judged, stats in found:
                dim = judged.dim
                value = stats["value"]
                if value is None or stats["items"] < min_items or value >= gate["minimum"]:
                    continue
                level = f" ({stats['level']})" if stats["metric"] == "krippendorff_alpha" else ""
                note = f"; {stats['note']}" if stats["note"] else ""
                problems.append(
                    DatasetProblem(
                        where=first[rubric],
                        message=(
                            f"rubric {rubric}, dimension {dim.name}: {stats['metric']}{level} "
                            f"{fmt(value)} below {gate['minimum']:g} ({stats['items']} items, "
                            f"{stats['judgements']} judgements{note})"
                        ),
                        pointer="/label/" + "/".join(dim.path),
                        resolve_id=True,
                    )
                )
        return problems


def _ranking_counts(
    item: np.ndarray, ranking: np.ndarray, vocab: list[Any], item_names: list[Any]
) -> UnitCounts:
    """Pairwise order units ``(item, a, b) -> a ranked above b`` from one ranking per cell
    (:func:`clean_cells` has left out coders who ranked an item two ways); units keyed as
    :func:`_pair_units` keys them."""
    pair_codes = Vocab()
    per_ranking = []
    for ranking_ids in vocab:
        pairs = ranking_pairs(ranking_ids)
        per_ranking.append(
            ([pair_codes.code((a, b)) for a, b, _ in pairs], [int(above) for _, _, above in pairs])
        )
    lengths = np.array([len(p) for p, _ in per_ranking], dtype=np.int64)
    flat_pair = np.array([c for p, _ in per_ranking for c in p], dtype=np.int64)
    flat_above = np.array([x for _, a in per_ranking for x in a], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    reps = lengths[ranking]
    row = np.repeat(np.arange(ranking.size), reps)
    within = np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    at = starts[ranking][row] + within
    pairs = max(1, len(pair_codes))
    unit = item[row] * pairs + flat_pair[at]

    def unit_key(code: int) -> tuple[Any, ...]:
        return (item_names[code // pairs], *pair_codes.values[code % pairs])

    return UnitCounts(unit, flat_above[at], [False, True], unit_key)


def _pair_units(rankings: CodedJudgements) -> CodedJudgements:
    """Pairwise order units ``(item, a, b) -> a ranked above b`` from whole rankings.

    A coder who ranked one item in two different ways contradicted themselves: that coder's
    rankings of the item are left out, as repeated contradictory judgements are elsewhere.
    """
    pairs = CodedJudgements()
    for item, coder, ranking, conflict in rankings.cells():
        if conflict:
            continue
        for a, b, above in ranking_pairs(ranking):  # type: ignore[arg-type]
            pairs.add((item, a, b), coder, above)
    return pairs


ACCUMULATOR = AgreementGate
