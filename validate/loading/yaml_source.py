"""Load one YAML source safely, keeping the position of every node.

PyYAML's C composer builds the node tree (with line and column on every node) at the cost of a
plain ``safe_load``; we then construct Python data from the nodes ourselves, which lets us:

* resolve scalars with the YAML 1.2 core schema, so ``2026-10-04`` and ``yes`` stay strings
  instead of turning into dates and booleans (PyYAML follows YAML 1.1);
* report duplicate keys at the second occurrence;
* bound alias expansion, so a "billion laughs" file is refused after a fixed amount of work;
* map any data path back to a line and column for error messages.

Hazards are returned as :class:`LoadIssue` values, never raised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from validate.encoding import wide_encoding

try:  # libyaml is ~10x faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_SOURCE_BYTES = 2 * 1024 * 1024
"""Largest source file we read (2 MiB): real guideline sources are a few KiB."""

MAX_EXPANDED_NODES = 200_000
"""Most nodes construction may visit, counting every alias expansion."""

# Codes of the loader hazards; each is documented by the rule module of the same code.
YAML_SYNTAX = "SRC001"
DUPLICATE_KEY = "SRC002"
ALIAS_LIMIT = "SRC003"
FILE_TOO_LARGE = "SRC004"
INVALID_ENCODING = "SRC005"
EMPTY_FILE = "SRC006"
NOT_A_MAPPING = "SRC007"


class _Core12Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader whose implicit scalar tags follow the YAML 1.2 core schema."""


_Core12Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    _Core12Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


@dataclass(frozen=True)
class LoadIssue:
    """A loader hazard: its rule code, a message and a 1-based position (0 = whole file)."""

    code: str
    message: str
    line: int = 0
    column: int = 0


@dataclass
class YamlSource:
    """A loaded source: its data, its node tree and any hazards found on the way."""

    path: Path
    data: Any = None
    root: yaml.Node | None = None
    issues: list[LoadIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file produced a usable mapping."""
        return isinstance(self.data, dict) and not any(
            issue.code != DUPLICATE_KEY for issue in self.issues
        )

    def position(self, path: tuple[Any, ...] | list[Any], *, key: bool = False) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of the value at ``path``.

        Walks the node tree along ``path`` (mapping keys and sequence indexes) and stops at the
        deepest node that exists, so a missing key reports its parent mapping. With ``key=True``
        and a mapping entry as the last step, the position of the key itself is returned.
        """
        node = self.root
        if node is None:
            return (1, 1)
        for step in path:
            child = _child(node, step, key=key and step is path[-1])
            if child is None:
                break
            node = child
        return (node.start_mark.line + 1, node.start_mark.column + 1)


def _child(node: yaml.Node, step: Any, *, key: bool) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return key_node if key else value_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        return node.value[step] if 0 <= step < len(node.value) else None
    return None


def load_yaml_source(path: Path, *, max_bytes: int = MAX_SOURCE_BYTES) -> YamlSource:
    """Read and load ``path``; every hazard becomes a located :class:`LoadIssue`."""
    source = YamlSource(path=path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            source.issues.append(
                LoadIssue(FILE_TOO_LARGE, f"file is {size:,} bytes; the limit is {max_bytes:,}")
            )
            return source
        raw = path.read_bytes()
    except OSError as exc:
        source.issues.append(LoadIssue(YAML_SYNTAX, f"cannot read file: {exc.strerror or exc}"))
        return source
    text = _decode(raw, source)
    if text is None:
        return source
    _compose_and_construct(text, source)
    return source


def load_yaml_text(text: str, path: Path) -> YamlSource:
    """Load YAML from a string (used by tests and by ``rubricate new``)."""
    source = YamlSource(path=path)
    _compose_and_construct(text, source)
    return source


def _decode(raw: bytes, source: YamlSource) -> str | None:
    encoding = wide_encoding(raw[:4])
    if encoding is not None:  # ASCII in UTF-16 is valid UTF-8, full of NUL characters
        source.issues.append(
            LoadIssue(INVALID_ENCODING, f"the file is {encoding}-encoded; save it as UTF-8", 1, 1)
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        source.issues.append(
            LoadIssue(
                INVALID_ENCODING,
                f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
                line,
                column,
            )
        )
        return None
    return text.removeprefix("\ufeff")


def _compose_and_construct(text: str, source: YamlSource) -> None:
    try:
        root = yaml.compose(text, Loader=_Core12Loader)
    except yaml.MarkedYAMLError as exc:
        source.issues.append(_syntax_issue(exc, text))
        return
    except yaml.YAMLError as exc:  # pragma: no cover - every composer error is marked
        source.issues.append(LoadIssue(YAML_SYNTAX, str(exc), 1, 1))
        return
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        source.issues.append(
            LoadIssue(EMPTY_FILE, "file is empty; a source needs at least an 'id'", 1, 1)
        )
        return
    source.root = root
    if not isinstance(root, yaml.MappingNode):
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        source.issues.append(
            LoadIssue(
                NOT_A_MAPPING,
                f"top level is {kind}; a source must be a mapping of fields",
                root.start_mark.line + 1,
                root.start_mark.column + 1,
            )
        )
        return
    constructor = _Constructor(source)
    try:
        source.data = constructor.construct(root)
    except _ExpansionLimit as exc:
        source.data = None
        source.issues.append(
            LoadIssue(
                ALIAS_LIMIT,
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} nodes; "
                "refusing to expand (possible alias bomb)",
                exc.line,
                exc.column,
            )
        )


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str) -> LoadIssue:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and exc.context and "flow" in exc.context:
        # An unclosed [ or { is found lines later; the opening bracket is what to fix.
        mark = exc.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    lines = text.splitlines()
    # PyYAML's message for a tab is cryptic; name the real cause.
    for number in range(max(0, line - 2), min(len(lines), line + 1)):
        stripped = lines[number].lstrip(" ")
        if stripped.startswith("\t"):
            indent = len(lines[number]) - len(stripped)
            return LoadIssue(
                YAML_SYNTAX,
                "tab character in indentation; YAML indents with spaces only",
                number + 1,
                indent + 1,
            )
    problem = exc.problem or exc.context or "invalid YAML"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    return LoadIssue(YAML_SYNTAX, f"YAML syntax error: {problem}{context}", line, column)


class _ExpansionLimit(Exception):
    def __init__(self, node: yaml.Node) -> None:
        super().__init__()
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


class _Constructor:
    """Builds plain Python data from nodes, counting every node it visits."""

    def __init__(self, source: YamlSource) -> None:
        self._source = source
        self._budget = MAX_EXPANDED_NODES
        self._scalars = yaml.SafeLoader("")  # borrowed for its scalar constructors only

    def construct(self, node: yaml.Node) -> Any:
        self._budget -= 1
        if self._budget < 0:
            raise _ExpansionLimit(node)
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self._issue(
                    YAML_SYNTAX, node, f"unsupported YAML tag {node.tag!r}; use plain values"
                )
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._issue(
                    YAML_SYNTAX, node, f"unsupported YAML tag {node.tag!r}; use plain values"
                )
            return [self.construct(child) for child in node.value]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct(key_node)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                self._issue(YAML_SYNTAX, key_node, "a mapping key must be a plain value")
                continue
            if key in result:
                self._issue(
                    DUPLICATE_KEY,
                    key_node,
                    f"duplicate key {key!r}: the later value would silently replace the "
                    "earlier one",
                )
            result[key] = self.construct(value_node)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:str":
            return node.value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return node.value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return self._scalars.construct_yaml_int(node)
        if tag == "tag:yaml.org,2002:float":
            return self._scalars.construct_yaml_float(node)
        # Explicit tags (!!binary, !!timestamp, custom) are not part of the source format.
        self._issue(YAML_SYNTAX, node, f"unsupported YAML tag {tag!r}; use plain values")
        return node.value

    def _issue(self, code: str, node: yaml.Node, message: str) -> None:
        self._source.issues.append(
            LoadIssue(code, message, node.start_mark.line + 1, node.start_mark.column + 1)
        )
