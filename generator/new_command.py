"""``rubricate new``: scaffold a valid source file."""

from __future__ import annotations

from pathlib import Path

import click

from generator.scaffold import ScaffoldError, scaffold
from validate.cli import UsageFailure, cli

NEW_KINDS = {
    "task": "task",
    "rubric": "rubric",
    "policy": "policy",
    "bias": "bias_checklist",
    "platform": "platform",
}


@cli.command()
@click.argument("kind", type=click.Choice(sorted(NEW_KINDS)))
@click.argument("id_", metavar="ID")
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    help="Project root (default: current directory).",
)
@click.option("--category", help="Taxonomy category for a new task (default: the first).")
@click.option("--task", help="The task a new rubric judges (required for rubrics).")
def new(kind: str, id_: str, root: Path, category: str | None, task: str | None) -> None:
    """Write a skeleton source of KIND (task, rubric, policy, bias, platform) named ID.

    The skeleton passes 'rubricate check'; comments say what to fill in. A new task also gets
    a rubric of the same id and an entry in the taxonomy.
    """
    if not (root / "guidelines").is_dir() and not (root / "rubrics").is_dir():
        raise UsageFailure(f"{root}: not a Rubricate project (no guidelines/ or rubrics/)")
    try:
        written = scaffold(root, NEW_KINDS[kind], id_, category=category, task=task)
    except ScaffoldError as exc:
        raise UsageFailure(str(exc)) from None
    for item in written:
        click.echo(f"{item.action} {item.path}")
    click.echo("then run: rubricate check")
