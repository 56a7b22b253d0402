"""The contracts between the lint engine and the label rules.

Record rules
    A rule module with ``SCOPE = "record"`` defines ``check(record, rubric, options)``: ``record``
    is the parsed record (a dict), ``rubric`` the :class:`~validate.lint.compiled.CompiledRubric`
    the record is labelled against and ``options`` the rule's effective options. It returns an
    iterable of :class:`RecordProblem` (an empty tuple or list on the fast path: cheaper than a
    generator). It must be pure: no state between records, no I/O. The engine adds file, line,
    record id, code, name and severity.

Dataset rules
    A rule module with ``SCOPE = "dataset"`` defines ``ACCUMULATOR``, a class following
    :class:`Accumulator`: ``add`` every parsed record in file order, ``merge`` the state of a
    later shard (a whole file or a byte range of one), ``finish`` once. The engine makes one
    per shard and merges them in shard order. State is compact (strings, packed ints and
    integer columns, never whole records) and must pickle, because ``--jobs`` sends it from
    worker processes to the parent.

    The DST rules share their state: an
    :class:`~validate.rules.dataset.table.ObservationTable` (the records' comparable values as
    integer columns). The engine fills one table per shard for all of them, merges the
    tables, and gives the merged one to each DST rule (``DatasetAccumulator.use``) before
    ``finish``; used alone, a DST accumulator fills its own table through ``add``.

Locations
    Dataset rules see a record's place as one packed int (:func:`pack`): the index of the file
    among the run's inputs and the record's line. Packed locations sort in input order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

_LINE_BITS = 40  # a trillion lines per file is plenty; leaves room for many files


def pack(file_index: int, line: int) -> int:
    """One sortable int for ``(file_index, line)``."""
    return (file_index << _LINE_BITS) | line


def unpack(where: int) -> tuple[int, int]:
    """``(file_index, line)`` from :func:`pack`."""
    return where >> _LINE_BITS, where & ((1 << _LINE_BITS) - 1)


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """What a record rule yields: a message and where in the record (JSON Pointer)."""

    message: str
    pointer: str | None = None


@dataclass(frozen=True, slots=True)
class DatasetProblem:
    """What a dataset accumulator yields: a packed location (:func:`pack`) and a message."""

    where: int
    message: str
    record_id: str | None = None
    pointer: str | None = None
    related: int | None = None
    """Packed location of an earlier record the problem refers to; the engine names it in the
    message as ``(first at line N)`` or ``(first at FILE:N)``."""
    resolve_id: bool = False
    """True when ``record_id`` is unknown to the accumulator (it keeps only compact keys):
    the engine then reads the record's id back from the file (rare: a repeat seen across
    shards)."""


class Accumulator(Protocol):
    """A dataset rule's mergeable state (see the module docstring)."""

    def __init__(self, options: dict[str, Any]) -> None: ...

    def add(self, record: dict[str, Any], where: int) -> None:
        """Take one record (parsed, any rubric) found at packed location ``where``."""

    def merge(self, other: Any) -> None:
        """Absorb the state of an accumulator of the same class from a later shard."""

    def finish(self) -> list[DatasetProblem]:
        """Problems over everything added and merged (called once)."""
        ...


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown_pointer(ptr: str) -> str:
    """``ptr`` as a message shows it: control characters escaped (``\\n``, ``\\x1b``).

    A pointer holds field names from the label file as they are, and a name with a line
    break would otherwise start a line of the CI log of its own, where runners look for
    commands (GitHub's ``::error::`` after any indent). The finding's ``pointer`` field keeps
    the exact pointer.
    """
    return _CONTROL.sub(_escape, ptr)


def pointer(*parts: Any) -> str:
    """A JSON Pointer (RFC 6901) from path parts: ``pointer("label", "scores", "x")``."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
