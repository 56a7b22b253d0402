"""``rubricate check``, ``rule``, ``rules`` and ``new`` through the real command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main  # noqa: F401  (imports the full command group)
from tests.paths import REPO
from validate.cli import cli

from .rules.source_fixtures import BASE_PROJECT

RUBRICATE = [sys.executable, "-c", "from generator.cli import main; main()"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess (exit codes and stderr as users see)."""
    return subprocess.run([*RUBRICATE, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(BASE_PROJECT, target)
    return target


def test_shipped_sources_are_clean() -> None:
    result = run("check", str(REPO))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed" in result.stdout


def test_clean_project_exit_0_and_json_shape(project: Path) -> None:
    result = run("check", "--format", "json", cwd=project)
    assert result.returncode == 0
    payload = json.loads(result.stdout)
    assert payload == {"findings": [], "summary": payload["summary"]}
    assert payload["summary"]["files"] == 7
    assert payload["summary"]["failed"] is False


INJECTIONS = [
    # (name, file, old, new, expected code, expected line)
    (
        "duplicate key",
        "rubrics/rate.yaml",
        "title: Rate\n",
        "title: Rate\ntitle: Again\n",
        "SRC002",
        3,
    ),
    ("YAML syntax error", "rubrics/rate.yaml", "[Read., Score.]", "[Read., Score.", "SRC001", 19),
    ("wrong type", "rubrics/rate.yaml", 'version: "1.1.0"', "version: 1.1", "SRC008", 3),
    ("unknown field", "guidelines/tasks/rate.yaml", "when_used:", "when_usd:", "SRC008", 4),
    (
        "unknown id",
        "guidelines/tasks/rate.yaml",
        "platforms: [platform]",
        "platforms: [platfrom]",
        "XRF001",
        16,
    ),
    (
        "id differs from file name",
        "guidelines/bias/bias.yaml",
        "id: bias\n",
        "id: biases\n",
        "SRC009",
        1,
    ),
]


@pytest.mark.parametrize(
    ("name", "rel", "old", "new", "code", "line"), INJECTIONS, ids=[i[0] for i in INJECTIONS]
)
def test_injected_error_is_located_with_exit_1(
    project: Path, name: str, rel: str, old: str, new: str, code: str, line: int
) -> None:
    path = project / rel
    path.write_text(path.read_text().replace(old, new, 1))
    result = run("check", "--format", "json", cwd=project)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert any(f["code"] == code and f["file"] == rel and f["line"] == line for f in findings), (
        findings
    )
    text = run("check", cwd=project)
    assert f"{rel}:{line}:" in text.stdout and code in text.stdout
    assert "Traceback" not in text.stderr


def test_ci_formats_carry_the_same_findings(project: Path) -> None:
    """A rubric edit in a pull request: SARIF (valid 2.1.0) for code scanning, annotations for
    GitHub, a Code Quality report for GitLab, issues for Azure Pipelines, JUnit listing every
    source checked."""
    import xml.etree.ElementTree as ET

    import jsonschema

    from tests.paths import SARIF_SCHEMA, require_shared

    rubric = project / "rubrics" / "rate.yaml"
    rubric.write_text(rubric.read_text().replace('version: "1.1.0"', "version: 1.1", 1))
    want = {
        (f["file"], f["line"], f["code"])
        for f in json.loads(run("check", "--format", "json", cwd=project).stdout)["findings"]
    }
    assert want
    sarif = run("check", "--format", "sarif", cwd=project)
    assert sarif.returncode == 1
    log = json.loads(sarif.stdout)
    jsonschema.validate(log, json.loads(require_shared(SARIF_SCHEMA).read_text("utf-8")))
    results = log["runs"][0]["results"]
    assert {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["ruleId"],
        )
        for r in results
    } == want
    github = run("check", "--format", "github", cwd=project).stdout
    assert all(f"file={f},line={line}," in github for f, line, _ in want)
    gitlab = json.loads(run("check", "--format", "gitlab", cwd=project).stdout)
    assert {
        (i["location"]["path"], i["location"]["lines"]["begin"], i["check_name"]) for i in gitlab
    } == want
    azure = run("check", "--format", "azure", cwd=project).stdout.splitlines()
    issues = {
        (props["sourcepath"], int(props["linenumber"]), props["code"])
        for props in (
            dict(p.split("=", 1) for p in line.split(" ", 1)[1].split("]")[0].split(";") if p)
            for line in azure
            if line.startswith("##vso[task.logissue ")
        )
    }
    assert issues and issues <= want  # errors and warnings; infos are plain lines
    assert all(f"{f}:{line}:" in "\n".join(azure) for f, line, _ in want)  # infos as lines
    junit = ET.fromstring(run("check", "--format", "junit", cwd=project).stdout)
    suites = {suite.get("name") for suite in junit.iter("testsuite")}
    assert "rubrics/rate.yaml" in suites and "guidelines/taxonomy.yaml" in suites  # clean too


def test_alias_bomb_refused_in_well_under_a_second(project: Path) -> None:
    bomb = "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10) if p else ', '.join(['x'] * 10)}]\n"
        for p, n in zip(["", *"abcdefgh"], "abcdefghi", strict=True)
    )
    (project / "guidelines/platforms/platform.yaml").write_text(bomb)
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(project)])
    assert time.perf_counter() - started < 1.0
    assert result.exit_code == 1 and "SRC003" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["check", "/no/such/dir"],
        ["check", "--select", "NOPE999"],
        ["check", "--fail-on", "fatal"],
        ["rule", "XYZ123"],
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_root_that_is_not_a_project_exits_2(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.returncode == 2 and "no guidelines/ or rubrics/" in result.stderr


def test_warnings_fail_only_with_fail_on_warning(project: Path) -> None:
    task = project / "guidelines/tasks/rate.yaml"
    task.write_text(task.read_text().replace("  - Length is not quality.\n", ""))
    assert run("check", cwd=project).returncode == 0
    result = run("check", "--fail-on", "warning", cwd=project)
    assert result.returncode == 1 and "SRC013" in result.stdout


def test_select_and_ignore_by_prefix_and_name(project: Path) -> None:
    task = project / "guidelines/tasks/rate.yaml"
    task.write_text(task.read_text().replace("platforms: [platform]", "platforms: [nope]"))
    assert run("check", "--ignore", "XRF", cwd=project).returncode == 0
    assert run("check", "--ignore", "unresolved-reference", cwd=project).returncode == 0
    assert run("check", "--select", "SRC", cwd=project).returncode == 0
    assert run("check", "--select", "XRF001", cwd=project).returncode == 1


def test_configuration_file_is_read_and_validated(project: Path) -> None:
    task = project / "guidelines/tasks/rate.yaml"
    task.write_text(task.read_text().replace("platforms: [platform]", "platforms: [nope]"))
    (project / "rubricate.toml").write_text('ignore = ["XRF001"]\n')
    assert run("check", cwd=project).returncode == 0
    (project / "rubricate.toml").write_text('ignore = ["XRF001"]\ncolour = true\n')
    result = run("check", cwd=project)
    assert result.returncode == 2 and "unknown option 'colour'" in result.stderr
    (project / "rubricate.toml").write_text("[rules.SRC013]\nmin_edge_case = 1\n")
    result = run("check", cwd=project)
    assert (
        result.returncode == 2 and "unknown option 'min_edge_case' for rule SRC013" in result.stderr
    )


def test_rule_and_rules_document_every_rule() -> None:
    result = run("rule", "SRC008")
    assert result.returncode == 0
    for heading in ("What it checks", "Why it matters", "Failing example", "Passing example"):
        assert heading in result.stdout
    by_name = run("rule", "schema-violation")
    assert by_name.stdout == result.stdout
    listing = json.loads(run("rules", "--format", "json").stdout)
    assert {"SRC001", "XRF005"} <= {r["code"] for r in listing}
    assert run("rules", "--format", "md").stdout.startswith("| code | name |")


@pytest.mark.parametrize("kind", ["task", "policy", "bias", "platform"])
def test_new_writes_a_skeleton_that_check_accepts(project: Path, kind: str) -> None:
    result = run("new", kind, "fresh_one", cwd=project)
    assert result.returncode == 0, result.stderr
    check = run("check", "--format", "json", cwd=project)
    assert check.returncode == 0, check.stdout
    errors = [f for f in json.loads(check.stdout)["findings"] if f["severity"] == "error"]
    assert errors == []
    folder = {
        "task": "guidelines/tasks",
        "policy": "guidelines/policies",
        "bias": "guidelines/bias",
        "platform": "guidelines/platforms",
    }[kind]
    text = (project / folder / "fresh_one.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=https://")


def test_new_task_updates_taxonomy_and_new_rubric_links_its_task(project: Path) -> None:
    assert run("new", "task", "second_task", cwd=project).returncode == 0
    assert "second_task" in (project / "guidelines/taxonomy.yaml").read_text()
    assert (
        run("new", "rubric", "second_task_7pt", "--task", "second_task", cwd=project).returncode
        == 0
    )
    task_text = (project / "guidelines/tasks/second_task.yaml").read_text()
    assert "rubric: [second_task, second_task_7pt]" in task_text
    assert run("check", cwd=project).returncode == 0


def test_new_task_goes_into_the_named_category(project: Path) -> None:
    taxonomy = project / "guidelines/taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text() + "      - id: ranking\n        title: Ranking\n        tasks: []\n"
    )
    assert run("new", "task", "rank_two", "--category", "ranking", cwd=project).returncode == 0
    assert "tasks: [rate]" in taxonomy.read_text()
    assert "tasks: [rank_two]" in taxonomy.read_text()
    assert run("check", cwd=project).returncode == 0
    result = run("new", "task", "rank_three", "--category", "rankng", cwd=project)
    assert result.returncode == 2
    assert (
        "no category 'rankng' (did you mean 'ranking'?) in guidelines/taxonomy.yaml "
        "(it has: rating, ranking)" in result.stderr
    )
    assert not (project / "guidelines/tasks/rank_three.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["new", "task", "Bad-Id"],
        ["new", "task", "rate"],
        ["new", "rubric", "r2"],
        ["new", "rubric", "r2", "--task", "x"],
    ],
)
def test_new_refuses_bad_requests_with_exit_2(project: Path, args: list[str]) -> None:
    result = run(*args, cwd=project)
    assert result.returncode == 2 and "Traceback" not in result.stderr
