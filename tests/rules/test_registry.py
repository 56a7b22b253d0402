"""The rule registry polices itself: every module registered, unique codes and names,
prefixes matching their family folder, documented headings, and a fixture per rule."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import validate.rules
from validate.findings import Severity
from validate.rules.base import DOC_HEADINGS, FAMILY_PREFIXES, SCOPES
from validate.rules.registry import RULE_MODULES, RULES

FIXTURES = Path(__file__).parent / "fixtures"


def _rule_modules_on_disk() -> set[str]:
    names = set()
    for info in pkgutil.walk_packages(validate.rules.__path__, "validate.rules."):
        module = importlib.import_module(info.name)
        if hasattr(module, "CODE") and hasattr(module, "check"):
            names.add(info.name)
    return names


def test_every_rule_module_is_registered() -> None:
    registered = {m.__name__ for m in RULE_MODULES}
    assert _rule_modules_on_disk() == registered


def test_codes_and_names_are_unique() -> None:
    assert len(RULES) == len(RULE_MODULES)
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code", list(RULES))
def test_rule_declarations(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"[A-Z]{3}[0-9]{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name)
    assert rule.scope in SCOPES
    assert isinstance(rule.default_severity, Severity)
    folder = rule.module.__name__.split(".")[2]
    assert FAMILY_PREFIXES.get(rule.family) == folder, f"{code} lives in {folder}/"
    assert rule.options_schema.get("type") == "object"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_docstring_has_the_fixed_headings(code: str) -> None:
    rule = RULES[code]
    sections = rule.sections()
    assert list(sections) == list(DOC_HEADINGS), f"{code}: headings {list(sections)}"
    assert all(body.strip() for body in sections.values())
    assert rule.summary and not rule.summary.startswith("#")


@pytest.mark.parametrize("code", list(RULES))
def test_documented_options_match_the_schema(code: str) -> None:
    rule = RULES[code]
    options_text = rule.sections()["Options"]
    for name in rule.options_schema.get("properties", {}):
        assert f"`{name}`" in options_text, f"{code}: option {name} is not documented"


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_has_a_fixture_with_passing_and_failing_cases(code: str) -> None:
    import yaml

    path = FIXTURES / f"{code}.yaml"
    assert path.is_file(), f"missing fixture {path}"
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert spec["rule"] == code
    expects = [case["expect"] for case in spec["cases"]]
    assert any(e == [] for e in expects), f"{code}: no passing case"
    assert any(e for e in expects), f"{code}: no failing case"
