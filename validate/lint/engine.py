"""The lint engine: parse the options, then :func:`execute` them (check-jsonschema's pattern).

The Click command only fills a :class:`LintOptions`; :func:`execute` loads and compiles the
project's rubrics once, cuts the inputs into shards (whole files, or byte ranges of one
uncompressed JSONL file), lints each shard (in this process, or in a ``fork`` pool for
``--jobs``), merges the dataset accumulators in input order and returns plain data.

Per record the hot path is: one reader step (orjson), the dataset accumulators' ``add``, one
``jsonschema-rs`` ``is_valid`` call for the envelope and the label together, and the
rubric's record rules. Errors are detailed (``iter_errors``) only for records that fail.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from validate.encoding import wide_encoding
from validate.findings import Finding, Severity, sort_findings
from validate.gc_pause import paused_gc
from validate.lint import readers
from validate.lint.compiled import (
    LABEL_SCHEMA_PATH,
    VERSION_SCHEMA_PATH,
    CompiledRubric,
    ProjectError,
    ProjectSpec,
    RuleRun,
    compile_rubric,
    envelope_validator,
    load_project,
)
from validate.lint.inputs import STDIN
from validate.lint.model import DatasetProblem, pack, pointer, shown_pointer, unpack
from validate.lint.readers import RawRecord, ReadProblem
from validate.rules.base import RuleInfo
from validate.rules.dataset.base import DatasetAccumulator
from validate.rules.dataset.gates import DatasetContext, GateLayers, current_context, set_context
from validate.rules.dataset.table import BATCH, ObservationTable
from validate.rules.envelope.envelope_field import ENVELOPE_SCHEMA
from validate.selection import RuleSelection
from validate.source_check import RuleSettings
from validate.suggest import hinted, unknown_rubric

STDIN_DISPLAY = "<stdin>"
MAX_MESSAGE = 300  # schema messages quote the instance; a 10 MB string must not be echoed
ENGINE_CODES = ("LBL001", "LBL002", "LBL003", "LBL004", "LBL005", "LBL008", "LBL009")


class LintError(Exception):
    """A usage, configuration or source problem: the run cannot start (exit 2)."""


@dataclass
class LintOptions:
    """Everything a lint run needs, already parsed and validated by the command."""

    files: list[str]
    root: Path = field(default_factory=Path.cwd)
    rubric: str | None = None
    selection: RuleSelection | None = None
    settings: RuleSettings = field(default_factory=RuleSettings)
    jobs: int = 1
    progress: bool = False
    rules: dict[str, RuleInfo] | None = None
    """The rule registry (tests may pass a smaller one); default: every registered rule."""
    # -- dataset rules (DST): quality gates ---------------------------------------------------
    dataset: bool = True
    """Run the DST rules (``--no-dataset`` turns them off)."""
    gates: GateLayers | None = None
    """Gate overrides above the rubrics' ``quality_gates`` (platform, config, ``--gate``)."""
    gold: list[str] = field(default_factory=list)
    """``--gold`` files: reference answers for DST002 (not linted themselves)."""
    source_format: str | None = None
    """``--from``: read the files with this importer (Label Studio, COCO, preference pairs)."""
    mapping: dict[str, Any] | None = None
    """``--mapping``: the importer's field / category mapping."""


@dataclass
class LintResult:
    """What a run found: sorted findings, the files checked, counts and timings."""

    findings: list[Finding]
    files: list[str]
    records: int
    rules: dict[str, RuleInfo]
    metrics: dict[str, Any]


@dataclass(frozen=True)
class Shard:
    """A unit of work: a whole file, or the byte range ``[start, end)`` of one JSONL file."""

    file_index: int
    path: str
    start: int | None = None
    end: int | None = None


@dataclass
class ShardResult:
    """What a run of consecutive shards found: findings, records and read problems per
    file, and the dataset accumulators they filled together."""

    findings: list[Finding] = field(default_factory=list)
    records: Counter[int] = field(default_factory=Counter)
    """Records read, by file index."""
    read_problems: Counter[int] = field(default_factory=Counter)
    """Lines that were not records (ReadProblem), by file index."""
    by_rubric: Counter[str] = field(default_factory=Counter)
    total: int = 0
    """Records read in all files so far (the DST buffer and the progress bar count them)."""
    accumulators: dict[str, Any] = field(default_factory=dict)
    table: ObservationTable | None = None
    """The DST rules' observations (``None`` when no DST rule runs)."""


# --------------------------------------------------------------------------------------------
# Worker state: built once per process (in the pool initializer for --jobs)
# --------------------------------------------------------------------------------------------


@dataclass
class _Worker:
    spec: ProjectSpec
    rubrics: dict[str, CompiledRubric]
    envelope: Any
    rules: dict[str, RuleInfo]
    selection: RuleSelection
    settings: RuleSettings
    default_rubric: str | None
    displays: list[str]
    source: ImportSource | None = None
    rereadable: bool = True
    """Whether every input can be read a second time (not standard input, not an importer):
    the duplicate rules then keep hashes and read candidates back (validate.lint.duplicates)."""


@dataclass(frozen=True)
class ImportSource:
    """Read inputs through an importer instead of the label-file readers (``--from``)."""

    format: str
    mapping: dict[str, Any] | None
    root: Path


_WORKER: _Worker | None = None
_PROGRESS_EVERY = 1 << 16  # records between progress-bar updates (a power of two: cheap test)
_progress: Callable[[int], Any] | None = None  # set only in-process, when a bar is shown


def _init_worker(
    spec: ProjectSpec,
    rules: dict[str, RuleInfo],
    selection: RuleSelection,
    settings: RuleSettings,
    default_rubric: str | None,
    displays: list[str],
    dataset_context: DatasetContext | None = None,
    source: ImportSource | None = None,
    rereadable: bool = True,
) -> None:
    """Compile every validator of the project once for this process."""
    global _WORKER
    set_context(dataset_context)  # what the DST accumulators of this process read
    _WORKER = _Worker(
        spec=spec,
        rubrics={},  # compiled on first use (see _plan)
        envelope=envelope_validator(),
        rules=rules,
        selection=selection,
        settings=settings,
        default_rubric=default_rubric,
        displays=displays,
        source=source,
        rereadable=rereadable,
    )


def _make_finding(
    worker: _Worker,
    code: str,
    file: str,
    line: int,
    column: int,
    message: str,
    record_id: Any = None,
    pointer: str | None = None,
) -> Finding:
    info = worker.rules[code]
    return Finding(
        file=file,
        line=line,
        column=column,
        code=code,
        name=info.name,
        severity=worker.settings.severity_for(info),
        message=message,
        record_id=record_id if isinstance(record_id, str) else None,
        pointer=pointer,
        help_uri=info.help_uri(),
    )


def _truncate(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def schema_errors(
    validator: Any, record: dict[str, Any], schema: Mapping[str, Any] | None = None
) -> Iterator[tuple[str, str, str]]:
    """``(code, pointer, message)`` for every schema error of an invalid record.

    Errors raised inside the rubric's label schema are LBL009, the rest LBL003. When
    ``label`` is not an object, only the envelope's "must be an object" is reported. Each
    field an object may not have is a finding at that field, with the closest field the
    object may have when ``schema`` (the validator's) is given: a typo is the usual cause.
    """
    label_is_object = isinstance(record.get("label"), dict)
    n = len(LABEL_SCHEMA_PATH)
    seen: set[str] = set()  # one error per place: '"4" is not an integer' says enough
    for error in validator.iter_errors(record):
        schema_path = list(error.schema_path)
        if tuple(schema_path[:n]) == LABEL_SCHEMA_PATH:
            code = "LBL009"
        elif tuple(schema_path) == VERSION_SCHEMA_PATH:
            code = "LBL005"
        else:
            code = "LBL003"
        if code == "LBL009" and not label_is_object:
            continue
        path = list(error.instance_path)
        kind = error.kind
        name = type(kind).__name__
        message = error.message
        if code == "LBL005":
            versions = ", ".join(map(str, kind.options))
            message = f"the rubric has no version {error.instance!r} (declared: {versions})"
        elif name == "Enum":
            shown = ", ".join(orjson.dumps(v).decode() for v in kind.options[:12])
            more = ", ..." if len(kind.options) > 12 else ""
            value = orjson.dumps(error.instance).decode()[:60]
            message = f"{value} is not one of {shown}{more}"
        elif name == "Required":
            path.append(kind.property)
            message = f"required field {kind.property!r} is missing"
        elif name == "FalseSchema" and schema_path[-1:] == ["additionalProperties"] and path:
            message = f"unknown field {path[-1]!r}"
        elif name == "AdditionalProperties":
            for field_name in kind.unexpected:
                ptr = pointer(*path, field_name)
                if ptr not in seen:
                    seen.add(ptr)
                    hint = _unknown_field(schema, tuple(schema_path[:-1]), field_name)
                    yield code, ptr, _truncate(f"{shown_pointer(ptr)}: {hint}")
            continue
        if code == "LBL003" and path == ["rubric"] and name == "Type":
            message = "rubric must be a string (a rubric id)"
        ptr = pointer(*path)
        if ptr in seen and name != "Required":
            continue
        seen.add(ptr)
        yield code, ptr, _truncate(f"{shown_pointer(ptr)}: {message}" if ptr else message)


_HINTS: dict[tuple[int, tuple[Any, ...], str], tuple[Any, str]] = {}
"""``unknown field ...`` messages by (schema, place, name), with the schema itself (an id is
only unique while its object lives): a tool that adds one field to every label makes a
finding per record, and ``difflib`` per finding doubled the run."""


def _unknown_field(schema: Mapping[str, Any] | None, where: tuple[Any, ...], name: str) -> str:
    key = (id(schema), where, name)
    found = _HINTS.get(key)
    if found is not None and found[0] is schema:
        return found[1]
    if len(_HINTS) > 10_000:  # many distinct junk names: keep the memo small
        _HINTS.clear()
    known = known_fields(schema, where) if schema is not None else []
    message = f"unknown field {hinted(name, known)}"
    _HINTS[key] = (schema, message)
    return message


def known_fields(schema: Mapping[str, Any], schema_path: Sequence[Any]) -> list[str]:
    """The ``properties`` of the subschema at ``schema_path`` (local ``$ref``s followed), or
    none where the path cannot be followed."""
    node: Any = schema
    for key in schema_path:
        if key == "$ref":
            continue
        while isinstance(node, dict) and key not in node and isinstance(node.get("$ref"), str):
            node = _local_ref(schema, node["$ref"])
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return []
    while isinstance(node, dict) and "properties" not in node and isinstance(node.get("$ref"), str):
        node = _local_ref(schema, node["$ref"])
    properties = node.get("properties") if isinstance(node, dict) else None
    return list(properties) if isinstance(properties, dict) else []


def _local_ref(schema: Mapping[str, Any], ref: str) -> Any:
    """The subschema a ``#/...`` reference names (``None`` for any other reference)."""
    if not ref.startswith("#/"):
        return None
    node: Any = schema
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node.get(part) if isinstance(node, dict) else None
    return node


def lint_shards(shards: Sequence[Shard]) -> ShardResult:
    """Lint consecutive shards with this process's compiled state, into one result.

    The shards share one set of dataset accumulators: a run over thousands of small files
    builds one observation table, not one per file to be pickled and merged afterwards.
    The cyclic GC is paused while the shards stream: records are acyclic dicts freed by
    reference counting, and a collection would rescan the long-lived state (accumulators,
    compiled rubrics) every few thousand records (perf-baselines.md: the GC was most of the
    cost of holding records). It is restored afterwards, whatever happens.
    """
    with paused_gc():
        result = _start_result(_WORKER)
        for shard in shards:
            _lint_shard(shard, result)
        return result


def _start_result(worker: _Worker | None) -> ShardResult:
    """An empty result holding this run's dataset accumulators and observation table."""
    assert worker is not None, "call _init_worker first"
    result = ShardResult()
    selection = worker.selection
    for code, info in worker.rules.items():
        if info.scope != "dataset" or not selection.enabled(code):
            continue
        if _reads_table(info):
            # The DST rules read one shared table, filled once per record (see _merge).
            if current_context().enabled and result.table is None:
                result.table = ObservationTable(current_context().profiles)
        else:
            factory = info.module.ACCUMULATOR
            if not worker.rereadable:
                factory = getattr(factory, "for_streams", factory)
            result.accumulators[code] = factory(worker.settings.options_for(info))
    return result


def shard_records(shard: Shard) -> Iterator[RawRecord | ReadProblem]:
    """The records (and read problems) of a shard of a label file, with their lines."""
    if shard.start is None:
        return readers.iter_records(shard.path)
    first_line = readers.line_number_at(shard.path, shard.start)
    return readers.iter_jsonl_range(shard.path, shard.start, shard.end or 0, first_line=first_line)


def _imported_records(
    worker: _Worker, source: ImportSource, path: str
) -> Iterator[RawRecord | ReadProblem]:
    """Records converted on the fly by an importer, as the shard loop expects them."""
    from validate.catalog import load_catalog
    from validate.importers import IMPORTERS, ConvertedRecord

    catalog = load_catalog(source.root)
    for entry in IMPORTERS[source.format](
        Path(path), rubric=worker.default_rubric, mapping=source.mapping, catalog=catalog
    ):
        if isinstance(entry, ConvertedRecord):
            yield RawRecord(entry.line, entry.data)
        else:
            yield entry


def _lint_shard(shard: Shard, result: ShardResult) -> None:
    """Lint one shard into ``result`` (GC as it is: see :func:`lint_shards`)."""
    worker = _WORKER
    assert worker is not None, "call _init_worker first"
    display = worker.displays[shard.file_index]
    selection = worker.selection
    enabled = {code: selection.enabled_for_file(code, display) for code in ENGINE_CODES}
    table = result.table
    adders = [acc.add for acc in result.accumulators.values()]
    batch_mask = BATCH - 1  # the table is flushed every BATCH records (a power of two)

    if worker.source is not None:
        items = _imported_records(worker, worker.source, shard.path)
    else:
        items = shard_records(shard)

    emit = result.findings.append
    check_schema = enabled["LBL003"] or enabled["LBL005"] or enabled["LBL009"]
    # Per rubric: (compiled, validator, [(check, options, run)], DST buffer), built on first use.
    plans: dict[str, tuple[CompiledRubric, Any, list[tuple[Any, Any, RuleRun]], Any]] = {}
    known = worker.spec.rubrics
    default = worker.default_rubric
    envelope = worker.envelope
    by_rubric: dict[str, int] = {}  # a plain dict on the hot path; added up at the end
    start = records = result.total  # counted across shards: small files share the batches
    problems = 0
    base = pack(shard.file_index, 0)
    raw_record = RawRecord
    progress, progress_mask = _progress, _PROGRESS_EVERY - 1

    for item in items:
        if item.__class__ is not raw_record:
            problems += 1
            assert isinstance(item, ReadProblem)
            if enabled.get(item.code, True):
                emit(
                    _make_finding(worker, item.code, display, item.line, item.column, item.message)
                )
            continue
        records += 1
        if not records & progress_mask and progress is not None:
            progress(_PROGRESS_EVERY)
        record = item.data  # type: ignore[union-attr]
        line = item.line  # type: ignore[union-attr]
        if adders:
            where = base | line
            for add in adders:
                add(record, where)
        name = record.get("rubric", default)
        plan = plans.get(name) if name.__class__ is str else None
        if plan is None:
            if name.__class__ is not str or name not in known:
                _unknown_rubric(worker, record, name, display, line, enabled, envelope, emit)
                continue
            plan = plans[name] = (
                *_plan(worker, name, display, check_schema),
                table.pending(name) if table is not None else None,
            )
            by_rubric[name] = 0
        by_rubric[name] += 1
        compiled, validator, runs, pending = plan
        if pending is not None:
            pending.append((base | line, record))
            if not records & batch_mask:
                table.flush()  # type: ignore[union-attr]
        if validator is not None and not validator.is_valid(record):
            for code, ptr, message in schema_errors(validator, record, compiled.schema):
                if enabled[code]:
                    emit(
                        _make_finding(
                            worker, code, display, line, 1, message, record.get("id"), ptr
                        )
                    )
        for check, options, run in runs:
            try:
                found = check(record, compiled, options)
                if not found:
                    continue
                for problem in found:
                    emit(
                        Finding(
                            file=display,
                            line=line,
                            column=1,
                            code=run.code,
                            name=run.name,
                            severity=run.severity,
                            message=_truncate(problem.message),
                            record_id=_record_id(record),
                            pointer=problem.pointer,
                            help_uri=run.help_uri,
                        )
                    )
            except Exception as exc:  # a rule bug must not lose the rest of the run
                emit(
                    Finding(
                        file=display,
                        line=line,
                        column=1,
                        code=run.code,
                        name=run.name,
                        severity=Severity.ERROR,
                        message=_truncate(
                            f"internal error in rule {run.code} on this record "
                            f"(please report it): {type(exc).__name__}: {exc}"
                        ),
                        record_id=_record_id(record),
                        help_uri=run.help_uri,
                    )
                )
    result.by_rubric.update(by_rubric)
    result.total = records
    result.records[shard.file_index] += records - start
    result.read_problems[shard.file_index] += problems


def _reads_table(info: RuleInfo) -> bool:
    """Whether a dataset rule reads the shared observation table (the DST rules) rather
    than keeping its own accumulator."""
    return issubclass(info.module.ACCUMULATOR, DatasetAccumulator)


def _plan(
    worker: _Worker, name: str, display: str, check_schema: bool
) -> tuple[CompiledRubric, Any, list[tuple[Any, Any, RuleRun]]]:
    """Compile rubric ``name`` for this process (once) and pick its rules for this file."""
    compiled = worker.rubrics.get(name)
    if compiled is None:
        compiled = worker.rubrics[name] = compile_rubric(
            worker.spec.rubrics[name], worker.rules, worker.selection, worker.settings
        )
    runs = [
        (r.check, r.options, r)
        for r in compiled.record_rules
        if worker.selection.enabled_for_file(r.code, display)
    ]
    return compiled, compiled.validator if check_schema else None, runs


def _record_id(record: dict[str, Any]) -> str | None:
    rid = record.get("id")
    return rid if rid.__class__ is str else None


def unknown_rubric_message(name: str, spec: ProjectSpec) -> str:
    """LBL004's message: the closest rubric id first (typos are the usual cause), then the
    project's rubrics (all of them: not only those compiled so far in this shard)."""
    return _truncate(unknown_rubric(name, spec.rubrics))


def _unknown_rubric(
    worker: _Worker,
    record: dict[str, Any],
    name: Any,
    display: str,
    line: int,
    enabled: dict[str, bool],
    envelope: Any,
    emit: Callable[[Finding], None],
) -> None:
    """A record whose rubric is missing or unknown: check the envelope alone."""
    rid = record.get("id")
    if name is None and "rubric" not in record:
        if enabled["LBL003"]:
            emit(
                _make_finding(
                    worker,
                    "LBL003",
                    display,
                    line,
                    1,
                    "/rubric: required field 'rubric' is missing (or give --rubric)",
                    rid,
                    "/rubric",
                )
            )
    elif name.__class__ is str and enabled["LBL004"]:
        emit(
            _make_finding(
                worker,
                "LBL004",
                display,
                line,
                1,
                unknown_rubric_message(name, worker.spec),
                rid,
                "/rubric",
            )
        )
    if enabled["LBL003"] and not envelope.is_valid(record):
        for code, ptr, message in schema_errors(envelope, record, ENVELOPE_SCHEMA):
            if code == "LBL003":
                emit(_make_finding(worker, code, display, line, 1, message, rid, ptr))


# --------------------------------------------------------------------------------------------
# Planning and running
# --------------------------------------------------------------------------------------------


def display_name(path: str) -> str:
    """How a file is named in findings."""
    return STDIN_DISPLAY if path == STDIN else path


def _splittable(path: str) -> bool:
    if path == STDIN:
        return False
    try:
        fmt = readers.detect_format(path)
        with open(path, "rb") as f:
            head = f.read(4)
    except (OSError, ValueError):
        return False
    # gzip, or an encoding the reader refuses as a whole: one shard, read from the start
    return fmt == "jsonl" and head[:2] != b"\x1f\x8b" and wide_encoding(head) is None


def plan_shards(files: list[str], jobs: int) -> list[Shard]:
    """Shards for ``jobs`` workers: one per file, and byte ranges of plain JSONL files when
    there are fewer files than workers (one range per worker: more gained nothing)."""
    if jobs <= 1 or len(files) >= jobs:
        return [Shard(i, p) for i, p in enumerate(files)]
    per_file = -(-jobs // len(files))
    shards: list[Shard] = []
    for i, path in enumerate(files):
        if not _splittable(path):
            shards.append(Shard(i, path))
            continue
        try:
            ranges = readers.split_ranges(path, per_file)
        except (OSError, ValueError):
            shards.append(Shard(i, path))
            continue
        if len(ranges) <= 1:
            shards.append(Shard(i, path))
        else:
            shards.extend(Shard(i, path, a, b) for a, b in ranges)
    return shards


def _records_at(
    files: list[str], wanted: set[tuple[int, int]], fields: Iterable[str]
) -> dict[tuple[int, int], dict[str, Any]]:
    """Read back ``fields`` of the records at ``(file_index, line)`` (for dataset findings).

    Plain JSONL is scanned line by line and only the wanted lines are parsed; other formats
    go through the reader again. Standard input cannot be read twice: nothing from it. A file
    that changed or vanished since gives what can still be read, never an error. Only the
    named fields are kept: a file concatenated twice makes every record a candidate, and
    keeping them whole took 1.6 GB for 400,000 records.
    """
    keep = tuple(dict.fromkeys(fields))

    def slim(data: dict[str, Any]) -> dict[str, Any]:
        return {k: data[k] for k in keep if k in data}

    found: dict[tuple[int, int], dict[str, Any]] = {}
    by_file: dict[int, set[int]] = {}
    for index, line in wanted:
        by_file.setdefault(index, set()).add(line)
    for index, lines in by_file.items():
        path = files[index]
        if path == STDIN:
            continue
        last = max(lines)
        try:
            if _splittable(path):
                with open(path, "rb", buffering=1 << 20) as f:
                    readers.drop_bom(f)  # as the reader does
                    for number, raw in enumerate(f, 1):
                        if number in lines:
                            try:
                                data = orjson.loads(raw)
                            except orjson.JSONDecodeError:
                                data = None
                            if isinstance(data, dict):
                                found[(index, number)] = slim(data)
                        if number >= last:
                            break
            else:
                for item in readers.iter_records(path):
                    if isinstance(item, RawRecord) and item.line in lines:
                        found[(index, item.line)] = slim(item.data)
                    if item.line >= last:
                        break
        except (OSError, ValueError):
            continue  # the file changed under us: leave the rest out rather than fail
    return found


def _check_inputs(options: LintOptions) -> None:
    if not options.files:
        raise LintError("no input files given")
    if options.files.count(STDIN) > 1:
        raise LintError("standard input ('-') can be given only once")
    for path in options.files:
        if path == STDIN:
            continue
        if not os.path.exists(path):
            raise LintError(f"{path}: no such file")
        if os.path.isdir(path):
            raise LintError(f"{path}: is a directory; give label files")


def execute(options: LintOptions) -> LintResult:
    """Run the linter; raise :class:`LintError` for exit-2 problems."""
    from validate.rules.registry import RULES

    started = time.perf_counter()
    rules = options.rules or RULES
    selection = options.selection or RuleSelection.build(rules)
    _check_inputs(options)
    try:
        spec = load_project(options.root)
    except ProjectError as exc:
        raise LintError(str(exc)) from None
    if options.rubric is not None and options.rubric not in spec.rubrics:
        raise LintError(unknown_rubric(options.rubric, spec.rubrics, option="--rubric"))
    displays = [display_name(p) for p in options.files]
    context = dataset_context(options, spec)
    source = (
        ImportSource(options.source_format, options.mapping, Path(options.root))
        if options.source_format
        else None
    )
    init_args = (
        spec,
        rules,
        selection,
        options.settings,
        options.rubric,
        displays,
        context,
        source,
        STDIN not in options.files and source is None,
    )
    _init_worker(*init_args)
    if options.rubric is not None:
        try:  # the default rubric is checked up front: it is surely needed
            _plan(_WORKER, options.rubric, "", False)  # type: ignore[arg-type]
        except ProjectError as exc:
            raise LintError(str(exc)) from None
    jobs = max(1, options.jobs) if parallel_available() else 1
    # Imported files are single documents (or converted as they stream): one shard each.
    shards = plan_shards(options.files, 1 if source else jobs)
    try:
        results = _run(shards, jobs, init_args, options.progress)
    except ProjectError as exc:  # a rubric the data needs has a broken source
        raise LintError(str(exc)) from None
    findings, records, by_rubric = _merge(results, rules, selection, options, displays, jobs)
    elapsed = time.perf_counter() - started
    used = {c: rules[c] for c in rules if rules[c].scope != "source" and selection.enabled(c)}
    metrics = {
        "records": records,
        "records_by_rubric": dict(sorted(by_rubric.items())),
        "files": len(options.files),
        "shards": len(shards),
        "jobs": jobs,
        "elapsed_s": round(elapsed, 3),
        "records_per_s": round(records / elapsed) if elapsed > 0 else None,
    }
    return LintResult(
        findings=findings, files=displays, records=records, rules=used, metrics=metrics
    )


def parallel_available() -> bool:
    """Whether ``--jobs`` can run in parallel here. The pools fork, so that workers inherit
    the compiled rubrics and the merged table instead of pickling them; Windows has no
    ``fork``, and a run there uses one process (the command says so)."""
    return "fork" in multiprocessing.get_all_start_methods()


def dataset_context(options: LintOptions, spec: ProjectSpec) -> DatasetContext:
    """The DST rules' run context: rubric data, gate layers and ``--gold`` answers."""
    context = DatasetContext(
        rubrics=spec.rubric_data(),
        default_rubric=options.rubric,
        layers=options.gates or GateLayers(),
        enabled=options.dataset,
    )
    for path in options.gold:
        if not os.path.isfile(path):
            raise LintError(f"{path}: no such file (--gold)")
        shown = display_name(path)
        context.add_gold_records(
            (shown, item.line, item.data)
            for item in readers.iter_records(path)
            if isinstance(item, RawRecord) and isinstance(item.data, dict)
        )
    return context


GROUPS_PER_JOB = 4
"""Work units per process when there are many files: a few each, handed out as processes
free up, balance files of uneven size; more would only add merges."""


def group_shards(shards: list[Shard], jobs: int) -> list[list[Shard]]:
    """Work units: runs of consecutive shards, each linted by one process into one result.

    One process lints everything as one unit. With ``jobs`` processes, up to
    ``jobs * GROUPS_PER_JOB`` shards (byte ranges of one file, or a few files) are a unit
    each; more files are cut into that many runs of about the same size in bytes. Thousands
    of small files thus cost a few table merges and pickles, not thousands. Runs keep the
    input order, which the merge relies on ("first at" of the duplicate rules).
    """
    if jobs <= 1 or len(shards) <= 1:
        return [shards] if shards else []
    units = jobs * GROUPS_PER_JOB
    if len(shards) <= units:
        return [[shard] for shard in shards]
    sizes = [_size(shard.path) for shard in shards]
    remaining = sum(sizes)  # bytes not yet in a closed run
    groups: list[list[Shard]] = []
    current: list[Shard] = []
    filled = 0
    for shard, size in zip(shards, sizes, strict=True):
        left = units - len(groups)
        # close the run before a file that would take it past its share of what is left:
        # a big file then starts a run of its own instead of swelling a run of small ones
        if current and left > 1 and filled + size > remaining / left:
            groups.append(current)
            remaining -= filled
            current, filled = [], 0
        current.append(shard)
        filled += size
    groups.append(current)
    return groups


def _size(path: str) -> int:
    """A file's size in bytes for balancing work (at least 1: standard input, empty files)."""
    try:
        return max(1, os.path.getsize(path)) if path != STDIN else 1
    except OSError:
        return 1


AUTO_BYTES_PER_JOB = 8 << 20
"""``--jobs auto`` starts a worker per this many bytes of input, at most one per CPU. Starting
the pool costs about 0.2 s: measured here, 1 MB of JSONL lints slower with two workers than
with one, and 11 MB about as fast."""


def auto_jobs(files: Sequence[str]) -> int:
    """The worker count ``--jobs auto`` means for ``files``: one per CPU this process may run
    on, but no more than the input has :data:`AUTO_BYTES_PER_JOB` slices (sizes on disk:
    compressed files count their compressed size; standard input counts nothing), and one
    where processes cannot be forked."""
    if not parallel_available():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))  # a CPU set (container, taskset) counts
    except AttributeError:  # not on every platform
        cpus = os.cpu_count() or 1
    size = sum(_size(path) for path in files if path != STDIN)
    return max(1, min(cpus, size // AUTO_BYTES_PER_JOB))


def _run(
    shards: list[Shard], jobs: int, init_args: tuple[Any, ...], progress: bool
) -> list[ShardResult]:
    """Lint every shard, in this process or in a fork pool; results in input order.

    The shards are cut into work units (:func:`group_shards`). With one unit per process
    (byte ranges of one file), this process lints the first unit itself while the pool lints
    the others: it would only wait otherwise, and its own result needs no pickling. With
    more units than processes, the pool hands them out as workers free up. The progress bar
    (stderr, only when asked for) counts records: in this process it moves every 65,536
    records; for the pool's units, as each one finishes.
    """
    global _progress
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit=" records", unit_scale=True, desc="linting", leave=False)
    units = group_shards(shards, jobs)
    try:
        if jobs <= 1 or len(units) <= 1:
            return _run_here(units, bar)
        here = units[:1] if len(units) <= jobs else []
        rest = units[len(here) :]
        context = multiprocessing.get_context("fork")
        with context.Pool(
            processes=min(jobs, len(rest)), initializer=_init_worker, initargs=init_args
        ) as pool:
            pending = pool.imap(lint_shards, rest)
            results = _run_here(here, bar)
            for result in pending:
                results.append(result)
                if bar is not None:
                    bar.update(result.total)
            return results
    finally:
        _progress = None
        if bar is not None:
            bar.close()


def _run_here(units: list[list[Shard]], bar: Any) -> list[ShardResult]:
    """Lint ``units`` in this process, moving the progress bar as records go by."""
    global _progress
    _progress = bar.update if bar is not None else None
    results = []
    for unit in units:
        result = lint_shards(unit)
        results.append(result)
        if bar is not None:  # the loop moved it every _PROGRESS_EVERY records: the rest
            bar.update(result.total % _PROGRESS_EVERY)
    _progress = None
    return results


_FINISHING: dict[str, Any] = {}  # what the forked finishers read (inherited, not pickled)


def _finish_one(code: str) -> tuple[str, list[DatasetProblem]]:
    """Finish one accumulator in a forked worker."""
    return code, _FINISHING[code].finish()


def _quiet_child() -> None:
    """Finishers create short-lived acyclic temporaries; a cyclic collection would walk (and
    copy, page by page) the whole heap inherited from the parent."""
    gc.disable()


class _Finisher:
    """Finish dataset accumulators: in this process, or with ``--jobs`` in a fork pool.

    The statistics at the end of a run (agreement, distributions, behaviour) are independent
    per rule and are the serial tail of a parallel run. Forked workers inherit the merged
    table and accumulators copy-on-write, so only the (few) problems travel back. The pool
    starts on entry: the caller works meanwhile (the duplicate rules' candidates), then
    collects :meth:`results`, in the order of ``codes``.
    """

    def __init__(self, accumulators: dict[str, Any], codes: list[str], jobs: int) -> None:
        self._accumulators = accumulators
        self._codes = codes
        self._jobs = min(jobs, len(codes))
        self._pool: Any = None
        self._pending: Any = None

    def __enter__(self) -> _Finisher:
        if self._jobs > 1:
            _FINISHING.update((code, self._accumulators[code]) for code in self._codes)
            context = multiprocessing.get_context("fork")
            try:
                self._pool = context.Pool(processes=self._jobs, initializer=_quiet_child)
            except OSError:  # no processes to spare: the same work, serially
                return self
            self._pending = self._pool.imap_unordered(_finish_one, self._codes)
        return self

    def results(self) -> dict[str, list[DatasetProblem]]:
        """Every accumulator's problems, by code in the order given."""
        if self._pending is None:
            return {code: self._accumulators[code].finish() for code in self._codes}
        done = dict(self._pending)
        return {code: done[code] for code in self._codes}

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        _FINISHING.clear()


def _merge(
    results: list[ShardResult],
    rules: dict[str, RuleInfo],
    selection: RuleSelection,
    options: LintOptions,
    displays: list[str],
    jobs: int = 1,
) -> tuple[list[Finding], int, Counter[str]]:
    findings: list[Finding] = []
    merged: dict[str, Any] = {}
    per_file_records: Counter[int] = Counter()
    per_file_problems: Counter[int] = Counter()
    by_rubric: Counter[str] = Counter()
    table: ObservationTable | None = None
    for result in results:  # shard order = input order: merges see earlier shards first
        findings.extend(result.findings)
        if result.table is not None:
            table = result.table if table is None else table.merge(result.table)
        per_file_records.update(result.records)
        per_file_problems.update(result.read_problems)
        by_rubric.update(result.by_rubric)
        for code, acc in result.accumulators.items():
            if code in merged:
                merged[code].merge(acc)
            else:
                merged[code] = acc
    if table is not None:
        for code, info in rules.items():
            if info.scope == "dataset" and selection.enabled(code) and _reads_table(info):
                acc = info.module.ACCUMULATOR(options.settings.options_for(info))
                merged[code] = acc.use(table)
    # Accumulators that keep only hashes name the records to confirm their repeats with; the
    # others may name records whose ids they did not keep. Both are read back in one pass.
    confirming = {code for code, acc in merged.items() if hasattr(acc, "wanted")}
    if table is not None:
        table.freeze()  # its columns are shared by the DST rules: built once, before any fork
    with _Finisher(merged, [c for c in merged if c not in confirming], jobs) as finisher:
        candidates = {where for code in confirming for where in merged[code].wanted()}
        done = finisher.results()
    wanted = {unpack(p.where) for problems in done.values() for p in problems if p.resolve_id}
    wanted.update(unpack(where) for where in candidates)
    fields = ["id", *(f for code in confirming for f in type(merged[code]).FIELDS)]
    read_back = _records_at(options.files, wanted, fields) if wanted else {}
    records = {pack(*at): record for at, record in read_back.items()}
    for code in confirming:
        merged[code].give(records)
        done[code] = merged[code].finish()
    finished = {code: done[code] for code in merged}  # in rule order, as before
    found_ids = {
        at: record["id"] for at, record in read_back.items() if isinstance(record.get("id"), str)
    }
    for code, problems in finished.items():
        info = rules[code]
        severity = options.settings.severity_for(info)
        for problem in problems:
            file_index, line = unpack(problem.where)
            display = displays[file_index]
            if not selection.enabled_for_file(code, display):
                continue
            message = problem.message
            if problem.related is not None:
                first_file, first_line = unpack(problem.related)
                where = (
                    f"line {first_line}"
                    if first_file == file_index
                    else f"{displays[first_file]}:{first_line}"
                )
                message = f"{message} (first at {where})"
            findings.append(
                Finding(
                    file=display,
                    line=line,
                    column=1,
                    code=code,
                    name=info.name,
                    severity=severity,
                    message=_truncate(message),
                    record_id=(
                        found_ids.get((file_index, line))
                        if problem.resolve_id
                        else problem.record_id
                    ),
                    pointer=problem.pointer,
                    help_uri=info.help_uri(),
                )
            )
    empty = rules.get("LBL008")
    if empty is not None:
        for index, display in enumerate(displays):
            if per_file_records[index] or per_file_problems[index]:
                continue
            if selection.enabled_for_file("LBL008", display):
                findings.append(
                    Finding(
                        file=display,
                        line=0,
                        column=0,
                        code="LBL008",
                        name=empty.name,
                        severity=options.settings.severity_for(empty),
                        message="the file holds no records",
                        help_uri=empty.help_uri(),
                    )
                )
    return sort_findings(findings), sum(per_file_records.values()), by_rubric
