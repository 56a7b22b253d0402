"""Synthetic crowdsourced label files for the dataset-rule tests (deterministic for a seed)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson

DIMS = ("helpfulness", "correctness", "coherence", "honesty")


def likert_records(
    *,
    items: int = 60,
    annotators: int = 8,
    per_item: int = 3,
    gold_every: int = 5,
    seed: int = 0,
) -> list[dict[str, Any]]:
    """``likert_rating`` judgements with overlap, gold items and a few bad annotators.

    ``ann-0`` straight-lines (always 4/4/4/4), ``ann-1`` is fast (2 s), ``ann-2`` answers at
    random (low gold accuracy); the others answer the truth +-1. Every ``gold_every``-th
    item has a gold record; ``ann-3`` judges item 0 twice with different answers.
    """
    rng = random.Random(seed)
    truth = {i: {d: rng.randint(1, 5) for d in DIMS} for i in range(items)}
    out: list[dict[str, Any]] = []
    n = 0
    for i in range(items):
        item = f"conv-{i}"
        if i % gold_every == 0:
            out.append(_rec(f"gold-{i}", item, None, truth[i], gold=True))
        chosen = rng.sample(range(annotators), per_item)
        for a in chosen:
            n += 1
            if a == 0:
                scores = dict.fromkeys(DIMS, 4)
            elif a == 2:
                scores = {d: rng.randint(1, 5) for d in DIMS}
            else:
                scores = {
                    d: min(5, max(1, v + rng.choice((-1, 0, 0, 0, 1)))) for d, v in truth[i].items()
                }
            duration = 2.0 + rng.random() if a == 1 else 20.0 + 40 * rng.random()
            out.append(_rec(f"r{n}", item, f"ann-{a}", scores, duration=duration))
    out.append(_rec("dup-1", "conv-0", "ann-3", dict.fromkeys(DIMS, 1), duration=30.0))
    out.append(_rec("dup-2", "conv-0", "ann-3", dict.fromkeys(DIMS, 5), duration=30.0))
    return out


def _rec(
    rid: str,
    item: str,
    annotator: str | None,
    scores: dict[str, int],
    *,
    gold: bool = False,
    duration: float | None = None,
) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": rid, "rubric": "likert_rating", "item_id": item}
    if annotator is not None:
        rec["annotator_id"] = annotator
    rec["label"] = {"scores": scores, "rationale": "because"}
    if gold:
        rec["gold"] = True
    if duration is not None:
        rec["duration_s"] = round(duration, 2)
    return rec


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    """Write ``records`` as JSONL."""
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path


BOX_CATEGORIES = ("person", "car", "dog", "bicycle")

MALFORMED_BOXES: list[Any] = [
    [{"category": 3, "bbox": "x"}],
    [{"category": 3, "bbox": [1, 2, 3, 4]}],  # a numeric category id: usable
    [{"category": "car", "bbox": ["1", 2, 3, 4]}],
    [{"category": "car", "bbox": [True, 2, 3, 4]}],
    [{"category": "car", "bbox": [1, 2, 3]}],
    [{"category": "car", "bbox": [10**400, 2, 3, 4]}],  # no float holds it
    [{"category": "car"}],
    [{"category": None, "bbox": [1, 2, 3, 4]}],
    ["car"],
    {"category": "car", "bbox": [1, 2, 3, 4]},
]
"""``label.boxes`` values the fast (batched) box columns must refuse, leaving them to the
row-by-row path."""


def mixed_records(*, records: int = 2000, seed: int = 0) -> list[dict[str, Any]]:
    """Records of five rubrics with everything the dataset rules must survive: repeated and
    missing annotators, consensus labels, gold records, odd durations, out-of-scale,
    string, float, boolean and list values, labels that are not objects, unhashable ids and
    rankings that are not lists of ids."""
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for i in range(records):
        rubric = rng.choice(
            [
                "likert_rating",
                "sentiment_analysis",
                "bounding_box",
                "response_ranking",
                "rlhf_preference",
            ]
        )
        rec: dict[str, Any] = {
            "id": f"r{i}",
            "rubric": rubric,
            "item_id": f"it-{rng.randint(0, records // 4)}"
            if rng.random() < 0.97
            else rng.choice([None, 7, ["z"]]),
        }
        if rng.random() < 0.97:
            annotator = rng.choice([*(f"a{k}" for k in range(7)), None, "consensus"])
        else:
            annotator = rng.choice([5, ["x"], {"a": 1}])
        if annotator is not None:
            rec["annotator_id"] = annotator
        if rng.random() < 0.08:
            rec["gold"] = True
        if rng.random() < 0.9:
            rec["duration_s"] = rng.choice(
                [round(rng.uniform(0.5, 60), 2), 3, True, "5", rng.randint(1, 90)]
            )
        label: Any
        if rubric == "likert_rating":
            scores = {
                d: rng.choice([1, 2, 3, 4, 5, 5, 4, 4.0, "x", None, True, 7])
                for d in DIMS
                if rng.random() < 0.95
            }
            label = (
                {"scores": scores}
                if rng.random() < 0.97
                else rng.choice([{"scores": [1]}, "bad", {"scores": {"helpfulness": [1, 2]}}])
            )
        elif rubric == "sentiment_analysis":
            label = {"sentiment": rng.choice(["positive", "negative", "neutral", "mixed", 3, None])}
            if rng.random() < 0.3:
                emotions = ["joy", "anger", "sadness", "fear"]
                label["emotions"] = rng.sample(emotions, rng.randint(0, 3))
        elif rubric == "bounding_box":
            label = {
                "boxes": [
                    {
                        "category": rng.choice(BOX_CATEGORIES),
                        "bbox": [
                            rng.randint(0, 50),
                            rng.randint(0, 50),
                            rng.randint(5, 60),
                            rng.randint(5, 60),
                        ],
                    }
                    for _ in range(rng.randint(0, 3))
                ]
            }
            if rng.random() < 0.03:
                label["boxes"] = rng.choice(MALFORMED_BOXES)
        elif rubric == "response_ranking":
            ids = ["a", "b", "c", "d"][: rng.randint(2, 4)]
            rng.shuffle(ids)
            odd = rng.choice([[], [1, 2], "ab", [{}]])
            label = {"ranking": ids if rng.random() < 0.95 else odd}
        else:
            label = {
                "preference": rng.choice(["a", "b", "tie"]),
                "strength": rng.choice(["slightly", "much", "significantly", None]),
            }
        if rng.random() < 0.01:
            label = None
        rec["label"] = label
        out.append(rec)
        if rng.random() < 0.05:
            out.append(dict(rec, id=f"r{i}x"))  # the same judgement again
    return out
