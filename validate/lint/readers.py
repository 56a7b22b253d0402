"""Streaming readers for label files: JSONL, JSON array, CSV and TSV, optionally gzip-compressed.

Every reader streams: memory stays constant whatever the file size (a record larger than
``max_line_bytes`` is reported and skipped, never buffered whole). Readers yield
:class:`RawRecord` values and, interleaved in file order, :class:`ReadProblem` values; they never
raise for bad input. Reading continues after a problem unless it is ``fatal``.

Problem codes (envelope rules documented by the linter):

* ``LBL001`` - one record cannot be parsed: invalid JSON, ``NaN``/``Infinity``, invalid UTF-8,
  a line (record) longer than ``max_line_bytes``, nesting deeper than ``max_depth``, a JSON value
  that is not an object, a CSV row with more cells than the header or with broken quoting.
* ``LBL002`` - the file as a whole cannot be read (always ``fatal``): missing or unreadable file,
  truncated or corrupt gzip data, a ``.json`` file that is not one JSON array or is truncated,
  an invalid CSV/TSV header, a format that cannot be told.

Formats
-------
The format comes from the file name (``.jsonl``/``.ndjson``, ``.json``, ``.csv``, ``.tsv``, each
optionally followed by ``.gz``) unless given explicitly. For ``-`` (standard input) or an unknown
extension it is sniffed from the first non-whitespace byte: ``[`` means a JSON array, ``{`` JSONL.
Gzip data is recognised by its magic bytes, whatever the name. A UTF-8 byte order mark at the start
of the data is ignored. Lines end with ``\\n`` (``\\r\\n`` works too).

Locations: ``line`` is 1-based and is the physical line where the record (or row) *starts*;
``column`` is 1-based and counts characters (Unicode code points) in that line. For CSV/TSV,
``column`` is the 1-based field number when a problem concerns one field (a header cell, an extra
cell), the character column for invalid UTF-8, and 1 otherwise. File-level problems that have no
position (a missing file) use line 0 and column 0.

CSV and TSV mapping onto the record envelope
--------------------------------------------
* The first row is the header; each following row is one record. CSV uses ``,`` and TSV uses a
  tab; both follow the usual (Excel, pandas) quoting: a field may be enclosed in double quotes,
  ``""`` inside a quoted field is one ``"``, and a quoted field may contain delimiters and line
  breaks. Badly quoted rows (text after a closing quote, an unclosed quote at the end of the file)
  are ``LBL001``.
* A column name with dots is a path into nested objects: ``label.scores.helpfulness`` fills
  ``{"label": {"scores": {"helpfulness": ...}}}``. Names are used exactly as written (no
  trimming). An empty or duplicated name, an empty path part (``label..x``) or a name that is
  also the prefix of another (``label`` and ``label.scores``) makes the header invalid: ``LBL002``
  on line 1.
* Each cell is parsed as JSON when it is valid JSON, and kept as the raw string otherwise: ``4``
  is the integer 4, ``true`` a boolean, ``null`` null, ``["a","b"]`` a list and ``{"x": 1}`` an
  object; ``hello`` and ``NaN`` stay strings. To force a string that looks like JSON, write it
  as a JSON string: ``"4"`` is the string ``4`` and ``"[1]"`` the string ``[1]`` (inside a
  quoted CSV field each ``"`` is doubled). Only such strings lose their quotes: any other text
  in quotes, such as a prompt written ``"hello"``, is kept as written, quotes included, so a
  quoted prompt (and every span offset into it) is never altered. ``""`` is
  the empty string (an empty cell is an absent field).
* An empty cell means the field is absent. Missing trailing cells are absent too; a row with more
  cells than the header is ``LBL001``. Blank lines are skipped.
* A record's line is the physical line where its row starts, counting line breaks inside quoted
  fields.
* Each physical line is decoded as UTF-8 on its own. A line with invalid UTF-8 is reported
  (``LBL001``, at the offending line and character) and the row containing it is skipped; the
  line is still fed to the CSV parser (with U+FFFD substituted) so that the quoting state and the
  rows that follow stay correct. A physical line longer than ``max_line_bytes`` is reported and
  its row skipped in the same way, without buffering it: the line is replaced by its quote
  characters' parity, which keeps the quoting state right in practice.
* The csv module's process-wide field size limit is raised to ``max_line_bytes`` if it is lower,
  so that long texts (conversations) fit in one cell.
"""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any, Final

import orjson

from validate.encoding import must_be_utf8, wide_encoding

__all__ = [
    "FORMATS",
    "LBL_FILE",
    "LBL_RECORD",
    "RawRecord",
    "ReadProblem",
    "ReaderInputError",
    "detect_format",
    "iter_jsonl_range",
    "iter_records",
    "line_number_at",
    "split_ranges",
]

LBL_RECORD: Final = "LBL001"
"""Code of a record that cannot be parsed (reading continues)."""
LBL_FILE: Final = "LBL002"
"""Code of a file-level problem (always fatal)."""

FORMATS: Final = ("jsonl", "json", "csv", "tsv")
"""Format names accepted by ``fmt`` and returned by :func:`detect_format`."""

_EXTENSIONS: Final = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
}
_BLOCK: Final = 1 << 20  # 1 MiB: buffer size and block size for every read
_GZIP_MAGIC: Final = b"\x1f\x8b"
_BOM: Final = b"\xef\xbb\xbf"
_ORJSON_MAX_DEPTH: Final = 1024  # orjson refuses deeper documents on its own
_STDIN_NAME: Final = "standard input"
# UTF-8 continuation bytes: deleting them from a byte string leaves one byte per character.
_CONTINUATION: Final = bytes(range(0x80, 0xC0))
_NEWLINE, _QUOTE, _COMMA = 0x0A, 0x22, 0x2C
_LBRACKET, _RBRACKET, _LBRACE, _RBRACE = 0x5B, 0x5D, 0x7B, 0x7D
_DELIMITERS: Final = frozenset((_COMMA, _RBRACKET))


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One parsed record and the 1-based physical line where it starts."""

    line: int
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A located problem; reading goes on after it unless ``fatal``."""

    line: int
    column: int
    code: str
    message: str
    fatal: bool = False


# The generated __init__ of a frozen dataclass sets each field through object.__setattr__, which
# costs about as much as parsing a short record. The hot loops build records through the slot
# descriptors instead (same object, same equality), which is 2-3x cheaper.
_new_object = object.__new__
_set_record_line = RawRecord.line.__set__  # type: ignore[attr-defined]
_set_record_data = RawRecord.data.__set__  # type: ignore[attr-defined]


class ReaderInputError(ValueError):
    """The format cannot be told from the name or the content (see :func:`detect_format`)."""


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def detect_format(path: str | os.PathLike[str]) -> str:
    """Return ``"jsonl"``, ``"json"``, ``"csv"`` or ``"tsv"`` for the file at ``path``.

    The extension decides (``.gz`` is looked through). For an unknown extension the content is
    sniffed: the first non-whitespace byte (after gzip decompression) ``[`` means ``json`` and
    ``{`` means ``jsonl``; the first MiB being all whitespace means ``jsonl``.

    Raises :class:`ReaderInputError` (a ``ValueError``) when neither tells, or for ``-``
    (standard input cannot be sniffed without consuming it; :func:`iter_records` does that), and
    ``OSError`` when the file must be sniffed but cannot be read.
    """
    name = os.fspath(path)
    if name == "-":
        raise ReaderInputError("the format of standard input is sniffed while reading it")
    by_name = format_from_name(name)
    if by_name is not None:
        return by_name
    with open(name, "rb", buffering=_BLOCK) as raw:
        stream: io.BufferedReader = raw
        if raw.peek(2)[:2] == _GZIP_MAGIC:
            gz = gzip.GzipFile(fileobj=raw, mode="rb")
            stream = io.BufferedReader(_GunzipReader(gz), _BLOCK)
        sniffed = _sniff(stream)
    if sniffed is None:
        raise ReaderInputError(
            f"cannot tell the format of {name}: it does not start with '[' or '{{'"
        )
    return sniffed


def iter_records(
    path: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    max_line_bytes: int = 8 * 1024 * 1024,
    max_depth: int = 256,
) -> Iterator[RawRecord | ReadProblem]:
    """Stream the records of a label file, with problems interleaved in file order.

    ``path`` is a file name or ``-`` for standard input (read as bytes). ``fmt`` overrides the
    format given by the name (see :func:`detect_format`). ``max_line_bytes`` bounds a line
    (JSONL), an array element (JSON) or a physical line (CSV/TSV); ``max_depth`` bounds the
    nesting of one record, an object holding only scalars having depth 1.

    Bad input never raises: it becomes a :class:`ReadProblem`, after which reading continues
    unless the problem is fatal (then it is the last item). Only invalid arguments raise
    ``ValueError``, at call time.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if max_line_bytes < 1 or max_depth < 1:
        raise ValueError("max_line_bytes and max_depth must be positive")
    return _iter_records(os.fspath(path), fmt, max_line_bytes, max_depth)


def iter_jsonl_range(
    path: str | os.PathLike[str],
    start: int,
    end: int,
    *,
    first_line: int,
    max_line_bytes: int = 8 * 1024 * 1024,
    max_depth: int = 256,
) -> Iterator[RawRecord | ReadProblem]:
    """Stream the JSONL records whose line *starts* in the byte range ``[start, end)``.

    For parallel workers over one uncompressed JSONL file: ranges from :func:`split_ranges`
    together yield exactly what :func:`iter_records` yields for the whole file. A line that
    starts before ``start`` belongs to the previous range; one that starts before ``end`` is read
    to its end. ``first_line`` is the line number of the first line starting at or after
    ``start`` (:func:`line_number_at` of an aligned ``start``).

    Problems are reported as by :func:`iter_records`. Raises ``ValueError`` for invalid
    arguments (at call time) and for a gzip-compressed file (when iterated: byte ranges need
    the uncompressed file).
    """
    if start < 0 or end < start or first_line < 1:
        raise ValueError("need 0 <= start <= end and first_line >= 1")
    if max_line_bytes < 1 or max_depth < 1:
        raise ValueError("max_line_bytes and max_depth must be positive")
    return _iter_jsonl_range(os.fspath(path), start, end, first_line, max_line_bytes, max_depth)


def line_number_at(path: str | os.PathLike[str], offset: int) -> int:
    """Return the 1-based number of the line holding byte ``offset`` (1 + newlines before it).

    Counts newlines in 1 MiB blocks, at C speed and in constant memory. At a line start, as
    returned by :func:`split_ranges`, this is the number of the line starting there.
    """
    if offset < 0:
        raise ValueError("offset must be >= 0")
    newlines = 0
    remaining = offset
    block = bytearray(_BLOCK)
    view = memoryview(block)
    with open(path, "rb", buffering=0) as f:
        while remaining > 0:
            got = f.readinto(view[: min(remaining, _BLOCK)])
            if not got:
                break
            newlines += block.count(b"\n", 0, got)
            remaining -= got
    return newlines + 1


def split_ranges(path: str | os.PathLike[str], n: int) -> list[tuple[int, int]]:
    """Cut an uncompressed JSONL file into at most ``n`` byte ranges aligned to line starts.

    The ranges are contiguous, cover the whole file and are non-empty (fewer than ``n`` when
    the file has fewer lines or is empty). Raises ``ValueError`` for ``n < 1`` or a
    gzip-compressed file and ``OSError`` when the file cannot be read.
    """
    if n < 1:
        raise ValueError("n must be >= 1")
    with open(path, "rb", buffering=0) as f:
        size = os.fstat(f.fileno()).st_size
        if f.read(2) == _GZIP_MAGIC:
            raise ValueError(f"{os.fspath(path)} is gzip-compressed; byte ranges need plain JSONL")
        cuts = sorted({_next_line_start(f, size * i // n, size) for i in range(n + 1)})
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


# --------------------------------------------------------------------------------------------
# Opening: files, standard input, gzip, sniffing
# --------------------------------------------------------------------------------------------


def format_from_name(name: str) -> str | None:
    """The format a file's name says (``.gz`` looked through), or ``None``."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _EXTENSIONS.get(os.path.splitext(lower)[1])


def _sniff(stream: io.BufferedReader) -> str | None:
    """Tell JSON array from JSONL by the first non-whitespace byte, without consuming it."""
    head = stream.peek(_BLOCK)
    if head.startswith(_BOM):
        head = head[3:]
    head = head.lstrip(b" \t\r\n")
    if not head:  # empty or only whitespace so far: JSONL skips blank lines, so that is safe
        return "jsonl"
    return {_LBRACKET: "json", _LBRACE: "jsonl"}.get(head[0])


class _ReplayReader(io.RawIOBase):
    """Raw stream returning ``prefix`` first, then reading on from ``src`` (never closes it).

    Lets us sniff standard input, which may be a pipe without ``peek`` or ``seek``.
    """

    def __init__(self, prefix: bytes, src: IO[bytes]) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._src = src
        self._read_some = getattr(src, "readinto1", None) or src.readinto  # type: ignore[attr-defined]

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        return self._read_some(buffer) or 0


def _stdin_stream() -> io.BufferedReader:
    """Standard input as a buffered binary stream whose first fill holds a non-space byte."""
    src = sys.stdin.buffer
    read_some: Callable[[int], bytes] = getattr(src, "read1", None) or src.read
    prefix = b""
    # Read until the gzip magic or the first non-space byte is in hand (bounded to ~1 MiB).
    while len(prefix) < _BLOCK:
        chunk = read_some(64 * 1024)
        if not chunk:
            break
        prefix += chunk
        if len(prefix) >= 2 and prefix.lstrip(b" \t\r\n"):
            break
    return io.BufferedReader(_ReplayReader(prefix, src), _BLOCK)


def _open(name: str) -> tuple[io.BufferedReader, list[IO[bytes]], bool]:
    """Open ``name`` (or stdin for ``-``) for reading: (stream, things to close, is gzip)."""
    closers: list[IO[bytes]] = []
    if name == "-":
        raw = _stdin_stream()
    else:
        raw = open(name, "rb", buffering=_BLOCK)  # noqa: SIM115 - closed by the caller
        closers.append(raw)
    if raw.peek(2)[:2] != _GZIP_MAGIC:
        return raw, closers, False
    # GzipFile.readline is a Python-level call per line; a BufferedReader over it keeps the
    # per-line work in C and decompresses in steps of up to 1 MiB.
    stream = io.BufferedReader(_GunzipReader(gzip.GzipFile(fileobj=raw, mode="rb")), _BLOCK)
    closers.insert(0, stream)
    return stream, closers, True


class _GunzipReader(io.RawIOBase):
    """Raw stream over a GzipFile that hands out data as soon as it is decompressed.

    ``GzipFile.read(n)`` loops until it has ``n`` bytes, so on a truncated or corrupt file the
    exception would discard up to a whole buffer of good lines; ``read1`` returns what one step
    decompressed, so every complete line before the damage is still read.
    """

    def __init__(self, gz: gzip.GzipFile) -> None:
        super().__init__()
        self._gz = gz

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._gz.readinto1(buffer)

    def close(self) -> None:
        self._gz.close()
        super().close()


def _iter_records(
    name: str, fmt: str | None, max_line_bytes: int, max_depth: int
) -> Iterator[RawRecord | ReadProblem]:
    display = _STDIN_NAME if name == "-" else name
    try:
        stream, closers, gzipped = _open(name)
    except (OSError, ValueError, AttributeError) as exc:  # AttributeError: sys.stdin is None
        yield _fatal(0, 0, f"cannot open {display}: {_os_reason(exc)}")
        return
    try:
        if name != "-" and name.lower().endswith(".gz") and not gzipped:
            # Reading it as plain text would bury the real problem under junk records.
            empty = not stream.peek(1)
            if not empty:
                yield _fatal(0, 0, "the name ends in .gz but the content is not gzip-compressed")
                return
        encoding = wide_encoding(stream.peek(4)[:4])
        if encoding is not None:
            yield _fatal(1, 1, must_be_utf8(encoding, "label files"))
            return
        if fmt is None:
            fmt = format_from_name(name) if name != "-" else None
        if fmt is None:
            try:
                fmt = _sniff(stream)
            except (OSError, EOFError, zlib.error) as exc:
                yield _stream_failure(exc, 0)
                return
            if fmt is None:
                yield _fatal(
                    1,
                    1,
                    f"cannot tell the format of {display}: it does not start with '[' or '{{'; "
                    "name it .jsonl, .json, .csv or .tsv or give the format explicitly",
                )
                return
        drop_bom(stream)
        if fmt == "jsonl":
            yield from _iter_jsonl(stream, 1, max_line_bytes, max_depth)
        elif fmt == "json":
            yield from _iter_json_array(stream, max_line_bytes, max_depth)
        else:
            yield from _iter_delimited(stream, "," if fmt == "csv" else "\t", max_line_bytes)
    except (OSError, EOFError, zlib.error) as exc:  # from the BOM or format peeks
        yield _stream_failure(exc, 0)
    finally:
        for closer in closers:
            closer.close()


def drop_bom(stream: io.BufferedReader) -> None:
    """Skip the UTF-8 byte order mark Windows tools write at the start of a file, if any."""
    if stream.peek(3)[:3] == _BOM:
        stream.read(3)


def _iter_jsonl_range(
    name: str, start: int, end: int, first_line: int, max_line_bytes: int, max_depth: int
) -> Iterator[RawRecord | ReadProblem]:
    try:
        raw = open(name, "rb", buffering=0)  # noqa: SIM115 - closed below
    except OSError as exc:
        yield _fatal(0, 0, f"cannot open {name}: {_os_reason(exc)}")
        return
    try:
        if raw.read(2) == _GZIP_MAGIC:
            raise ValueError(f"{name} is gzip-compressed; byte ranges need plain JSONL")
        size = os.fstat(raw.fileno()).st_size
        start = _next_line_start(raw, start, size)
        end = _next_line_start(raw, end, size)
        if start >= end:
            return
        # Reading a window that ends at a line start lets the shared tight loop run unchanged.
        stream = io.BufferedReader(_WindowReader(raw, start, end), _BLOCK)
        if start == 0:
            drop_bom(stream)
        yield from _iter_jsonl(stream, first_line, max_line_bytes, max_depth)
    except OSError as exc:
        yield _stream_failure(exc, first_line - 1)
    finally:
        raw.close()


class _WindowReader(io.RawIOBase):
    """Raw stream over bytes ``[start, end)`` of an open file (does not close the file)."""

    def __init__(self, f: IO[bytes], start: int, end: int) -> None:
        super().__init__()
        f.seek(start)
        self._f = f
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)
        got = self._f.readinto(view[: min(len(view), self._left)]) or 0  # type: ignore[attr-defined]
        self._left -= got
        return got


def _next_line_start(f: IO[bytes], pos: int, size: int) -> int:
    """First offset >= ``pos`` that starts a line (or ``size``), scanning in bounded blocks."""
    if pos <= 0:
        return 0
    if pos >= size:
        return size
    f.seek(pos - 1)
    while True:
        block = f.read(64 * 1024)
        if not block:
            return size
        at = block.find(b"\n")
        if at >= 0:
            return min(pos + at, size)  # pos - 1 + at + 1
        pos += len(block)


# --------------------------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------------------------


def _fatal(line: int, column: int, message: str) -> ReadProblem:
    return ReadProblem(line, column, LBL_FILE, message, True)


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    if isinstance(exc, AttributeError):
        return "no standard input"
    return str(exc)


def _stream_failure(exc: BaseException, last_good_line: int) -> ReadProblem:
    """Fatal problem for a read that failed mid-stream, located at the last line read whole."""
    where = f"after line {last_good_line:,}" if last_good_line > 0 else "at the start"
    if isinstance(exc, EOFError):
        message = f"gzip data is truncated {where}; the rest of the file is lost"
    elif isinstance(exc, gzip.BadGzipFile | zlib.error):
        message = f"corrupt gzip data {where}: {exc}"
    elif isinstance(exc, OSError):
        message = f"read error {where}: {_os_reason(exc)}"
    else:  # pragma: no cover - the callers only pass the types above
        message = f"cannot read {where}: {exc}"
    return _fatal(max(last_good_line, 0), 0, message)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _utf8_problem(data: bytes, first_line: int, first_column: int) -> ReadProblem | None:
    """LBL001 at the first invalid UTF-8 byte of ``data``, or None when ``data`` is valid."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
        line_start = data.rfind(b"\n", 0, bad) + 1
        line = first_line + data.count(b"\n", 0, bad)
        column = len(data[line_start:bad].decode("utf-8")) + 1
        if line_start == 0:
            column += first_column - 1
        return ReadProblem(
            line, column, LBL_RECORD, f"invalid UTF-8 (byte 0x{data[bad]:02x}) at column {column}"
        )
    return None


_NON_FINITE = re.compile(r"-?(?:nan|infinity|inf)\b", re.IGNORECASE)


def _json_problem(
    data: bytes, exc: orjson.JSONDecodeError, first_line: int, first_column: int, max_depth: int
) -> ReadProblem:
    """Turn an orjson error on ``data`` (starting at ``first_line:first_column``) into LBL001."""
    bad_utf8 = _utf8_problem(data, first_line, first_column)
    if bad_utf8 is not None:
        return bad_utf8
    doc = exc.doc if isinstance(exc.doc, str) else ""
    rel_line, rel_column = exc.lineno, exc.colno
    end = len(doc.rstrip())
    if exc.pos >= end:
        # orjson places "unexpected end of data" after the trailing newline, on a line that is
        # not part of the record: point just past the last character instead.
        rel_line = doc.count("\n", 0, end) + 1
        rel_column = end - doc.rfind("\n", 0, end)
    line = first_line + rel_line - 1
    column = rel_column + (first_column - 1 if rel_line == 1 else 0)
    if exc.msg.startswith("depth limit"):
        limit = min(max_depth, _ORJSON_MAX_DEPTH)
        return ReadProblem(line, column, LBL_RECORD, f"JSON is nested deeper than {limit} levels")
    # orjson points at "N" of NaN, or at "I" of -Infinity (after the sign): look at both.
    found = _NON_FINITE.match(doc, max(exc.pos - 1, 0)) or _NON_FINITE.match(doc, exc.pos)
    if found is not None and found.start() in (exc.pos, exc.pos - 1):
        return ReadProblem(
            line,
            column,
            LBL_RECORD,
            f"invalid JSON: {found.group()} is not a JSON value (use null or a string) "
            f"at column {column}",
        )
    return ReadProblem(line, column, LBL_RECORD, f"invalid JSON: {exc.msg} at column {column}")


_NOT_BRACKETS: Final = bytes(b for b in range(256) if b not in b"[]{}")
_INNERMOST_PAIRS: Final = re.compile(rb"\[\]|\{\}")


def _brackets_shallow(line: bytes, max_depth: int) -> bool:
    """True when the brackets of ``line`` provably nest at most ``max_depth`` deep.

    The brackets alone are kept and each pass deletes the innermost pairs, at C speed: a
    balanced sequence empties after as many passes as it nests deep, five or six for a
    typical record however many boxes or turns it holds. Brackets inside strings can only
    add depth or leave the sequence unbalanced, which answers False: the caller then walks
    the parsed record (:func:`_too_deep`), which is exact but costs a step per value.
    """
    brackets = line.translate(None, _NOT_BRACKETS)
    for _ in range(max_depth):
        if not brackets:
            return True
        fewer = _INNERMOST_PAIRS.sub(b"", brackets)
        if len(fewer) == len(brackets):  # unbalanced (brackets in strings): undecided
            return False
        brackets = fewer
    return not brackets


def _too_deep(obj: dict[str, Any], max_depth: int) -> bool:
    """Whether a parsed object nests deeper than ``max_depth`` (the object itself is level 1)."""
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def _too_long(line: int, column: int, max_bytes: int, what: str) -> ReadProblem:
    message = f"{what} is longer than {max_bytes:,} bytes; skipped"
    return ReadProblem(line, column, LBL_RECORD, message)


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


def _skip_line_rest(readline: Callable[[int], bytes]) -> int:
    """Consume the rest of an over-long line in bounded chunks; return its count of ``"``."""
    quotes = 0
    while True:
        chunk = readline(_BLOCK)
        quotes += chunk.count(b'"')
        if not chunk or chunk[-1] == _NEWLINE:
            return quotes


def _iter_jsonl(
    stream: io.BufferedReader, first_line: int, max_line_bytes: int, max_depth: int
) -> Iterator[RawRecord | ReadProblem]:
    """The JSONL hot loop: one C-level readline, one orjson parse, one type check per line."""
    loads = orjson.loads
    decode_error = orjson.JSONDecodeError
    readline = stream.readline
    new, set_line, set_data = _new_object, _set_record_line, _set_record_data
    # A valid JSON text deeper than max_depth has more than 2 * max_depth bytes, so shorter lines
    # never pay for the depth pre-check, and longer ones only count brackets (C speed).
    depth_guard = 2 * max_depth
    lineno = first_line - 1
    try:
        # readline(limit) bounds memory: an over-long line arrives as a chunk without "\n".
        for line in iter(partial(readline, max_line_bytes + 1), b""):
            lineno += 1
            if len(line) > max_line_bytes and line[-1] != _NEWLINE:
                _skip_line_rest(readline)
                yield _too_long(lineno, 1, max_line_bytes, "line")
                continue
            try:
                obj = loads(line)
            except decode_error as exc:
                if line.strip(b" \t\r\n"):  # blank lines are skipped silently
                    yield _json_problem(line, exc, lineno, 1, max_depth)
                continue
            if isinstance(obj, dict):
                if (
                    len(line) > depth_guard
                    and line.count(b"{") + line.count(b"[") > max_depth
                    and not _brackets_shallow(line, max_depth)
                    and _too_deep(obj, max_depth)
                ):
                    yield ReadProblem(
                        lineno, 1, LBL_RECORD, f"JSON is nested deeper than {max_depth} levels"
                    )
                    continue
                record = new(RawRecord)
                set_line(record, lineno)
                set_data(record, obj)
                yield record
            else:
                column = len(line) - len(line.lstrip()) + 1
                yield ReadProblem(
                    lineno, column, LBL_RECORD, f"record is {_kind(obj)}, expected a JSON object"
                )
    except (OSError, EOFError, zlib.error) as exc:
        yield _stream_failure(exc, lineno)


# --------------------------------------------------------------------------------------------
# JSON array
# --------------------------------------------------------------------------------------------

# Inside an array element, skip in one C call everything that cannot change the nesting: text
# other than brackets and quotes, and whole (escape-aware) strings. At depth 0 commas matter too.
_STRING_BODY = rb'(?:[^"\\]++|\\[\s\S])*+'
_SKIP_NESTED = re.compile(rb'(?:[^"\[\]{}]++|"' + _STRING_BODY + rb'")*+')
_SKIP_TOP = re.compile(rb'(?:[^"\[\]{},]++|"' + _STRING_BODY + rb'")*+')
_STRING_REST = re.compile(_STRING_BODY)
_NON_SPACE = re.compile(rb"[^ \t\r\n]")


def _element_pattern(levels: int) -> re.Pattern[bytes]:
    """Match a whole array element nested at most ``levels`` deep, up to its delimiter.

    Regular expressions cannot count, but a fixed number of levels can be spelled out. Typical
    records nest 3-5 levels, so this one C-level match replaces a Python-level step per bracket;
    elements it cannot match (deeper, or cut by a block boundary) go through the scanner.
    """
    string = rb'"' + _STRING_BODY + rb'"'
    inner = rb'(?:[^"\[\]{}]++|' + string + rb")*+"
    for _ in range(levels - 1):
        inner = rb'(?:[^"\[\]{}]++|' + string + rb"|[\[{]" + inner + rb"[\]}])*+"
    return re.compile(rb'(?:[^"\[\]{},]++|' + string + rb"|[\[{]" + inner + rb"[\]}])*+")


_FAST_LEVELS: Final = 8
_FAST_ELEMENT = _element_pattern(_FAST_LEVELS)

# Scanner states.
_BEFORE, _EXPECT, _IN_VALUE, _AFTER = range(4)


def _iter_json_array(
    stream: io.BufferedReader, max_bytes: int, max_depth: int
) -> Iterator[RawRecord | ReadProblem]:
    """Split a top-level JSON array into elements incrementally and parse each with orjson.

    Tracks string/escape state and bracket depth across 1 MiB blocks, so memory stays bounded by
    ``max_bytes`` per element. An element starts at its first non-space byte and ends at the
    next top-level ``,`` or ``]``; orjson then checks it in full.
    """
    # Position tracking, advanced lazily (only to where a location is needed) but monotonically.
    line = 1  # line number at buf[counted]
    column = 1  # character column at buf[counted]
    counted = 0
    buf = b""

    def locate(p: int) -> tuple[int, int]:
        nonlocal line, column, counted
        newlines = buf.count(b"\n", counted, p)
        if newlines:
            line += newlines
            after = buf.rfind(b"\n", counted, p) + 1
            column = 1 + len(buf[after:p].translate(None, _CONTINUATION))
        else:
            column += len(buf[counted:p].translate(None, _CONTINUATION))
        counted = p
        return line, column

    fast = max_depth >= _FAST_LEVELS  # the fast match never sees more than _FAST_LEVELS
    state = _BEFORE
    after_comma = False
    pieces: list[bytes] = []  # the current element's bytes from earlier blocks
    size = 0
    oversized = False
    seg = 0  # index in buf where the current element's unsaved part starts
    depth = deepest = 0
    in_string = escape = False
    elem_line = elem_column = 0
    try:
        while True:
            buf = stream.read(_BLOCK)
            if not buf:
                break
            n = len(buf)
            i = counted = seg = 0
            while i < n:
                if state == _IN_VALUE:
                    if in_string:
                        if escape:  # a backslash ended the previous block
                            escape = False
                            i += 1
                            continue
                        e = _STRING_REST.match(buf, i).end()  # type: ignore[union-attr]
                        if e < n and buf[e] == _QUOTE:  # the closing quote
                            in_string = False
                            i = e + 1
                        else:  # the block ends inside the string, maybe right after a backslash
                            escape = e == n - 1
                            i = n
                        continue
                    skip = _SKIP_TOP if depth == 0 else _SKIP_NESTED
                    p = skip.match(buf, i).end()  # type: ignore[union-attr]
                    if p >= n:
                        i = n
                        continue
                    c = buf[p]
                    i = p + 1
                    if c == _QUOTE:  # a string the skip could not close: it runs past the block
                        in_string = True
                        e = _STRING_REST.match(buf, i).end()  # type: ignore[union-attr]
                        escape = e == n - 1  # only a lone trailing backslash stops it early
                        i = n
                        continue
                    if c in (_LBRACE, _LBRACKET):
                        depth += 1
                        deepest = max(deepest, depth)
                        continue
                    if depth:  # a closing bracket (the nested skip passes over commas)
                        depth -= 1
                        continue
                    if c == _RBRACE:  # stray '}' at the top: leave the error to orjson
                        continue
                    # A top-level ',' or ']' ends the element.
                    if oversized or size + (p - seg) > max_bytes:
                        yield _too_long(elem_line, elem_column, max_bytes, "array element")
                    else:
                        pieces.append(buf[seg:p])
                        yield _array_element(pieces, elem_line, elem_column, deepest, max_depth)
                    pieces = []
                    after_comma = c == _COMMA
                    state = _EXPECT if after_comma else _AFTER
                    continue
                found = _NON_SPACE.search(buf, i)
                if found is None:
                    i = n
                    continue
                p = found.start()
                c = buf[p]
                i = p + 1
                if state == _EXPECT:
                    if c == _RBRACKET:
                        if after_comma:
                            yield ReadProblem(*locate(p), LBL_RECORD, "trailing comma before ']'")
                        state = _AFTER
                    elif c == _COMMA:
                        message = "missing array element before ','"
                        yield ReadProblem(*locate(p), LBL_RECORD, message)
                        after_comma = True
                    else:  # an element starts here
                        elem_line, elem_column = locate(p)
                        if fast:
                            e = _FAST_ELEMENT.match(buf, p).end()  # type: ignore[union-attr]
                            if e < n and buf[e] in _DELIMITERS:  # the whole element, in one go
                                if e - p > max_bytes:
                                    yield _too_long(
                                        elem_line, elem_column, max_bytes, "array element"
                                    )
                                else:
                                    yield _array_element(
                                        [buf[p:e]], elem_line, elem_column, 0, max_depth
                                    )
                                after_comma = buf[e] == _COMMA
                                state = _EXPECT if after_comma else _AFTER
                                i = e + 1
                                continue
                        pieces, size, oversized, seg = [], 0, False, p
                        depth = deepest = 0
                        in_string = escape = False
                        state = _IN_VALUE
                        i = p
                elif state == _BEFORE:
                    if c != _LBRACKET:
                        message = "not a JSON array: expected '[' first"
                        if c == _LBRACE:
                            message += " (one object per line is JSONL: name it .jsonl)"
                        yield _fatal(*locate(p), message)
                        return
                    state = _EXPECT
                else:  # _AFTER
                    yield _fatal(*locate(p), "unexpected content after the closing ']'")
                    return
            # End of block: keep the element's tail, bounded by max_bytes.
            if state == _IN_VALUE and not oversized:
                size += n - seg
                if size > max_bytes:
                    oversized, pieces = True, []
                else:
                    pieces.append(buf[seg:] if seg else buf)
            locate(n)
    except (OSError, EOFError, zlib.error) as exc:
        yield _stream_failure(exc, line - 1)  # lines before `line` were read whole
        return
    if state == _BEFORE:
        yield _fatal(1, 1, "empty file; expected a JSON array")
    elif state == _IN_VALUE and (depth or in_string or oversized):
        yield _fatal(
            elem_line, elem_column, "JSON array is truncated: this element is never closed"
        )
    elif state == _IN_VALUE:  # the last element is complete, only the ']' is missing
        yield _array_element(pieces, elem_line, elem_column, deepest, max_depth)
        yield _fatal(line, column, "JSON array is truncated: missing the closing ']'")
    elif state == _EXPECT:
        yield _fatal(line, column, "JSON array is truncated: missing the closing ']'")


def _array_element(
    pieces: list[bytes], line: int, column: int, deepest: int, max_depth: int
) -> RawRecord | ReadProblem:
    """Parse one array element (its bytes split over ``pieces``) starting at ``line:column``."""
    if deepest > max_depth:
        return ReadProblem(
            line, column, LBL_RECORD, f"JSON is nested deeper than {max_depth} levels"
        )
    data = b"".join(pieces) if len(pieces) > 1 else pieces[0]
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return _json_problem(data, exc, line, column, max_depth)
    if isinstance(obj, dict):
        return RawRecord(line, obj)
    message = f"array element is {_kind(obj)}, expected a JSON object"
    return ReadProblem(line, column, LBL_RECORD, message)


# --------------------------------------------------------------------------------------------
# CSV / TSV
# --------------------------------------------------------------------------------------------


class _Notes:
    """Problems found while decoding physical lines, before the CSV parser sees them."""

    __slots__ = ("items", "lineno")

    def __init__(self) -> None:
        self.items: list[ReadProblem] = []
        self.lineno = 0  # physical lines handed to the CSV parser so far


def _decoded_lines(stream: io.BufferedReader, max_line_bytes: int, notes: _Notes) -> Iterator[str]:
    """Decode each physical line strictly; note bad lines and feed a structure-keeping stand-in."""
    readline = stream.readline
    for raw in iter(partial(readline, max_line_bytes + 1), b""):
        notes.lineno += 1
        if len(raw) > max_line_bytes and raw[-1] != _NEWLINE:
            quotes = raw.count(b'"') + _skip_line_rest(readline)
            notes.items.append(
                ReadProblem(
                    notes.lineno,
                    1,
                    LBL_RECORD,
                    f"line is longer than {max_line_bytes:,} bytes; row skipped",
                )
            )
            # Same quote parity as the dropped text: the parser's quoting state stays right.
            yield '"' * (quotes % 2) + "\n"
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problem = _utf8_problem(raw, notes.lineno, 1)
            assert problem is not None
            notes.items.append(
                ReadProblem(
                    problem.line, problem.column, LBL_RECORD, problem.message + "; row skipped"
                )
            )
            text = raw.decode("utf-8", "replace")  # ASCII delimiters and quotes are untouched
        yield text


def _header_problem(header: list[str]) -> ReadProblem | None:
    seen: dict[str, int] = {}
    for index, name in enumerate(header, 1):
        if name == "":
            return _fatal(1, index, f"empty column name at column {index}")
        if name in seen:
            return _fatal(
                1, index, f"duplicate column name {name!r} at columns {seen[name]} and {index}"
            )
        seen[name] = index
        if "" in name.split("."):
            return _fatal(1, index, f"column name {name!r} at column {index} has an empty part")
    for name, index in seen.items():
        parts = name.split(".")
        for cut in range(1, len(parts)):
            prefix = ".".join(parts[:cut])
            if prefix in seen:
                return _fatal(
                    1,
                    index,
                    f"column {name!r} at column {index} conflicts with column {prefix!r} "
                    f"at column {seen[prefix]}",
                )
    return None


def _iter_delimited(
    stream: io.BufferedReader, delimiter: str, max_line_bytes: int
) -> Iterator[RawRecord | ReadProblem]:
    """Read CSV/TSV rows as records (mapping described in the module docstring)."""
    if csv.field_size_limit() < max_line_bytes:
        csv.field_size_limit(max_line_bytes)
    notes = _Notes()
    reader = csv.reader(
        _decoded_lines(stream, max_line_bytes, notes),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        strict=True,  # reports stray quotes and unclosed quotes instead of guessing
    )
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield _fatal(1, 1, f"invalid header row: {exc}")
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield _stream_failure(exc, 0)
        return
    if header is None:  # empty file: no records
        return
    if notes.items:
        first = notes.items[0]
        message = first.message.removesuffix("; row skipped") + " in the header row"
        yield _fatal(first.line, first.column, message)
        return
    if not header:
        yield _fatal(1, 1, "the first line is empty; expected the header row")
        return
    bad_header = _header_problem(header)
    if bad_header is not None:
        yield bad_header
        return
    width = len(header)
    paths: list[tuple[str, ...]] = [tuple(name.split(".")) for name in header]
    flat = [len(path) == 1 for path in paths]
    loads = orjson.loads
    decode_error = orjson.JSONDecodeError
    end = reader.line_num  # last physical line of the previous row
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            notes.items.clear()
            message = f"invalid {_dialect_name(delimiter)} row: {exc}; skipped"
            yield ReadProblem(start, 1, LBL_RECORD, message)
            continue
        except (OSError, EOFError, zlib.error) as exc:
            yield _stream_failure(exc, end)
            return
        end = reader.line_num
        if notes.items:
            yield from notes.items
            notes.items.clear()
            continue
        if not row:  # blank line
            continue
        if len(row) > width:
            yield ReadProblem(
                start,
                width + 1,
                LBL_RECORD,
                f"row has {len(row)} cells but the header has {width}; skipped",
            )
            continue
        data: dict[str, Any] = {}
        for index, cell in enumerate(row):
            if not cell:
                continue  # an empty cell is an absent field
            try:
                value = loads(cell)
            except decode_error:
                value = cell
            else:
                if value.__class__ is str and value and not _json_text(value):
                    value = cell  # text in quotes, not an escaped JSON-looking string
            path = paths[index]
            if flat[index]:
                data[path[0]] = value
            else:
                target = data
                for key in path[:-1]:
                    target = target.setdefault(key, {})
                target[path[-1]] = value
        yield RawRecord(start, data)


def _json_text(text: str) -> bool:
    """Whether ``text`` is itself valid JSON: a CSV cell holding it as a JSON string
    (``"4"``, ``"[1]"``) is the documented way to keep such text a string."""
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    return True


def _dialect_name(delimiter: str) -> str:
    return "CSV" if delimiter == "," else "TSV"
