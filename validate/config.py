"""Project configuration: ``[tool.rubricate]`` in pyproject.toml, or ``rubricate.toml``.

Keys (kebab-case, as in ruff): ``select``, ``ignore``, ``extend-select``, ``extend-ignore``,
``per-file-ignores`` (glob -> codes), ``fail-on`` (error / warning / info), ``severity``
(code -> severity), ``rules`` (code -> options) and the linter's keys. Unknown keys are
rejected by name; command-line flags override the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from validate.suggest import unknown_keys, unknown_names
from validate.toml_lines import locate

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")
"""Where ``tomllib`` says a syntax error is, at the end of its message."""
_AT_END = "(at end of document)"

_CODES = {"type": "array", "items": {"type": "string"}}


def _relaxed(node: Any) -> Any:
    """A schema with every ``required`` dropped and ``$ref``s inlined as plain strings: an
    override may set one field of a gate (``agreement.minimum``) without the others."""
    if isinstance(node, dict):
        if "$ref" in node:
            return {"type": "string"}  # the only references in quality_gates are ids
        return {k: _relaxed(v) for k, v in node.items() if k != "required"}
    if isinstance(node, list):
        return [_relaxed(v) for v in node]
    return node


def gate_override_schema() -> dict[str, Any]:
    """Schema of one layer of quality-gate overrides: the rubric's ``quality_gates`` with
    every field optional (``[tool.rubricate.gates]``, ``--gate``, ``--platform``)."""
    from validate.schemas import load_schema

    return _relaxed(load_schema("rubric")["properties"]["quality_gates"])


def gates_config_schema() -> dict[str, Any]:
    """``[tool.rubricate.gates]``: overrides for every rubric, plus ``per-rubric.<id>``."""
    one = gate_override_schema()
    return {
        **one,
        "properties": {
            **one["properties"],
            "per-rubric": {"type": "object", "additionalProperties": one},
        },
    }


CONFIG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": _CODES,
        "ignore": _CODES,
        "extend-select": _CODES,
        "extend-ignore": _CODES,
        "per-file-ignores": {"type": "object", "additionalProperties": _CODES},
        "fail-on": {"enum": ["error", "warning", "info"]},
        "severity": {
            "type": "object",
            "additionalProperties": {"enum": ["error", "warning", "info"]},
        },
        "rules": {"type": "object", "additionalProperties": {"type": "object"}},
        "rubric": {"type": "string"},
        "format": {"type": "string"},
        # a number of processes or "auto" (a single schema: "anyOf" explains nothing)
        "jobs": {"type": ["integer", "string"], "minimum": 1, "pattern": "^auto$"},
        "exclude": {"type": "array", "items": {"type": "string"}},
        "baseline": {"type": "string"},
        "gates": gates_config_schema(),
        "site-url": {"type": "string"},
    },
}


class ConfigError(ValueError):
    """The configuration file is unreadable or invalid; the message names file and key."""


@dataclass
class Config:
    """Settings read from a configuration file (empty when there is none)."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    """The file as read, to locate keys in messages (:mod:`validate.toml_lines`)."""

    def get(self, key: str, default: Any = None) -> Any:
        """A setting by its kebab-case key."""
        return self.values.get(key, default)


def shown_path(path: Path) -> str:
    """A configuration file as messages name it: relative to the current directory when it
    is inside it (a file found by :func:`find_config` has an absolute path)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def find_config(start: Path) -> Path | None:
    """``rubricate.toml``, or a ``pyproject.toml`` with ``[tool.rubricate]``, in ``start``."""
    own = start / "rubricate.toml"
    if own.is_file():
        return own
    pyproject = start / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return pyproject  # let load_config report it properly
        if "rubricate" in data.get("tool", {}):
            return pyproject
    return None


def _toml_syntax_error(path: Path, text: str, message: str) -> str:
    """``tomllib``'s message at ``path:line:col``.

    ``tomllib`` gives the position at the end of its message, except when the parser ran
    off the end of the file ("at end of document": an unclosed array, table or string),
    which is put at the end of the file's last line of content, where an editor shows it.
    """
    at = _TOML_POSITION.search(message)
    if at is not None:
        where = f"{shown_path(path)}:{at.group(1)}:{at.group(2)}"
        return f"{where}: invalid TOML: {message[: at.start()].rstrip()}"
    if message.endswith(_AT_END):
        lines = text.rstrip().split("\n")
        where = f"{shown_path(path)}:{len(lines)}:{len(lines[-1]) + 1}"
        return f"{where}: invalid TOML: {message}"
    return f"{shown_path(path)}: invalid TOML: {message}"


def load_config(path: Path | None) -> Config:
    """Read and validate a configuration file; ``ConfigError`` names what is wrong."""
    if path is None:
        return Config()
    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{shown_path(path)}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_syntax_error(path, text, str(exc))) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("rubricate", {})
        prefix = "[tool.rubricate]"
        table: tuple[str, ...] = ("tool", "rubricate")
    else:
        prefix = ""
        table = ()
    # Imported here: every command reads the configuration, most projects have none, and
    # jsonschema takes a tenth of a second to import.
    from jsonschema import Draft202012Validator

    errors = sorted(Draft202012Validator(CONFIG_SCHEMA).iter_errors(data), key=lambda e: e.path)
    if errors:
        error = errors[0]
        keys = ".".join(str(p) for p in error.absolute_path)
        unknown = unknown_keys(error)
        # the line of the offending key (an unknown one's own), else of its nearest table
        at = locate(
            text, table + tuple(map(str, error.absolute_path)) + tuple(unknown_names(error)[:1])
        )
        shown = shown_path(path) if at is None else f"{shown_path(path)}:{at[0]}:{at[1]}"
        if unknown:
            name = ".".join(filter(None, [prefix.strip("[]"), keys]))
            place = f"[{name}]" if name else "file"
            raise ConfigError(f"{shown}: unknown option {', '.join(unknown)} in {place}")
        where = keys or "file"
        raise ConfigError(f"{shown}: {prefix}{'.' if prefix else ''}{where}: {error.message}")
    return Config(path=path, values=data, text=text)
