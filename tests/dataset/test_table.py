"""The observation table: columns equal the per-record observations, shards merge and pickle
to the same table, and the array statistics equal the reference (Counter) implementation."""

from __future__ import annotations

import math
import pickle
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.dataset.generate import MALFORMED_BOXES, mixed_records
from validate.lint.compiled import load_project
from validate.rules.dataset.agreement import AgreementGate, agreement_stats, fast_agreement_stats
from validate.rules.dataset.gates import DatasetContext
from validate.rules.dataset.profile import Dimension
from validate.rules.dataset.table import BATCH, BoxColumn, ObservationTable
from validate.stats.agreement import (
    DENSE_LIMIT,
    CoincidenceAccumulator,
    UnitCounts,
    bootstrap_ci,
    bootstrap_cis,
    clean_cells,
    krippendorff_alpha,
    percent_agreement,
)


@pytest.fixture(scope="module")
def context(project: Path) -> DatasetContext:
    spec = load_project(project)
    return DatasetContext(rubrics={r: s.data for r, s in spec.rubrics.items()})


def _table(context: DatasetContext, rows: list[tuple[int, dict[str, Any]]]) -> ObservationTable:
    table = ObservationTable(context.profiles)
    for where, record in rows:
        table.add(record, where)
    return table


def _decoded(table: ObservationTable) -> dict[str, list[tuple[Any, ...]]]:
    """Every row as ``(where, item, annotator, gold, duration, values)``, per rubric."""
    out = {}
    for rubric in table.rubric_ids():
        cols = table.columns(rubric)
        assert cols is not None
        out[rubric] = [
            (
                int(cols.where[r]),
                None if cols.item[r] < 0 else table.item_name(int(cols.item[r])),
                None if cols.annotator[r] < 0 else table.annotator_name(int(cols.annotator[r])),
                bool(cols.gold[r]),
                None if math.isnan(cols.duration[r]) else float(cols.duration[r]),
                cols.row_values(r),
            )
            for r in range(cols.where.size)
        ]
    return out


@pytest.mark.parametrize("seed", range(3))
def test_rows_equal_the_per_record_observations(context: DatasetContext, seed: int) -> None:
    """The batched columns hold exactly what observing each record alone gives."""
    records = mixed_records(records=3 * BATCH, seed=seed)  # several batches
    table = _table(context, list(enumerate(records, 1)))
    expected: dict[str, list[tuple[Any, ...]]] = {}
    for where, record in enumerate(records, 1):
        obs = context.profiles.observe(record)
        if obs is not None:
            expected.setdefault(obs.rubric, []).append(
                (where, obs.item, obs.annotator, obs.gold, obs.duration, obs.values)
            )
    assert _decoded(table) == expected
    assert set(expected) == {
        "likert_rating",
        "sentiment_analysis",
        "bounding_box",
        "response_ranking",
        "rlhf_preference",
    }


@pytest.mark.parametrize("seed", range(3))
def test_shards_merge_and_pickle_to_the_single_pass_table(
    context: DatasetContext, seed: int
) -> None:
    rows = list(enumerate(mixed_records(records=1500, seed=seed), 1))
    whole = _table(context, rows)
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(rows)), 4))
    parts = [
        pickle.loads(pickle.dumps(_table(context, rows[a:b])))
        for a, b in zip([0, *cuts], [*cuts, len(rows)], strict=True)
    ]
    merged = parts[0]
    for part in parts[1:]:
        merged.merge(part)
    assert _decoded(merged) == _decoded(whole)


def test_booleans_are_not_scores(context: DatasetContext) -> None:
    """``true`` in a Likert score is no value (Python would count it as 1); a boolean
    field keeps its booleans."""
    record = {
        "rubric": "likert_rating",
        "item_id": "i",
        "annotator_id": "a",
        "label": {"scores": {"helpfulness": True, "correctness": 1}},
    }
    table = _table(context, [(1, record)])
    cols = table.columns("likert_rating")
    assert cols is not None
    values = dict(
        zip(
            (d.name for d in context.profiles.get("likert_rating").dimensions),  # type: ignore[union-attr]
            cols.row_values(0),
            strict=True,
        )
    )
    assert values["helpfulness"] is None and values["correctness"] == 1
    flag = Dimension(name="ok", path=("ok",), kind="scalar", level="nominal")
    from validate.rules.dataset.profile import normalise_value

    assert normalise_value(flag, True) is True


def test_adding_after_reading_columns(context: DatasetContext) -> None:
    """Numpy views pin the arrays' buffers; the table releases them before it grows."""
    records = mixed_records(records=300, seed=4)
    table = _table(context, list(enumerate(records[:150], 1)))
    before = table.columns("likert_rating")
    assert before is not None
    for where, record in enumerate(records[150:], 151):
        table.add(record, where)
    after = table.columns("likert_rating")
    assert after is not None and after.where.size > before.where.size


def test_frozen_table_reads_views_of_the_same_rows(context: DatasetContext) -> None:
    """freeze() trades the columns' copies for views (one copy fewer at the peak)."""
    rows = list(enumerate(mixed_records(records=300, seed=5), 1))
    copied, frozen = _table(context, rows), _table(context, rows)
    expected = _decoded(copied)
    frozen.freeze()
    assert _decoded(frozen) == expected
    cols = frozen.columns("likert_rating")
    assert cols is not None
    assert not cols.where.flags.owndata and not cols.item.flags.owndata
    assert all(not v.flags.owndata for v in cols.values)
    likert = next(
        record
        for _, record in rows
        if record.get("rubric") == "likert_rating"
        and isinstance(record.get("label"), dict)
        and record.get("annotator_id") != "consensus"  # a consensus label adds no row
    )
    with pytest.raises(BufferError):  # growing under a view still held is loud, never stale
        frozen.add(likert, 10_000)
        frozen.flush()


@pytest.mark.parametrize("seed", range(4))
def test_fast_agreement_equals_the_reference(context: DatasetContext, seed: int) -> None:
    """Alpha (every level) and percent agreement from the code arrays equal the Counter-based
    statistics on the same judgements, for every rubric and dimension."""
    gate_acc = AgreementGate({}, context)
    gate_acc.use(_table(context, list(enumerate(mixed_records(records=2500, seed=seed), 1))))
    checked = 0
    for rubric in gate_acc.table.rubric_ids():
        fast = {judged.dim: judged.counts for judged in gate_acc.judgements(rubric)}
        slow = dict(gate_acc.dimensions(rubric))
        assert list(fast) == list(slow)
        for dim in fast:
            for gate in (
                {"metric": "krippendorff_alpha"},
                {"metric": "krippendorff_alpha", "level": "interval"},
                {"metric": "krippendorff_alpha", "level": "nominal"},
                {"metric": "percent_agreement"},
            ):
                a = fast_agreement_stats(fast[dim], dim, gate)
                b = agreement_stats(slow[dim], dim, gate)
                for key in ("level", "items", "judgements", "value_order"):
                    assert a[key] == b[key], (rubric, dim.name, gate, key)
                for key in ("value", "alpha"):
                    assert (a[key] is None) == (b[key] is None), (rubric, dim.name, gate, key)
                    if a[key] is not None:
                        assert a[key] == pytest.approx(b[key], rel=1e-9, abs=1e-12)
                checked += 1
    assert checked >= 30


@pytest.mark.parametrize("seed", range(3))
def test_bootstrap_from_the_table_equals_the_reference(context: DatasetContext, seed: int) -> None:
    """The report's intervals from the code arrays equal the accumulator's on the same
    judgements: the same units, resampled in the same order (rankings: per response pair),
    so the same draws; and one shared pass over all dimensions changes nothing."""
    gate_acc = AgreementGate({}, context)
    gate_acc.use(_table(context, list(enumerate(mixed_records(records=2500, seed=seed), 1))))
    checked = 0
    for rubric in gate_acc.table.rubric_ids():
        judged = gate_acc.judgements(rubric)
        slow = gate_acc.dimensions(rubric)
        jobs = []
        for j, (dim, coded) in zip(judged, slow, strict=True):
            stats = fast_agreement_stats(j.counts, dim, {})
            jobs.append((j.counts, stats["level"], stats["value_order"]))
            expected = bootstrap_ci(
                coded.to_coincidence(), stats["level"], n=200, value_order=stats["value_order"]
            )
            got = j.counts.bootstrap_ci(stats["level"], n=200, value_order=stats["value_order"])
            assert (got is None) == (expected is None), (rubric, dim.name)
            if got is not None:
                assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), (rubric, dim.name)
                checked += 1
        assert bootstrap_cis(jobs, n=200) == [
            c.bootstrap_ci(lv, n=200, value_order=o) for c, lv, o in jobs
        ]
    assert checked >= 8


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 5), st.integers(0, 6)),
        min_size=1,
        max_size=120,
    ),
    st.sampled_from(["nominal", "ordinal", "interval", "ratio"]),
)
def test_unit_counts_equal_the_accumulator(cells: list[tuple[int, int, int]], level: str) -> None:
    """Property: cleaning and counting in numpy equals CodedJudgements -> alpha / percent."""
    from validate.stats.agreement import CodedJudgements

    coded = CodedJudgements()
    for unit, coder, value in cells:
        coded.add(unit, coder, value)
    reference = coded.to_coincidence()
    arrays = [np.array(x, dtype=np.int64) for x in zip(*cells, strict=True)]
    unit, _, value = clean_cells(*arrays)
    counts = UnitCounts(unit, value, list(range(7)))
    expected = krippendorff_alpha(reference, level)  # type: ignore[arg-type]
    got = counts.alpha(level)  # type: ignore[arg-type]
    assert (got is None) == (expected is None)
    if got is not None:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)
    pa = percent_agreement(reference)
    assert counts.percent_agreement() == (pa if pa is None else pytest.approx(pa))
    assert counts.units() == len(reference.pairable_counts())


def test_many_distinct_interval_values_use_the_reference_path() -> None:
    """Beyond DENSE_LIMIT distinct values the dense matrix is not built; the result is the
    same."""
    rng = random.Random(1)
    units = np.repeat(np.arange(400), 2)
    values = np.array([rng.randint(0, 2 * DENSE_LIMIT) for _ in units])
    counts = UnitCounts(units, values, [float(v) for v in range(2 * DENSE_LIMIT + 1)])
    reference = CoincidenceAccumulator()
    for u, v in zip(units.tolist(), values.tolist(), strict=True):
        reference.add(u, float(v))
    assert len(counts.observed_values()) > DENSE_LIMIT
    assert counts.alpha("interval") == pytest.approx(krippendorff_alpha(reference, "interval"))


def test_box_batches_take_the_fast_path_only_when_every_row_is_well_formed() -> None:
    """A clean batch is added at once; any malformed row sends the batch row by row (whose
    equality with the per-record observations the tests above prove)."""
    clean = [
        [{"category": "dog", "bbox": [1, 2, 3, 4]}, {"category": "cat", "bbox": [0.5, 0, 9, 9]}],
        [],
        [{"category": "cat", "bbox": [5, 5, 5, 5]}],
    ]
    store = BoxColumn()
    assert store.append_rows(clean) == ["cat|dog", "", "cat"]
    assert [store.row(r) for r in range(3)] == [
        (("dog", (1.0, 2.0, 3.0, 4.0)), ("cat", (0.5, 0.0, 9.0, 9.0))),
        (),
        (("cat", (5.0, 5.0, 5.0, 5.0)),),
    ]
    for bad in MALFORMED_BOXES:
        store = BoxColumn()
        assert store.append_rows([*clean, bad]) is None, bad
        assert len(store.start) == 0 and len(store.xywh) == 0  # nothing half-added
