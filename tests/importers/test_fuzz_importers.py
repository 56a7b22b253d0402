"""Importers survive hostile exports: real Label Studio, COCO and preference-pair files from
shared/realdata, mutated at random (values of other JSON types, dropped keys, values wrapped in
lists), convert to records and located problems, never an exception. A mapping that cannot
apply is the one allowed refusal (ImportConfigError: exit 2)."""

from __future__ import annotations

import copy
import gzip
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from tests.importers.conftest import run
from tests.lint.test_fuzz_rules import HOSTILE_VALUES, _paths
from tests.paths import REALDATA, require_shared
from validate.catalog import Catalog
from validate.importers import ImportConfigError

MUTANTS = int(os.environ.get("RUBRICATE_FUZZ_MUTANTS", "60"))
SEED = int(os.environ.get("RUBRICATE_FUZZ_SEED", "0"))


def _label_studio() -> list[Any]:
    folder = require_shared(REALDATA / "label-studio-sdk-fixtures")
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.rglob("*.json"))]


def _coco() -> list[Any]:
    coco = json.loads(require_shared(REALDATA / "taco-coco" / "annotations.json").read_text())
    images = coco["images"][:12]
    ids = {image["id"] for image in images}
    annotations = [
        {**a, "segmentation": [a["segmentation"][0][:8]] if a.get("segmentation") else []}
        for a in coco["annotations"]
        if a["image_id"] in ids
    ][:50]  # polygons cut short: thousands of coordinates would take most mutations
    info = coco["info"]
    return [
        {
            "info": info,
            "images": images,
            "annotations": annotations,
            "categories": coco["categories"][:12],
        }
    ]


def _pairs() -> list[Any]:
    path = require_shared(REALDATA / "hh-rlhf-harmless-base" / "test.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [[json.loads(line) for _, line in zip(range(15), f, strict=False)]]


SOURCES = {"label-studio": _label_studio, "coco": _coco, "preference-pairs": _pairs}


def _mutate(doc: Any, rng: random.Random) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(rng.randint(1, 4)):
        paths = list(_paths(doc))
        if not paths:
            break
        path = rng.choice(paths)
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        roll = rng.random()
        if roll < 0.2 and isinstance(parent, dict):
            del parent[path[-1]]
        elif roll < 0.3:
            parent[path[-1]] = [parent[path[-1]]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
    return doc


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_mutated_exports_convert_without_exceptions(
    fmt: str, catalog: Catalog, tmp_path: Path
) -> None:
    rng = random.Random(f"{fmt}-{SEED}")
    originals = SOURCES[fmt]()
    for k in range(MUTANTS):
        doc = _mutate(rng.choice(originals), rng)
        path = tmp_path / f"{k}.json"
        if fmt == "preference-pairs":
            path.write_text("".join(json.dumps(x) + "\n" for x in doc), "utf-8")
        else:
            path.write_text(json.dumps(doc), "utf-8")
        try:
            records, problems = run(fmt, path, catalog)
        except ImportConfigError:
            continue
        except Exception as exc:  # the point of the test: name the input that broke it
            pytest.fail(f"{fmt} mutant {k} raised {exc!r}: {json.dumps(doc)[:1500]}")
        assert all(r.line >= 0 for r in records)
        assert all(p.line >= 0 and p.message for p in problems)
