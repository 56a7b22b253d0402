"""Locating keys in TOML text for configuration errors."""

from __future__ import annotations

import tomllib

from validate.toml_lines import key_positions, locate

TEXT = '''# a comment = not a key
jobs = "auto"
"quoted key" = 1
site."dotted part".x = 2
notes = """
fake = "inside a string"
[not.a.table]
"""
select = [
  "LBL",   # [bracket in a comment
  "]",
]
[gates.agreement]
minimum = 0.5
[[runs]]
name = "first"
'''


def test_every_header_and_key_with_its_line_and_column() -> None:
    tomllib.loads(TEXT)  # the scanner reads files that already parsed
    assert key_positions(TEXT) == [
        (("jobs",), 2, 1),
        (("quoted key",), 3, 1),
        (("site", "dotted part", "x"), 4, 1),
        (("notes",), 5, 1),
        (("select",), 9, 1),
        (("gates", "agreement"), 13, 2),
        (("gates", "agreement", "minimum"), 14, 1),
        (("runs",), 15, 3),
        (("runs", "name"), 16, 1),
    ]


def test_locate_takes_the_longest_named_part() -> None:
    assert locate(TEXT, ("gates", "agreement", "minimum")) == (14, 1)
    assert locate(TEXT, ("gates", "agreement", "metric")) == (13, 2)  # unwritten: its table
    assert locate(TEXT, ("select", "1")) == (9, 1)
    assert locate(TEXT, ("fake",)) is None  # only inside a string
    assert locate(TEXT, ("not", "a", "table")) is None
