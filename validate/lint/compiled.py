"""Per-rubric state compiled once per run: validators, versions and the rules that apply.

Nothing here runs per record. :func:`load_project` reads the project's rubrics (refusing broken
ones with :class:`ProjectError`, exit 2) into a picklable :class:`ProjectSpec`;
:func:`compile_project` turns a spec into :class:`CompiledRubric` objects holding the
``jsonschema-rs`` validator of the envelope plus the rubric's label schema. Workers of
``--jobs`` compile from the spec in their initializer.

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
from collections.abc import Mapping
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
    rubrics: dict[str, RubricSpec] = field(default_factory=dict)


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
    policies: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The safety policies the rubric references (``policies:``), id -> loaded mapping."""
    bias_checklists: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The bias checklists the rubric references (``bias_checklists:``), id -> mapping."""

    def options(self, code: str) -> dict[str, Any]:
        """Effective options of one of the rubric's rules (``{}`` when it does not list it)."""
        return self.rule_options.get(code, {})


def load_rubrics(root: Path) -> Catalog:
    """A catalog of the rubric sources only (the other sources are ``rubricate check``'s)."""
    root = Path(root)
    if not root.is_dir():
        raise ProjectError(f"{root}: no such directory (--root)")
    if not (root / "rubrics").is_dir():
        raise ProjectError(
            f"{root}: no rubrics/ folder here; run from a Rubricate project or pass --root"
        )
    catalog = Catalog(root=root)
    for kind, path in discover(root):
        if kind == "rubric":
            catalog.docs.append(
                SourceDoc(
                    kind=kind, path=path, display_path=_display(path), source=load_yaml_source(path)
                )
            )
    return catalog


_PROJECT_CACHE: dict[Any, ProjectSpec] = {}


def _stamp(root: Path) -> Any:
    """What identifies the sources' state (rubrics and what they may reference): paths,
    sizes and modification times."""
    try:
        files = sorted((root / "rubrics").glob("*.y*ml"))
        for _, folder in REFERENCE_KINDS.values():
            files += sorted((root / folder).glob("*.y*ml"))
        return (
            str(root.resolve()),
            tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files),
        )
    except OSError:
        return None


def load_project(root: Path) -> ProjectSpec:
    """Read the rubrics under ``root`` (cached while the files do not change).

    Raises :class:`ProjectError` when a rubric is broken.
    """
    stamp = _stamp(Path(root))
    cached = _PROJECT_CACHE.get(stamp) if stamp is not None else None
    if cached is not None:
        return copy.deepcopy(cached)
    spec = _load_project(Path(root))
    if stamp is not None:
        _PROJECT_CACHE.clear()
        _PROJECT_CACHE[stamp] = copy.deepcopy(spec)
    return spec


def _load_project(root: Path) -> ProjectSpec:
    """Read the rubric sources under ``root`` (YAML only; each is checked on first use)."""
    catalog = load_rubrics(root)
    spec = ProjectSpec(root=str(root))
    loaded: dict[tuple[str, str], ReferencedSource] = {}  # each referenced file loaded once
    for doc in catalog.docs:
        _DOCS[doc.display_path] = doc
        if doc.id in spec.rubrics:
            continue
        spec.rubrics[doc.id] = RubricSpec(
            id=doc.id,
            data=doc.data,
            path=doc.display_path,
            references=[
                _referenced(root, key, ref_id, loaded)
                for key in REFERENCE_KINDS
                for ref_id in _ids(doc.data.get(key))
            ],
        )
    return spec


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
        doc = SourceDoc(
            kind=kind, path=path, display_path=_display(path), source=load_yaml_source(path)
        )
        _DOCS[doc.display_path] = doc
        found = ReferencedSource(kind=kind, id=ref_id, path=doc.display_path, data=doc.data)
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


def compile_project(
    spec: ProjectSpec,
    rules: Mapping[str, RuleInfo],
    selection: RuleSelection,
    settings: RuleSettings,
) -> dict[str, CompiledRubric]:
    """Every rubric of ``spec``, compiled."""
    return {
        rid: compile_rubric(rspec, rules, selection, settings)
        for rid, rspec in spec.rubrics.items()
    }


ENVELOPE_ONLY = "<envelope>"
"""Key of the validator used for records whose rubric is unknown or missing."""


def envelope_validator() -> Any:
    """Validator of the envelope alone."""
    return build_validator(combined_schema(None))
