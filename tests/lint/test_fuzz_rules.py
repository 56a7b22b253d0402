"""Every rule survives hostile records: each rubric's worked examples, mutated at random
(:mod:`tests.fuzz`), are linted with every rule on, dataset rules included, and no rule may
fail with an internal error. A failure names the rules, the seed and the first record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fuzz import REPO, RUBRICS, mutants, mutated_examples, rubric_seed
from validate.lint.engine import LintOptions, execute


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_no_rule_fails_on_mutated_examples(tmp_path: Path, rubric_id: str) -> None:
    seed = rubric_seed(rubric_id)
    records = mutated_examples(rubric_id, mutants(40), seed)
    assert records, f"{rubric_id} has no worked examples to mutate"
    path = tmp_path / f"{rubric_id}.jsonl"
    # json, not orjson: it writes integers beyond 64 bits, as some exporters do
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    result = execute(LintOptions(files=[str(path)], root=REPO))
    crashes = [f for f in result.findings if "internal error" in f.message]
    if crashes:
        first = crashes[0]
        rules = sorted({f"{f.code}: {f.message.partition('report it): ')[2]}" for f in crashes})
        pytest.fail(
            f"{len(crashes)} internal errors (seed {seed}) in\n  " + "\n  ".join(rules) + "\n"
            f"first: {first.code} on {json.dumps(records[first.line - 1])[:1500]}"
        )
    assert result.records == len(records)
