"""Every source rule against its fixture cases: the expected ``(file, line, code)`` and no more
(and the message, where a case gives one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from validate.catalog import load_catalog
from validate.rules.registry import RULES
from validate.selection import RuleSelection
from validate.source_check import check_catalog

from .source_fixtures import build_project

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list[Any]:
    params = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        if RULES.get(spec["rule"]) is None or RULES[spec["rule"]].scope != "source":
            continue
        for case in spec["cases"]:
            params.append(pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}"))
    return params


@pytest.mark.parametrize(("code", "case"), _cases())
def test_source_rule_case(
    code: str, case: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = build_project(case, tmp_path / "project")
    monkeypatch.chdir(project)
    selection = RuleSelection.build(RULES, select=[code])
    findings = check_catalog(load_catalog("."), RULES, selection)
    got = sorted((f.file, f.line, f.code) for f in findings)
    want = sorted((e["file"], e["line"], code) for e in case["expect"])
    assert got == want, "\n".join(f"{f.location()}: {f.code} {f.message}" for f in findings)
    for finding in findings:
        assert finding.message and finding.column >= 0
    # an expected finding may also give its message: each must be found (as many times)
    messages = sorted(f.message for f in findings)
    for expected in (e["message"] for e in case["expect"] if "message" in e):
        assert expected in messages, messages
        messages.remove(expected)
