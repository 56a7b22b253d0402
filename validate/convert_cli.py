"""``rubricate convert --from FORMAT FILE``: other tools' exports as envelope JSONL.

The command resolves the rubric and mapping, runs the importer from
:data:`validate.importers.IMPORTERS`, writes the records atomically (or to standard output) and
prints every problem on standard error as ``path:line:col: CODE message``. Exit status follows
``lint``: 0 no error-severity problem, 1 at least one, 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
import orjson

from validate.catalog import RootError, load_catalog
from validate.cli import EXIT_FINDINGS, EXIT_OK, UsageFailure, cli
from validate.findings import Severity
from validate.importers import (
    IMPORTERS,
    ConvertedRecord,
    ImportConfigError,
    ReadProblem,
    load_mapping,
    severity_of,
)
from validate.log_commands import defuse_json, defuse_text

CONVERT_EPILOG = """\b
Problems go to standard error as path:line:col: CODE message (IMP codes: 'rubricate rules').
Exit status: 0 converted, nothing at error severity; 1 error-severity problems (records
that could be converted are still written); 2 usage or configuration error.
"""


def run_import(
    fmt: str,
    path: Path,
    *,
    root: Path,
    rubric: str | None,
    mapping_path: Path | None,
) -> tuple[list[dict[str, Any]], list[ReadProblem]]:
    """Convert one file: ``(records, problems)``; raises :class:`UsageFailure` for exit 2."""
    try:
        catalog = load_catalog(root)
    except RootError as exc:
        raise UsageFailure(str(exc)) from None
    try:
        mapping = load_mapping(mapping_path) if mapping_path is not None else None
        records: list[dict[str, Any]] = []
        problems: list[ReadProblem] = []
        for entry in IMPORTERS[fmt](path, rubric=rubric, mapping=mapping, catalog=catalog):
            if isinstance(entry, ConvertedRecord):
                records.append(entry.data)
            else:
                problems.append(entry)
    except ImportConfigError as exc:
        raise UsageFailure(str(exc)) from None
    return records, problems


def format_problem(path: Path | str, item: ReadProblem) -> str:
    """``path:line:col: CODE message`` (severity in brackets when it is not an error)."""
    severity = severity_of(item.code)
    tag = "" if severity is Severity.ERROR else f" [{severity}]"
    return f"{path}:{item.line}:{item.column}: {item.code}{tag} {item.message}"


@cli.command(epilog=CONVERT_EPILOG)
@click.option(
    "--from",
    "fmt",
    type=click.Choice(sorted(IMPORTERS)),
    required=True,
    help="Source format.",
)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--rubric", help="Rubric id to convert to (default: the format's natural rubric).")
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Mapping file (YAML/JSON): controls -> rubric fields, value renames.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write JSONL here."
)
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    help="Project whose rubrics to convert to (default: current directory).",
)
def convert(
    fmt: str,
    file: Path,
    rubric: str | None,
    mapping_path: Path | None,
    output: Path | None,
    root: Path,
) -> None:
    """Convert FILE from another tool's format into label records (JSONL).

    Formats: label-studio (JSON export), coco (instances JSON), preference-pairs
    (chosen/rejected JSONL, e.g. HH-RLHF). Data is never changed to fit: the linter reports
    what is wrong in the converted records.
    """
    if output is not None and not output.parent.is_dir():
        raise UsageFailure(f"{output}: the directory {output.parent} does not exist")
    records, problems = run_import(fmt, file, root=root, rubric=rubric, mapping_path=mapping_path)
    # defused: the records quote the export, and a CI log may show them (validate.log_commands)
    text = defuse_json("".join(orjson.dumps(r).decode("utf-8") + "\n" for r in records))
    if output is None:
        click.echo(text, nl=False)
    else:
        from validate.reporting.output import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            raise UsageFailure(f"{output}: cannot write: {exc}") from None
    for item in problems:
        click.echo(defuse_text(format_problem(file, item)), err=True)
    if output is not None:
        click.echo(f"rubricate: wrote {len(records)} records to {output}", err=True)
    failed = any(severity_of(p.code) >= Severity.ERROR for p in problems)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
