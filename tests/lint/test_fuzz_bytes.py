"""Byte-level damage: label files with flipped, inserted, deleted and duplicated bytes (stray
quotes, brackets, newlines, invalid UTF-8, NaN, truncation) lint with located findings, no
internal errors, and the same findings under ``--jobs 2`` as under ``--jobs 1`` (the byte-range
shards split such files at arbitrary places)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tests.fuzz import REPO, SEED_OFFSET, mutants, mutated_examples
from validate.lint.engine import LintOptions, execute

INSERTS = [b'"', b"{", b"[", b"\n", b"\r\n", b"\\", b"\xff", b"\xe2\x82", b"\x00", b"NaN", b"]]]"]


def _damaged(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 30)):
        pos = rng.randrange(len(data))
        roll = rng.random()
        if roll < 0.3:
            data[pos] = rng.randrange(256)
        elif roll < 0.5:
            data[pos:pos] = rng.choice(INSERTS)
        elif roll < 0.6:
            del data[pos : pos + rng.randint(1, 50)]
        else:  # a run of bytes from elsewhere: plausible, half-records
            data[pos:pos] = data[rng.randrange(len(data)) :][: rng.randint(1, 200)]
    if rng.random() < 0.2:
        data = data[: rng.randrange(len(data))]
    return bytes(data)


@pytest.fixture(scope="module")
def clean_bytes() -> bytes:
    records = []
    for rubric in ("likert_rating", "response_ranking", "bounding_box", "translation_qa"):
        records += mutated_examples(rubric, 15, seed=5)
    random.Random(5).shuffle(records)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


@pytest.mark.parametrize("case", range(mutants(6)))
def test_damaged_files_lint_alike_in_one_and_two_jobs(
    tmp_path: Path, clean_bytes: bytes, case: int
) -> None:
    path = tmp_path / "damaged.jsonl"
    path.write_bytes(_damaged(clean_bytes, random.Random(case + SEED_OFFSET)))
    one = execute(LintOptions(files=[str(path)], root=REPO, jobs=1))
    two = execute(LintOptions(files=[str(path)], root=REPO, jobs=2))
    assert [f.message for f in one.findings if "internal error" in f.message] == []
    assert [(f.line, f.column, f.code, f.message) for f in one.findings] == [
        (f.line, f.column, f.code, f.message) for f in two.findings
    ]
    assert all(f.line >= 1 for f in one.findings if f.code != "LBL008")
