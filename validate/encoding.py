"""Text encodings a source or label file may arrive in that are not UTF-8."""

from __future__ import annotations

from typing import Final

WIDE_BOMS: Final = (  # longest first: UTF-32 LE starts with UTF-16 LE's mark
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """The encoding the first bytes of a file show, when it is not UTF-8: ``"UTF-16"`` or
    ``"UTF-32"`` by its byte order mark; ``"UTF-16LE"``/``"UTF-16BE"`` for an ASCII character
    beside a NUL byte (UTF-16 without a mark); else ``None``. Windows tools write such files
    ("Unicode text" in Excel, ``>`` in PowerShell); read as UTF-8, every line would be a
    finding of its own."""
    for mark, encoding in WIDE_BOMS:
        if head.startswith(mark):
            return encoding
    if len(head) >= 2 and 0x20 <= head[0] < 0x7F and head[1] == 0:
        return "UTF-16LE"
    if len(head) >= 2 and head[0] == 0 and 0x20 <= head[1] < 0x7F:
        return "UTF-16BE"
    return None


def must_be_utf8(encoding: str, what: str) -> str:
    """The message for a file in ``encoding`` where ``what`` must be UTF-8, with the fix."""
    return (
        f"the file is {encoding}-encoded; {what} must be UTF-8 (save or export it as UTF-8, "
        f"for example with iconv -f {encoding} -t UTF-8)"
    )
