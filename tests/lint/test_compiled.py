"""The project's rubrics as a lint run reads them: by id, on first use (``RubricIndex``)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from tests.lint.conftest import LINT_RUBRICS, PROJECT
from validate.lint.compiled import ProjectError, RubricIndex, load_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the linter tests' three rubrics."""
    root = tmp_path / "project"
    shutil.copytree(PROJECT / "rubrics", root / "rubrics")
    return root


def _read(index: RubricIndex) -> set[str]:
    return {path.stem for path in index._read}


def test_an_id_reads_only_the_file_named_after_it(project: Path) -> None:
    spec = load_project(project)
    assert isinstance(spec.rubrics, RubricIndex)
    assert spec.rubrics["likert_rating"].data["id"] == "likert_rating"
    assert "bounding_box" in spec.rubrics
    assert _read(spec.rubrics) == {"likert_rating", "bounding_box"}


def test_listing_reads_every_file_in_discovery_order(project: Path) -> None:
    spec = load_project(project)
    spec.rubrics["response_ranking"]  # read first: the listing keeps folder order anyway
    assert list(spec.rubrics) == sorted(LINT_RUBRICS)
    assert len(spec.rubrics) == len(LINT_RUBRICS)


def test_an_unknown_id_reads_everything_then_fails(project: Path) -> None:
    spec = load_project(project)
    assert "likert" not in spec.rubrics
    assert spec.rubrics.get("likert") is None
    assert _read(spec.rubrics) == set(LINT_RUBRICS)
    with pytest.raises(KeyError):
        spec.rubrics[None]  # type: ignore[index]


def test_a_file_not_named_after_its_id_is_still_found(project: Path) -> None:
    (project / "rubrics" / "likert_rating.yaml").rename(project / "rubrics" / "scores.yaml")
    spec = load_project(project)
    assert spec.rubrics["likert_rating"].path.endswith("scores.yaml")
    assert "scores" not in spec.rubrics


def test_the_file_named_after_an_id_wins_over_an_earlier_file_declaring_it(
    project: Path,
) -> None:
    # aa.yaml (first in the folder) wrongly declares likert_rating too (SRC009): the lookup by
    # id uses the file whose name says so.
    text = (project / "rubrics" / "likert_rating.yaml").read_text("utf-8")
    (project / "rubrics" / "aa.yaml").write_text(text, "utf-8")
    spec = load_project(project)
    assert spec.rubrics["likert_rating"].path.endswith("likert_rating.yaml")
    assert list(spec.rubrics) == sorted(LINT_RUBRICS)


def test_data_handed_out_is_a_copy_and_an_edited_file_is_read_again(project: Path) -> None:
    first = load_project(project).rubrics["likert_rating"]
    first.data["title"] = "changed by a caller"
    assert load_project(project).rubrics["likert_rating"].data["title"] != "changed by a caller"
    path = project / "rubrics" / "likert_rating.yaml"
    path.write_text(path.read_text("utf-8").replace("version:", "version: 9.9.9 #", 1), "utf-8")
    assert load_project(project).rubrics["likert_rating"].data["version"] == "9.9.9"


def test_the_index_pickles_with_what_it_has_read(project: Path) -> None:
    spec = load_project(project)
    spec.rubrics["bounding_box"]
    copy = pickle.loads(pickle.dumps(spec))
    assert copy.rubrics["bounding_box"].data == spec.rubrics["bounding_box"].data
    assert list(copy.rubrics) == sorted(LINT_RUBRICS)
    assert list(spec.rubric_data()) == sorted(LINT_RUBRICS)


def test_a_folder_without_rubrics_is_a_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="no rubrics/ folder"):
        load_project(tmp_path)
    with pytest.raises(ProjectError, match="no such directory"):
        load_project(tmp_path / "missing")
