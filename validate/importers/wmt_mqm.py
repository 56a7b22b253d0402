"""Google's WMT MQM TSV -> ``translation_qa`` records, one per segment, system and rater.

Input: the tab-separated files of google/wmt-mqm-human-evaluation (``mqm_ted_ende.tsv``,
``mqm_newstest2020_ende.tsv``, ...; gzip is fine): a header, then one row per error with the
columns ``system``, ``doc``, ``seg_id``, ``rater``, ``source``, ``target``, ``category`` and
``severity`` (``doc_id`` and ``comment`` are optional). The erroneous words are marked
``<v>...</v>`` in ``target``, or in ``source`` for errors the rater marked there. A segment
without errors has one ``No-error`` row. Fields hold no quoting: each row is one line.

Output, per (system, seg_id, rater), at the line of its first row: ``item`` holds the plain
``source`` and ``target`` (markup removed), ``doc``, ``seg_id`` and the language pair;
``label.errors`` one ``{category, severity, start, end, text}`` per error row in file order
(``side: source`` for a span marked in the source, ``note`` from ``comment``), and
``label.score`` the MQM penalty of those errors with the rubric's weights (MQM004's options):
the files carry no per-segment score, so the stated score is derived, never invented.
``item_id`` is ``doc/seg_id/system`` (raters of one output share it, for agreement);
``annotator_id`` is the rater. ``meta.source`` lists the rows' lines.

Nothing is changed to fit: a category or severity the rubric does not have (Google's
newstest2020 files spell source errors ``Source error/-``, severity Minor) is kept and
reported once (``IMP006``); rename categories in the mapping file's ``values``. A span that
starts or ends with a space is kept (``SPN004`` warns), and a ``<v>`` that never closes runs
to the end of the text, as the rater marked it. A row with the wrong number of fields, without
a span, or whose texts differ from its segment's first row is ``IMP011`` and left out.

Languages: the mapping file's ``fields`` may set ``source_lang`` and ``target_lang``;
otherwise they come from the file name's language pair (``..._ende.tsv``: ``en``, ``de``).
With neither, they are left out and ``IMP010`` says so once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from validate.importers import (
    LABEL_FIELD_NOT_IN_SOURCE,
    LBL_FILE,
    MALFORMED_SOURCE,
    UNKNOWN_VALUE,
    ConvertedRecord,
    ImportConfigError,
    ReadProblem,
    problem,
    read_bytes,
)
from validate.importers.rubric_fields import RubricTarget, resolve_rubric

REQUIRED = ("system", "doc", "seg_id", "rater", "source", "target", "category", "severity")
NO_ERROR = "No-error"
_PAIR = re.compile(r"_([a-z]{2})([a-z]{2})\.tsv(?:\.gz)?$", re.IGNORECASE)


def convert_wmt_mqm(
    path: Path,
    *,
    rubric: str | None,
    mapping: dict[str, Any] | None,
    catalog: Any,
) -> Iterator[ConvertedRecord | ReadProblem]:
    """Convert a WMT MQM TSV file (see the module docstring)."""
    target = resolve_rubric(catalog, rubric, mapping, default=["translation_qa"])
    error_node = ((target.field_schema("label.errors") or {}).get("items") or {}).get("properties")
    if not isinstance(error_node, dict) or "score" not in target.properties:
        raise ImportConfigError(
            f"rubric {target.id!r} has no 'errors' and 'score' label fields for MQM annotations"
        )
    languages = _languages(Path(path).name, (mapping or {}).get("fields") or {})
    groups: dict[tuple[str, str, str], list[tuple[int, dict[str, str]]]] = {}
    for entry in _rows(path):
        if isinstance(entry, ReadProblem):
            yield entry
            if entry.fatal:
                return
            continue
        row = entry[1]
        groups.setdefault((row["system"], row["seg_id"], row["rater"]), []).append(entry)
    if languages is None:
        yield problem(
            1,
            LABEL_FIELD_NOT_IN_SOURCE,
            "no language pair: the file name has none (..._ende.tsv) and the mapping file's "
            "fields set no source_lang and target_lang; item.source_lang and "
            "item.target_lang are left out",
        )
    segment = _Segments(target, error_node, _weights(target), languages, str(path))
    for key, rows in groups.items():
        yield from segment.convert(key, rows)


def _rows(path: Path) -> Iterator[ReadProblem | tuple[int, dict[str, str]]]:
    """``(line, row)`` per data row, by column name; problems for rows of the wrong width; a
    fatal problem (and nothing else) for a file that is not a readable MQM TSV."""
    raw = read_bytes(path)
    if isinstance(raw, ReadProblem):
        yield raw
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        yield problem(line, LBL_FILE, f"invalid UTF-8 (byte 0x{raw[exc.start]:02x})", fatal=True)
        return
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        yield problem(
            1,
            LBL_FILE,
            f"not a WMT MQM file: the header has no {', '.join(missing)} column(s) "
            f"(expected {', '.join(REQUIRED)}, tab-separated)",
            fatal=True,
        )
        return
    for number, line in enumerate(lines[1:], start=2):
        line = line.rstrip("\r")
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(header):
            yield problem(
                number,
                MALFORMED_SOURCE,
                f"{len(cells)} fields where the header has {len(header)}; row left out",
            )
            continue
        yield number, dict(zip(header, cells, strict=True))


class _Segments:
    """Turns each (system, seg_id, rater) group of rows into one record."""

    def __init__(
        self,
        target: RubricTarget,
        error_node: dict[str, Any],
        weights: dict[str, Any],
        languages: tuple[str, str] | None,
        file: str,
    ) -> None:
        self.target, self.error_node, self.weights = target, error_node, weights
        self.languages, self.file = languages, file
        self.reported: set[tuple[str, str]] = set()  # unknown values, each reported once

    def convert(
        self, key: tuple[str, str, str], rows: list[tuple[int, dict[str, str]]]
    ) -> Iterator[ConvertedRecord | ReadProblem]:
        """The group's record, after the problems of its rows."""
        first_line, first = rows[0]
        source, target_text = _plain(first["source"]), _plain(first["target"])
        errors: list[dict[str, Any]] = []
        used: list[int] = []
        for number, row in rows:
            if _plain(row["source"]) != source or _plain(row["target"]) != target_text:
                yield problem(
                    number,
                    MALFORMED_SOURCE,
                    f"source or target differs from the segment's first row (line "
                    f"{first_line}); row left out",
                )
                continue
            used.append(number)
            if row["category"] == NO_ERROR or row["severity"] == NO_ERROR:
                continue
            error = _error(row)
            if error is None:
                yield problem(
                    number, MALFORMED_SOURCE, "no <v>...</v> span in source or target; row left out"
                )
                continue
            yield from self._match(number, error)
            errors.append(error)
        if used:
            yield ConvertedRecord(
                first_line, self._record(first, key, (source, target_text), errors, used)
            )

    def _record(
        self,
        first: dict[str, str],
        key: tuple[str, str, str],
        texts: tuple[str, str],
        errors: list[dict[str, Any]],
        lines: list[int],
    ) -> dict[str, Any]:
        system, seg_id, rater = key
        item: dict[str, Any] = {"source": texts[0], "target": texts[1]}
        if self.languages is not None:
            item["source_lang"], item["target_lang"] = self.languages
        item.update(doc=first["doc"], seg_id=_seg_id(seg_id))
        label: dict[str, Any] = {"errors": errors}
        score = _score(errors, self.weights)
        if score is not None:  # a severity without a weight: no score, IMP006 said why
            label["score"] = score
        record: dict[str, Any] = {"id": f"{system}/{seg_id}/{rater}", "rubric": self.target.id}
        if self.target.version:
            record["rubric_version"] = self.target.version
        record.update(
            item_id=f"{first['doc']}/{seg_id}/{system}",
            annotator_id=rater,
            item=item,
            label=label,
            meta={
                "source": {"format": "wmt-mqm", "file": self.file, "system": system, "lines": lines}
            },
        )
        return record

    def _match(self, number: int, error: dict[str, Any]) -> Iterator[ReadProblem]:
        """Match the error's category and severity to the rubric's levels (in place); a value
        it lacks is kept and reported at its first use."""
        for key in ("category", "severity"):
            value, known = self.target.match_value(error[key], self.error_node.get(key))
            error[key] = value
            if known or (key, str(value)) in self.reported:
                continue
            self.reported.add((key, str(value)))
            rename = " (rename it in the mapping file's 'values')" if key == "category" else ""
            yield problem(
                number,
                UNKNOWN_VALUE,
                f"{key} {value!r} is not one of rubric {self.target.id!r}; kept as it is{rename}",
            )


def _plain(marked: str) -> str:
    return marked.replace("<v>", "").replace("</v>", "")


def _span(marked: str) -> tuple[int, int] | None:
    """``(start, end)`` of the first ``<v>`` span in the plain text (offsets count only the
    text, whatever stray markup comes before); a span that never closes runs to the end;
    None without markup."""
    opening = marked.find("<v>")
    if opening < 0:
        return None
    start = len(_plain(marked[:opening]))
    rest = marked[opening + 3 :]
    closing = rest.find("</v>")
    body = rest if closing < 0 else rest[:closing]
    return start, start + len(_plain(body))


def _error(row: dict[str, str]) -> dict[str, Any] | None:
    side, found = "target", _span(row["target"])
    if found is None:
        side, found = "source", _span(row["source"])
    if found is None:
        return None
    start, end = found
    text = _plain(row[side])
    error: dict[str, Any] = {
        "category": row["category"],
        "severity": row["severity"],
        "start": start,
        "end": end,
        "text": text[start:end],
    }
    if side == "source":
        error["side"] = "source"
    if row.get("comment"):
        error["note"] = row["comment"]
    return error


def _languages(name: str, fields: dict[str, str]) -> tuple[str, str] | None:
    if fields.get("source_lang") and fields.get("target_lang"):
        return fields["source_lang"], fields["target_lang"]
    found = _PAIR.search(name)
    return (found.group(1).lower(), found.group(2).lower()) if found else None


def _weights(target: RubricTarget) -> dict[str, Any]:
    """MQM004's options for this rubric (its defaults, then the rubric's ``rules:`` block)."""
    from validate.rules.registry import RULES
    from validate.rules.translation import mqm_score

    given = (target.data.get("rules") or {}).get(mqm_score.CODE) or {}
    options = {**RULES[mqm_score.CODE].default_options(), **given}
    return mqm_score.prepare(target.data, options)


def _score(errors: list[dict[str, Any]], weights: dict[str, Any]) -> float | None:
    from validate.rules.translation.mqm_score import computed_score

    total = computed_score(errors, weights)
    return None if total is None else round(total, weights["decimals"]) + 0.0


def _seg_id(value: str) -> int | str:
    return int(value) if value.isdigit() else value
