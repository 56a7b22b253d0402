"""Build a project for one source-rule fixture case: the base project plus the case's edits.

Edit keys (all optional): ``files`` (path -> full text), ``binary`` (path -> base64 bytes),
``replace`` (path -> {old: new}; the old text must occur, so a fixture cannot silently do
nothing), ``copy`` (path -> new path), ``pad`` (path -> bytes of comment appended).
"""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any

BASE_PROJECT = Path(__file__).parent / "fixtures" / "base_project"


def build_project(case: dict[str, Any], target: Path) -> Path:
    """Copy the base project to ``target`` and apply the case's edits."""
    shutil.copytree(BASE_PROJECT, target)
    for rel, text in (case.get("files") or {}).items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    for rel, data in (case.get("binary") or {}).items():
        (target / rel).write_bytes(base64.b64decode(data))
    for rel, pairs in (case.get("replace") or {}).items():
        text = (target / rel).read_text(encoding="utf-8")
        for old, new in pairs.items():
            assert old in text, f"fixture replaces text not found in {rel}: {old!r}"
            text = text.replace(old, new, 1)
        (target / rel).write_text(text, encoding="utf-8")
    for rel, new_rel in (case.get("copy") or {}).items():
        shutil.copy(target / rel, target / new_rel)
    for rel, size in (case.get("pad") or {}).items():
        with (target / rel).open("a", encoding="utf-8") as handle:
            handle.write("#" + "x" * size + "\n")
    return target
