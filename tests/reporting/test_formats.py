"""The reporter table and ``--format auto``."""

from __future__ import annotations

import pytest

from validate.reporting import FORMAT_CHOICES, REPORTERS, STREAMED, choose_format, render_pieces
from validate.reporting.model import Report


def test_table_has_every_format() -> None:
    formats = ["text", "json", "sarif", "junit", "github", "gitlab", "azure"]
    assert list(REPORTERS) == formats
    assert tuple(FORMAT_CHOICES) == ("auto", *formats)


@pytest.mark.parametrize("name", ["text", "json", "sarif", "junit", "github", "gitlab", "azure"])
def test_every_reporter_renders_a_string(name: str, report: Report) -> None:
    out = REPORTERS[name](report)
    assert isinstance(out, str)
    assert out.endswith("\n")


def test_every_format_streams_what_it_renders(report: Report) -> None:
    assert list(STREAMED) == list(REPORTERS)
    for name, render in REPORTERS.items():
        assert "".join(render_pieces(name, report)) == render(report)


def test_auto_under_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert choose_format("auto") == "github"


@pytest.mark.parametrize("value", [None, "false", "1", "TRUE"])
def test_auto_elsewhere(value: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    if value is None:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    else:
        monkeypatch.setenv("GITHUB_ACTIONS", value)
    assert choose_format("auto") == "text"


def test_explicit_environ_mapping() -> None:
    assert choose_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert choose_format("auto", {}) == "text"


@pytest.mark.parametrize(
    ("value", "expected"), [("True", "azure"), ("true", "azure"), ("", "text")]
)
def test_auto_under_azure_pipelines(value: str, expected: str) -> None:
    """The agent sets ``TF_BUILD=True`` on every step."""
    assert choose_format("auto", {"TF_BUILD": value}) == expected
    assert choose_format("auto", {"TF_BUILD": value}, output="lint.sarif") == "sarif"


@pytest.mark.parametrize("environ", [{}, {"GITHUB_ACTIONS": "true"}])
def test_auto_writes_what_the_output_name_promises(environ: dict[str, str]) -> None:
    for output, expected in [
        ("lint.sarif", "sarif"),
        ("out/Lint.JSON", "json"),
        ("junit.xml", "junit"),
    ]:
        assert choose_format("auto", environ, output=output) == expected
    other = "github" if environ else "text"
    assert choose_format("auto", environ, output="lint.txt") == other
    assert choose_format("auto", environ, output=None) == other
    assert choose_format("text", environ, output="lint.sarif") == "text"  # asked for


def test_explicit_format_ignores_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert choose_format("sarif") == "sarif"
    assert choose_format("JSON") == "json"


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown report format 'xml'"):
        choose_format("xml")
