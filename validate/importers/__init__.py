"""Importers: other tools' label exports converted to Rubricate's record envelope.

Teams label in Label Studio, keep boxes in COCO, store preferences as chosen/rejected pairs
and MT error annotations as Google's WMT MQM TSV. An importer reads one such file and yields
envelope records (:class:`ConvertedRecord`) and, interleaved in file order, located problems
(:class:`~validate.lint.readers.ReadProblem`).
``rubricate convert --from FORMAT`` writes the records as JSONL; ``rubricate lint --from FORMAT``
lints them directly. Importers never raise for bad input and never change data: a negative box
coordinate or an empty reply is carried over unchanged so that the linter's rules report it.

The seam
--------
``IMPORTERS`` maps a format name to an :class:`Importer`: a callable
``convert(path, *, rubric, mapping, catalog) -> Iterator[ConvertedRecord | ReadProblem]``.
``rubric`` is a rubric id (or ``None`` to let the importer choose: see each module), ``mapping``
the parsed mapping file (:func:`load_mapping`) or ``None``, ``catalog`` a loaded
:class:`~validate.catalog.Catalog`. Configuration that makes the whole conversion impossible
(an unknown rubric, a mapping that names a field the rubric does not have) raises
:class:`ImportConfigError` before the first record: the CLI turns it into exit status 2.

Formats: ``label-studio`` (:mod:`.label_studio`), ``coco`` (:mod:`.coco`),
``preference-pairs`` (:mod:`.preference_pairs`), ``wmt-mqm`` (:mod:`.wmt_mqm`).

Lines
-----
``ConvertedRecord.line`` and ``ReadProblem.line`` are 1-based physical lines of the *source*
file, so a finding on a converted record points at the place to fix:

* Label Studio JSON: the line where the annotation object starts (``{`` inside the task's
  ``annotations`` list); task-level problems use the line where the task object starts.
* COCO JSON: the line where the image object starts (``images[i]``); problems about one box use
  the line of its annotation object, problems about a category the line of the category.
* Preference pairs (JSONL): the line of the pair.
* WMT MQM (TSV): the line of the segment's first row; problems about one row use its line.

Positions come from a light scan of the JSON text (:mod:`.positions`), not from a second parser.
Problems in JSON files carry the column where the object starts (minified exports are one long
line); problems in JSONL files use column 1. Problems about the whole file use line 0 and
column 0, like the readers.

Every record keeps a pointer back to its source in ``meta.source`` (the envelope allows extra
top-level keys; ``meta`` is the one Rubricate uses): ``format``, ``file`` and the source ids
(``task_id``, ``annotation_id``, ``from_names`` for Label Studio; ``image_id``,
``annotation_ids`` (parallel to ``label.boxes``) for COCO; ``line`` for preference pairs;
``system`` and ``lines`` (the segment's rows) for WMT MQM).

Problem codes
-------------
Each is also a rule module in :mod:`validate.rules.imports` (documentation, default severity):

* ``IMP001`` unknown-control (warning): a Label Studio control (``from_name``) that maps to no
  field of the rubric; its result is left out of the record.
* ``IMP002`` missing-original-size (error): a rectangle without ``original_width`` /
  ``original_height``: its percent coordinates cannot become pixels; the box is left out.
* ``IMP003`` cancelled-annotation (info): a cancelled (skipped) annotation; no record.
* ``IMP004`` empty-annotations (warning): a task with no annotations; no record.
* ``IMP005`` unsupported-result (info): a result the rubric payload cannot hold (polygons,
  keypoints, relations, chat messages, a rotated rectangle's angle); left out.
* ``IMP006`` unknown-value (warning): a choice, label or COCO category that is not a level of
  the rubric (after the mapping file's renames); kept as it is, so the label schema rule
  reports each use. Reported once per value, at its first use (COCO: its category entry).
* ``IMP007`` duplicate-source-id (info): a task, annotation or COCO annotation id used twice.
  Both are kept (records are per image or per annotation, so nothing collides).
* ``IMP008`` annotator-unknown (info): an annotation without ``completed_by``; the record has
  no ``annotator_id`` (its agreement and annotator statistics cannot count it).
* ``IMP009`` prompt-mismatch (warning): a chosen/rejected pair whose dialogues differ before the
  final assistant turn; the prompt is taken from ``chosen`` and the rejected side's own context
  is kept in ``item.responses[1].context``.
* ``IMP010`` label-field-not-in-source (warning): the rubric requires a label field the source
  format has no value for (e.g. ``strength`` of ``rlhf_preference`` from HH-RLHF pairs), or
  an item field it cannot fill (a WMT MQM file's language pair); once per file.
* ``IMP011`` malformed-source-record (error): a task, annotation, image, box, pair or TSV row
  that is not in the format's shape (not an object, a box on an unknown image, no assistant
  turn, a row without its ``<v>`` span, ...).

Unreadable files and invalid JSON use the readers' codes (``LBL001`` for one record, ``LBL002``
for the whole file, fatal).
"""

from __future__ import annotations

import gzip
import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

import orjson
import yaml

from validate.encoding import must_be_utf8, wide_encoding
from validate.findings import Severity
from validate.lint.readers import LBL_FILE, LBL_RECORD, ReadProblem

__all__ = [
    "IMPORTERS",
    "PROBLEM_SEVERITY",
    "ConvertedRecord",
    "ImportConfigError",
    "Importer",
    "ReadProblem",
    "load_mapping",
    "severity_of",
]

UNKNOWN_CONTROL: Final = "IMP001"
MISSING_ORIGINAL_SIZE: Final = "IMP002"
CANCELLED_ANNOTATION: Final = "IMP003"
EMPTY_ANNOTATIONS: Final = "IMP004"
UNSUPPORTED_RESULT: Final = "IMP005"
UNKNOWN_VALUE: Final = "IMP006"
DUPLICATE_SOURCE_ID: Final = "IMP007"
ANNOTATOR_UNKNOWN: Final = "IMP008"
PROMPT_MISMATCH: Final = "IMP009"
LABEL_FIELD_NOT_IN_SOURCE: Final = "IMP010"
MALFORMED_SOURCE: Final = "IMP011"

PROBLEM_SEVERITY: Final[dict[str, Severity]] = {
    UNKNOWN_CONTROL: Severity.WARNING,
    MISSING_ORIGINAL_SIZE: Severity.ERROR,
    CANCELLED_ANNOTATION: Severity.INFO,
    EMPTY_ANNOTATIONS: Severity.WARNING,
    UNSUPPORTED_RESULT: Severity.INFO,
    UNKNOWN_VALUE: Severity.WARNING,
    DUPLICATE_SOURCE_ID: Severity.INFO,
    ANNOTATOR_UNKNOWN: Severity.INFO,
    PROMPT_MISMATCH: Severity.WARNING,
    LABEL_FIELD_NOT_IN_SOURCE: Severity.WARNING,
    MALFORMED_SOURCE: Severity.ERROR,
    LBL_RECORD: Severity.ERROR,
    LBL_FILE: Severity.ERROR,
}
"""Default severity of every code an importer yields (the rule modules declare the same)."""


def severity_of(code: str) -> Severity:
    """Default severity of a problem code (unknown codes count as errors: fail safe)."""
    return PROBLEM_SEVERITY.get(code, Severity.ERROR)


@dataclass(frozen=True, slots=True)
class ConvertedRecord:
    """One envelope record and the 1-based source line it came from (see "Lines")."""

    line: int
    data: dict[str, Any]


class ImportConfigError(ValueError):
    """The conversion cannot start: unknown rubric, bad mapping file, unknown format."""


class Importer(Protocol):
    """What every entry of :data:`IMPORTERS` is."""

    def __call__(
        self,
        path: Path,
        *,
        rubric: str | None,
        mapping: dict[str, Any] | None,
        catalog: Any,
    ) -> Iterator[ConvertedRecord | ReadProblem]: ...


def problem(
    where: int | tuple[int, int], code: str, message: str, *, fatal: bool = False
) -> ReadProblem:
    """A located importer problem at a line (column 1) or a ``(line, column)``.

    Line 0 means the whole file (column 0), as in the readers.
    """
    line, column = where if isinstance(where, tuple) else (where, 1)
    return ReadProblem(
        line=line, column=column if line else 0, code=code, message=message, fatal=fatal
    )


def is_source_id(value: Any) -> bool:
    """An id in a source file (task, annotation, image, category, annotator): a string or a
    number. Ids key the importers' lookups and duplicate checks and end up in record ids; a
    list or an object there is a malformed source, reported and left out."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def as_list(value: Any) -> list[Any]:
    """``value`` when it is a list, else no entries: a field that should list things but does
    not is iterated as empty, and whatever needed its entries is reported (a box on an unknown
    image, a task without annotations)."""
    return value if isinstance(value, list) else []


def read_bytes(path: Path) -> bytes | ReadProblem:
    """The file's bytes (gunzipped when gzip data), or a fatal ``LBL002`` problem."""
    try:
        data = Path(path).read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        return problem(0, LBL_FILE, f"cannot read {path}: {exc}", fatal=True)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark is not content
    encoding = wide_encoding(data[:4])
    if encoding is not None:  # as the readers say it: one finding, not a JSON syntax error
        return problem((1, 1), LBL_FILE, must_be_utf8(encoding, "exports"), fatal=True)
    return data


def parse_json(data: bytes) -> Any | ReadProblem:
    """Parse a whole JSON document, or a fatal ``LBL002`` problem located at the error."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        line = data[: exc.pos].count(b"\n") + 1 if exc.pos is not None else 0
        return problem(line, LBL_FILE, f"not valid JSON: {exc.msg}", fatal=True)


def load_mapping(path: Path) -> dict[str, Any]:
    """Parse a mapping file (YAML or JSON; JSON is YAML) into its normal form.

    Shape::

        rubric: likert_rating          # optional: the rubric, when --rubric is not given
        controls:                      # Label Studio from_name -> rubric field path
          helpfulness: label.scores.helpful
          comment: label.rationale
        values:                        # source value -> rubric level value (choices, labels,
          Airplane: airplane           # COCO category names); alias: categories
        fields:                        # preference pairs: source keys (defaults shown)
          chosen: chosen
          rejected: rejected
          prompt: prompt

    A flat ``{control_name: field_path}`` mapping is accepted as shorthand for ``controls``.
    Raises :class:`ImportConfigError` with the reason when the file is unusable.
    """
    try:
        raw = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ImportConfigError(f"{path}: cannot read the mapping file: {exc}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ImportConfigError(f"{path}: the mapping file must hold a mapping")
    sections = {"rubric", "controls", "values", "categories", "fields"}
    if raw and not sections & set(raw):
        raw = {"controls": raw}  # the flat shorthand
    unknown = set(raw) - sections
    if unknown:
        raise ImportConfigError(
            f"{path}: unknown mapping section(s) {', '.join(sorted(map(str, unknown)))}; "
            f"expected {', '.join(sorted(sections))}"
        )
    mapping: dict[str, Any] = {
        "rubric": raw.get("rubric"),
        "controls": raw.get("controls") or {},
        "values": {**(raw.get("categories") or {}), **(raw.get("values") or {})},
        "fields": raw.get("fields") or {},
    }
    for key in ("controls", "values", "fields"):
        section = mapping[key]
        if not isinstance(section, dict) or not all(
            isinstance(k, str | int) and isinstance(v, str | int) for k, v in section.items()
        ):
            raise ImportConfigError(f"{path}: '{key}' must map names to names")
        mapping[key] = {str(k): str(v) for k, v in section.items()}
    if mapping["rubric"] is not None and not isinstance(mapping["rubric"], str):
        raise ImportConfigError(f"{path}: 'rubric' must be a rubric id")
    return mapping


class _Registry(Mapping[str, Importer]):
    """Format name -> importer, each module imported on first use: the names feed ``--from``'s
    ``click.Choice`` in every command line, the importers (and the rubric schema compiler they
    use) only a conversion."""

    _WHERE: Final = {
        "label-studio": ("validate.importers.label_studio", "convert_label_studio"),
        "coco": ("validate.importers.coco", "convert_coco"),
        "preference-pairs": ("validate.importers.preference_pairs", "convert_preference_pairs"),
        "wmt-mqm": ("validate.importers.wmt_mqm", "convert_wmt_mqm"),
    }

    def __getitem__(self, name: str) -> Importer:
        module, attribute = self._WHERE[name]
        return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._WHERE)

    def __len__(self) -> int:
        return len(self._WHERE)


IMPORTERS: Final[Mapping[str, Importer]] = _Registry()
"""Format name -> importer; the keys feed ``--from``'s ``click.Choice``."""

Converter = Callable[..., Iterator[ConvertedRecord | ReadProblem]]
