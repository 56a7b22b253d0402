"""``rubricate lint`` and ``rubricate export examples``: label files against the rubrics.

Parse, then execute: the command turns flags and ``[tool.rubricate]`` into a
:class:`~validate.lint.engine.LintOptions`, calls :func:`~validate.lint.engine.execute`, and
renders the plain result with a reporter from :data:`validate.reporting.REPORTERS`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click
import orjson

from validate import __version__
from validate.cli import (
    FAIL_ON,
    UsageFailure,
    cli,
    exclude_option,
    exit_code_for,
    label_files,
    project_options,
    read_run_settings,
    summarise,
)
from validate.config import Config
from validate.importers import IMPORTERS, ImportConfigError, load_mapping
from validate.lint.baseline import BaselineError, apply_baseline, read_baseline, write_baseline
from validate.lint.engine import LintError, LintOptions, auto_jobs, execute, parallel_available
from validate.reporting import FORMAT_CHOICES, choose_format, render_pieces
from validate.reporting.model import Report, summary_line
from validate.suggest import unknown_rubric

LINT_EPILOG = """\b
Exit status: 0 nothing at or above --fail-on; 1 findings at or above it;
2 usage, configuration or rubric-source error.
"""


class JobsType(click.ParamType):
    """``--jobs``: a positive number of worker processes, or ``auto``."""

    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if str(value).lower() == "auto":
            return "auto"
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1:
            self.fail(f"{value!r} is not a positive number of processes or 'auto'", param, ctx)
        return number


JOBS = JobsType()

jobs_option = click.option(
    "-j",
    "--jobs",
    type=JOBS,
    default=None,
    metavar="N|auto",
    help="Worker processes, or 'auto': one per CPU, at most one per 8 MiB of input (default 1).",
)
"""``--jobs``, as ``lint`` and ``report`` take it."""


def resolve_jobs(jobs: int | str | None, config: Config, files: list[str], *, doing: str) -> int:
    """The number of processes: ``--jobs``, else the configuration's ``jobs``, else 1, with
    ``auto`` worked out for ``files`` (:func:`auto_jobs`). Where processes cannot be forked,
    one, with a warning when a number was asked for."""
    chosen = jobs or config.get("jobs", 1)
    if chosen == "auto":
        return auto_jobs(files)
    if chosen > 1 and not parallel_available():
        click.echo(
            f"rubricate: warning: --jobs {chosen} needs processes started by fork, which this "
            f"platform does not have; {doing} in one process",
            err=True,
        )
        return 1
    return int(chosen)


def _read_mapping(path: Path | None, source_format: str | None) -> dict[str, Any] | None:
    """The ``--mapping`` file, parsed; only meaningful with ``--from``."""
    if path is None:
        return None
    if source_format is None:
        raise UsageFailure("--mapping needs --from FORMAT")
    try:
        return load_mapping(path)
    except (ImportConfigError, OSError) as exc:
        raise UsageFailure(f"{path}: {exc}") from None


def _progress_wanted(fmt: str, output: Path | None) -> bool:
    """A progress bar only for people: text format, stderr a terminal, not in CI."""
    return fmt == "text" and sys.stderr.isatty() and not os.environ.get("CI")


def _colour(flag: bool | None, output: Path | None) -> bool:
    if flag is not None:
        return flag
    return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ


def gate_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--gold``, ``--gate`` and ``--platform``: the quality-gate options of ``lint`` and
    ``report`` (read with :func:`build_gate_layers`)."""
    for option in reversed(
        (
            click.option(
                "--gold",
                "gold_files",
                multiple=True,
                type=click.Path(dir_okay=False),
                help="Golden-set file of reference answers for DST002 (repeatable).",
            ),
            click.option(
                "--gate",
                "gate_flags",
                multiple=True,
                metavar="[RUBRIC:]KEY=VALUE",
                help="Override a quality gate, e.g. agreement.minimum=0.7 (repeatable).",
            ),
            click.option(
                "--platform", help="Apply this platform profile's quality-control settings."
            ),
        )
    ):
        command = option(command)
    return command


@cli.command(epilog=LINT_EPILOG)
@click.argument("files", nargs=-1, required=True)
@click.option("--rubric", help="Rubric id for records without a 'rubric' field.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES, case_sensitive=False),
    default=None,
    help="Report format (default auto: what -o's name says for .sarif, .json and .xml; "
    "otherwise github under GitHub Actions, azure under Azure Pipelines, text elsewhere).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here."
)
@click.option("--select", multiple=True, help="Rule codes, prefixes or names to run (default ALL).")
@click.option("--ignore", multiple=True, help="Rule codes, prefixes or names to skip.")
@click.option("--extend-select", multiple=True, help="Add to the selected rules.")
@click.option("--extend-ignore", multiple=True, help="Add to the ignored rules.")
@click.option("--fail-on", type=FAIL_ON, default=None, help="Lowest failing severity (error).")
@jobs_option
@exclude_option
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write every current finding to this baseline file and exit 0.",
)
@click.option("--statistics", is_flag=True, help="Also print the number of findings per rule.")
@project_options("lint against")
@click.option("--color/--no-color", default=None, help="Colour text output (default: on a TTY).")
@click.option(
    "--dataset/--no-dataset", default=True, help="Run the DST quality gates (default on)."
)
@gate_options
@click.option(
    "--from",
    "source_format",
    type=click.Choice(sorted(IMPORTERS)),
    default=None,
    help="Read FILES as another tool's export and convert them on the fly (see 'convert').",
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="With --from: the mapping file from the tool's fields to the rubric's.",
)
def lint(
    files: Sequence[str],
    rubric: str | None,
    fmt: str | None,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    fail_on: str | None,
    jobs: int | str | None,
    exclude: tuple[str, ...],
    baseline: Path | None,
    write_baseline: Path | None,
    statistics: bool,
    root: Path,
    config_path: Path | None,
    color: bool | None,
    dataset: bool,
    gold_files: tuple[str, ...],
    gate_flags: tuple[str, ...],
    platform: str | None,
    source_format: str | None,
    mapping_path: Path | None,
) -> None:
    """Lint label FILES (JSONL, JSON, CSV, TSV, optionally .gz; '-' for stdin; a directory
    for the label files under it).

    Every record is checked against the envelope rules and its rubric (from --root): the
    label schema and the task rules the rubric lists.
    """
    config, selection, settings, threshold = read_run_settings(
        root,
        config_path,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
        extend_ignore=extend_ignore,
        fail_on=fail_on,
    )
    try:
        report_format = choose_format(
            fmt or config.get("format", "auto"), output=str(output) if output else None
        )
    except ValueError as exc:
        raise UsageFailure(str(exc)) from None
    baseline = baseline or (Path(config.get("baseline")) if config.get("baseline") else None)
    baseline_keys = None
    if baseline is not None and write_baseline is None:
        try:
            baseline_keys = read_baseline(baseline)
        except BaselineError as exc:
            raise UsageFailure(str(exc)) from None
    if output is not None and not output.parent.is_dir():
        raise UsageFailure(f"{output}: the directory {output.parent} does not exist")
    files = label_files(files, exclude, config)
    jobs = resolve_jobs(jobs, config, files, doing="linting")
    options = LintOptions(
        files=files,
        root=root,
        rubric=rubric or config.get("rubric"),
        selection=selection,
        settings=settings,
        jobs=jobs,
        progress=_progress_wanted(report_format, output),
        dataset=dataset,
        gates=build_gate_layers(config, gate_flags, platform, root),
        gold=list(gold_files),
        source_format=source_format,
        mapping=_read_mapping(mapping_path, source_format),
    )
    try:
        result = execute(options)
    except (LintError, ImportConfigError) as exc:
        raise UsageFailure(str(exc)) from None
    findings = result.findings
    if write_baseline is not None:
        try:
            write_baseline_file(write_baseline, findings)
        except OSError as exc:
            raise UsageFailure(f"{write_baseline}: cannot write baseline: {exc}") from None
        click.echo(f"rubricate: wrote {len(findings)} findings to {write_baseline}", err=True)
        sys.exit(0)
    metrics = dict(result.metrics)
    if baseline_keys is not None:
        findings, absorbed = apply_baseline(findings, baseline_keys)
        metrics["baseline_absorbed"] = absorbed
    summary = summarise(findings, len(result.files), threshold)
    summary["records"] = result.records
    report = Report(
        findings=findings,
        files=result.files,
        rules=result.rules,
        summary=summary,
        metrics=metrics,
        tool_version=__version__,
        colour=report_format == "text" and _colour(color, output),
        statistics=statistics,
    )
    emit_report(render_pieces(report_format, report), output)
    if output is not None:  # the log still says what happened (the exit status alone does not)
        click.echo(f"rubricate: wrote {output} ({report_format}): {summary_line(report)}", err=True)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if report_format == "github" and step_summary:
        from validate.reporting.github import write_job_summary

        try:
            write_job_summary(report, step_summary)
        except OSError as exc:
            click.echo(f"rubricate: warning: cannot write the job summary: {exc}", err=True)
    sys.exit(exit_code_for(findings, threshold))


# -- quality gates (DST rules): shared by lint, report and aggregate -------------------------


def build_gate_layers(
    config: Config, gate_flags: tuple[str, ...], platform: str | None, root: Path
) -> Any:
    """Gate overrides from ``[tool.rubricate.gates]``, ``--platform`` and ``--gate``."""
    from validate.rules.dataset.gates import GateError, GateLayers

    try:
        layers = GateLayers.build(
            config=config.get("gates"), gate_flags=gate_flags, platform=platform, root=root
        )
    except GateError as exc:
        raise UsageFailure(str(exc)) from None
    if platform and not layers.platform:
        # a profile that sets no gates changes nothing: say so rather than seem to apply it
        click.echo(
            f"rubricate: note: platform profile {platform!r} sets no quality gates "
            "(quality_control.settings: min_judgements, gold_accuracy, min_seconds); "
            "the other gate layers apply",
            err=True,
        )
    return layers


def write_baseline_file(path: Path, findings: list[Any]) -> None:
    """Write the baseline (a seam for tests)."""
    write_baseline(path, findings)


def emit_report(text: str | Iterable[str], output: Path | None) -> None:
    """Print the report, or write it atomically to ``output`` (pieces as they come)."""
    if output is None:
        for piece in [text] if isinstance(text, str) else text:
            click.echo(piece, nl=False)
        return
    from validate.reporting.output import write_atomic

    try:
        write_atomic(output, text)
    except OSError as exc:
        raise UsageFailure(f"{output}: cannot write the report: {exc}") from None


# --------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------


@cli.group()
def export() -> None:
    """Export a rubric for other tools: worked examples, labelling configs, JSON Schemas."""


def example_records(rubric: dict[str, Any], rubric_id: str) -> list[dict[str, Any]]:
    """A rubric's worked examples as label records (gold, one per example)."""
    records = []
    version = str(rubric.get("version", ""))
    for example in rubric.get("examples") or []:
        record: dict[str, Any] = {
            "id": f"{rubric_id}/{example['id']}",
            "rubric": rubric_id,
            "item_id": f"{rubric_id}/{example['id']}",
            "gold": True,
        }
        if version:
            record["rubric_version"] = version
        if example.get("item") is not None:
            record["item"] = example["item"]
        record["label"] = example["label"]
        records.append(record)
    return records


@export.command("examples")
@click.argument("rubric_id", metavar="RUBRIC")
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    help="Project root (default: current directory).",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write JSONL here."
)
def export_examples(rubric_id: str, root: Path, output: Path | None) -> None:
    """Print RUBRIC's worked examples as JSONL label records (they lint clean)."""
    from validate.lint.compiled import ProjectError, load_project

    try:
        spec = load_project(root)
    except ProjectError as exc:
        raise UsageFailure(str(exc)) from None
    found = spec.rubrics.get(rubric_id)
    if found is None:
        raise UsageFailure(unknown_rubric(rubric_id, spec.rubrics))
    lines = [orjson.dumps(r).decode("utf-8") + "\n" for r in example_records(found.data, rubric_id)]
    emit_report("".join(lines), output)
