"""``rubricate export jsonschema | label-studio | argilla | schema-catalog``.

The subcommands join the ``export`` group that :mod:`validate.lint_cli` defines (beside
``export examples``). Each loads the project, picks the rubric, calls a pure export function
from :mod:`generator.exports` and prints JSON or XML, or writes it atomically with ``-o``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from generator.exports import ExportError
from generator.exports.argilla import argilla_settings
from generator.exports.jsonschema import label_json_schema
from generator.exports.label_studio import label_studio_config, label_studio_project
from generator.exports.schema_catalog import schema_catalog
from validate.catalog import RootError, load_catalog
from validate.cli import UsageFailure
from validate.lint_cli import emit_report, export
from validate.rubric_schema import LabelSchemaError
from validate.suggest import unknown_rubric

ROOT_OPTION = click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    help="Project root (default: current directory).",
)
OUTPUT_OPTION = click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write it here."
)


def load_rubric(root: Path, rubric_id: str) -> dict[str, Any]:
    """The rubric's data from the project at ``root``, or a usage error (exit 2)."""
    try:
        catalog = load_catalog(root)
    except RootError as exc:
        raise UsageFailure(str(exc)) from None
    doc = catalog.get("rubric", rubric_id)
    if doc is None or not isinstance(doc.data, dict):
        raise UsageFailure(unknown_rubric(rubric_id, catalog.ids("rubric")))
    return doc.data


def _emit(make: Any, rubric: dict[str, Any], output: Path | None, *, as_json: bool) -> None:
    try:
        value = make(rubric)
    except (ExportError, LabelSchemaError) as exc:
        raise UsageFailure(str(exc)) from None
    text = json.dumps(value, indent=2, ensure_ascii=False) + "\n" if as_json else value
    emit_report(text, output)


@export.command("jsonschema")
@click.argument("rubric_id", metavar="RUBRIC")
@ROOT_OPTION
@OUTPUT_OPTION
def export_jsonschema(rubric_id: str, root: Path, output: Path | None) -> None:
    """Print RUBRIC's label payload as a JSON Schema (draft 2020-12)."""
    _emit(label_json_schema, load_rubric(root, rubric_id), output, as_json=True)


@export.command("label-studio")
@click.argument("rubric_id", metavar="RUBRIC")
@click.option(
    "--project",
    is_flag=True,
    help="Print project settings JSON (label_config + expert_instruction) instead of XML.",
)
@ROOT_OPTION
@OUTPUT_OPTION
def export_label_studio(rubric_id: str, project: bool, root: Path, output: Path | None) -> None:
    """Print a Label Studio labelling config (XML) for RUBRIC, guidelines included."""
    rubric = load_rubric(root, rubric_id)
    if project:
        _emit(label_studio_project, rubric, output, as_json=True)
    else:
        _emit(label_studio_config, rubric, output, as_json=False)


@export.command("argilla")
@click.argument("rubric_id", metavar="RUBRIC")
@ROOT_OPTION
@OUTPUT_OPTION
def export_argilla(rubric_id: str, root: Path, output: Path | None) -> None:
    """Print Argilla 2.x dataset settings (JSON, for Settings.from_json) for RUBRIC."""
    _emit(argilla_settings, load_rubric(root, rubric_id), output, as_json=True)


@export.command("schema-catalog")
@OUTPUT_OPTION
def export_schema_catalog(output: Path | None) -> None:
    """Print the JSON Schema Store catalog mapping source globs to Rubricate's schemas."""
    emit_report(json.dumps(schema_catalog(), indent=2) + "\n", output)
