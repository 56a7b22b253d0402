"""Findings: the plain data every check returns and every reporter consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``error > warning > info``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Return the severity named ``text`` (case-insensitive); ``ValueError`` otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r}; expected one of error, warning, info"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, located in a file.

    Sorts by ``(file, line, column, code)`` so reports are stable. ``line`` and ``column``
    are 1-based; 0 means "the whole file". ``pointer`` is a JSON Pointer into the record
    (label files) or the source document (YAML sources).
    """

    file: str
    line: int
    column: int
    code: str
    name: str = field(compare=False)
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    record_id: str | None = field(default=None, compare=False)
    pointer: str | None = field(default=None, compare=False)
    help_uri: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (severity as its lowercase name)."""
        data = dict(self.__dict__)  # the fields, in order; all scalars (asdict deep-copies)
        data["severity"] = str(self.severity)
        return data

    def location(self) -> str:
        """``path:line:col`` as editors and terminals link it."""
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """What a rule yields: a message and a place. The engine turns it into a :class:`Finding`.

    Rules never set their own code, name or severity: the registry and the configuration do,
    so a rule cannot drift from its documentation.
    """

    message: str
    file: str
    line: int = 0
    column: int = 0
    pointer: str | None = None
    record_id: str | None = None


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in report order: by place, then code, then message (stable across runs)."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.column, f.code, f.message))
