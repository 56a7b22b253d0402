"""Where a key is written in a TOML file, so configuration errors can say ``path:line:col``.

``tomllib`` parses without positions. This scanner reads the lines of a file that already
parsed: each table header (``[gates.agreement]``, ``[[x]]``) and each ``key = value`` line
(dotted and quoted keys included) gives a full key path and its line and column. Lines inside
multi-line strings are skipped, and so are the lines of a multi-line array (its items are
values, never keys). A key path is located at the entry that names the longest part of it:
``gates.agreement.minimum`` written inside ``gates = {agreement = {...}}`` is located at the
``gates`` line.
"""

from __future__ import annotations

import json
import re

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\]|\\.)*"'
_LITERAL = r"'[^']*'"
_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_HEADER = re.compile(rf"^\s*\[\[?\s*(?P<name>{_DOTTED})\s*\]\]?")
_KEY = re.compile(rf"^\s*(?P<name>{_DOTTED})\s*=")
_ONE_PART = re.compile(_PART)
_TRIPLE = re.compile(r'"""|\'\'\'')
_STRINGS = re.compile(rf'""".*?"""|\'\'\'.*?\'\'\'|{_BASIC}|{_LITERAL}')


def _parts(dotted: str) -> tuple[str, ...]:
    out = []
    for part in _ONE_PART.findall(dotted):
        if part[:1] == '"':
            try:  # TOML's basic-string escapes are JSON's (and a few more, kept as written)
                out.append(json.loads(part))
            except ValueError:
                out.append(part[1:-1])
        elif part[:1] == "'":
            out.append(part[1:-1])
        else:
            out.append(part)
    return tuple(out)


def key_positions(text: str) -> list[tuple[tuple[str, ...], int, int]]:
    """``(key path, line, column)`` of every table header and key, in file order (1-based)."""
    found: list[tuple[tuple[str, ...], int, int]] = []
    table: tuple[str, ...] = ()
    in_string: str | None = None  # the delimiter of an open multi-line string
    depth = 0  # open brackets of a multi-line array
    for number, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        if depth == 0:
            header = _HEADER.match(line)
            if header is not None:
                table = _parts(header.group("name"))
                found.append((table, number, header.start("name") + 1))
                continue
            key = _KEY.match(line)
            if key is not None:
                found.append((table + _parts(key.group("name")), number, key.start("name") + 1))
        triples = _TRIPLE.findall(line)
        if len(triples) % 2:  # a multi-line string opens on this line
            in_string = triples[-1]
            continue
        code = _STRINGS.sub("", line).split("#", 1)[0]
        depth = max(0, depth + code.count("[") - code.count("]"))
    return found


def locate(text: str, path: tuple[str, ...]) -> tuple[int, int] | None:
    """``(line, column)`` of the entry naming the longest leading part of ``path``."""
    best: tuple[int, int, int] | None = None  # (matched parts, line, column)
    for keys, line, column in key_positions(text):
        if keys and path[: len(keys)] == keys and (best is None or len(keys) > best[0]):
            best = (len(keys), line, column)
    return None if best is None else (best[1], best[2])
