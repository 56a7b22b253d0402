"""The ``rubricate`` command group and the commands that need only :mod:`validate`.

Commands parse their options into plain values and call pure functions; exit codes are
0 (nothing at or above ``--fail-on``), 1 (findings at or above it), 2 (usage, configuration or
source error) and 3 (internal error: a bug, reported without a traceback).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from validate import __version__
from validate.catalog import RootError, load_catalog
from validate.config import Config, ConfigError, find_config, load_config, shown_path
from validate.findings import Finding, Severity
from validate.log_commands import defuse_json, defuse_text
from validate.rules.base import RuleInfo
from validate.selection import RuleSelection, SelectionError
from validate.source_check import RuleOptionsError, RuleSettings
from validate.toml_lines import locate

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageFailure(click.ClickException):
    """A usage, configuration or source error: message on stderr, exit 2."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        for line in self.format_message().splitlines() or [""]:
            click.echo(defuse_text(f"rubricate: error: {line}"), err=True)


def all_rules() -> dict[str, RuleInfo]:
    """The rule registry, imported on first use (it loads every rule module, numpy included:
    commands that need no rules should not pay for it)."""
    from validate.rules.registry import RULES

    return RULES


def split_codes(values: tuple[str, ...]) -> list[str]:
    """``--select A,B --select C`` -> ``["A", "B", "C"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def build_selection(
    config_values: Config,
    *,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    extend_select: tuple[str, ...] = (),
    extend_ignore: tuple[str, ...] = (),
    scope: str | None = None,
) -> RuleSelection:
    """Selection from configuration, overridden by command-line selectors."""
    rules = {c: r for c, r in all_rules().items() if scope is None or r.scope == scope}
    try:
        return RuleSelection.build(
            all_rules() if scope is None else rules,
            select=split_codes(select) or config_values.get("select"),
            ignore=split_codes(ignore) or config_values.get("ignore", []),
            extend_select=[*config_values.get("extend-select", []), *split_codes(extend_select)],
            extend_ignore=[*config_values.get("extend-ignore", []), *split_codes(extend_ignore)],
            per_file_ignores=config_values.get("per-file-ignores"),
        )
    except SelectionError as exc:
        raise UsageFailure(str(exc)) from None


def label_files(paths: Sequence[str], exclude: Sequence[str], config: Config) -> list[str]:
    """The FILES arguments of ``lint``, ``report`` and ``aggregate``, each directory replaced
    by the label files under it and each file kept once (:func:`expand_inputs`), leaving out
    what ``--exclude`` and the configuration's ``exclude`` match."""
    from validate.lint.inputs import InputError, expand_inputs

    try:
        return expand_inputs(paths, [*config.get("exclude", []), *exclude])
    except InputError as exc:
        raise UsageFailure(str(exc)) from None


exclude_option = click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="GLOB",
    help="Leave out files found in a directory argument that match (a path below it, or a "
    "file or folder name; repeatable).",
)
"""``--exclude``, as the commands that take FILES take it."""


def build_settings(config_values: Config) -> RuleSettings:
    """Per-rule severities and options from configuration, validated; a problem is located
    at its key's line in the file."""
    problems: list[tuple[tuple[str, ...], str]] = []
    severity: dict[str, Severity] = {}
    for code, value in config_values.get("severity", {}).items():
        if code not in all_rules():
            problems.append((("severity", code), f"severity given for unknown rule {code!r}"))
            continue
        try:
            severity[code] = Severity.parse(value)
        except ValueError as exc:
            problems.append((("severity", code), str(exc)))
    settings = RuleSettings(severity=severity, options=dict(config_values.get("rules", {})))
    path = config_values.path
    in_pyproject = path is not None and path.name == "pyproject.toml"
    try:
        settings.validate(all_rules(), table="tool.rubricate.rules" if in_pyproject else "rules")
    except RuleOptionsError as exc:
        problems += [(("rules", *keys), message) for keys, message in exc.problems]
    if problems:
        raise UsageFailure(
            "\n".join(f"{_config_place(config_values, keys)}{text}" for keys, text in problems)
        )
    return settings


def _config_place(config: Config, keys: tuple[str, ...]) -> str:
    """``path:line:col: `` of ``keys`` in the configuration file (``path: `` when the line
    cannot be found; nothing without a file)."""
    if config.path is None:
        return ""
    table = ("tool", "rubricate") if config.path.name == "pyproject.toml" else ()
    at = locate(config.text, table + keys)
    return f"{shown_path(config.path)}{'' if at is None else f':{at[0]}:{at[1]}'}: "


def project_options(use: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--root`` (the project whose rubrics the command uses: ``use`` says how) and
    ``--config``, as ``lint``, ``report`` and ``aggregate`` take them."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        command = click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            help="Configuration file (default: rubricate.toml or pyproject.toml in --root).",
        )(command)
        return click.option(
            "--root",
            type=click.Path(path_type=Path, file_okay=False),
            default=".",
            help=f"Project whose rubrics to {use} (default: current directory).",
        )(command)

    return decorate


def read_config(root: Path, explicit: Path | None) -> Config:
    """The configuration from ``--config`` or the file found in ``root``/cwd."""
    try:
        path = explicit or find_config(root) or find_config(Path.cwd())
        return load_config(path)
    except ConfigError as exc:
        raise UsageFailure(str(exc)) from None


def read_run_settings(
    root: Path,
    config_path: Path | None,
    *,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    fail_on: str | None,
) -> tuple[Config, RuleSelection, RuleSettings, Severity]:
    """Configuration, rule selection, rule settings and the ``--fail-on`` threshold of a run.

    Shared by ``check`` and ``lint``: the configuration file first, command-line flags over it.
    """
    config = read_config(root if root.is_dir() else Path.cwd(), config_path)
    selection = build_selection(
        config,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
        extend_ignore=extend_ignore,
    )
    settings = build_settings(config)
    threshold = Severity.parse(fail_on or config.get("fail-on", "error"))
    return config, selection, settings, threshold


def exit_code_for(findings: list[Finding], fail_on: Severity) -> int:
    """1 when any finding is at or above ``fail_on``, else 0."""
    return EXIT_FINDINGS if any(f.severity >= fail_on for f in findings) else EXIT_OK


def summarise(findings: list[Finding], files: int, fail_on: Severity) -> dict[str, Any]:
    """The ``summary`` object of the JSON report."""
    by_severity = {str(s): sum(1 for f in findings if f.severity == s) for s in reversed(Severity)}
    return {
        "files": files,
        "findings": len(findings),
        "by_severity": by_severity,
        "fail_on": str(fail_on),
        "failed": exit_code_for(findings, fail_on) == EXIT_FINDINGS,
    }


CHECK_FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "azure")
"""``check``'s formats: lint's reporters, so source findings reach the same CI views."""
CHECK_FORMAT_HELP = (
    "Output format: text (path:line:col: CODE message), json, sarif (code scanning), junit, "
    "github (workflow annotations), gitlab (Code Quality report) or azure (Azure Pipelines "
    "issues)."
)
FAIL_ON = click.Choice(["error", "warning", "info"], case_sensitive=False)


class LazyGroup(click.Group):
    """A command group whose commands are imported when first used.

    ``lazy_commands`` maps a command name to the modules that register it (on import, with
    ``@cli.command``). ``rubricate build`` then does not import the linter, numpy's dataset
    statistics or the exporters, and ``rubricate lint`` does not import MkDocs: start-up
    was a second of imports before any work. ``--help`` imports them all to list them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, tuple[str, ...]] = {}

    def register_lazy(self, name: str, *modules: str) -> None:
        """Make ``name`` available, importing ``modules`` (in order) when it is used."""
        self.lazy_commands[name] = (*self.lazy_commands.get(name, ()), *modules)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        modules = self.lazy_commands.pop(cmd_name, ())
        for module in modules:
            importlib.import_module(module)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for name in list(self.lazy_commands):
            self.get_command(ctx, name)
        return super().list_commands(ctx)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="rubricate")
def cli() -> None:
    """Rubricate: guidelines-as-code for AI training data.

    Validate guideline and rubric sources, build the guideline site and rubric cards, and lint
    label files against the same rubrics.
    """


assert isinstance(cli, LazyGroup)
cli.register_lazy("lint", "validate.lint_cli")
cli.register_lazy("export", "validate.lint_cli")
cli.register_lazy("report", "validate.report.cli")
cli.register_lazy("aggregate", "validate.aggregate_cli")
cli.register_lazy("convert", "validate.convert_cli")


@cli.command()
@click.argument("root", type=click.Path(path_type=Path), default=".")
@click.option(
    "--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", help=CHECK_FORMAT_HELP
)
@click.option("--select", multiple=True, help="Rule codes, prefixes or names to run (default ALL).")
@click.option("--ignore", multiple=True, help="Rule codes, prefixes or names to skip.")
@click.option("--extend-select", multiple=True, help="Add to the selected rules.")
@click.option("--extend-ignore", multiple=True, help="Add to the ignored rules.")
@click.option(
    "--fail-on", type=FAIL_ON, default=None, help="Lowest severity that fails (default error)."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Configuration file.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text output (default: on a terminal)."
)
def check(
    root: Path,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    extend_ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: Path | None,
    color: bool | None,
) -> None:
    """Validate every source under ROOT (default: the current directory).

    Exit 0 when nothing at or above --fail-on is found, 1 when something is, 2 when ROOT or
    the configuration is unusable.
    """
    _config, selection, settings, threshold = read_run_settings(
        root,
        config_path,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
        extend_ignore=extend_ignore,
        fail_on=fail_on,
    )
    try:
        catalog = load_catalog(root)
    except RootError as exc:
        raise UsageFailure(str(exc)) from None
    from validate.source_check import check_catalog

    findings = check_catalog(catalog, all_rules(), selection, settings)
    summary = summarise(findings, len(catalog.docs), threshold)
    checked = sorted(doc.display_path for doc in catalog.docs)
    emit_source_report(findings, summary, fmt=fmt, colour=_colour(color), files=checked)
    sys.exit(exit_code_for(findings, threshold))


def _colour(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def emit_source_report(
    findings: list[Finding],
    summary: dict[str, Any],
    *,
    fmt: str,
    colour: bool,
    files: list[str] | None = None,
) -> None:
    """Print findings of ``check`` in the requested format (``files``: every source checked,
    for the formats that list clean files too, such as JUnit; default: those with findings)."""
    from validate.reporting import REPORTERS, render_pieces
    from validate.reporting.model import Report

    files = files if files is not None else sorted({f.file for f in findings})
    report = Report(
        findings=findings,
        files=files,
        rules={f.code: all_rules()[f.code] for f in findings},
        summary=summary,
        tool_version=__version__,
        colour=colour and fmt == "text",
    )
    if fmt == "json":
        payload = json.loads(REPORTERS["json"](report))
        payload.pop("metrics", None)  # check reports findings and summary only
        click.echo(defuse_json(json.dumps(payload, indent=2)))
    else:
        click.echo("".join(render_pieces(fmt, report)), nl=False)


@cli.command()
@click.argument("code")
def rule(code: str) -> None:
    """Show the documentation of one rule (by code or name)."""
    rules = all_rules()
    info = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code), None)
    if info is None:
        raise UsageFailure(f"unknown rule {code!r}; see 'rubricate rules'")
    click.echo(
        f"{info.code} {info.name} ({info.scope} rule, default severity {info.default_severity})"
    )
    click.echo()
    click.echo(info.doc)
    click.echo()
    click.echo(f"More: {info.help_uri()}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text")
def rules(fmt: str) -> None:
    """List every rule with its code, name, scope, severity and summary."""
    if fmt == "json":
        payload = [
            {
                "code": r.code,
                "name": r.name,
                "scope": r.scope,
                "severity": str(r.default_severity),
                "summary": r.summary,
                "options": r.options_schema.get("properties", {}),
                "help_uri": r.help_uri(),
            }
            for r in all_rules().values()
        ]
        click.echo(json.dumps(payload, indent=2))
    elif fmt == "md":
        click.echo("| code | name | scope | severity | summary |")
        click.echo("| --- | --- | --- | --- | --- |")
        for r in all_rules().values():
            click.echo(f"| {r.code} | {r.name} | {r.scope} | {r.default_severity} | {r.summary} |")
    else:
        for r in all_rules().values():
            click.echo(f"{r.code}  {r.name:<28} {r.scope:<8} {r.default_severity!s:<8} {r.summary}")


def run(main: Callable[..., Any]) -> None:
    """Run a Click command; turn any unexpected exception into exit 3 without a traceback."""
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("rubricate: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so plainly, keep the details for a bug report
        if os.environ.get("RUBRICATE_DEBUG"):
            raise
        click.echo(
            defuse_text(
                f"rubricate: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in Rubricate; rerun with RUBRICATE_DEBUG=1 for the traceback."
            ),
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
