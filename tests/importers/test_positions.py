"""The importers' line/column scan: objects located by character column on one-line files,
by line on pretty-printed ones, and strings never mistaken for structure."""

from __future__ import annotations

import json

from validate.importers.positions import object_lines


def _expected(text: str, needle: str) -> tuple[int, int]:
    """1-based (line, character column) of the first ``needle`` in ``text``."""
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def test_columns_count_characters_on_a_minified_line() -> None:
    doc = {
        "info": {"note": "é€😀 {[,:]} \\" * 3},
        "images": [{"id": i, "caption": "ü" * i, "mark": f"m{i}"} for i in range(40)],
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    found = object_lines(text.encode(), [("images", "*")])
    assert len(found) == 40
    for i in range(40):
        start = text.index(f'{{"id":{i},')
        assert found[("images", i)] == (1, start + 1)


def test_lines_of_a_pretty_printed_export() -> None:
    doc = [{"id": n, "annotations": [{"id": 10 * n + k} for k in range(2)]} for n in range(3)]
    text = json.dumps(doc, indent=2)
    found = object_lines(text.encode(), [("*",), ("*", "annotations", "*")])
    assert found[(2, "annotations", 1)] == _expected(text, '{\n        "id": 21')
    assert found[(1,)] == _expected(text, '{\n    "id": 1,')
