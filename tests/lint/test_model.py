"""The engine's shared helpers for findings: locations and pointers."""

from __future__ import annotations

import pytest

from validate.lint.model import pack, pointer, shown_pointer, unpack


def test_pointer_escapes_per_rfc_6901() -> None:
    assert pointer("label", "a/b", "c~d", 0) == "/label/a~1b/c~0d/0"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("/label/x\n::error::y", "/label/x\\n::error::y"),
        ("/label/a\r\tb", "/label/a\\r\\tb"),
        ("/label/\x1b[31mred", "/label/\\x1b[31mred"),
        ("/label/\x85\u2028", "/label/\\x85\\u2028"),
        ("/label/é ü 日本", "/label/é ü 日本"),  # printable text as it is
    ],
)
def test_shown_pointer_puts_no_line_break_in_a_message(raw: str, shown: str) -> None:
    assert shown_pointer(raw) == shown


def test_pack_round_trips() -> None:
    assert unpack(pack(3, 1_234_567)) == (3, 1_234_567)
