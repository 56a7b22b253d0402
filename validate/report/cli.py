"""``rubricate report FILE...``: parse the flags, :func:`collect`, render HTML or JSON."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click
import orjson

from validate.cli import (
    UsageFailure,
    build_settings,
    cli,
    exclude_option,
    label_files,
    project_options,
    read_config,
)
from validate.lint.engine import LintError
from validate.lint_cli import (
    build_gate_layers,
    emit_report,
    gate_options,
    jobs_option,
    resolve_jobs,
)
from validate.log_commands import defuse_json
from validate.report.collect import ReportOptions, collect, progress_wanted

REPORT_EPILOG = """\b
Exit status: 0 report written (also when gates fail, unless --fail-on-gates);
1 a gate failed and --fail-on-gates was given; 2 usage, configuration or rubric-source error.
"""


REPORT_SUFFIXES = {"": "html", ".html": "html", ".htm": "html", ".json": "json"}
"""Report format by the suffix of ``-o`` (no ``-o``: HTML, to report.html)."""


@cli.command(epilog=REPORT_EPILOG)
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report here (default: report.html, or stdout for json).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "json"]),
    default=None,
    help="html (default; from -o's suffix) or json.",
)
@click.option("--rubric", help="Rubric id for records without a 'rubric' field.")
@gate_options
@project_options("use")
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Bootstrap resamples for the agreement CIs (0: none).",
)
@click.option("--fail-on-gates", is_flag=True, help="Exit 1 when a quality gate fails.")
@jobs_option
@exclude_option
def report(
    files: Sequence[str],
    output: Path | None,
    fmt: str | None,
    rubric: str | None,
    gold_files: tuple[str, ...],
    gate_flags: tuple[str, ...],
    platform: str | None,
    root: Path,
    config_path: Path | None,
    bootstrap: int,
    fail_on_gates: bool,
    jobs: int | str | None,
    exclude: tuple[str, ...],
) -> None:
    """Write the dataset QA report for label FILES (or directories of them): agreement with
    CIs, gold accuracy, per-annotator statistics and flags, label distributions, confusion
    against gold."""

    config = read_config(root if root.is_dir() else Path.cwd(), config_path)
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        if suffix not in REPORT_SUFFIXES:
            raise UsageFailure(
                f"{output}: cannot tell the report format from {output.suffix!r} (the report "
                "is HTML or JSON); name the file .html or .json, or give --format"
            )
        fmt = REPORT_SUFFIXES[suffix]
    if output is None and fmt == "html":
        output = Path("report.html")
    if output is not None and not output.parent.is_dir():
        raise UsageFailure(f"{output}: the directory {output.parent} does not exist")
    files = label_files(files, exclude, config)
    options = ReportOptions(
        files=files,
        root=root,
        rubric=rubric or config.get("rubric"),
        gold=list(gold_files),
        gates=build_gate_layers(config, gate_flags, platform, root),
        settings=build_settings(config),
        bootstrap=bootstrap,
        progress=progress_wanted(),
        jobs=resolve_jobs(jobs, config, files, doing="reading"),
    )
    try:
        data = collect(options)
    except LintError as exc:
        raise UsageFailure(str(exc)) from None
    if fmt == "json":
        text = defuse_json(  # it quotes ids from the labels: see validate.log_commands
            orjson.dumps(
                data.as_json(), option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
            ).decode()
            + "\n"
        )
    else:
        from validate.report.html import render_html

        text = render_html(data)
    emit_report(text, output)
    if output is not None:
        failed = " (gates failed)" if data.gates_failed else ""
        click.echo(
            f"rubricate: wrote {output}: {data.records} records, "
            f"{len(data.findings)} findings{failed} in {data.elapsed_s:.1f} s",
            err=True,
        )
    sys.exit(1 if fail_on_gates and data.gates_failed else 0)
