"""DST rules: mergeable accumulators (shard property), --jobs parity, gate layering, CLI."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import validate.lint_cli  # noqa: F401  (registers lint, report, aggregate)
from tests.dataset.generate import likert_records, write_jsonl
from validate.cli import cli
from validate.lint.compiled import load_project
from validate.lint.engine import LintOptions, execute
from validate.lint.model import pack
from validate.rules.dataset import RULE_MODULES
from validate.rules.dataset.gates import (
    DatasetContext,
    GateError,
    GateLayers,
    parse_gate_assignments,
    set_context,
)
from validate.rules.registry import RULES
from validate.selection import RuleSelection

DST = RuleSelection.build(RULES, select=["DST"])


def _context(project: Path, **kw: Any) -> DatasetContext:
    spec = load_project(project)
    return DatasetContext(rubrics={r: s.data for r, s in spec.rubrics.items()}, **kw)


def _finish(
    module: Any, shards: list[list[tuple[int, dict[str, Any]]]], ctx: DatasetContext
) -> list[Any]:
    """Accumulate each shard separately, pickle (as --jobs does), merge in order, finish."""
    set_context(ctx)
    accs = []
    for shard in shards:
        acc = module.ACCUMULATOR(RULES[module.CODE].default_options())
        for where, record in shard:
            acc.add(record, where)
        accs.append(pickle.loads(pickle.dumps(acc)))
    merged = accs[0]
    for acc in accs[1:]:
        merged.merge(acc)
    return sorted(merged.finish(), key=lambda p: (p.where, p.message))


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.CODE)
@pytest.mark.parametrize("seed", range(6))
def test_shards_merge_to_the_same_findings(project: Path, module: Any, seed: int) -> None:
    """Property: any contiguous split of the records into shards gives identical findings."""
    records = likert_records(items=80, seed=seed)
    placed = [(pack(0, line), r) for line, r in enumerate(records, 1)]
    ctx = _context(project)
    whole = _finish(module, [placed], ctx)
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(placed)), rng.randint(1, 6)))
    shards = [placed[a:b] for a, b in zip([0, *cuts], [*cuts, len(placed)], strict=True)]
    assert _finish(module, shards, ctx) == whole
    if module.CODE != "DST007":  # the generated data trips every other rule
        assert whole, f"{module.CODE}: the generated data should give findings"


def test_jobs_parity(project: Path, tmp_path: Path) -> None:
    """``--jobs 2`` (byte-range shards in worker processes) finds exactly what one process does."""
    path = write_jsonl(tmp_path / "big.jsonl", likert_records(items=400, seed=3))

    def run(jobs: int) -> list[tuple[Any, ...]]:
        result = execute(LintOptions(files=[str(path)], root=project, selection=DST, jobs=jobs))
        assert result.metrics["shards"] == jobs
        return [(f.line, f.code, f.message, f.record_id) for f in result.findings]

    one = run(1)
    assert {c for _, c, _, _ in one} >= {"DST001", "DST002", "DST003", "DST004", "DST005"}
    assert run(2) == one


def test_findings_name_annotator_and_numbers(project: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", likert_records(items=100, seed=1))
    result = execute(LintOptions(files=[str(path)], root=project, selection=DST))
    gold = [f for f in result.findings if f.code == "DST002"]
    assert any(f.message.startswith("annotator ann-2: gold accuracy ") for f in gold)
    f = next(f for f in gold if "ann-2" in f.message)
    assert "below 0.80 (rubric likert_rating)" in f.message
    assert f.record_id is not None and f.line > 1


def test_gate_layers_order(tmp_path: Path, project: Path) -> None:
    rubric = {
        "agreement": {"metric": "krippendorff_alpha", "minimum": 0.667},
        "gold_accuracy": {"minimum": 0.8, "tolerance": 1},
        "min_seconds": 10,
    }
    layers = GateLayers.build(
        config={"gold_accuracy": {"minimum": 0.85}, "per-rubric": {"r": {"min_seconds": 12}}},
        gate_flags=["agreement.minimum=0.5", "r:agreement.metric=fleiss_kappa"],
        platform="strict",
        root=project,
    )
    gates = layers.effective("r", rubric)
    assert gates["agreement"] == {"metric": "fleiss_kappa", "minimum": 0.5}  # cli wins
    assert gates["gold_accuracy"] == {"minimum": 0.85, "tolerance": 1}  # config > platform
    assert gates["min_seconds"] == 12  # per-rubric config > platform (25)
    assert gates["overlap"] == {"min_judgements": 4}  # from the platform
    assert layers.effective("other", {})["min_seconds"] == 25


def test_gate_flag_errors() -> None:
    with pytest.raises(GateError, match="unknown gate"):
        parse_gate_assignments(["speed=1"])
    with pytest.raises(GateError, match=r"expected KEY=VALUE"):
        parse_gate_assignments(["agreement.minimum"])
    with pytest.raises(GateError, match=r"agreement\.minimum"):
        parse_gate_assignments(["agreement.minimum=7"])
    with pytest.raises(GateError, match=r"unknown key 'minimun' \(did you mean 'minimum'\?\)"):
        parse_gate_assignments(["agreement.minimun=0.7"])
    with pytest.raises(GateError, match="unknown platform"):
        GateLayers.build(platform="nope", root=Path("/nonexistent"))


def _lint(project: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["lint", "--root", str(project), "--format", "json", *args])


def test_cli_flags(project: Path, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", likert_records(items=60, seed=2))
    base = _lint(project, str(path), "--select", "DST")
    assert base.exit_code == 1, base.output
    codes = {f["code"] for f in json.loads(base.output)["findings"]}
    assert "DST001" in codes
    off = _lint(project, str(path), "--select", "DST", "--no-dataset")
    assert off.exit_code == 0 and json.loads(off.output)["findings"] == []
    relaxed = _lint(project, str(path), "--select", "DST001", "--gate", "agreement.minimum=0.1")
    assert relaxed.exit_code == 0, relaxed.output
    bad = _lint(project, str(path), "--gate", "agreement.minimum=x")
    assert bad.exit_code == 2 and "agreement.minimum" in bad.output
    (tmp_path / "rubricate.toml").write_text("[gates.agreement]\nminimum = 0.1\n", "utf-8")
    configured = _lint(
        project, str(path), "--select", "DST001", "--config", str(tmp_path / "rubricate.toml")
    )
    assert configured.exit_code == 0, configured.output
    strict = _lint(project, str(path), "--select", "DST007", "--platform", "strict")
    messages = [f["message"] for f in json.loads(strict.output)["findings"]]
    assert any("fewer than the 4 required" in m for m in messages)


def test_a_platform_without_gates_says_so(project: Path, tmp_path: Path) -> None:
    """The shipped profiles set no gates (the platforms publish no defaults): --platform
    with one of them must not look as if it applied anything."""
    (project / "guidelines" / "platforms" / "plain.yaml").write_text("id: plain\n", "utf-8")
    path = write_jsonl(tmp_path / "d.jsonl", likert_records(items=60, seed=2))
    runner = CliRunner()
    args = ["lint", "--root", str(project), "--format", "json", "--select", "DST", str(path)]
    plain = runner.invoke(cli, [*args, "--platform", "plain"])
    assert "platform profile 'plain' sets no quality gates" in plain.stderr
    without = json.loads(runner.invoke(cli, args).stdout)
    assert json.loads(plain.stdout)["findings"] == without["findings"] != []
    strict = runner.invoke(cli, [*args, "--platform", "strict"])
    assert "sets no quality gates" not in strict.stderr


def test_gold_file(project: Path, tmp_path: Path) -> None:
    """``--gold FILE``: reference answers from a separate file (no gold in the data)."""
    records = likert_records(items=60, seed=4)
    gold = [r for r in records if r.get("gold")]
    data = [r for r in records if not r.get("gold")]
    for r in gold:
        del r["gold"]  # every record of a --gold file counts as gold
    data_path = write_jsonl(tmp_path / "data.jsonl", data)
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    without = _lint(project, str(data_path), "--select", "DST002")
    assert json.loads(without.output)["findings"] == []
    with_gold = _lint(project, str(data_path), "--select", "DST002", "--gold", str(gold_path))
    messages = [f["message"] for f in json.loads(with_gold.output)["findings"]]
    assert any(m.startswith("annotator ann-2: gold accuracy") for m in messages)
    missing = _lint(project, str(data_path), "--gold", str(tmp_path / "none.jsonl"))
    assert missing.exit_code == 2


@pytest.mark.parametrize("metric", ["krippendorff_alpha", "fleiss_kappa"])
def test_agreement_gate_checks_only_the_dimensions_it_names(
    project: Path, tmp_path: Path, metric: str
) -> None:
    """Both paths (code arrays; CodedJudgements for Fleiss) keep to the gate's dimensions."""
    data = write_jsonl(tmp_path / "d.jsonl", likert_records(items=60, seed=5))
    gates = ["--gate", f"agreement.metric={metric}", "--gate", "agreement.minimum=0.99"]

    def gated(*extra: str) -> list[str]:
        report = json.loads(_lint(project, str(data), *gates, *extra).output)
        return sorted(
            f["message"].split(":")[0] for f in report["findings"] if f["code"] == "DST001"
        )

    assert len(gated()) == 4  # every Likert dimension is below 0.99
    assert gated("--gate", 'agreement.dimensions=["honesty"]') == [
        "rubric likert_rating, dimension honesty"
    ]
