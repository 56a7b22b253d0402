"""Per-rule fixtures of the import rules: ``tests/rules/fixtures/IMP*.yaml``.

Each fixture names the ``importer`` and ``rubric``; each case's ``source`` is written to
``filename`` and converted; the ``(line, code)`` pairs of the problems with the fixture's
code must equal ``expect``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.importers.conftest import run
from validate.catalog import Catalog

FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "fixtures"


def _cases() -> list[Any]:
    cases = []
    for path in sorted(FIXTURES.glob("IMP*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for case in data["cases"]:
            cases.append(pytest.param(data, case, id=f"{data['rule']}-{case['name']}"))
    return cases


@pytest.mark.parametrize(("fixture", "case"), _cases())
def test_fixture(fixture: dict, case: dict, tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / case.get("filename", "source.json")
    path.write_text(case["source"], encoding="utf-8")
    rubric = case.get("rubric", fixture["rubric"])
    _, problems = run(fixture["importer"], path, catalog, rubric=rubric)
    got = {(p.line, p.code) for p in problems if p.code == fixture["rule"]}
    assert got == {(e["line"], e["code"]) for e in case["expect"]}


def test_every_import_rule_has_a_fixture() -> None:
    from validate.importers import PROBLEM_SEVERITY

    codes = {c for c in PROBLEM_SEVERITY if c.startswith("IMP")}
    assert codes == {p.stem for p in FIXTURES.glob("IMP*.yaml")}


def test_rule_modules_match_the_importer_severities() -> None:
    import importlib
    import pkgutil

    import validate.rules.imports as package
    from validate.importers import PROBLEM_SEVERITY

    modules = [
        importlib.import_module(f"{package.__name__}.{m.name}")
        for m in pkgutil.iter_modules(package.__path__)
    ]
    assert {m.CODE: m.DEFAULT_SEVERITY for m in modules} == {
        c: s for c, s in PROBLEM_SEVERITY.items() if c.startswith("IMP")
    }
    for module in modules:
        for heading in (
            "What it checks",
            "Why it matters",
            "Failing example",
            "Passing example",
            "Options",
        ):
            assert f"## {heading}" in module.__doc__
