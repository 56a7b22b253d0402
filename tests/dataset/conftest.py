"""A project copy with the rubrics the dataset tests use (concurrent edits cannot break it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RUBRICS = (
    "likert_rating",
    "sentiment_analysis",
    "bounding_box",
    "response_ranking",
    "rlhf_preference",
)


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with copies of :data:`RUBRICS` and one platform profile with settings."""
    root = tmp_path_factory.mktemp("dst-project")
    (root / "rubrics").mkdir()
    for name in RUBRICS:
        shutil.copy(REPO / "rubrics" / f"{name}.yaml", root / "rubrics" / f"{name}.yaml")
    platforms = root / "guidelines" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "strict.yaml").write_text(
        "id: strict\nquality_control:\n  settings: {min_judgements: 4, gold_accuracy: 0.95, "
        "min_seconds: 25}\n",
        "utf-8",
    )
    return root
