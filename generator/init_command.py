"""``rubricate init``: start a new Rubricate project (see :mod:`generator.project`)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.project import init_project
from generator.scaffold import ScaffoldError
from validate.cli import UsageFailure, cli


@cli.command()
@click.argument(
    "root", type=click.Path(path_type=Path, file_okay=False), default=".", required=False
)
@click.option(
    "--name",
    "site_name",
    default="Annotation guidelines",
    show_default=True,
    help="The site's name (mkdocs.yml site_name).",
)
@click.option(
    "--site-url",
    default="https://example.org/guidelines/",
    show_default=True,
    help="Where the site will be published: cards print QR codes to it (change it later "
    "in mkdocs.yml).",
)
@click.option(
    "--task",
    "task",
    default="my_task",
    show_default=True,
    help="Id of the first task type (a task and its rubric are written).",
)
def init(root: Path, site_name: str, site_url: str, task: str) -> None:
    """Create a new Rubricate project in ROOT (default: the current directory).

    Writes mkdocs.yml, guidelines/taxonomy.yaml, a first task and rubric, rubricate.toml,
    site_overrides/ and docs/. Refuses to overwrite any file (exit 2).
    """
    try:
        written = init_project(root, site_name=site_name, site_url=site_url, task=task)
    except ScaffoldError as exc:
        raise UsageFailure(str(exc)) from None
    for item in written:
        click.echo(f"{item.action} {item.path}")
    where = "" if root == Path(".") else f" {root}"
    click.echo(
        f"next: rubricate check{where}   # then fill in the task and rubric\n"
        f"      rubricate serve{where}   # live preview of the site\n"
        f"      rubricate build{where}   # the site, into site/"
    )
