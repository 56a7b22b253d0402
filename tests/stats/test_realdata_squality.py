"""Real summary ratings: SQuALITY's human evaluation (Wang et al. 2022; shared/realdata/
SOURCES.md section 3). 100 questions x 3 systems, each response rated 0-100 on correctness,
selection and overall by 3 of 4 reviewers, who also rank the three systems per question.

Two checks on data a lead would bring: interval and ordinal alpha on 0-100 ratings (many
distinct values: the report's array path against the accumulator and the ``krippendorff``
package), and RNK003 (ratings that contradict the ranking) on the reviewers' own ranks, where
77 groups break equal ratings into distinct ranks silently (a tie broken, not a contradiction).
"""

from __future__ import annotations

import json
from typing import Any

import krippendorff
import numpy as np
import pytest

from tests.paths import REALDATA, require_shared
from validate.rules.ranking.ratings_consistent import check as ratings_consistent
from validate.stats.agreement import CodedJudgements, UnitCounts

DIMENSIONS = ("correctness", "selection", "overall")
INTERVAL_ALPHA = {"correctness": 0.4587, "selection": 0.7813, "overall": 0.7983}


@pytest.fixture(scope="module")
def reviews() -> list[dict[str, Any]]:
    """Every review, with its passage and question."""
    path = require_shared(REALDATA / "squality-human-eval" / "all-responses.jsonl")
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            passage = json.loads(line)
            for number, question in passage["questions"].items():
                for system in question.values():
                    for review in system["reviews"]:
                        out.append({**review, "passage": passage["passage-id"], "q": number})
    return out


def test_shape_of_the_data(reviews: list[dict[str, Any]]) -> None:
    assert len(reviews) == 900
    assert len({r["worker_id"] for r in reviews}) == 4
    assert {r["system"] for r in reviews} == {"bart", "bart-dpr", "human"}
    assert all(0 <= r[f"{d}-rating"] <= 100 for r in reviews for d in DIMENSIONS)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_alpha_on_0_to_100_ratings(reviews: list[dict[str, Any]], dimension: str) -> None:
    """Unit: one system's response to one question; coder: the reviewer."""
    coded = CodedJudgements()
    for r in reviews:
        coded.add((r["passage"], r["q"], r["system"]), r["worker_id"], r[f"{dimension}-rating"])
    acc = coded.to_coincidence()
    units = sorted({(r["passage"], r["q"], r["system"]) for r in reviews})
    workers = sorted({r["worker_id"] for r in reviews})
    matrix = np.full((len(workers), len(units)), np.nan)
    for r in reviews:
        unit = units.index((r["passage"], r["q"], r["system"]))
        matrix[workers.index(r["worker_id"]), unit] = r[f"{dimension}-rating"]
    values = sorted({r[f"{dimension}-rating"] for r in reviews})
    codes = {v: i for i, v in enumerate(values)}
    array_path = UnitCounts(
        np.array([units.index((r["passage"], r["q"], r["system"])) for r in reviews]),
        np.array([codes[r[f"{dimension}-rating"]] for r in reviews]),
        values,
    )
    for level in ("interval", "ordinal"):
        theirs = krippendorff.alpha(
            reliability_data=matrix, level_of_measurement=level, value_domain=values
        )
        assert acc.alpha(level) == pytest.approx(theirs, abs=1e-9), level
        assert array_path.alpha(level) == pytest.approx(theirs, abs=1e-9), level
    # interval alpha: reviewers agree on selection and overall, much less on correctness
    assert acc.alpha("interval") == pytest.approx(INTERVAL_ALPHA[dimension], abs=1e-4)


def _ranked(reviews: list[dict[str, Any]], dimension: str, reverse: bool = False) -> list[Any]:
    """A response_ranking record per (passage, question, reviewer): the reviewer's ranks as
    the ranking, their ratings as ``label.ratings``."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in reviews:
        groups.setdefault((r["passage"], r["q"], r["worker_id"]), []).append(r)
    records = []
    for key, group in sorted(groups.items()):
        ranking = [r["system"] for r in sorted(group, key=lambda r: r[f"{dimension}-rank"])]
        if reverse:
            ranking.reverse()
        records.append(
            {
                "id": "/".join(key),
                "rubric": "response_ranking",
                "item": {"responses": [{"id": s} for s in ranking]},
                "label": {
                    "ranking": ranking,
                    "ratings": {r["system"]: r[f"{dimension}-rating"] for r in group},
                },
            }
        )
    return records


def test_rnk003_accepts_ties_broken_silently_and_finds_every_reversal(
    reviews: list[dict[str, Any]],
) -> None:
    ties = flagged = reversed_flagged = distinct = 0
    for dimension in DIMENSIONS:
        for record in _ranked(reviews, dimension):
            ratings = list(record["label"]["ratings"].values())
            ties += len(set(ratings)) < len(ratings)
            distinct += len(set(ratings)) > 1
            flagged += bool(list(ratings_consistent(record, None, {})))
        for record in _ranked(reviews, dimension, reverse=True):
            reversed_flagged += bool(list(ratings_consistent(record, None, {})))
    assert ties == 77  # SOURCES.md: equal ratings, distinct ranks
    assert flagged == 0  # no real review ranks a lower-rated response higher
    # best-to-worst read backwards contradicts every group whose ratings are not all equal
    assert reversed_flagged == distinct > 800
