"""Earlier versions of the rubrics, read from git history, for the changelog's diffs.

Read-only and optional: outside a git checkout, or without git, there is no history and the
changelog shows no diffs. Two processes whatever the number of rubrics: one ``git log`` of the
commits that touched a ``version:`` line under ``rubrics/``, and one ``git cat-file --batch``
for the files at those commits.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from validate.loading.yaml_source import load_yaml_text


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def rubric_versions(root: Path) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """``rubric id -> [(version, data), ...]`` newest first, for every version in git history.

    The newest commit of each version wins (a version's final wording); the working tree's
    current version is included when it was committed. ``{}`` when there is no history.
    """
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return {}
    repo = Path(top.decode().strip())
    try:
        rubrics_dir = (root / "rubrics").resolve().relative_to(repo.resolve())
    except ValueError:
        return {}
    log = _git(repo, "log", "--format=@%H", "--name-only", "-G^version:", "--", str(rubrics_dir))
    if not log:
        return {}
    wanted: list[str] = []
    rev = ""
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("@"):
            rev = line[1:]
        elif line.endswith((".yaml", ".yml")):
            wanted.append(f"{rev}:{line}")
    blobs = _git(repo, "cat-file", "--batch", stdin=("\n".join(wanted) + "\n").encode())
    if blobs is None:
        return {}
    history: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    position = 0
    for spec in wanted:  # cat-file answers in request order: header line, then the content
        header_end = blobs.index(b"\n", position)
        header = blobs[position:header_end].split()
        position = header_end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # "missing": the file did not exist at that commit
        size = int(header[2])
        text = blobs[position : position + size].decode("utf-8", "replace")
        position += size + 1
        path = Path(spec.split(":", 1)[1])
        data = load_yaml_text(text, path).data
        if not isinstance(data, dict) or not isinstance(data.get("version"), str):
            continue
        versions = history.setdefault(path.stem, [])
        if all(v != data["version"] for v, _ in versions):
            versions.append((data["version"], data))
    return history
