"""Importers survive hostile exports: real Label Studio, COCO and preference-pair files from
shared/realdata, mutated at random (values of other JSON types, dropped keys, values wrapped in
lists), convert to records and located problems, never an exception. A mapping that cannot
apply is the one allowed refusal (ImportConfigError: exit 2)."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz import SEED_OFFSET, mutants, mutate
from tests.importers.conftest import run
from tests.paths import REALDATA, require_shared
from validate.catalog import Catalog
from validate.importers import ImportConfigError


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


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_mutated_exports_convert_without_exceptions(
    fmt: str, catalog: Catalog, tmp_path: Path
) -> None:
    rng = random.Random(f"{fmt}-{SEED_OFFSET}")
    originals = SOURCES[fmt]()
    for k in range(mutants(60)):
        doc = mutate(rng.choice(originals), rng, changes=4)
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
