"""Where objects start in a JSON text: a light scan that gives importers their line numbers.

JSON exports (Label Studio, COCO) are parsed whole by orjson, which keeps no positions. This
scan walks the same text once more with one regular expression that jumps from one structural
token to the next (a whole string is one token, so brackets inside strings are never counted)
and records the line where each object of interest starts. It costs a fraction of a second for
a few megabytes and needs no second JSON parser.

Patterns are tuples of keys and ``"*"`` (any array index): ``("*", "annotations", "*")`` is
every object in the ``annotations`` list of every element of a top-level array. The result maps
each concrete path (``(0, "annotations", 1)``) to its 1-based line. For text that is not valid
JSON the scan stops quietly; the parser has already reported the error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A string (JSON strings cannot hold raw newlines, so one never spans lines), a bracket, a
# comma, a colon or a newline. Everything else (numbers, literals, spaces) is skipped.
_TOKEN = re.compile(rb'"(?:[^"\\\n]|\\.)*"|[{}\[\],:\n]')

Path = tuple[str | int, ...]


def object_lines(text: bytes, patterns: Iterable[tuple[str, ...]]) -> dict[Path, tuple[int, int]]:
    """Map each object whose path matches one of ``patterns`` to its ``(line, column)``.

    Both are 1-based; the column counts characters, so it is useful on minified one-line
    files (TACO's COCO file is a single line).
    """
    wanted = [tuple(p) for p in patterns]
    depths = {len(p) for p in wanted}
    found: dict[Path, tuple[int, int]] = {}
    line = 1
    # The character column of byte ``counted`` on the current line, advanced as objects are
    # found, so each byte is decoded once (a minified file is one line: recounting from the
    # line start for every object was quadratic, 9 s for TACO's 3 MB).
    counted = 0
    column = 1
    # One frame per open container: [is_object, current key or index, expecting_key].
    stack: list[list[object]] = []
    path: list[str | int] = []
    pending_key: str | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if first == 0x0A:  # newline
            line += 1
            counted = match.end()
            column = 1
        elif first == 0x22:  # a string: a key when an object expects one
            if stack and stack[-1][0] and stack[-1][2]:
                pending_key = token[1:-1].decode("utf-8", "replace")
        elif first == 0x3A:  # colon: the pending key becomes the current key
            if stack and stack[-1][0]:
                stack[-1][1] = pending_key
                stack[-1][2] = False
        elif first == 0x2C:  # comma: next element or next key
            if stack:
                frame = stack[-1]
                if frame[0]:
                    frame[2] = True
                else:
                    frame[1] = int(frame[1]) + 1  # type: ignore[call-overload]
        elif first in (0x7B, 0x5B):  # { or [: a value opens inside the current container
            if stack:
                path.append(stack[-1][1])  # type: ignore[arg-type]
            if first == 0x7B and len(path) in depths:
                concrete = tuple(path)
                if any(_matches(concrete, p) for p in wanted):
                    start = match.start()
                    column += len(text[counted:start].decode("utf-8", "replace"))
                    counted = start
                    found[concrete] = (line, column)
            stack.append([first == 0x7B, 0, True] if first == 0x7B else [False, 0, False])
        else:  # } or ]
            if not stack:
                break
            stack.pop()
            if path:
                path.pop()
    return found


def _matches(path: Path, pattern: tuple[str, ...]) -> bool:
    if len(path) != len(pattern):
        return False
    return all(
        (p == "*" and isinstance(part, int)) or part == p
        for part, p in zip(path, pattern, strict=True)
    )
