"""Per-rubric state compiled once per run: validators, versions and the rules that apply.

Nothing here runs per record. :func:`load_project` gives a picklable :class:`ProjectSpec`
whose :class:`RubricIndex` reads each rubric when a record first names it; a broken rubric
stops the run when it is needed (:class:`ProjectError`, exit 2). :func:`compile_rubric` turns
a rubric into a :class:`CompiledRubric` holding the ``jsonschema-rs`` validator of the
envelope plus the rubric's label schema. Workers of ``--jobs`` compile what they need
themselves.

Referenced policies and bias checklists
    A rubric may name safety policies (``policies:``) and bias checklists
    (``bias_checklists:``); their rules (``SAF``, ``MOD``, ``BIA``) look categories,
    severities and versions up in them. :func:`load_project` loads each referenced file once
    per run (``guidelines/policies/<id>.yaml``, ``guidelines/bias/<id>.yaml``, the same
    positioned loader as the rubrics) into :class:`ReferencedSource` entries on the
    :class:`RubricSpec`; :func:`compile_rubric` exposes their data as
    ``CompiledRubric.policies`` / ``CompiledRubric.bias_checklists`` (id -> mapping). A
    referenced file that is missing or has source errors stops a run that needs the rubric
    exactly like a broken rubric (:class:`ProjectError`, exit 2), but only when one of the
    rubric's listed rules reads that kind of source (a rule module declares
    ``REFERENCES = "policies"`` or ``"bias_checklists"``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema_rs

from validate.catalog import Catalog, SourceDoc, _display, discover
from validate.findings import Severity
from validate.loading.yaml_source import load_yaml_source
from validate.rubric_schema import LabelSchemaError, compile_label_schema
from validate.rules.base import RuleInfo
from validate.rules.envelope.envelope_field import ENVELOPE_SCHEMA
from validate.selection import RuleSelection
from validate.source_check import RuleSettings, check_catalog

VERSION_SCHEMA_PATH = ("properties", "rubric_version", "enum")
"""Schema path of an undeclared ``rubric_version`` (LBL005)."""

LABEL_SCHEMA_PATH = ("properties", "label", "allOf")
"""Schema path prefix of errors raised by the rubric's label schema (LBL009)."""


class ProjectError(Exception):
    """The project's rubrics cannot be used (exit 2); the message says where and why."""


@dataclass(frozen=True)
class RuleRun:
    """A rule as it runs for one rubric: identity, severity and prepared options."""

    code: str
    name: str
    severity: Severity
    help_uri: str
    options: Any
    check: Any


@dataclass
class ReferencedSource:
    """A policy or bias checklist a rubric references: plain, picklable data.

    ``path`` is None when the project has no such file; ``data`` is ``{}`` when it does not
    load (both stop the rubric in :func:`check_references` when one of its rules reads
    the source).
    """

    kind: str
    id: str
    path: str | None
    data: dict[str, Any] = field(default_factory=dict)


REFERENCE_KINDS: dict[str, tuple[str, str]] = {
    # rubric key -> (source kind, folder under the project root)
    "policies": ("policy", "guidelines/policies"),
    "bias_checklists": ("bias_checklist", "guidelines/bias"),
}
"""The sources a rubric may reference by id and that its rules read at lint time."""


@dataclass
class RubricSpec:
    """What a worker needs to compile a rubric: plain, picklable data."""

    id: str
    data: dict[str, Any]
    path: str
    references: list[ReferencedSource] = field(default_factory=list)
    """The policies and bias checklists the rubric names, in the rubric's order."""


@dataclass
class ProjectSpec:
    """The project's usable rubrics, by id, plus where they came from."""

    root: str
    rubrics: Mapping[str, RubricSpec] = field(default_factory=dict)
    """A :class:`RubricIndex` from :func:`load_project` (any mapping in tests)."""

    def rubric_data(self) -> Mapping[str, dict[str, Any]]:
        """Each rubric's source data by id, read as :attr:`rubrics` reads it (on first use)."""
        return _RubricData(self.rubrics)


class _RubricData(Mapping[str, dict[str, Any]]):
    """A view of rubric specs as their source data (see :meth:`ProjectSpec.rubric_data`)."""

    def __init__(self, rubrics: Mapping[str, RubricSpec]) -> None:
        self._rubrics = rubrics

    def __getitem__(self, rubric_id: str) -> dict[str, Any]:
        return self._rubrics[rubric_id].data

    def __iter__(self) -> Iterator[str]:
        return iter(self._rubrics)

    def __len__(self) -> int:
        return len(self._rubrics)


@dataclass
class CompiledRubric:
    """One rubric, ready to lint records: validator, versions and rules."""

    id: str
    version: str
    versions: frozenset[str]
    data: dict[str, Any]
    scales: dict[str, dict[str, Any]]
    dimensions: list[dict[str, Any]]
    label_schema: dict[str, Any]
    validator: Any
    rule_options: dict[str, dict[str, Any]]
    """Effective options of every task rule the rubric lists (defaults < config < rubric)."""
    record_rules: list[RuleRun] = field(default_factory=list)
    schema: dict[str, Any] = field(default_factory=dict)
    """The whole record's schema the validator was built from (read for messages only)."""
    policies: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The safety policies the rubric references (``policies:``), id -> loaded mapping."""
    bias_checklists: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The bias checklists the rubric references (``bias_checklists:``), id -> mapping."""

    def options(self, code: str) -> dict[str, Any]:
        """Effective options of one of the rubric's rules (``{}`` when it does not list it)."""
        return self.rule_options.get(code, {})


def rubric_paths(root: Path) -> list[Path]:
    """The rubric source files under ``root``, in discovery order.

    Raises :class:`ProjectError` when ``root`` is not a project with a ``rubrics/`` folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise ProjectError(f"{root}: no such directory (--root)")
    if not (root / "rubrics").is_dir():
        raise ProjectError(
            f"{root}: no rubrics/ folder here; run from a Rubricate project or pass --root"
        )
    return [path for kind, path in discover(root) if kind == "rubric"]


class RubricIndex(Mapping[str, RubricSpec]):
    """The project's rubrics by id, each file read when a rubric is first asked for.

    A run needs the rubrics its records name, usually a few of many, and reading all of
    them was a third of the start-up of a small lint. Since a rubric's id is its file's stem
    (SRC009), an id is looked up in ``rubrics/<id>.yaml`` first. Listing the rubrics, or an
    id that no file of that name declares (an unknown rubric, a misnamed file), reads them
    all, in discovery order; the first file that declares an id keeps it. Plain data, so it
    pickles (the ``--jobs`` workers of a spawned pool would read what they need themselves).
    """

    def __init__(self, root: Path, paths: list[Path]) -> None:
        self._root = Path(root)
        self._paths = paths
        self._by_stem: dict[str, Path] = {}
        for path in paths:
            self._by_stem.setdefault(path.stem, path)
        self._specs: dict[str, RubricSpec] = {}
        self._path_of: dict[str, Path] = {}
        self._read: set[Path] = set()
        self._references: dict[tuple[str, str], ReferencedSource] = {}
        self._complete = False

    def __getitem__(self, rubric_id: str) -> RubricSpec:
        found = self._specs.get(rubric_id)
        if found is None and not self._complete and rubric_id.__class__ is str:
            path = self._by_stem.get(rubric_id)
            if path is not None:
                self._read_file(path)
                found = self._specs.get(rubric_id)
            if found is None:
                self._read_all()
                found = self._specs.get(rubric_id)
        if found is None:
            raise KeyError(rubric_id)
        return found

    def __iter__(self) -> Iterator[str]:
        self._read_all()
        return iter(self._specs)

    def __len__(self) -> int:
        self._read_all()
        return len(self._specs)

    def _read_all(self) -> None:
        if self._complete:
            return
        for path in self._paths:
            self._read_file(path)
        # Discovery order, as a listing of the folder would give (files read earlier by id
        # keep their ids).
        order = {path: n for n, path in enumerate(self._paths)}
        ranked = sorted(self._specs.values(), key=lambda spec: order[self._path_of[spec.id]])
        self._specs = {spec.id: spec for spec in ranked}
        self._complete = True

    def _read_file(self, path: Path) -> None:
        if path in self._read:
            return
        self._read.add(path)
        doc = _load_doc("rubric", path)
        if doc.id in self._specs:
            return
        self._path_of[doc.id] = path
        self._specs[doc.id] = RubricSpec(
            id=doc.id,
            data=copy.deepcopy(doc.data),
            path=doc.display_path,
            references=[
                _referenced(self._root, key, ref_id, self._references)
                for key in REFERENCE_KINDS
                for ref_id in _ids(doc.data.get(key))
            ],
        )


_LOADED: dict[Path, tuple[Any, SourceDoc]] = {}
"""Sources read in this process, with the stamp they were read at: a long-lived process
(the test suite, ``serve``) reads an unchanged file once."""
_LOADED_LIMIT = 256
"""Sources kept in :data:`_LOADED` before it starts afresh (a few projects' worth)."""


def _load_doc(kind: str, path: Path) -> SourceDoc:
    """The loaded source at ``path``, from :data:`_LOADED` while the file is unchanged
    (callers copy what they hand out: its data is shared)."""
    try:
        st = path.stat()
        stamp: Any = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    cached = _LOADED.get(path)
    if cached is not None and stamp is not None and cached[0] == stamp:
        doc = cached[1]
    else:
        doc = SourceDoc(
            kind=kind, path=path, display_path=_display(path), source=load_yaml_source(path)
        )
        if len(_LOADED) >= _LOADED_LIMIT:
            _LOADED.clear()
        _LOADED[path] = (stamp, doc)
    _DOCS[doc.display_path] = doc
    return doc


def load_project(root: Path) -> ProjectSpec:
    """The project under ``root``: its rubrics, read as they are needed (:class:`RubricIndex`).

    Raises :class:`ProjectError` when ``root`` holds no ``rubrics/`` folder. A broken rubric
    stops a run when a record needs it (:func:`check_rubric_source`).
    """
    return ProjectSpec(root=str(root), rubrics=RubricIndex(Path(root), rubric_paths(root)))


def _ids(value: Any) -> list[str]:
    """The ids of a ``policies:`` / ``bias_checklists:`` value (a list of ids; else none)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _referenced(
    root: Path, key: str, ref_id: str, loaded: dict[tuple[str, str], ReferencedSource]
) -> ReferencedSource:
    """The referenced source ``ref_id`` of kind ``key``, loaded on first use.

    By contract every file's id equals its stem, so ``<folder>/<id>.yaml`` (or ``.yml``) is
    the only place to look.
    """
    kind, folder = REFERENCE_KINDS[key]
    found = loaded.get((kind, ref_id))
    if found is not None:
        return found
    path = next(
        (
            p
            for p in (root / folder / f"{ref_id}.yaml", root / folder / f"{ref_id}.yml")
            if p.is_file()
        ),
        None,
    )
    if path is None:
        found = ReferencedSource(kind=kind, id=ref_id, path=None)
    else:
        doc = _load_doc(kind, path)
        found = ReferencedSource(
            kind=kind, id=ref_id, path=doc.display_path, data=copy.deepcopy(doc.data)
        )
    loaded[(kind, ref_id)] = found
    return found


_DOCS: dict[str, SourceDoc] = {}
_CHECKED: dict[Any, list[str]] = {}


def check_rubric_source(spec: RubricSpec) -> None:
    """Raise :class:`ProjectError` when the rubric's source has errors.

    Broken means an error from a ``SRC`` rule (YAML, schema, label schema, rules and
    options). Cross-reference problems (``XRF``) do not stop linting. Checked lazily, when a
    record first needs the rubric, so a broken rubric nobody uses does not stop a run, and
    the start-up cost is paid only for the rubrics in the data.
    """
    errors = _source_errors("rubric", spec.path)
    if errors:
        shown = "\n".join(errors[:10])
        more = f"\n  ... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise ProjectError(
            f"rubric {spec.id!r} has errors in its source; fix them first "
            f"(rubricate check):\n{shown}{more}"
        )


def check_references(spec: RubricSpec, kinds: set[str]) -> None:
    """Raise :class:`ProjectError` when a referenced source of one of ``kinds`` is missing
    or broken.

    ``kinds`` are the ``REFERENCES`` the rubric's listed rules declare (``"policies"``,
    ``"bias_checklists"``): a rubric that names a policy only for its readers (a Likert
    rubric linking the safety policy) does not need it to lint.
    """
    errors: list[str] = []
    for ref in spec.references:
        key = next(k for k, (kind, _) in REFERENCE_KINDS.items() if kind == ref.kind)
        if key not in kinds:
            continue
        if ref.path is None:
            folder = REFERENCE_KINDS[key][1]
            errors.append(
                f"  {spec.path}: references {ref.kind.replace('_', ' ')} {ref.id!r}, "
                f"but {folder}/{ref.id}.yaml does not exist"
            )
        else:
            errors.extend(_source_errors(ref.kind, ref.path))
    if errors:
        shown = "\n".join(errors[:10])
        more = f"\n  ... and {len(errors) - 10} more" if len(errors) > 10 else ""
        raise ProjectError(
            f"rubric {spec.id!r} needs a policy or bias checklist that is missing or has "
            f"errors; fix it first (rubricate check):\n{shown}{more}"
        )


def _source_errors(kind: str, display_path: str) -> list[str]:
    """Error lines from the ``SRC`` rules for one source file (cached while it is unchanged)."""
    stamp = (display_path, _file_stamp(display_path))
    errors = _CHECKED.get(stamp)
    if errors is None:
        from validate.rules.registry import RULES

        doc = _DOCS.get(display_path)
        if doc is None:
            path = Path(display_path)
            doc = SourceDoc(
                kind=kind, path=path, display_path=display_path, source=load_yaml_source(path)
            )
        source_rules = {
            c: r for c, r in RULES.items() if r.scope == "source" and c.startswith("SRC")
        }
        # root: the project folder (rubrics/<f> -> 1 level up, guidelines/<kind>/<f> -> 2)
        root = doc.path.parent.parent if kind == "rubric" else doc.path.parent.parent.parent
        catalog = Catalog(root=root, docs=[doc])
        found = check_catalog(
            catalog, source_rules, RuleSelection.build(source_rules), RuleSettings()
        )
        errors = [
            f"  {f.location()}: {f.code} {f.message}" for f in found if f.severity >= Severity.ERROR
        ]
        _CHECKED[stamp] = errors
    return errors


def _file_stamp(path: str) -> Any:
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def combined_schema(label_schema: Mapping[str, Any] | None) -> dict[str, Any]:
    """The envelope schema with ``label_schema`` under ``properties.label.allOf``.

    The label schema's ``$defs`` move to the root so its local ``#/$defs/...`` references
    still resolve.
    """
    schema = copy.deepcopy(ENVELOPE_SCHEMA)
    if label_schema is None:
        return schema
    label = {k: v for k, v in label_schema.items() if k not in ("$schema", "$defs", "$id")}
    if "$defs" in label_schema:
        schema["$defs"] = copy.deepcopy(label_schema["$defs"])
    schema["properties"]["label"] = {"type": "object", "allOf": [label]}
    return schema


def build_validator(schema: dict[str, Any]) -> Any:
    """``jsonschema-rs`` validator with formats checked (a bad ``date-time`` must fail)."""
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def compile_rubric(
    spec: RubricSpec,
    rules: Mapping[str, RuleInfo],
    selection: RuleSelection,
    settings: RuleSettings,
) -> CompiledRubric:
    """Compile one rubric; :class:`ProjectError` when its label schema cannot be compiled."""
    check_rubric_source(spec)
    data = spec.data
    listed = data.get("rules") or {}
    rule_options: dict[str, dict[str, Any]] = {}
    for code in listed:
        info = rules.get(code)
        if info is not None:
            rule_options[code] = {**settings.options_for(info), **(listed.get(code) or {})}
    # Rules that read the rubric's policies or bias checklists declare it (REFERENCES).
    check_references(
        spec, {getattr(rules[c].module, "REFERENCES", None) or "" for c in rule_options}
    )
    try:
        label_schema = compile_label_schema(data)
    except LabelSchemaError as exc:
        raise ProjectError(f"{spec.path}: label schema: {exc}") from None
    # A task rule may own part of the payload (LKT001 owns score values): it relaxes the
    # schema there so the same problem is not reported twice.
    for code in rule_options:
        relax = getattr(rules[code].module, "relax_label_schema", None)
        if relax is not None:
            label_schema = relax(label_schema, data)
    changelog = data.get("changelog") or []
    version = str(data.get("version", ""))
    versions = frozenset(
        [version, *(str(e["version"]) for e in changelog if isinstance(e, dict) and "version" in e)]
    )
    schema = combined_schema(label_schema)
    # LBL005 costs nothing per record: the declared versions are an enum in the schema, and
    # the engine files errors at /rubric_version's enum under LBL005 (VERSION_SCHEMA_PATH).
    schema["properties"]["rubric_version"] = {
        **schema["properties"]["rubric_version"],
        "enum": sorted(versions),
    }
    try:
        validator = build_validator(schema)
    except (ValueError, jsonschema_rs.ValidationError) as exc:
        raise ProjectError(f"{spec.path}: label schema does not compile: {exc}") from None
    compiled = CompiledRubric(
        id=spec.id,
        version=version,
        versions=versions,
        data=data,
        scales={s["id"]: s for s in data.get("scales", []) if isinstance(s, dict) and "id" in s},
        dimensions=[d for d in data.get("dimensions", []) if isinstance(d, dict)],
        label_schema=label_schema,
        validator=validator,
        schema=schema,
        rule_options=rule_options,
        policies={r.id: r.data for r in spec.references if r.kind == "policy"},
        bias_checklists={r.id: r.data for r in spec.references if r.kind == "bias_checklist"},
    )
    # Record rules: envelope rules (always) then the rubric's own, in registry order.
    for code, info in rules.items():
        if info.scope != "record" or getattr(info.module, "FOUND_BY", None):
            continue
        if not (code.startswith("LBL") or code in rule_options):
            continue
        if not selection.enabled(code):
            continue
        options = rule_options.get(code) or settings.options_for(info)
        prepare = getattr(info.module, "prepare", None)
        compiled.record_rules.append(
            RuleRun(
                code=code,
                name=info.name,
                severity=settings.severity_for(info),
                help_uri=info.help_uri(),
                options=prepare(compiled, options) if prepare else options,
                check=info.module.check,
            )
        )
    return compiled


ENVELOPE_ONLY = "<envelope>"
"""Key of the validator used for records whose rubric is unknown or missing."""


def envelope_validator() -> Any:
    """Validator of the envelope alone."""
    return build_validator(combined_schema(None))
