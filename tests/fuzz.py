"""Seeded mutation of JSON documents, shared by the fuzz tests (rules, importers, aggregate).

A mutant is a deep copy with one to a few random changes: a value swapped for a hostile one of
another JSON type, a key dropped, a list emptied or doubled, a number nudged, a value wrapped
in a list. Every mutant comes from a seeded ``random.Random``, so a failure reproduces.
``RUBRICATE_FUZZ_MUTANTS`` and ``RUBRICATE_FUZZ_SEED`` scale the tests up and move the seeds
for exploration.
"""

from __future__ import annotations

import copy
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from validate.lint_cli import example_records

REPO = Path(__file__).resolve().parents[1]
RUBRICS = sorted(p.stem for p in (REPO / "rubrics").glob("*.yaml"))
SEED_OFFSET = int(os.environ.get("RUBRICATE_FUZZ_SEED", "0"))


def mutants(default: int) -> int:
    """How many mutants a test makes: ``RUBRICATE_FUZZ_MUTANTS`` when set."""
    return int(os.environ.get("RUBRICATE_FUZZ_MUTANTS", str(default)))


HOSTILE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2**63,
    -(2**63),
    1.5,
    -0.0,
    1e308,
    "",
    " ",
    "a",
    "\u0000",
    "é" * 3,
    "x" * 300,
    [],
    [None],
    [1, "a"],
    [[]],
    {},
    {"": None},
    {"id": 1},
    {"start": 5, "end": 2},
    {"start": -1, "end": 10**12},
]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (dict keys and list indices)."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield (*prefix, key)
            yield from paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield (*prefix, index)
            yield from paths(child, (*prefix, index))


def mutate(
    doc: Any,
    rng: random.Random,
    *,
    where: Callable[[tuple[Any, ...]], bool] = lambda path: True,
    changes: int = 3,
) -> Any:
    """A copy of ``doc`` with one to ``changes`` random changes at paths ``where`` accepts."""
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, changes)):
        candidates = [p for p in paths(doc) if where(p)]
        if not candidates:
            break
        path = rng.choice(candidates)
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        value = parent[last]
        roll = rng.random()
        if roll < 0.15 and isinstance(parent, dict):
            del parent[last]
        elif roll < 0.25 and isinstance(value, list):
            parent[last] = [] if rng.random() < 0.5 else value * 2
        elif roll < 0.35 and isinstance(value, int | float) and not isinstance(value, bool):
            parent[last] = value + rng.choice([-1, 1, 1000, -1000, 0.5])
        elif roll < 0.45:
            parent[last] = [value]  # a value where a list was meant, or the reverse
        else:
            parent[last] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    return doc


ENVELOPE = ("id", "item_id", "annotator_id", "gold", "duration_s", "created_at", "rubric_version")
"""Envelope fields mutated too (rarely: they are few); ``rubric`` is kept, so that the
rubric's own rules run on every mutant."""


def _in_record(path: tuple[Any, ...]) -> bool:
    return path[0] in ("label", "item") or path[0] in ENVELOPE


def mutated_examples(rubric_id: str, per_example: int, seed: int) -> list[dict[str, Any]]:
    """``per_example`` mutants of each worked example of ``rubric_id``, with ids, items and
    annotators that repeat (so the dataset rules and aggregation get units to work on)."""
    rubric = yaml.safe_load((REPO / "rubrics" / f"{rubric_id}.yaml").read_text("utf-8"))
    rng = random.Random(seed)
    out = []
    for number, example in enumerate(example_records(rubric, rubric_id)):
        for k in range(per_example):
            base = {
                **example,
                "id": f"m{number}-{k}",
                "item_id": f"item-{k % 7}",
                "annotator_id": f"ann-{k % 3}",
                "duration_s": 5.0 + k,
            }
            out.append(mutate(base, rng, where=_in_record))
    return out


def rubric_seed(rubric_id: str) -> int:
    """The seed of a rubric's mutants (moved by ``RUBRICATE_FUZZ_SEED``)."""
    return sum(map(ord, rubric_id)) + SEED_OFFSET
