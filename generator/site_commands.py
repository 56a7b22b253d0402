"""``rubricate build`` and ``rubricate serve``: the site commands, registered on the CLI group.

Both run MkDocs through its Python API with the project's ``mkdocs.yml``; ``build
--pages-only DIR`` writes the generated Markdown and schema files to DIR without MkDocs, so
another engine (Material's successor) can build them.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from generator.cards.render import mkdocs_setting, site_url_from_config
from generator.plugin import format_findings, source_errors
from generator.site import render_pages, write_output
from generator.site.pages import DEFAULT_SITE_NAME
from validate.catalog import Catalog, RootError, load_catalog
from validate.cli import EXIT_USAGE, UsageFailure, cli

DEFAULT_SITE_URL = "https://rubricate.github.io/rubricate/"


def _checked_catalog(root: Path) -> Catalog:
    """Load ROOT and stop with exit 2 and located messages when any source has an error."""
    try:
        catalog = load_catalog(root)
    except RootError as exc:
        raise UsageFailure(str(exc)) from None
    errors = source_errors(catalog)
    if errors:
        click.echo(format_findings(errors), err=True)
        click.echo(
            f"rubricate: error: {len(errors)} source error(s); the site was not built", err=True
        )
        sys.exit(EXIT_USAGE)
    return catalog


def _config_file(root: Path) -> Path:
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise UsageFailure(f"{config_file}: no mkdocs.yml here; the site needs one")
    return config_file


def _quiet_mkdocs() -> None:
    # Material 9.x prints an end-of-life banner on every build; the project already knows.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # MkDocs' own CLI installs its log handler; through the Python API nothing would show the
    # warnings that make a --strict build fail, so print WARNING and above to stderr.
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_rubricate", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        handler._rubricate = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


@cli.command()
@click.argument("root", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option(
    "-d",
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Where to write the site (default: ROOT/site).",
)
@click.option("--strict/--no-strict", default=True, help="Fail on MkDocs warnings (default on).")
@click.option(
    "--pages-only",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    metavar="DIR",
    help="Only write the generated Markdown and schema files to DIR.",
)
def build(root: Path, site_dir: Path | None, strict: bool, pages_only: Path | None) -> None:
    """Check the sources under ROOT and build the guideline site (default into ROOT/site).

    Exit 2 with located messages when a source has an error.
    """
    if pages_only is not None:
        catalog = _checked_catalog(root)
        # the same name and address as a full build of this project (its mkdocs.yml)
        output = render_pages(
            catalog,
            site_url=site_url_from_config(root, DEFAULT_SITE_URL),
            site_name=mkdocs_setting(root, "site_name") or DEFAULT_SITE_NAME,
        )
        written = write_output(output, pages_only)
        click.echo(f"Wrote {len(written)} files to {pages_only}")
        return
    # No separate check here: the rubricate plugin checks the sources inside the build and
    # stops it with the same located messages (raised as a PluginError, caught below).
    if not (root.is_dir() and (root / "mkdocs.yml").is_file()):
        _checked_catalog(root)  # says why ROOT is unusable, with exit 2
    _quiet_mkdocs()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    target = (site_dir or root / "site").resolve()
    try:
        config = load_config(
            config_file=str(_config_file(root)), site_dir=str(target), strict=strict
        )
        mkdocs_build(config)
    except MkDocsException as exc:
        raise UsageFailure(f"site build failed: {exc}") from None
    click.echo(f"Built the site in {target}")


@cli.command()
@click.argument("root", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="Address to serve on."
)
def serve(root: Path, dev_addr: str) -> None:
    """Preview the site of ROOT with live reload on YAML, template and CSS edits."""
    _checked_catalog(root)
    _quiet_mkdocs()
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    try:
        mkdocs_serve(config_file=str(_config_file(root)), dev_addr=dev_addr, livereload=True)
    except MkDocsException as exc:
        raise UsageFailure(f"serve failed: {exc}") from None
    except OSError as exc:  # the address is taken, or not this machine's
        raise UsageFailure(
            f"cannot serve on {dev_addr}: {exc.strerror or exc}; "
            "pick another address with --dev-addr 127.0.0.1:8001"
        ) from None
