"""Per-rule fixtures for label rules: ``tests/rules/fixtures/<CODE>.yaml`` (sqlfluff style).

Each case's ``records`` are written to a file (``filename``, default ``records.jsonl``) and
linted against the repository's rubrics with only that rule selected; the set of
``(line, code)`` must equal ``expect``. A fixture or a case may name a test-only rubric kept in
``fixtures/rubrics/``. Fixtures of source rules (``files:`` cases) belong to
``test_source_rule_fixtures.py`` and are skipped here.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from validate.lint.engine import LintOptions, execute
from validate.rules.registry import RULES
from validate.selection import RuleSelection

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the rubrics the fixtures name, copied from the repository.

    A copy, so that a rubric being edited elsewhere in the repository (one broken rubric
    stops every lint run) cannot fail these tests. A fixture may name a test-only rubric
    kept in ``fixtures/rubrics/`` (e.g. one whose label schema does not enumerate policy
    ids); a case may name its own ``rubric``. The policies and bias checklists are copied
    too.
    """
    root = tmp_path_factory.mktemp("project")
    (root / "rubrics").mkdir()
    names = {str(c.get("rubric") or f.get("rubric")) for _, f, c in CASES}
    for name in names:
        # a fixture-only rubric (fixtures/rubrics/) when the repository has none of that name
        source = REPO / "rubrics" / f"{name}.yaml"
        if not source.is_file():
            source = FIXTURES / "rubrics" / f"{name}.yaml"
        shutil.copy(source, root / "rubrics" / f"{name}.yaml")
    # the policies and bias checklists that rubrics reference (read by SAF, MOD, BIA rules)
    for folder in ("guidelines/policies", "guidelines/bias"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def _record_fixtures() -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if not isinstance(data, dict):
            continue
        rule = RULES.get(str(data.get("rule")))
        if rule is None or rule.scope == "source" or "importer" in data:
            continue  # source rules and importer rules have runners of their own
        for case in data.get("cases", []):
            cases.append((data["rule"], data, case))
    return cases


CASES = _record_fixtures()


def lint_records(
    root: Path,
    tmp_path: Path,
    code: str,
    rubric: str | None,
    text: str,
    filename: str = "records.jsonl",
) -> set[tuple[int, str]]:
    """Lint ``text`` as a file with only ``code`` selected; ``{(line, code)}``."""
    target = tmp_path / filename
    target.write_text(text, encoding="utf-8")
    result = execute(
        LintOptions(
            files=[str(target)],
            root=root,
            rubric=rubric,
            selection=RuleSelection.build(RULES, select=[code]),
        )
    )
    return {(f.line, f.code) for f in result.findings}


@pytest.mark.parametrize(
    ("code", "fixture", "case"),
    CASES,
    ids=[f"{code}-{case['name']}" for code, _, case in CASES],
)
def test_fixture_case(
    project: Path, tmp_path: Path, code: str, fixture: dict[str, Any], case: dict[str, Any]
) -> None:
    got = lint_records(
        project,
        tmp_path,
        code,
        case.get("rubric") or fixture.get("rubric"),
        case.get("records") or "",
        case.get("filename") or "records.jsonl",
    )
    expected = {(e["line"], e["code"]) for e in case["expect"]}
    assert got == expected


def test_every_label_rule_has_a_passing_and_a_failing_case() -> None:
    by_code: dict[str, list[dict[str, Any]]] = {}
    for code, _, case in CASES:
        by_code.setdefault(code, []).append(case)
    # Importer rules (IMP) have their own runner: tests/importers/test_imp_fixtures.py.
    label_rules = [c for c, r in RULES.items() if r.scope != "source" and r.family != "IMP"]
    for code in label_rules:
        cases = by_code.get(code, [])
        assert any(c["expect"] for c in cases), f"{code}: no failing case"
        assert any(not c["expect"] for c in cases), f"{code}: no passing case"
