"""Streaming label-file readers: every format, every bad-input kind, ranges and real data."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import random
import shutil
import sys
from pathlib import Path

import orjson
import pytest

from tests.paths import REALDATA, require_shared
from validate.encoding import wide_encoding
from validate.lint import readers
from validate.lint.readers import (
    LBL_FILE,
    LBL_RECORD,
    RawRecord,
    ReaderInputError,
    ReadProblem,
    detect_format,
    iter_jsonl_range,
    iter_records,
    line_number_at,
    split_ranges,
)

Item = RawRecord | ReadProblem


def read(path: Path | str, **kwargs: object) -> list[Item]:
    return list(iter_records(path, **kwargs))  # type: ignore[arg-type]


def records(items: list[Item]) -> list[tuple[int, dict]]:
    return [(item.line, item.data) for item in items if isinstance(item, RawRecord)]


def problems(items: list[Item]) -> list[ReadProblem]:
    return [item for item in items if isinstance(item, ReadProblem)]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def only_problem(items: list[Item]) -> ReadProblem:
    found = problems(items)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


def test_jsonl_good_records_keep_their_lines_and_skip_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"id": "a"}\n\n   \n\t\r\n{"id": "b"}\r\n{"id": "c"}')
    items = read(path)
    assert items == [
        RawRecord(1, {"id": "a"}),
        RawRecord(5, {"id": "b"}),
        RawRecord(6, {"id": "c"}),
    ]
    # The hot loop builds records through slot descriptors: they must be ordinary records.
    assert all(type(item) is RawRecord for item in items)
    assert hash(items[0].line) == hash(1)
    with pytest.raises(AttributeError):
        items[0].line = 3  # type: ignore[misc]


def test_jsonl_invalid_json_is_located_and_reading_continues(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"id": "a"}\n{"id": "b",, "x": 1}\n{"id": "c"}\n')
    items = read(path)
    assert records(items) == [(1, {"id": "a"}), (3, {"id": "c"})]
    problem = only_problem(items)
    assert (problem.line, problem.column, problem.code, problem.fatal) == (2, 12, LBL_RECORD, False)
    assert problem.message.startswith("invalid JSON: ")
    assert problem.message.endswith("at column 12")


def test_jsonl_unterminated_record_points_at_its_end_not_the_next_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"id": "a"\n{"id": "b"}\n')
    items = read(path)
    problem = only_problem(items)
    assert (problem.line, problem.column) == (1, 11)
    assert records(items) == [(2, {"id": "b"})]


def test_jsonl_invalid_utf8_is_located_by_character(tmp_path: Path) -> None:
    # "é" is one character but two bytes: the column counts characters.
    path = write(tmp_path / "a.jsonl", '{"t": "é'.encode() + b'\xff"}\n{"id": "ok"}\n')
    items = read(path)
    problem = only_problem(items)
    assert (problem.line, problem.column, problem.code) == (1, 9, LBL_RECORD)
    assert problem.message == "invalid UTF-8 (byte 0xff) at column 9"
    assert records(items) == [(2, {"id": "ok"})]


@pytest.mark.parametrize(
    ("literal", "column"),
    [("NaN", 7), ("Infinity", 7), ("-Infinity", 8), ("nan", 7)],
)
def test_jsonl_non_finite_numbers_are_rejected(tmp_path: Path, literal: str, column: int) -> None:
    path = write(tmp_path / "a.jsonl", f'{{"x": {literal}}}\n{{"id": 1}}\n'.encode())
    items = read(path)
    problem = only_problem(items)
    assert (problem.line, problem.column, problem.code) == (1, column, LBL_RECORD)
    assert literal in problem.message
    assert "not a JSON value" in problem.message
    assert records(items) == [(2, {"id": 1})]


def test_jsonl_line_longer_than_the_limit_is_skipped_without_buffering(tmp_path: Path) -> None:
    long = b'{"t": "' + b"x" * 5000 + b'"}\n'
    path = write(tmp_path / "a.jsonl", b'{"id": 1}\n' + long + b'{"id": 3}\n' + long[:-1])
    items = read(path, max_line_bytes=1000)
    assert records(items) == [(1, {"id": 1}), (3, {"id": 3})]
    assert [(p.line, p.code, p.fatal) for p in problems(items)] == [
        (2, LBL_RECORD, False),
        (4, LBL_RECORD, False),  # the last line, without a final newline
    ]
    assert problems(items)[0].message == "line is longer than 1,000 bytes; skipped"


def test_jsonl_limit_counts_the_line_content_not_the_newline(tmp_path: Path) -> None:
    exact = b'{"t": "' + b"x" * 92 + b'"}'  # 101 bytes
    path = write(tmp_path / "a.jsonl", exact + b"\n" + exact)
    assert [item.line for item in read(path, max_line_bytes=101)] == [1, 2]
    assert all(isinstance(item, ReadProblem) for item in read(path, max_line_bytes=100))


def test_jsonl_real_ten_megabyte_line_with_the_default_limit(tmp_path: Path) -> None:
    big = b'{"t": "' + b"y" * 10_000_000 + b'"}\n'
    path = write(tmp_path / "a.jsonl", big + b'{"id": 2}\n')
    items = read(path)
    problem = only_problem(items)
    assert (problem.line, problem.code) == (1, LBL_RECORD)
    assert problem.message == "line is longer than 8,388,608 bytes; skipped"
    assert records(items) == [(2, {"id": 2})]


def test_jsonl_ten_thousand_levels_of_nesting(tmp_path: Path) -> None:
    deep = b'{"x": ' + b"[" * 10_000 + b"]" * 10_000 + b"}\n"
    path = write(tmp_path / "a.jsonl", deep + b'{"id": 2}\n')
    items = read(path)
    problem = only_problem(items)
    assert (problem.line, problem.code) == (1, LBL_RECORD)
    assert "nested deeper than 256 levels" in problem.message
    assert records(items) == [(2, {"id": 2})]


def test_jsonl_depth_limit_below_the_parsers_own(tmp_path: Path) -> None:
    def nested(levels: int) -> bytes:  # an object holding levels - 1 nested arrays
        return b'{"x": ' + b"[" * (levels - 1) + b"]" * (levels - 1) + b"}\n"

    path = write(tmp_path / "a.jsonl", nested(256) + nested(257) + nested(300))
    items = read(path)
    assert [item.line for item in items if isinstance(item, RawRecord)] == [1]
    assert [(p.line, p.message) for p in problems(items)] == [
        (2, "JSON is nested deeper than 256 levels"),
        (3, "JSON is nested deeper than 256 levels"),
    ]
    # Many brackets but shallow: the checks after the bracket count let it through.
    wide = b'{"x": [' + b",".join(b"[1]" for _ in range(400)) + b"]}\n"
    assert records(read(write(tmp_path / "w.jsonl", wide))) == [(1, {"x": [[1]] * 400})]
    # ... a crowded image's boxes too, also with an unbalanced bracket inside a string.
    box = b'{"category": "car", "bbox": [1, 2, 3, 4]}'
    crowd = b'{"note": "a ] b", "label": {"boxes": [' + b", ".join([box] * 300) + b"]}}\n"
    assert len(records(read(write(tmp_path / "c.jsonl", crowd)))[0][1]["label"]["boxes"]) == 300
    # Brackets inside strings are not nesting.
    path = write(tmp_path / "b.jsonl", b'{"x": "' + b"[" * 600 + b'"}\n')
    assert records(read(path)) == [(1, {"x": "[" * 600})]
    assert records(read(tmp_path / "a.jsonl", max_depth=300))[-1][0] == 3


@pytest.mark.parametrize(
    ("line", "kind"),
    [(b"42", "a number"), (b"[1, 2]", "an array"), (b'"s"', "a string"), (b"null", "null")],
)
def test_jsonl_values_that_are_not_objects(tmp_path: Path, line: bytes, kind: str) -> None:
    path = write(tmp_path / "a.jsonl", b"  " + line + b'\n{"id": 2}\n')
    items = read(path)
    problem = only_problem(items)
    assert (problem.line, problem.column, problem.code) == (1, 3, LBL_RECORD)
    assert problem.message == f"record is {kind}, expected a JSON object"
    assert records(items) == [(2, {"id": 2})]


def test_jsonl_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'\xef\xbb\xbf{"id": 1}\n{"id": 2}\n')
    assert records(read(path)) == [(1, {"id": 1}), (2, {"id": 2})]


# --------------------------------------------------------------------------------------------
# gzip and files
# --------------------------------------------------------------------------------------------


def sample_jsonl(count: int) -> bytes:
    return b"".join(b'{"id": "r%d", "pad": "%s"}\n' % (i, b"p" * 40) for i in range(count))


def test_gzip_by_suffix_and_by_magic_bytes(tmp_path: Path) -> None:
    data = gzip.compress(sample_jsonl(500))
    by_suffix = read(write(tmp_path / "a.jsonl.gz", data))
    by_magic = read(write(tmp_path / "b.jsonl", data))
    assert by_suffix == by_magic
    assert [item.line for item in by_suffix] == list(range(1, 501))
    assert by_suffix[-1] == RawRecord(500, {"id": "r499", "pad": "p" * 40})


def test_truncated_gzip_is_fatal_at_the_last_good_line(tmp_path: Path) -> None:
    data = gzip.compress(sample_jsonl(20_000), mtime=0)
    path = write(tmp_path / "a.jsonl.gz", data[: len(data) // 2])
    items = read(path)
    last = items[-1]
    assert isinstance(last, ReadProblem)
    assert (last.code, last.fatal) == (LBL_FILE, True)
    assert "truncated" in last.message
    good = records(items)
    # Every complete line before the damage is read, and the problem sits on the last of them.
    assert len(good) > 5_000
    assert [line for line, _ in good] == list(range(1, len(good) + 1))
    assert last.line == len(good)
    assert problems(items) == [last]


def test_gzip_missing_its_trailer_is_fatal_after_all_records(tmp_path: Path) -> None:
    data = gzip.compress(sample_jsonl(3_000), mtime=0)
    items = read(write(tmp_path / "a.jsonl.gz", data[:-4]))
    assert len(records(items)) == 3_000
    assert items[-1] == ReadProblem(
        3_000,
        0,
        LBL_FILE,
        "gzip data is truncated after line 3,000; the rest of the file is lost",
        True,
    )


def test_gzip_with_a_bad_checksum_is_fatal_after_the_records(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(b'{"id": 1}\n{"id": 2}\n', mtime=0))
    data[-8] ^= 0xFF  # the CRC-32 in the trailer
    items = read(write(tmp_path / "a.jsonl.gz", bytes(data)))
    assert records(items) == [(1, {"id": 1}), (2, {"id": 2})]
    assert (items[-1].line, items[-1].code, items[-1].fatal) == (2, LBL_FILE, True)
    assert items[-1].message.startswith("corrupt gzip data after line 2: CRC check failed")


def test_gzip_json_array(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json.gz", gzip.compress(b'[\n{"id": 1},\n{"id": 2}\n]\n'))
    assert read(path) == [RawRecord(2, {"id": 1}), RawRecord(3, {"id": 2})]


def test_gz_name_without_gzip_content_is_fatal(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.jsonl.gz", b'{"id": 1}\n'))
    assert items == [
        ReadProblem(
            0, 0, LBL_FILE, "the name ends in .gz but the content is not gzip-compressed", True
        )
    ]


@pytest.mark.parametrize(
    ("name", "encoding", "said"),
    [
        ("a.jsonl", "utf-16", "UTF-16"),  # with its byte order mark, as Python writes it
        ("a.jsonl", "utf-32", "UTF-32"),
        ("a.tsv", "utf-16-le", "UTF-16LE"),  # no mark: Excel's "Unicode text" is like this
        ("a.csv", "utf-16-be", "UTF-16BE"),
        ("a.json.gz", "utf-16", "UTF-16"),
    ],
)
def test_a_utf16_or_utf32_file_is_one_fatal_finding(
    tmp_path: Path, name: str, encoding: str, said: str
) -> None:
    """Read as UTF-8, every line of such a file was a finding of its own."""
    text = 'id\tlabel\nr1\t"x"\n' if name.endswith("sv") else '{"id": "r1"}\n{"id": "r2"}\n'
    data = text.encode(encoding)
    path = write(tmp_path / name, gzip.compress(data) if name.endswith(".gz") else data)
    [item] = read(path)
    assert isinstance(item, ReadProblem) and item.fatal
    assert (item.line, item.column, item.code) == (1, 1, LBL_FILE)
    assert item.message.startswith(f"the file is {said}-encoded; label files must be UTF-8")


def test_utf8_text_is_not_taken_for_utf16(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '\ufeff{"id": "é"}\n'.encode())
    assert read(path) == [RawRecord(1, {"id": "é"})]
    assert wide_encoding(b'{"id') is None and wide_encoding(b"") is None


def test_missing_file_and_directory_are_fatal(tmp_path: Path) -> None:
    items = read(tmp_path / "nope.jsonl")
    assert len(items) == 1
    assert (items[0].line, items[0].code, items[0].fatal) == (0, LBL_FILE, True)
    assert "no such file" in items[0].message
    assert read(tmp_path)[0].fatal  # a directory


def test_invalid_arguments_raise_at_call_time(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        iter_records(tmp_path / "a.jsonl", fmt="xml")
    with pytest.raises(ValueError):
        iter_records(tmp_path / "a.jsonl", max_depth=0)


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format("x/a.JSONL") == "jsonl"
    assert detect_format("a.ndjson.gz") == "jsonl"
    assert detect_format(Path("a.json")) == "json"
    assert detect_format("a.csv.gz") == "csv"
    assert detect_format("a.tsv") == "tsv"
    assert detect_format(write(tmp_path / "a.txt", b'\n  [{"id": 1}]')) == "json"
    assert detect_format(write(tmp_path / "b.log", gzip.compress(b'{"id": 1}\n'))) == "jsonl"
    with pytest.raises(ReaderInputError):
        detect_format(write(tmp_path / "c.txt", b"id,label\n"))
    with pytest.raises(ReaderInputError):
        detect_format("-")


def test_explicit_format_overrides_the_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"id,n\nx,1\n")
    assert records(read(path, fmt="csv")) == [(2, {"id": "x", "n": 1})]
    unknown = read(path)
    assert unknown[0].fatal and "cannot tell the format" in unknown[0].message


# --------------------------------------------------------------------------------------------
# JSON array
# --------------------------------------------------------------------------------------------


def test_json_array_multiline_elements_start_lines_and_tricky_strings(tmp_path: Path) -> None:
    text = (
        "[\n"
        '  {"id": "a", "t": "brackets ] } [ { and commas, inside"},\n'
        '  {"id": "b",\n'
        '   "t": "escaped \\" quote ], and a backslash \\\\",\n'
        '   "label": {"scores": [1, [2, 3]]}},\n'
        '\n  {"id": "c", "t": "é€ \\\\"}  ]\n'
    )
    items = read(write(tmp_path / "a.json", text.encode()))
    assert records(items) == [
        (line, obj) for line, obj in zip([2, 3, 7], json.loads(text), strict=True)
    ]
    assert problems(items) == []


def test_json_array_bad_elements_are_located_and_reading_continues(tmp_path: Path) -> None:
    text = (
        b"[\n"
        b'  {"id": 1},\n'
        b'  {"id": 2, "x": NaN},\n'
        b"  7, [1],\n"
        b'  {"id": 5}\n'
        b'  {"id": 6},\n'
        b'  {"id": "\xff"},\n'
        b'  {"id": 8},\n'
        b"]\n"
    )
    items = read(write(tmp_path / "a.json", text))
    assert records(items) == [(2, {"id": 1}), (8, {"id": 8})]
    assert [(p.line, p.column, p.fatal) for p in problems(items)] == [
        (3, 18, False),  # NaN
        (4, 3, False),  # 7
        (4, 6, False),  # [1]
        (6, 3, False),  # {"id": 5} {"id": 6}: a missing comma
        (7, 11, False),  # invalid UTF-8
        (9, 1, False),  # trailing comma
    ]
    assert all(p.code == LBL_RECORD for p in problems(items))
    assert "NaN" in problems(items)[0].message
    assert problems(items)[1].message == "array element is a number, expected a JSON object"
    assert problems(items)[-1].message == "trailing comma before ']'"


def test_json_array_truncated_is_fatal_at_the_unfinished_element(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.json", b'[\n {"id": 1},\n {"id": "two",\n  "x": [1, 2'))
    assert records(items) == [(2, {"id": 1})]
    assert items[-1] == ReadProblem(
        3, 2, LBL_FILE, "JSON array is truncated: this element is never closed", True
    )
    # Only the closing bracket is missing: the last element is complete and still read.
    items = read(write(tmp_path / "c.json", b'[{"id": 1},\n {"id": 2}\n'))
    assert records(items) == [(1, {"id": 1}), (2, {"id": 2})]
    assert items[-1] == ReadProblem(
        3, 1, LBL_FILE, "JSON array is truncated: missing the closing ']'", True
    )
    items = read(write(tmp_path / "b.json", b'[{"id": 1},\n'))
    assert records(items) == [(1, {"id": 1})]
    assert items[-1].fatal and items[-1].code == LBL_FILE and "truncated" in items[-1].message


def test_json_that_is_not_an_array_is_fatal(tmp_path: Path) -> None:
    items = read(write(tmp_path / "a.json", b'\n  {"id": 1}\n'))
    assert len(items) == 1
    assert (items[0].line, items[0].column, items[0].code, items[0].fatal) == (2, 3, LBL_FILE, True)
    assert "not a JSON array" in items[0].message
    assert read(write(tmp_path / "b.json", b""))[0].fatal
    trailing = read(write(tmp_path / "c.json", b'[{"id": 1}]\n[{"id": 2}]'))
    assert trailing[0] == RawRecord(1, {"id": 1})
    assert (trailing[1].line, trailing[1].code, trailing[1].fatal) == (2, LBL_FILE, True)


def test_json_array_element_longer_than_the_limit_is_skipped(tmp_path: Path) -> None:
    text = b'[{"id": 1}, {"t": "' + b"z" * 5000 + b'"},\n {"id": 3}]'
    items = read(write(tmp_path / "a.json", text), max_line_bytes=1000)
    assert records(items) == [(1, {"id": 1}), (2, {"id": 3})]
    assert only_problem(items).message == "array element is longer than 1,000 bytes; skipped"


def test_json_array_deep_element(tmp_path: Path) -> None:
    text = b'[{"x": ' + b"[" * 10_000 + b"]" * 10_000 + b'}, {"id": 2}]'
    items = read(write(tmp_path / "a.json", text))
    assert "nested deeper than 256 levels" in only_problem(items).message
    assert records(items) == [(1, {"id": 2})]


def random_value(rng: random.Random, levels: int) -> object:
    pick = rng.randrange(6 if levels > 0 else 3)
    if pick == 0:
        return rng.choice([0, -1.5, 10**12, True, None])
    if pick in (1, 2):  # strings full of characters the scanner must not trip on
        chars = ['"', "\\", "[", "]", "{", "}", ",", "\n", "é", "a", " "]
        return "".join(rng.choice(chars) for _ in range(rng.randrange(12)))
    if pick == 3:
        return [random_value(rng, levels - 1) for _ in range(rng.randrange(4))]
    return {f"k{i}": random_value(rng, levels - 1) for i in range(rng.randrange(4))}


@pytest.mark.parametrize(
    ("block", "levels"), [(2, 4), (3, 4), (5, 4), (7, 4), (64, 4), (512, 12), (1 << 20, 12)]
)
def test_json_array_scanner_state_survives_block_boundaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, levels: int
) -> None:
    # Tiny blocks put every escape, quote and bracket on a block boundary somewhere; deeper
    # values (up to 13 levels) take the scanner instead of the fixed-depth fast match.
    monkeypatch.setattr(readers, "_BLOCK", block)
    rng = random.Random(block)
    objects = [{"id": i, "v": random_value(rng, levels)} for i in range(300)]
    text, starts = "[", []
    for obj in objects:
        text += "\n " if rng.random() < 0.5 else " "
        starts.append(text.count("\n") + 1)  # each element's opening brace is on this line
        text += json.dumps(obj, ensure_ascii=False, indent=rng.choice([None, 1])) + ","
    text = text[:-1] + "\n]\n"
    items = read(write(tmp_path / "a.json", text.encode()))
    assert problems(items) == []
    assert records(items) == list(zip(starts, objects, strict=True))


# --------------------------------------------------------------------------------------------
# CSV and TSV
# --------------------------------------------------------------------------------------------


def test_csv_quoted_newlines_nested_columns_and_cell_typing(tmp_path: Path) -> None:
    text = (
        "id,label.scores.helpfulness,label.scores.honesty,label.rationale,gold,item.tags,meta,q\n"
        'r1,4,5,"two\nlines, with a comma",true,"[""a"",""b""]","{""x"": 1}","""quoted"""\n'
        "\n"
        'r2,,3,"three\nphysical\nlines",false,,,plain text\n'
        "r3,4.5,,,null,NaN,,4 apples\n"
    )
    items = read(write(tmp_path / "a.csv", text.encode()))
    assert problems(items) == []
    assert records(items) == [
        (
            2,
            {
                "id": "r1",
                "label": {
                    "scores": {"helpfulness": 4, "honesty": 5},
                    "rationale": "two\nlines, with a comma",
                },
                "gold": True,
                "item": {"tags": ["a", "b"]},
                "meta": {"x": 1},
                "q": '"quoted"',  # text in quotes is kept as written
            },
        ),
        (
            5,
            {
                "id": "r2",
                "label": {"scores": {"honesty": 3}, "rationale": "three\nphysical\nlines"},
                "gold": False,
                "q": "plain text",
            },
        ),
        (
            8,
            {
                "id": "r3",
                "label": {"scores": {"helpfulness": 4.5}},
                "gold": None,
                "item": {"tags": "NaN"},
                "q": "4 apples",
            },
        ),
    ]


def test_tsv_with_json_cells_unquoted(tmp_path: Path) -> None:
    text = 'id\tlabel.ranking\tlabel.note\nr1\t["b","a"]\tsays "hi", twice\nr2\t[]\t\n'
    items = read(write(tmp_path / "a.tsv", text.encode()))
    assert records(items) == [
        (2, {"id": "r1", "label": {"ranking": ["b", "a"], "note": 'says "hi", twice'}}),
        (3, {"id": "r2", "label": {"ranking": []}}),
    ]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ('"""4"""', "4"),  # the escape: text that is itself JSON stays a string
        ('"""[1, 2]"""', "[1, 2]"),
        ('"""null"""', "null"),
        ('""""""', ""),  # the only way to write an empty string
        ('"""hello"""', '"hello"'),  # a quoted text keeps its quotes
        ('"""say \\""hi\\"""""', '"say \\"hi\\""'),  # escapes inside it are not decoded
        ('"""  """', '"  "'),
        ("4", 4),
    ],
)
def test_csv_json_string_cells(tmp_path: Path, cell: str, value: object) -> None:
    items = read(write(tmp_path / "a.csv", f"id,item.prompt\nr1,{cell}\n".encode()))
    assert records(items) == [(2, {"id": "r1", "item": {"prompt": value}})]


def test_csv_gzip(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv.gz", gzip.compress(b"id,n\nx,1\ny,2\n"))
    assert records(read(path)) == [(2, {"id": "x", "n": 1}), (3, {"id": "y", "n": 2})]


@pytest.mark.parametrize(
    ("header", "column", "message"),
    [
        ("id,,label", 2, "empty column name at column 2"),
        ("id,label,id", 3, "duplicate column name 'id' at columns 1 and 3"),
        ("id,label..x", 2, "column name 'label..x' at column 2 has an empty part"),
        (
            "label.scores.a,label",
            1,
            "column 'label.scores.a' at column 1 conflicts with column 'label' at column 2",
        ),
    ],
)
def test_csv_invalid_header_is_fatal(
    tmp_path: Path, header: str, column: int, message: str
) -> None:
    items = read(write(tmp_path / "a.csv", f"{header}\nr1,1,2\n".encode()))
    assert items == [ReadProblem(1, column, LBL_FILE, message, True)]


def test_csv_bad_rows_are_located_and_reading_continues(tmp_path: Path) -> None:
    data = b'id,n\nr1,1\nr2,2,extra\nr3,"unclosed"x\nr4,"caf\xe9\nmore"\nr5\nr6,6\n'
    items = read(write(tmp_path / "a.csv", data))
    assert records(items) == [
        (2, {"id": "r1", "n": 1}),
        (7, {"id": "r5"}),
        (8, {"id": "r6", "n": 6}),
    ]
    found = problems(items)
    assert [(p.line, p.column, p.code, p.fatal) for p in found] == [
        (3, 3, LBL_RECORD, False),
        (4, 1, LBL_RECORD, False),
        (5, 8, LBL_RECORD, False),
    ]
    assert found[0].message == "row has 3 cells but the header has 2; skipped"
    assert found[1].message.startswith("invalid CSV row: ")
    assert found[2].message == "invalid UTF-8 (byte 0xe9) at column 8; row skipped"


def test_csv_overlong_line_inside_a_quoted_field_keeps_later_rows_right(tmp_path: Path) -> None:
    data = (
        b'id,t\nr1,"start\n' + b"w" * 5000 + b'\nend"\nr2,ok\n' + b"r3," + b"v" * 5000 + b"\nr4,4\n"
    )
    items = read(write(tmp_path / "a.csv", data), max_line_bytes=1000)
    assert records(items) == [(5, {"id": "r2", "t": "ok"}), (7, {"id": "r4", "t": 4})]
    assert [(p.line, p.message) for p in problems(items)] == [
        (3, "line is longer than 1,000 bytes; row skipped"),
        (6, "line is longer than 1,000 bytes; row skipped"),
    ]


def test_csv_cells_longer_than_the_csv_modules_default_limit(tmp_path: Path) -> None:
    text = "id,t\nr1," + "l" * 200_000 + "\n"
    assert records(read(write(tmp_path / "a.csv", text.encode()))) == [
        (2, {"id": "r1", "t": "l" * 200_000})
    ]


def test_csv_empty_file_and_empty_first_line(tmp_path: Path) -> None:
    assert read(write(tmp_path / "a.csv", b"")) == []
    items = read(write(tmp_path / "b.csv", b"\nid\nr1\n"))
    assert items == [
        ReadProblem(1, 1, LBL_FILE, "the first line is empty; expected the header row", True)
    ]


# --------------------------------------------------------------------------------------------
# Standard input
# --------------------------------------------------------------------------------------------


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_sniffs_jsonl_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, b'\n\n{"id": 1}\nnot json\n{"id": 2}\n')
    items = read("-")
    assert records(items) == [(3, {"id": 1}), (5, {"id": 2})]
    assert only_problem(items).line == 4
    set_stdin(monkeypatch, b' \n [{"id": 1},\n {"id": 2}]')
    assert records(read("-")) == [(2, {"id": 1}), (3, {"id": 2})]
    assert not sys.stdin.buffer.closed  # standard input is never closed by the reader


def test_stdin_gzip_and_explicit_format(monkeypatch: pytest.MonkeyPatch) -> None:
    set_stdin(monkeypatch, gzip.compress(b'[{"id": 1}]'))
    assert records(read("-")) == [(1, {"id": 1})]
    set_stdin(monkeypatch, b"id,n\nx,1\n")
    assert records(read("-", fmt="csv")) == [(2, {"id": "x", "n": 1})]
    set_stdin(monkeypatch, b"id,n\nx,1\n")
    items = read("-")
    assert len(items) == 1 and items[0].fatal and "standard input" in items[0].message


# --------------------------------------------------------------------------------------------
# Byte ranges for parallel workers
# --------------------------------------------------------------------------------------------


def mixed_jsonl(count: int) -> bytes:
    rng = random.Random(7)
    out = []
    for i in range(count):
        roll = rng.random()
        if roll < 0.02:
            out.append(b"\n")
        elif roll < 0.04:
            out.append(b'{"broken": \n')
        else:
            out.append(orjson.dumps({"id": i, "t": "é" * rng.randrange(40)}) + b"\n")
    return b"".join(out)


def read_in_ranges(path: Path, n: int) -> list[Item]:
    got: list[Item] = []
    for start, end in split_ranges(path, n):
        got.extend(iter_jsonl_range(path, start, end, first_line=line_number_at(path, start)))
    return got


def test_three_ranges_yield_exactly_the_full_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", mixed_jsonl(3_000))
    full = read(path)
    ranges = split_ranges(path, 3)
    assert len(ranges) == 3
    assert ranges[0][0] == 0 and ranges[-1][1] == path.stat().st_size
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    data = path.read_bytes()
    assert all(data[start - 1 : start] == b"\n" for start, _ in ranges[1:])
    assert read_in_ranges(path, 3) == full
    assert len(records(full)) > 2_800 and len(problems(full)) > 30


def test_ranges_edge_cases(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"id": 1}\n{"id": 2}')
    assert read_in_ranges(path, 8) == read(path)
    assert len(split_ranges(path, 8)) == 2
    assert split_ranges(write(tmp_path / "e.jsonl", b""), 4) == []
    # An unaligned range skips the line it starts inside: that line belongs to the range before.
    assert list(iter_jsonl_range(path, 3, 20, first_line=2)) == [RawRecord(2, {"id": 2})]
    assert list(iter_jsonl_range(path, 0, 3, first_line=1)) == [RawRecord(1, {"id": 1})]
    gz = write(tmp_path / "a.jsonl.gz", gzip.compress(b'{"id": 1}\n'))
    with pytest.raises(ValueError):
        split_ranges(gz, 2)
    with pytest.raises(ValueError):
        list(iter_jsonl_range(gz, 0, 5, first_line=1))
    missing = list(iter_jsonl_range(tmp_path / "none.jsonl", 0, 5, first_line=1))
    assert missing[0].fatal and missing[0].code == LBL_FILE


def test_line_number_at_counts_across_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = mixed_jsonl(500)
    path = write(tmp_path / "a.jsonl", data)
    monkeypatch.setattr(readers, "_BLOCK", 97)
    for offset in (0, 1, 96, 97, 98, len(data) // 2, len(data) - 1, len(data), len(data) + 10):
        assert line_number_at(path, offset) == data[:offset].count(b"\n") + 1


# --------------------------------------------------------------------------------------------
# Real data
# --------------------------------------------------------------------------------------------

DAVIDSON = REALDATA / "davidson-hate-offensive" / "labeled_data.csv"
HH_RLHF = REALDATA / "hh-rlhf-harmless-base" / "test.jsonl.gz"


def test_davidson_header_with_an_empty_first_name_is_fatal() -> None:
    items = read(require_shared(DAVIDSON))
    assert items == [ReadProblem(1, 1, LBL_FILE, "empty column name at column 1", True)]


def test_davidson_rows_with_embedded_newlines_keep_their_start_lines(tmp_path: Path) -> None:
    source = require_shared(DAVIDSON)
    copy = tmp_path / "labeled_data.csv"
    with source.open("rb") as src, copy.open("wb") as dst:
        first = src.readline()
        assert first.startswith(b",count,")
        dst.write(b"row" + first)
        shutil.copyfileobj(src, dst)
    # Expected start lines, computed independently with the csv module.
    expected: list[tuple[int, str]] = []
    with source.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        end = reader.line_num
        for row in reader:
            expected.append((end + 1, row[0]))
            end = reader.line_num
    items = read(copy)
    assert problems(items) == []
    got = records(items)
    assert len(got) == len(expected) == 24_783
    assert [(line, str(data["row"])) for line, data in got] == expected
    assert got[-1][0] == expected[-1][0] == 26_954
    multi_line = sum(1 for a, b in itertools.pairwise(expected) if b[0] - a[0] > 1)
    assert multi_line == 917
    # Cells that are JSON became numbers; the tweet stayed text.
    assert got[0][1]["count"] == 3 and got[0][1]["class"] == 2
    assert isinstance(got[0][1]["tweet"], str)
    # And each record really starts on its line: the raw line begins with its row index.
    raw_lines = source.read_bytes().split(b"\n")
    for line, data in got[::97]:
        assert raw_lines[line - 1].startswith(b"%d," % data["row"])


AILUMINATE = REALDATA / "ailuminate-demo"


def _cell(text: str) -> object:
    """A CSV cell as the reader documents it: JSON when it is valid JSON (no NaN), else text;
    a JSON string only when its content is itself JSON, else the text with its quotes."""

    def no_constants(name: str) -> object:
        raise ValueError(name)

    def parse(cell: str) -> object:
        return json.loads(cell, parse_constant=no_constants)

    try:
        value = parse(text)
    except ValueError:
        return text
    if isinstance(value, str) and value:
        try:
            parse(value)
        except ValueError:
            return text
    return value


@pytest.mark.parametrize("locale", ["en_us", "fr_fr"])
def test_ailuminate_mixed_line_endings_and_control_characters(locale: str) -> None:
    """CRLF records with CRLF (en_US) or bare LF (fr_FR) inside quoted prompts, and control
    characters in the text (SOURCES.md section 12): every prompt is one record at the
    physical line where it starts, its text exactly as the csv module reads it."""
    path = require_shared(AILUMINATE / f"airr_official_1.0_demo_{locale}_prompt_set_release.csv")
    expected: list[tuple[int, dict[str, str]]] = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        end = 1  # the header's line
        for row in reader:
            expected.append((end + 1, row))
            end = reader.line_num
    items = read(path)
    assert problems(items) == []
    got = records(items)
    assert len(got) == len(expected) == 1200
    assert [line for line, _ in got] == [line for line, _ in expected]
    # the documented cell rule: no prompt is JSON, so each is its text exactly as written,
    # including the 23 (en_US) and 2 (fr_FR) prompts written with quotes around them
    assert [d["prompt_text"] for _, d in got] == [_cell(r["prompt_text"]) for _, r in expected]
    assert [d["prompt_text"] for _, d in got] == [r["prompt_text"] for _, r in expected]
    quoted = sum(r["prompt_text"][:1] == r["prompt_text"][-1:] == '"' for _, r in expected)
    assert quoted == {"en_us": 23, "fr_fr": 2}[locale]
    assert [d["release_prompt_id"] for _, d in got] == [r["release_prompt_id"] for _, r in expected]
    assert sum("\n" in d["prompt_text"] for _, d in got) == {"en_us": 15, "fr_fr": 26}[locale]
    assert any("\x19" in d["prompt_text"] for _, d in got)  # U+0019 kept, not dropped
    raw = path.read_bytes().split(b"\n")
    for line, data in got[::53]:
        assert raw[line - 1].startswith(data["release_prompt_id"].encode())


def test_hh_rlhf_gzip_jsonl() -> None:
    path = require_shared(HH_RLHF)
    items = read(path)
    with gzip.open(path, "rb") as f:
        lines = f.read().splitlines()
    assert problems(items) == []
    assert [line for line, _ in records(items)] == list(range(1, len(lines) + 1))
    assert len(lines) == 2_312
    assert all(isinstance(data, dict) and "chosen" in data for _, data in records(items))
    assert records(items)[-1][1] == orjson.loads(lines[-1])


@pytest.mark.parametrize(
    ("text", "limit", "shallow"),
    [
        (b'{"a": [1, {"b": []}]}', 4, True),  # nests 4 deep
        (b'{"a": [1, {"b": []}]}', 3, False),
        (b'{"a": "[[[["}', 256, False),  # unbalanced: undecided, the exact walk decides
        (b'{"a": "[]"}', 1, False),  # string brackets only add depth
        (b"{" * 300 + b"}" * 300, 256, False),
        (b'{"x": 1}', 1, True),
    ],
)
def test_the_bracket_depth_proof_errs_only_towards_the_exact_walk(
    text: bytes, limit: int, shallow: bool
) -> None:
    from validate.lint.readers import _brackets_shallow

    assert _brackets_shallow(text, limit) is shallow
