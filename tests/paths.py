"""Suite-wide locations: the repository, and the read-only shared data beside it.

CI clones the repository into a fresh folder with a copy of ``shared/`` beside it, so the
shared folder is found relative to the repository, never by an absolute path.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RUBRICATE_SHARED", REPO.parent / "shared"))
REALDATA = SHARED / "realdata"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def require_shared(path: Path) -> Path:
    """Return ``path`` inside shared/, failing loudly (not skipping) when it is missing."""
    if not path.exists():
        pytest.fail(f"shared data missing: {path} (set RUBRICATE_SHARED to its folder)")
    return path
