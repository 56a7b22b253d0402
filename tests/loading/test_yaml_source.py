"""Loader hazards: each one is a located issue, never an exception, and bounded in time."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from validate.loading.yaml_source import (
    ALIAS_LIMIT,
    DUPLICATE_KEY,
    EMPTY_FILE,
    FILE_TOO_LARGE,
    INVALID_ENCODING,
    NOT_A_MAPPING,
    YAML_SYNTAX,
    load_yaml_source,
)

BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 10) if prev else ', '.join(['x'] * 10)}]\n"
    for prev, name in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
)


def _load(tmp_path: Path, content: bytes | str, name: str = "src.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return load_yaml_source(path)


def _codes(source) -> list[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    return [(i.code, i.line, i.column) for i in source.issues]


def test_clean_mapping_keeps_positions(tmp_path: Path) -> None:
    source = _load(tmp_path, "id: x\nlevels:\n  - value: 1\n    label: One\n")
    assert source.ok and source.data == {"id": "x", "levels": [{"value": 1, "label": "One"}]}
    assert source.position(["levels", 0, "label"]) == (4, 12)
    assert source.position(["levels", 0, "label"], key=True) == (4, 5)
    assert source.position(["levels", 0, "missing"]) == (3, 5)  # deepest existing node


def test_yaml_11_scalars_stay_strings(tmp_path: Path) -> None:
    text = (
        "a: 2026-10-04\nb: 2026-10-04T09:00:00Z\nc: yes\nd: off\ne: true\nf: 1.5\ng: 0x1f\nh: ~\n"
    )
    data = _load(tmp_path, text).data
    assert data == {
        "a": "2026-10-04",
        "b": "2026-10-04T09:00:00Z",
        "c": "yes",
        "d": "off",
        "e": True,
        "f": 1.5,
        "g": 31,
        "h": None,
    }


def test_duplicate_key_is_located_at_the_second_key(tmp_path: Path) -> None:
    source = _load(tmp_path, "id: x\nmeta:\n  a: 1\n  a: 2\n")
    assert _codes(source) == [(DUPLICATE_KEY, 4, 3)]


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    source = _load(tmp_path, BOMB)
    elapsed = time.perf_counter() - started
    assert [i.code for i in source.issues] == [ALIAS_LIMIT]
    assert source.data is None
    assert elapsed < 1.0, f"took {elapsed:.2f}s"


def test_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    # Measured apart from the timing: tracemalloc slows every allocation down.
    tracemalloc.start()
    source = _load(tmp_path, BOMB)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [i.code for i in source.issues] == [ALIAS_LIMIT]
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_oversized_file_is_not_read(tmp_path: Path) -> None:
    source = _load(tmp_path, "id: x\n" + "#" * 4000 + "\n")
    assert source.ok
    path = tmp_path / "big.yaml"
    path.write_text("id: x\n" + "#" * 5000 + "\n")
    assert [i.code for i in load_yaml_source(path, max_bytes=1000).issues] == [FILE_TOO_LARGE]


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    source = _load(tmp_path, b"id: x\ntitle: Caf\xe9 au lait\n")
    assert _codes(source) == [(INVALID_ENCODING, 2, 11)]


@pytest.mark.parametrize(
    ("encoding", "said"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"), ("utf-32", "UTF-32")]
)
def test_utf16_or_utf32_is_named(tmp_path: Path, encoding: str, said: str) -> None:
    """ASCII text in UTF-16 without a mark is valid UTF-8 (full of NUL characters): the
    encoding, not a parse error, is what the lead needs to hear."""
    source = _load(tmp_path, "id: x\ntitle: Tea\n".encode(encoding))
    assert _codes(source) == [(INVALID_ENCODING, 1, 1)]
    assert source.issues[0].message == f"the file is {said}-encoded; save it as UTF-8"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    assert _load(tmp_path, "\ufeffid: x\n".encode()).data == {"id": "x"}


def test_tab_indentation_has_a_clear_message(tmp_path: Path) -> None:
    source = _load(tmp_path, "id: x\nmeta:\n\tkey: 1\n")
    (issue,) = source.issues
    assert (issue.code, issue.line) == (YAML_SYNTAX, 3)
    assert "tab" in issue.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert [i.code for i in _load(tmp_path, text).issues] == [EMPTY_FILE]


@pytest.mark.parametrize(("text", "line"), [("- a\n- b\n", 1), ("\n\nplain\n", 3), ("42\n", 1)])
def test_non_mapping_top_level(tmp_path: Path, text: str, line: int) -> None:
    assert _codes(_load(tmp_path, text))[0][:2] == (NOT_A_MAPPING, line)


def test_syntax_error_points_at_the_opening_bracket(tmp_path: Path) -> None:
    source = _load(tmp_path, "id: x\nsteps: [a, b\nnext: 1\n")
    assert _codes(source) == [(YAML_SYNTAX, 2, 8)]


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    source = _load(tmp_path, "id: !!python/object/apply:os.system ['echo owned']\n")
    assert source.issues and source.issues[0].code == YAML_SYNTAX
    assert "unsupported YAML tag" in source.issues[0].message


def test_unreadable_path_is_an_issue_not_an_exception(tmp_path: Path) -> None:
    source = load_yaml_source(tmp_path / "missing.yaml")
    assert source.issues and source.data is None
