"""Golden-file tests: every reporter's exact output for the fixed sample report.

The goldens were generated once, read line by line, and committed; the tests never rewrite
them. A change in output must be a deliberate edit of the golden file.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from validate.reporting import azure, github, gitlab, json_report, junit, sarif, text
from validate.reporting.model import Report

CASES: list[tuple[str, Callable[[Report], str], dict[str, bool | list[object]]]] = [
    ("text.txt", text.render, {}),
    ("text_colour.txt", text.render, {"colour": True}),
    ("text_statistics.txt", text.render, {"statistics": True}),
    ("text_clean.txt", text.render, {"findings": []}),
    ("report.json", json_report.render, {}),
    ("report.sarif", sarif.render, {}),
    ("junit.xml", junit.render, {}),
    ("github.txt", github.render, {}),
    ("github_job_summary.md", github.render_job_summary, {}),
    ("gitlab.json", gitlab.render, {}),
    ("azure.txt", azure.render, {}),
]


@pytest.mark.parametrize(("golden_name", "render", "overrides"), CASES, ids=[c[0] for c in CASES])
def test_matches_golden(
    golden_name: str,
    render: Callable[[Report], str],
    overrides: dict[str, object],
    make_report: Callable[..., Report],
    golden: Callable[[str], str],
) -> None:
    assert render(make_report(**overrides)) == golden(golden_name)


@pytest.mark.parametrize(("golden_name", "render", "overrides"), CASES, ids=[c[0] for c in CASES])
def test_render_is_deterministic(
    golden_name: str,
    render: Callable[[Report], str],
    overrides: dict[str, object],
    make_report: Callable[..., Report],
) -> None:
    assert render(make_report(**overrides)) == render(make_report(**overrides))
