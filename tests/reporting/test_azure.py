"""Azure Pipelines reporter: what the agent reads back from each line, escaping, levels."""

from __future__ import annotations

import pytest

from tests.reporting.samples import build_report, finding
from validate.findings import Severity
from validate.reporting import azure
from validate.reporting.text import format_finding

PREFIX = "##vso["


def unescape(text: str) -> str:
    """What the agent decodes (CommandStringConvertor.Unescape): the escapes of ``;``, CR, LF
    and ``]`` first, then ``%AZP25``; that order is why ``%`` has an escape of its own."""
    for token, escape in ((";", "%3B"), ("\r", "%0D"), ("\n", "%0A"), ("]", "%5D")):
        text = text.replace(escape, token)
    return text.replace("%AZP25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str] | None:
    """A line as the agent's Command.TryParse reads it: the first ``##vso[`` anywhere, up to
    the first ``]``; ``area.event``, then ``key=value`` properties split at ``;``."""
    start = line.find(PREFIX)
    if start < 0:
        return None
    end = line.index("]", start)
    info = line[start + len(PREFIX) : end]
    name, _, rest = info.partition(" ")
    props = {}
    for pair in filter(None, rest.split(";")):
        key, _, value = pair.partition("=")
        props[key.lower()] = unescape(value)
    return name, props, unescape(line[end + 1 :])


def test_each_error_and_warning_is_one_issue_the_agent_reads_back() -> None:
    report = build_report()
    lines = azure.render(report).splitlines()
    commands = [parse(line) for line in lines if line.startswith(PREFIX)]
    issues = [f for f in report.findings if f.severity is not Severity.INFO]
    assert len(commands) == len(issues)
    for command, want in zip(commands, issues, strict=True):
        assert command is not None
        name, props, message = command
        assert name == "task.logissue"
        assert props == {
            "type": str(want.severity),
            "sourcepath": want.file,
            "linenumber": str(want.line),
            "columnnumber": str(want.column),
            "code": want.code,
        }
        assert message == format_finding(want)  # the log line carries the location


@pytest.mark.parametrize(
    "text",
    [
        "100% sure; really]",
        "a literal %3B, %0A and %AZP25 stay as written",
        "two\nlines\r\nand a carriage return",
        "ends with %",
    ],
)
def test_escaping_round_trips(text: str) -> None:
    item = finding("x;y]z%.jsonl", 7, 2, "LKT001", text)
    line = azure.issue(item)
    assert "\n" not in line and "\r" not in line
    parsed = parse(line)
    assert parsed is not None
    _, props, message = parsed
    assert props["sourcepath"] == "x;y]z%.jsonl"
    assert message == format_finding(item)


def test_label_content_cannot_issue_a_command() -> None:
    """The agent acts on ``##vso[`` anywhere in a line: one quoted from a label file is shown
    as ``**vso[``, so each line holds one command, ours, at its start."""
    evil = "id '##vso[task.setvariable variable=PATH]/tmp' ##vso[task.complete result=Failed]"
    items = [
        finding("data/##vso[x].jsonl", 3, 1, "LBL001", evil),
        finding("data/a.jsonl", 4, 1, "DST001", evil),
    ]
    text = azure.render(build_report(findings=items))
    for line in text.splitlines():
        assert line.find(PREFIX, 1) < 0, line
    parsed = parse(text.splitlines()[1])
    assert parsed is not None
    assert "**vso[task.setvariable variable=PATH]/tmp" in parsed[2]


def test_info_is_a_plain_line_and_a_whole_file_finding_has_no_line() -> None:
    items = [
        finding("data/a.jsonl", 0, 0, "LBL001", "the file holds no records"),
        finding("data/a.jsonl", 2, 1, "DST001", "alpha 0.41"),
    ]
    lines = azure.render(build_report(findings=items)).splitlines()
    assert lines[0] == "##[group]data/a.jsonl"
    parsed = parse(lines[1])
    assert parsed is not None
    assert "linenumber" not in parsed[1] and "columnnumber" not in parsed[1]
    assert lines[2] == "data/a.jsonl:2:1: DST001 alpha 0.41"
    assert lines[3:] == ["##[endgroup]", "Found 1 error, 1 info in 1 file."]


def test_a_clean_report_is_the_verdict_alone() -> None:
    text = azure.render(build_report(findings=[]))
    assert text.startswith("All checks passed") and text.count("\n") == 1


def test_statistics_are_plain_lines_before_the_verdict() -> None:
    lines = azure.render(build_report(statistics=True)).splitlines()
    table = lines[lines.index("##[endgroup]", 5) + 1 : -1]
    assert [row.split()[:2] for row in table] == [
        ["2", "LKT001"],
        ["1", "DST001"],
        ["1", "LBL001"],
        ["1", "RNK001"],
    ]
    assert lines[-1].startswith("Found ")
