"""Baselines: accept today's findings so a legacy data set fails only on new ones.

JSONL cannot carry ``# noqa`` comments, so a baseline file lists the findings to tolerate.
A finding matches a baseline entry when the file's *base name*, the code, the record id (or,
for findings without one, the line) and the message are equal; each entry absorbs one
finding, so a record that grows a second identical problem still fails.

Format (JSON, written atomically, sorted so it diffs well)::

    {"version": 1, "tool": "rubricate",
     "findings": [{"file": "labels.jsonl", "code": "LKT003", "record_id": "r7",
                   "line": 7, "message": "..."}]}
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from validate.findings import Finding
from validate.reporting.output import write_atomic

BASELINE_VERSION = 1

Key = tuple[str, str, str, str]


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a baseline."""


def key_of(file: str, code: str, record_id: str | None, line: int, message: str) -> Key:
    """The matching key: base name, code, record id or ``line:N``, message."""
    where = f"id:{record_id}" if record_id is not None else f"line:{line}"
    return (os.path.basename(file), code, where, message)


def finding_key(finding: Finding) -> Key:
    """:func:`key_of` a finding."""
    return key_of(finding.file, finding.code, finding.record_id, finding.line, finding.message)


def entry(finding: Finding) -> dict[str, Any]:
    """One baseline entry."""
    data: dict[str, Any] = {
        "file": os.path.basename(finding.file),
        "code": finding.code,
        "line": finding.line,
        "message": finding.message,
    }
    if finding.record_id is not None:
        data["record_id"] = finding.record_id
    return data


def write_baseline(path: Path | str, findings: list[Finding]) -> None:
    """Write ``findings`` as a baseline (atomically)."""
    entries = sorted(
        (entry(f) for f in findings),
        key=lambda e: (e["file"], e["line"], e["code"], e["message"]),
    )
    payload = {"version": BASELINE_VERSION, "tool": "rubricate", "findings": entries}
    write_atomic(path, json.dumps(payload, indent=1, ensure_ascii=False) + "\n")


def read_baseline(path: Path | str) -> Counter[Key]:
    """The keys of a baseline file, counted; :class:`BaselineError` when unusable."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: baseline is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a rubricate baseline (no 'findings' list)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r}")
    keys: Counter[Key] = Counter()
    for index, item in enumerate(data["findings"]):
        try:
            rid = item.get("record_id")
            keys[
                key_of(
                    str(item["file"]),
                    str(item["code"]),
                    None if rid is None else str(rid),
                    int(item.get("line", 0)),
                    str(item["message"]),
                )
            ] += 1
        except (AttributeError, KeyError, TypeError, ValueError):
            raise BaselineError(f"{path}: entry {index} is malformed") from None
    return keys


def apply_baseline(findings: list[Finding], keys: Counter[Key]) -> tuple[list[Finding], int]:
    """``(new findings, how many the baseline absorbed)``."""
    remaining = Counter(keys)
    kept: list[Finding] = []
    absorbed = 0
    for finding in findings:
        key = finding_key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            absorbed += 1
        else:
            kept.append(finding)
    return kept, absorbed
