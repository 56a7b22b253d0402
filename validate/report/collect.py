"""One streaming pass over label files into the numbers of ``rubricate report``.

The pass feeds the same DST accumulators ``rubricate lint`` runs (so the report's numbers
and the lint findings can never disagree), then reads their state: agreement per rubric
and dimension with a bootstrap CI, per-annotator volume, gold accuracy, agreement with the
consensus, median speed and flags, label distributions and the confusion matrix against
gold. The result is plain data (:class:`ReportData`), rendered as JSON or HTML.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from validate import __version__
from validate.gc_pause import paused_gc
from validate.lint.compiled import ProjectError, load_project
from validate.lint.engine import (
    LintError,
    LintOptions,
    Shard,
    dataset_context,
    display_name,
    group_shards,
    parallel_available,
    plan_shards,
    shard_records,
)
from validate.lint.model import pack, unpack
from validate.lint.readers import RawRecord
from validate.rules.dataset import RULE_MODULES
from validate.rules.dataset.agreement import AgreementGate
from validate.rules.dataset.gates import GateLayers, set_context
from validate.rules.dataset.speed import SpeedGate
from validate.rules.dataset.table import ObservationTable
from validate.rules.registry import RULES
from validate.source_check import RuleSettings
from validate.stats.agreement import bootstrap_cis, consensus_agreement, sort_key
from validate.suggest import unknown_rubric

MAX_ANNOTATOR_ROWS = 50
"""Annotators shown in the HTML table (worst first); the JSON has them all."""


@dataclass
class ReportOptions:
    """What ``rubricate report`` was asked for."""

    files: list[str]
    root: Path = field(default_factory=Path.cwd)
    rubric: str | None = None
    gold: list[str] = field(default_factory=list)
    gates: GateLayers | None = None
    settings: RuleSettings = field(default_factory=RuleSettings)
    bootstrap: int = 1000
    progress: bool = False
    jobs: int = 1
    """Processes reading the files (``rubricate lint``'s shards: byte ranges, runs of files)."""


@dataclass
class ReportData:
    """Everything the report shows (``as_json`` gives the JSON report)."""

    files: list[str]
    records: int
    rubrics: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    elapsed_s: float

    @property
    def gates_failed(self) -> bool:
        """True when any gate (an error-level DST finding) failed."""
        return any(f["severity"] == "error" for f in self.findings)

    def as_json(self) -> dict[str, Any]:
        """The JSON report (the HTML shows the same numbers)."""
        return {
            "tool": {"name": "rubricate", "version": __version__},
            "files": self.files,
            "records": self.records,
            "gates_failed": self.gates_failed,
            "elapsed_s": round(self.elapsed_s, 3),
            "rubrics": self.rubrics,
            "findings": self.findings,
        }


def progress_wanted() -> bool:
    """A progress bar only on a terminal and not in CI."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("1", "true")


def _json_value(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _r(x: float | None, digits: int = 4) -> float | None:
    return None if x is None else round(float(x), digits)


def collect(options: ReportOptions) -> ReportData:
    """Read ``options.files`` once and compute the report (``LintError``: exit 2).

    The cyclic GC is paused throughout (:mod:`validate.gc_pause`): the table, the gold
    answers and the per-annotator statistics are long-lived and acyclic, and its rescans of
    them cost about a tenth of a report on 200k records."""
    with paused_gc():
        return _collect(options)


def _collect(options: ReportOptions) -> ReportData:
    started = time.perf_counter()
    if not options.files:
        raise LintError("no input files given")
    for path in options.files:
        if not os.path.isfile(path):
            raise LintError(f"{path}: no such file")
    try:
        spec = load_project(options.root)
    except ProjectError as exc:
        raise LintError(str(exc)) from None
    if options.rubric is not None and options.rubric not in spec.rubrics:
        raise LintError(unknown_rubric(options.rubric, spec.rubrics, option="--rubric"))
    context = dataset_context(
        LintOptions(
            files=options.files,
            root=options.root,
            rubric=options.rubric,
            gates=options.gates,
            gold=options.gold,
        ),
        spec,
    )
    set_context(context)
    table = ObservationTable(context.profiles)  # one for all the DST rules
    accs = {
        m.CODE: m.ACCUMULATOR(options.settings.options_for(RULES[m.CODE])).use(table)
        for m in RULE_MODULES
    }
    reading = _Reading(context, options.rubric, _ocr_error_rates())
    units = group_shards(plan_shards(options.files, options.jobs), options.jobs)
    bar = None
    if options.progress:
        from tqdm import tqdm

        bar = tqdm(unit=" records", unit_scale=True, desc="reading", leave=False, file=sys.stderr)
    try:
        parts = _read_all(reading, units, options.jobs, table, bar)
    finally:
        if bar is not None:
            bar.close()
    ocr: dict[str, list[float]] = {"cer": [], "wer": []}
    records = 0
    for part in parts:  # in input order: the merged table holds the rows of one pass
        if part.table is not table:
            table.merge(part.table)
        ocr["cer"].extend(part.cer)
        ocr["wer"].extend(part.wer)
        records += part.records
    volume = _judgements_per_annotator(table)
    displays = [display_name(p) for p in options.files]
    findings = []
    for code, acc in accs.items():
        info = RULES[code]
        severity = str(options.settings.severity_for(info))
        for problem in acc.finish():
            file_index, line = unpack(problem.where)
            findings.append(
                {
                    "code": code,
                    "name": info.name,
                    "severity": severity,
                    "file": displays[file_index],
                    "line": line,
                    "message": problem.message,
                }
            )
    findings.sort(key=lambda f: (f["file"], f["line"], f["code"]))
    flags: dict[tuple[str, str], list[str]] = {}
    for code, acc in accs.items():
        for key in sorted(getattr(acc, "flagged", ())):
            flags.setdefault(key, []).append(code)
    rubrics = sorted({r for r, _ in volume} | {k[0] for k in accs["DST002"].gold})
    gold_all = accs["DST002"].results()
    data = [
        _rubric_report(rubric, context, accs, gold_all, volume, flags, options.bootstrap)
        for rubric in rubrics
    ]
    if ocr["cer"] or ocr["wer"]:
        for entry in data:
            if entry["id"] == "ocr_correction":
                entry["ocr"] = {
                    "records": max(len(ocr["cer"]), len(ocr["wer"])),
                    "mean_cer": _r(sum(ocr["cer"]) / len(ocr["cer"])) if ocr["cer"] else None,
                    "mean_wer": _r(sum(ocr["wer"]) / len(ocr["wer"])) if ocr["wer"] else None,
                }
    return ReportData(
        files=displays,
        records=records,
        rubrics=data,
        findings=findings,
        elapsed_s=time.perf_counter() - started,
    )


@dataclass
class _Part:
    """What reading some shards gave: their table rows, OCR error rates and record count."""

    table: ObservationTable
    cer: list[float]
    wer: list[float]
    records: int


@dataclass
class _Reading:
    """What reading a run of shards needs (forked workers inherit it)."""

    context: Any
    rubric: str | None
    error_rates: Any

    def read(
        self, shards: list[Shard], table: ObservationTable | None = None, bar: Any = None
    ) -> _Part:
        """Read ``shards`` into ``table`` (a new one by default)."""
        if table is None:
            table = ObservationTable(self.context.profiles)
        cer: list[float] = []
        wer: list[float] = []
        records = 0
        error_rates, context, rubric = self.error_rates, self.context, self.rubric
        for shard in shards:
            base = pack(shard.file_index, 0)
            for item in shard_records(shard):
                if item.__class__ is not RawRecord:
                    continue
                record = item.data  # type: ignore[union-attr]
                records += 1
                if bar is not None and not records & 0x3FFF:
                    bar.update(0x4000)
                table.add(record, base | item.line)
                if (
                    error_rates is not None
                    and record.get("rubric", rubric) == "ocr_correction"
                    and context.observe(record) is not None
                ):
                    rates = error_rates(record)
                    if rates:
                        if rates[0] is not None:
                            cer.append(rates[0])
                        if rates[1] is not None:
                            wer.append(rates[1])
        return _Part(table, cer, wer, records)


_READING: _Reading | None = None
"""Set before the pool forks: the workers' :class:`_Reading`."""


def _read_unit(shards: list[Shard]) -> _Part:
    assert _READING is not None
    return _READING.read(shards)


def _read_all(
    reading: _Reading, units: list[list[Shard]], jobs: int, table: ObservationTable, bar: Any
) -> list[_Part]:
    """Read every unit: here into ``table``, or in a fork pool (one table per unit, in input
    order, for the caller to merge), as ``rubricate lint --jobs`` does."""
    global _READING
    if jobs <= 1 or len(units) <= 1 or not parallel_available():
        return [reading.read([s for unit in units for s in unit], table, bar)]
    _READING = reading
    try:
        with multiprocessing.get_context("fork").Pool(processes=min(jobs, len(units))) as pool:
            parts = []
            for part in pool.imap(_read_unit, units):
                parts.append(part)
                if bar is not None:
                    bar.update(part.records)
            return parts
    finally:
        _READING = None


def _judgements_per_annotator(table: ObservationTable) -> Counter[tuple[str, str]]:
    """``(rubric, annotator) -> records`` judged (gold records and records without an
    annotator do not count), from the DST rules' table."""
    volume: Counter[tuple[str, str]] = Counter()
    for rubric in table.rubric_ids():
        cols = table.columns(rubric)
        assert cols is not None
        who = cols.annotator[~cols.gold & (cols.annotator >= 0)]
        codes, counts = np.unique(who, return_counts=True)
        for code, count in zip(codes.tolist(), counts.tolist(), strict=True):
            volume[(rubric, table.annotator_name(code))] = count
    return volume


def _ocr_error_rates() -> Any:
    """``record_error_rates`` of the OCR rules, when that module is there (optional)."""
    try:
        from validate.rules.ocr.error_rate import record_error_rates
    except ImportError:
        return None
    return record_error_rates


def _rubric_report(
    rubric: str,
    context: Any,
    accs: dict[str, Any],
    gold_all: dict[str, dict[str, Any]],
    volume: Counter[tuple[str, str]],
    flags: dict[tuple[str, str], list[str]],
    bootstrap: int,
) -> dict[str, Any]:
    gates = context.gates(rubric)
    agreement: AgreementGate = accs["DST001"]
    speed: SpeedGate = accs["DST004"]
    gate = gates.get("agreement") or {}
    wanted = gate.get("dimensions")
    dims = []
    consensus: dict[Hashable, list[int]] = {}
    found = agreement.dimension_stats(rubric, gate)
    annotator_names = agreement.table.annotators.values
    # one pass of resamples for the dimensions with as many units (bootstrap_cis)
    cis = (
        bootstrap_cis(
            [(judged.counts, stats["level"], stats["value_order"]) for judged, stats in found],
            n=bootstrap,
        )
        if bootstrap > 0
        else [None] * len(found)
    )
    for (judged, stats), ci in zip(found, cis, strict=True):
        dim = judged.dim
        gated = bool(gate) and (not wanted or dim.name in wanted)
        dims.append(
            {
                "dimension": dim.name,
                "metric": stats["metric"],
                "level": stats["level"],
                "value": _r(stats["value"]),
                "alpha": _r(stats["alpha"]),
                "alpha_ci95": [_r(ci[0]), _r(ci[1])] if ci else None,
                "items": stats["items"],
                "judgements": stats["judgements"],
                "minimum": gate.get("minimum") if gated else None,
                "passed": (
                    None
                    if not gated or stats["value"] is None
                    else stats["value"] >= gate["minimum"]
                ),
                "note": stats["note"],
            }
        )
        if dim.kind != "ranking":
            coders, agree, total = consensus_agreement(judged.item, judged.coder, judged.value)
            for code, a, t in zip(coders.tolist(), agree.tolist(), total.tolist(), strict=True):
                if code < len(annotator_names):  # records without an annotator: not listed
                    entry = consensus.setdefault(annotator_names[code], [0, 0])
                    entry[0] += a
                    entry[1] += t
    gold_results = gold_all.get(
        rubric, {"annotators": {}, "confusion": {}, "items": 0, "overall": [0, 0]}
    )
    speeds = speed.results(rubric)
    annotators = []
    names = {a for r, a in volume if r == rubric} | set(gold_results["annotators"])
    for name in names:
        g = gold_results["annotators"].get(name)
        c = consensus.get(name)
        s = speeds.get(name)
        annotators.append(
            {
                "id": name,
                "records": volume.get((rubric, name), 0),
                "gold_correct": g[0] if g else 0,
                "gold_total": g[1] if g else 0,
                "gold_accuracy": _r(g[0] / g[1]) if g and g[1] else None,
                "consensus_agree": c[0] if c else 0,
                "consensus_total": c[1] if c else 0,
                "consensus_agreement": _r(c[0] / c[1]) if c and c[1] else None,
                "median_s": _r(s.median_s, 2) if s else None,
                "flags": flags.get((rubric, name), []),
            }
        )
    annotators.sort(key=annotator_sort_key)
    distributions = {}
    dist_acc = accs["DST006"]
    profile = context.profiles.get(rubric)
    for (r, index), acc in sorted(dist_acc.dist.items()):
        if r != rubric:
            continue
        pop = acc.population()
        dim = profile.dimensions[index]
        order = list(dim.order) if dim.order and set(pop) <= set(dim.order) else None
        values = order or sorted(pop, key=lambda v: (-pop[v], sort_key(v)))
        distributions[dim.name] = [
            {"value": _json_value(v), "count": pop.get(v, 0)} for v in values
        ]
    confusion = {}
    for name, table in gold_results["confusion"].items():
        dim = profile.dimension(name)
        seen = {v for pair in table for v in pair if v is not None}
        order = list(dim.order) if dim and dim.order and seen <= set(dim.order) else None
        labels = [v for v in order if v in seen] if order else sorted(seen, key=sort_key)
        missing = any(given is None for _, given in table)
        labels_given = [*labels, None] if missing else labels
        confusion[name] = {
            "gold": [_json_value(v) for v in labels],
            "given": [_json_value(v) if v is not None else "(none)" for v in labels_given],
            "matrix": [[table.get((g, v), 0) for v in labels_given] for g in labels],
        }
    overall = gold_results["overall"]
    contradictions = sum(1 for (r, _, _), _ in accs["DST005"].contradictions() if r == rubric)
    return {
        "id": rubric,
        "records": sum(n for (r, _), n in volume.items() if r == rubric),
        "annotators_count": len(annotators),
        "gates": gates,
        "agreement": dims,
        "gold": {
            "items": gold_results["items"],
            "correct": overall[0],
            "total": overall[1],
            "accuracy": _r(overall[0] / overall[1]) if overall[1] else None,
            "minimum": (gates.get("gold_accuracy") or {}).get("minimum"),
            "confusion": confusion,
        },
        "self_contradictions": contradictions,
        "distributions": distributions,
        "annotators": annotators,
    }


def annotator_sort_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """Worst first: most flags, then lowest gold accuracy, then lowest consensus agreement
    (unknowns after knowns), then most records."""
    acc = row["gold_accuracy"]
    cons = row["consensus_agreement"]
    return (
        -len(row["flags"]),
        acc is None,
        acc if acc is not None else 0.0,
        cons is None,
        cons if cons is not None else 0.0,
        -row["records"],
        str(row["id"]),
    )
