"""Every rule survives hostile records: each rubric's worked examples, mutated at random (a
value swapped for one of another JSON type, a key dropped, a list emptied), are linted with
every rule on, dataset rules included, and no rule may fail with an internal error.

The mutations are seeded, so a failure reproduces; the seed and the record are in the message.
"""

from __future__ import annotations

import copy
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.lint.conftest import REPO
from validate.lint.engine import LintOptions, execute
from validate.lint_cli import example_records

RUBRICS = sorted(p.stem for p in (REPO / "rubrics").glob("*.yaml"))
MUTANTS_PER_EXAMPLE = int(os.environ.get("RUBRICATE_FUZZ_MUTANTS", "40"))
SEED_OFFSET = int(os.environ.get("RUBRICATE_FUZZ_SEED", "0"))  # explore: other seeds

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


ENVELOPE = ("id", "item_id", "annotator_id", "gold", "duration_s", "created_at", "rubric_version")
"""Envelope fields mutated too (rarely: they are few); ``rubric`` is kept, so that the
rubric's own rules run on every mutant."""


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside ``node`` (dict keys and list indices)."""
    if isinstance(node, dict):
        for key, child in node.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield (*prefix, index)
            yield from _paths(child, (*prefix, index))


def _mutate(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A copy of ``record`` with one to three random mutations in ``label``, ``item`` or the
    envelope."""
    mutant = copy.deepcopy(record)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(mutant) if p[0] in ("label", "item") or p[0] in ENVELOPE]
        if not paths:
            break
        path = rng.choice(paths)
        parent = mutant
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        roll = rng.random()
        if roll < 0.15 and isinstance(parent, dict):
            del parent[last]
        elif roll < 0.25 and isinstance(parent[last], list):
            parent[last] = [] if rng.random() < 0.5 else parent[last] * 2
        elif (
            roll < 0.35
            and isinstance(parent[last], int | float)
            and not isinstance(parent[last], bool)
        ):
            parent[last] = parent[last] + rng.choice([-1, 1, 1000, -1000, 0.5])
        elif roll < 0.45:
            parent[last] = [parent[last]]  # a value where a list was meant, or the reverse
        else:
            parent[last] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    return mutant


def _rubric(rubric_id: str) -> dict[str, Any]:
    return yaml.safe_load((REPO / "rubrics" / f"{rubric_id}.yaml").read_text("utf-8"))


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_no_rule_fails_on_mutated_examples(tmp_path: Path, rubric_id: str) -> None:
    seed = sum(map(ord, rubric_id)) + SEED_OFFSET
    rng = random.Random(seed)
    examples = example_records(_rubric(rubric_id), rubric_id)
    assert examples, f"{rubric_id} has no worked examples to mutate"
    mutants = []
    for number, example in enumerate(examples):
        for k in range(MUTANTS_PER_EXAMPLE):
            base = {
                **example,
                "id": f"m{number}-{k}",
                "item_id": f"item-{k % 7}",  # repeats: the dataset rules get units
                "annotator_id": f"ann-{k % 3}",
                "duration_s": 5.0 + k,
            }
            mutants.append(_mutate(base, rng))
    path = tmp_path / f"{rubric_id}.jsonl"
    # json, not orjson: it writes integers beyond 64 bits, as some exporters do
    path.write_text("".join(json.dumps(m) + "\n" for m in mutants), "utf-8")
    result = execute(LintOptions(files=[str(path)], root=REPO))
    crashes = [f for f in result.findings if "internal error" in f.message]
    if crashes:
        first = crashes[0]
        record = mutants[first.line - 1]
        rules = sorted({f"{f.code}: {f.message.partition('report it): ')[2]}" for f in crashes})
        pytest.fail(
            f"{len(crashes)} internal errors (seed {seed}) in\n  " + "\n  ".join(rules) + "\n"
            f"first: {first.code} on {json.dumps(record)[:1500]}"
        )
    assert result.records == len(mutants)
