"""Suite-wide locations: the repository, and the read-only shared data beside it.

CI clones the repository into a fresh folder with a copy of ``shared/`` beside it, so the
shared folder is found relative to the repository, never by an absolute path: in order,
``RUBRICATE_SHARED``, ``shared/`` beside the repository, and ``shared/`` beside the
repository this one was cloned from when that is a local folder (``git clone . /tmp/x``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _local_origin() -> Path | None:
    """The folder this clone was made from, when its ``origin`` is a local path."""
    try:
        url = subprocess.run(
            ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if url.startswith("file://"):
        url = url.removeprefix("file://")
    elif not url or "://" in url or ":" in url.split("/", 1)[0]:
        return None  # none, or a remote (https://..., user@host:path)
    return (REPO / url).resolve()  # an absolute url stays as it is


def _shared() -> Path:
    explicit = os.environ.get("RUBRICATE_SHARED")
    if explicit:
        return Path(explicit)
    beside = REPO.parent / "shared"
    if beside.is_dir():
        return beside
    origin = _local_origin()
    if origin is not None and (origin.parent / "shared").is_dir():
        return origin.parent / "shared"
    return beside  # missing: require_shared says where it was looked for


SHARED = _shared()
REALDATA = SHARED / "realdata"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def require_shared(path: Path) -> Path:
    """Return ``path`` inside shared/, failing loudly (not skipping) when it is missing."""
    if not path.exists():
        pytest.fail(f"shared data missing: {path} (set RUBRICATE_SHARED to its folder)")
    return path
