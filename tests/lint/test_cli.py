"""``rubricate lint`` end to end: formats, exit codes, output files, config, baseline, jobs."""

from __future__ import annotations

import gzip
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.lint.conftest import PROJECT, likert, write_jsonl
from tests.paths import SARIF_SCHEMA, require_shared

Run = Callable[..., Any]


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A file with a few kinds of findings (errors and a warning)."""
    return write_jsonl(
        tmp_path / "labels.jsonl",
        [
            likert("r1"),
            likert("r1"),  # LBL006
            {"id": "r3", "rubric": "likert_rating", "label": {"scores": {"helpfulness": 9}}},
            "{broken",
            {
                "id": "k1",
                "rubric": "response_ranking",
                "item": {"responses": [{"id": "a"}, {"id": "b"}]},
                "label": {"ranking": ["a", "b"], "ratings": {"a": 2, "b": 5}},
            },
        ],
    )


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "clean.jsonl", [likert("r1"), likert("r2")])


def test_clean_file_exits_0(run: Run, clean: Path) -> None:
    result = run("lint", clean)
    assert result.exit_code == 0, result.output
    assert "All checks passed: 1 file, 2 records." in result.output


def test_findings_exit_1_with_located_text(run: Run, mixed: Path) -> None:
    result = run("lint", mixed)
    assert result.exit_code == 1
    assert f"{mixed}:2:1: LBL006 duplicate record id 'r1' (first at line 1)" in result.output
    assert f"{mixed}:4:" in result.output and "LBL001" in result.output
    assert "Traceback" not in result.output


def test_fail_on_levels(run: Run, tmp_path: Path) -> None:
    only_warning = write_jsonl(
        tmp_path / "w.jsonl",
        [
            {
                "id": "k1",
                "rubric": "response_ranking",
                "item": {"responses": [{"id": "a"}, {"id": "b"}]},
                "label": {"ranking": ["a", "b"], "ratings": {"a": 2, "b": 5}},
            }
        ],
    )
    assert run("lint", only_warning).exit_code == 0
    assert run("lint", only_warning, "--fail-on", "warning").exit_code == 1
    assert run("lint", only_warning, "--ignore", "RNK003", "--fail-on", "info").exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.jsonl"], "no such file"),
        (["{file}", "--rubric", "nope"], "unknown rubric 'nope'"),
        # stderr is in the CI log too: a quoted Azure command is shown masked
        (["{file}", "--rubric", "##vso[task.setvariable variable=X]1"], "unknown rubric '**vso["),
        (["{file}", "--select", "XYZ999"], "unknown rule or prefix"),
        (["{file}", "--format", "yaml"], "Invalid value"),
        (["{file}", "--jobs", "0"], "not a positive number of processes or 'auto'"),
        (["{file}", "--jobs", "fast"], "not a positive number of processes or 'auto'"),
        (["{file}", "--baseline", "{dir}/none.json"], "baseline file not found"),
        (["{file}", "-o", "{dir}/no/such/dir/out.txt"], "does not exist"),
    ],
)
def test_usage_errors_exit_2(
    run: Run, clean: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    argv = [a.format(file=clean, dir=tmp_path) for a in args]
    result = run("lint", *argv)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_broken_rubric_source_exits_2(run: Run, tmp_path: Path, clean: Path) -> None:
    project = tmp_path / "project"
    (project / "rubrics").mkdir(parents=True)
    (project / "rubrics" / "likert_rating.yaml").write_text("id: likert_rating\nscales: [1, 2\n")
    result = run("lint", clean, "--root", project)
    assert result.exit_code == 2
    assert "has errors in its source" in result.output
    assert "likert_rating.yaml" in result.output


def test_root_without_rubrics_exits_2(run: Run, tmp_path: Path, clean: Path) -> None:
    result = run("lint", clean, "--root", tmp_path)
    assert result.exit_code == 2
    assert "no rubrics/ folder" in result.output


def test_json_report_shape(run: Run, mixed: Path) -> None:
    result = run("lint", mixed, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert set(payload) >= {"findings", "summary", "metrics"}
    first = payload["findings"][0]
    for key in (
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "record_id",
        "pointer",
    ):
        assert key in first
    assert payload["summary"]["records"] == 4
    assert payload["metrics"]["records"] == 4
    pointers = {f["pointer"] for f in payload["findings"] if f["code"] == "LKT001"}
    assert "/label/scores/helpfulness" in pointers


def test_gitlab_code_quality_report(run: Run, mixed: Path, tmp_path: Path) -> None:
    """The file a GitLab job uploads as ``artifacts: reports: codequality``: one issue per
    finding of the JSON report, at the same file and line, exit status as for any format."""
    out = tmp_path / "gl-code-quality.json"
    result = run("lint", mixed, "--format", "gitlab", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"rubricate: wrote {out} (gitlab): Found ")
    issues = json.loads(out.read_text("utf-8"))
    findings = json.loads(run("lint", mixed, "--format", "json").output)["findings"]
    assert [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues
    ] == [(f["code"], f["file"], max(1, f["line"])) for f in findings]
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_azure_pipelines_issues_under_tf_build(run: Run, mixed: Path) -> None:
    """On an Azure Pipelines agent (``TF_BUILD=True``) the default is one ``task.logissue``
    per error and warning, at the JSON report's file, line and code."""
    result = run("lint", mixed, env={"TF_BUILD": "True"})
    assert result.exit_code == 1
    findings = json.loads(run("lint", mixed, "--format", "json").output)["findings"]
    issues = [line for line in result.output.splitlines() if line.startswith("##vso[")]
    assert len(issues) == sum(f["severity"] != "info" for f in findings) > 0
    for line, want in zip(issues, [f for f in findings if f["severity"] != "info"], strict=True):
        props = dict(
            p.split("=", 1)
            for p in line[len("##vso[task.logissue ") :].split("]")[0].split(";")
            if p
        )
        assert props["type"] == want["severity"] and props["code"] == want["code"]
        assert props["sourcepath"] == want["file"]
        assert props.get("linenumber", "0") == str(want["line"])
    assert result.output.rstrip().endswith("in 1 file.")


HOSTILE = "x\n::error::PWN\n    ::warning::PWN ##vso[task.setvariable variable=PATH]/tmp"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit", "github", "gitlab", "azure"])
def test_no_format_lets_label_content_issue_a_ci_command(
    run: Run, tmp_path: Path, fmt: str
) -> None:
    """Ids, field names and values from a label file, each holding line breaks, a GitHub
    workflow command and an Azure logging command, in every place a finding quotes them:
    no output line starts with a workflow command of theirs (GitHub reads one after any
    indent) and no ``##vso[`` but the Azure reporter's own, at the start of its lines."""
    records = [
        likert("r1", annotator_id=HOSTILE, label={"scores": {"helpfulness": 4}, HOSTILE: 1}),
        {"id": HOSTILE, "rubric": HOSTILE, "item_id": "i", "label": {}},
        likert("r3", created_at=HOSTILE, label={"scores": {"helpfulness": HOSTILE}}),
        {**likert("r4"), "rubric_version": HOSTILE},
        # an item judged once where others repeat: DST007 names the item as it is
        likert("r5", item_id=HOSTILE, annotator_id="a"),
        likert("r6", item_id="twice", annotator_id="a"),
        likert("r7", item_id="twice", annotator_id="b"),
    ]
    path = write_jsonl(tmp_path / "hostile.jsonl", records)
    result = run("lint", path, "--format", fmt)
    assert result.exit_code == 1
    assert "PWN" in result.output  # quoted, not dropped
    for line in result.output.splitlines():
        assert not line.lstrip().startswith(("::error::PWN", "::warning::PWN")), line
        assert line.find("##vso[", 1) < 0, line
        assert not line.startswith("##vso[") or (fmt == "azure" and "logissue" in line), line
    if fmt in ("json", "sarif", "gitlab"):
        assert "##vso[task.setvariable" in json.dumps(json.loads(result.output))  # same data


def test_sarif_validates_against_the_schema(run: Run, mixed: Path) -> None:
    result = run("lint", mixed, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    schema = json.loads(require_shared(SARIF_SCHEMA).read_text("utf-8"))
    jsonschema.validate(log, schema)
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert len(rules) == len(set(rules))
    assert {"LBL006", "LKT001", "RNK003"} <= set(rules)


def test_output_named_sarif_is_sarif(run: Run, mixed: Path, tmp_path: Path) -> None:
    """No --format: the -o file's name decides, even under GitHub Actions."""
    out = tmp_path / "lint.sarif"
    result = run("lint", mixed, "-o", out, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1 and result.stdout == ""
    log = json.loads(out.read_text("utf-8"))
    jsonschema.validate(log, json.loads(require_shared(SARIF_SCHEMA).read_text("utf-8")))


def test_junit_parses(run: Run, mixed: Path, clean: Path) -> None:
    result = run("lint", mixed, clean, "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.output.encode("utf-8"))
    suites = root.findall("testsuite") if root.tag == "testsuites" else [root]
    assert len(suites) == 2
    try:
        from junitparser import JUnitXml
    except ImportError:  # pragma: no cover - junitparser is a dev dependency
        return
    xml = JUnitXml.fromstring(result.output.encode("utf-8"))
    assert sum(1 for _ in xml) == 2


def test_github_auto_and_job_summary(run: Run, mixed: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run(
        "lint",
        mixed,
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 1
    assert "::error " in result.output
    assert summary.read_text("utf-8").strip()


def test_output_file_written_atomically(run: Run, mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.sarif"
    out.write_text("old")
    result = run("lint", mixed, "--format", "sarif", "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""  # the log says where the report went and what it holds
    assert result.stderr.startswith(f"rubricate: wrote {out} (sarif): Found ")
    assert json.loads(out.read_text("utf-8"))["version"] == "2.1.0"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_statistics(run: Run, mixed: Path) -> None:
    result = run("lint", mixed, "--statistics")
    assert "LBL006" in result.output.split("\n\n")[-1] or "duplicate-record-id" in result.output


def test_selection_and_per_file_ignores(run: Run, mixed: Path, tmp_path: Path) -> None:
    only = json.loads(run("lint", mixed, "--select", "LBL006", "--format", "json").output)
    assert {f["code"] for f in only["findings"]} == {"LBL006"}
    by_name = json.loads(
        run("lint", mixed, "--select", "duplicate-record-id", "--format", "json").output
    )
    assert {f["code"] for f in by_name["findings"]} == {"LBL006"}
    (tmp_path / "rubricate.toml").write_text(
        '[per-file-ignores]\n"labels.jsonl" = ["LBL", "LKT"]\n'
    )
    result = run("lint", mixed, "--config", tmp_path / "rubricate.toml", "--format", "json")
    codes = {f["code"] for f in json.loads(result.output)["findings"]}
    assert codes == {"RNK003"}


def test_config_rubric_default_and_unknown_key(run: Run, tmp_path: Path) -> None:
    target = write_jsonl(
        tmp_path / "x.jsonl",
        [
            {
                "id": "r1",
                "label": {
                    "scores": {"helpfulness": 4, "correctness": 4, "coherence": 4, "honesty": 4}
                },
            }
        ],
    )
    assert run("lint", target).exit_code == 1  # no rubric: LBL003
    assert run("lint", target, "--rubric", "likert_rating").exit_code == 0
    config = tmp_path / "rubricate.toml"
    config.write_text('rubric = "likert_rating"\n')
    assert run("lint", target, "--config", config).exit_code == 0
    config.write_text('rubrik = "likert_rating"\n')
    result = run("lint", target, "--config", config)
    assert result.exit_code == 2 and "rubrik" in result.output


def test_rule_options_from_config(run: Run, tmp_path: Path) -> None:
    target = write_jsonl(tmp_path / "x.jsonl", [likert("r1")])
    config = tmp_path / "rubricate.toml"
    config.write_text("[rules.LKT003]\nlevelz = [1]\nmin_length = 0\n")
    result = run("lint", target, "--config", config)
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert f"rubricate: error: {config}:2:1: unknown option 'levelz' for rule LKT003" in lines[0]
    assert "rules.LKT003.min_length: option of rule LKT003: 0 is less than" in lines[1]
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.rubricate.rules.LKT003]\nmin_length = 0\n")
    result = run("lint", target, "--config", pyproject)
    assert result.exit_code == 2
    assert f"{pyproject}:2:1: tool.rubricate.rules.LKT003.min_length: option" in result.output


def test_baseline_round_trip(run: Run, mixed: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    written = run("lint", mixed, "--write-baseline", baseline)
    assert written.exit_code == 0
    assert json.loads(baseline.read_text("utf-8"))["findings"]
    again = run("lint", mixed, "--baseline", baseline)
    assert again.exit_code == 0, again.output
    # A new problem still fails.
    with mixed.open("a", encoding="utf-8") as f:
        f.write(json.dumps(likert("r9", duration_s=-5)) + "\n")
    new = run("lint", mixed, "--baseline", baseline, "--format", "json")
    assert new.exit_code == 1
    findings = json.loads(new.output)["findings"]
    assert [(f["line"], f["code"]) for f in findings] == [(6, "LBL003")]


def test_baseline_matches_by_basename(run: Run, mixed: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run("lint", mixed, "--write-baseline", baseline)
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    copy = moved / mixed.name
    copy.write_bytes(mixed.read_bytes())
    assert run("lint", copy, "--baseline", baseline).exit_code == 0


def test_bad_baseline_exits_2(run: Run, mixed: Path, tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    assert run("lint", mixed, "--baseline", bad).exit_code == 2


def test_gzip_and_stdin(run: Run, tmp_path: Path) -> None:
    data = (json.dumps(likert("r1")) + "\n" + json.dumps(likert("r1")) + "\n").encode()
    gz = tmp_path / "l.jsonl.gz"
    gz.write_bytes(gzip.compress(data))
    result = run("lint", gz, "--format", "json")
    assert [(f["line"], f["code"]) for f in json.loads(result.output)["findings"]] == [
        (2, "LBL006")
    ]
    from click.testing import CliRunner

    from validate.cli import cli

    piped = CliRunner().invoke(
        cli, ["lint", "-", "--root", str(PROJECT), "--format", "json"], input=data
    )
    assert piped.exit_code == 1
    assert json.loads(piped.output)["findings"][0]["file"] == "<stdin>"


def test_duplicates_across_files(run: Run, tmp_path: Path) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", [likert("r1")])
    b = write_jsonl(tmp_path / "b.jsonl", [likert("r2"), likert("r1")])
    result = json.loads(run("lint", a, b, "--format", "json").output)
    assert [(f["file"], f["line"], f["code"]) for f in result["findings"]] == [
        (str(b), 2, "LBL006")
    ]
    assert f"first at {a}:1" in result["findings"][0]["message"]


def test_no_progress_bar_when_not_a_terminal(run: Run, clean: Path) -> None:
    result = run("lint", clean)
    assert "linting" not in result.output


def test_env_does_not_leak(clean: Path) -> None:
    assert "RUBRICATE_DEBUG" not in os.environ


def test_broken_rubric_nobody_uses_does_not_stop_the_run(
    run: Run, tmp_path: Path, clean: Path
) -> None:
    project = tmp_path / "project"
    (project / "rubrics").mkdir(parents=True)
    for name in ("likert_rating", "response_ranking"):
        (project / "rubrics" / f"{name}.yaml").write_bytes(
            (PROJECT / "rubrics" / f"{name}.yaml").read_bytes()
        )
    (project / "rubrics" / "response_ranking.yaml").write_text("id: [broken\n")
    assert run("lint", clean, "--root", project).exit_code == 0
    ranked = write_jsonl(
        tmp_path / "r.jsonl",
        [{"id": "k", "rubric": "response_ranking", "label": {"ranking": ["a", "b"]}}],
    )
    for jobs in ("1", "2"):
        result = run("lint", clean, ranked, "--root", project, "--jobs", jobs)
        assert result.exit_code == 2, result.output
        assert "response_ranking" in result.output and "Traceback" not in result.output


def test_jobs_auto_from_the_command_line_and_the_config(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validate.lint import engine

    monkeypatch.setattr(engine, "AUTO_BYTES_PER_JOB", 64)  # this small file gets 2 workers
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    data = write_jsonl(tmp_path / "d.jsonl", [likert(f"r{i}") for i in range(40)] + [{"id": 1}])
    expected = json.loads(run("lint", data, "--format", "json").output)["findings"]
    report = json.loads(run("lint", data, "--format", "json", "--jobs", "auto").output)
    assert report["metrics"]["jobs"] == 2 and report["findings"] == expected
    config = tmp_path / "rubricate.toml"
    config.write_text('jobs = "auto"\n')
    report = json.loads(run("lint", data, "--format", "json", "--config", config).output)
    assert report["metrics"]["jobs"] == 2 and report["findings"] == expected
    config.write_text('jobs = "fast"\n')
    result = run("lint", data, "--config", config)
    assert result.exit_code == 2 and "jobs: 'fast' does not match" in result.output


def test_jobs_without_fork_lints_in_one_process_and_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    data = write_jsonl(tmp_path / "d.jsonl", [likert("r1"), likert("r1"), {"id": "x"}])
    expected = json.loads(run("lint", data, "--format", "json").output)["findings"]
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    result = run("lint", data, "--format", "json", "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert "--jobs 2 needs processes started by fork" in result.stderr
    assert "Traceback" not in result.output
    report = json.loads(result.stdout)
    assert report["findings"] == expected and report["metrics"]["jobs"] == 1
