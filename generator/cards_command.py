"""``rubricate cards``: printable rubric cards as HTML and, with ``--pdf``, one-page PDFs.

Writes ``DIR/<rubric>.html`` for each rubric (default DIR: ``cards/`` under the current
directory); with ``--pdf`` also ``DIR/<rubric>.<paper>.pdf`` and the booklet
``DIR/cards.<paper>.pdf`` (one page per rubric, in rubric file order).

Exit codes: 0 every card fits on one page; 1 a card overflows (its card and section are named
on stderr and no PDF is written for it; the booklet is not written); 2 usage or source errors
(unknown rubric id, invalid sources, missing WeasyPrint for ``--pdf``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cards.render import PAPERS, render_card_html, rubric_ids, site_url_from_config
from validate.catalog import Catalog, RootError, load_catalog
from validate.cli import EXIT_FINDINGS, EXIT_USAGE, UsageFailure, cli
from validate.findings import Severity
from validate.reporting.output import write_atomic
from validate.rules.registry import RULES
from validate.selection import RuleSelection
from validate.source_check import check_catalog
from validate.suggest import unknown_rubrics


def _checked_catalog(root: Path) -> Catalog:
    """Load ROOT; exit 2 with ``path:line:col: CODE message`` lines on any source error."""
    try:
        catalog = load_catalog(root)
    except RootError as exc:
        raise UsageFailure(str(exc)) from None
    errors = [
        f
        for f in check_catalog(catalog, RULES, RuleSelection.build(RULES))
        if f.severity >= Severity.ERROR
    ]
    if errors:
        for finding in errors:
            click.echo(f"{finding.location()}: {finding.code} {finding.message}", err=True)
        click.echo(
            f"rubricate: error: {len(errors)} source error(s); no cards were written", err=True
        )
        sys.exit(EXIT_USAGE)
    return catalog


@cli.command()
@click.argument("rubrics", nargs=-1, metavar="[RUBRIC]...")
@click.option("--pdf", "want_pdf", is_flag=True, help="Also write PDFs and a booklet.")
@click.option(
    "--paper",
    type=click.Choice(sorted(PAPERS), case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size. A5 prints a reduced card (one edge case, one mistake).",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("cards"),
    show_default=True,
    help="Where to write the cards.",
)
@click.option(
    "--root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    help="Project root (default: current directory).",
)
def cards(
    rubrics: tuple[str, ...], want_pdf: bool, paper: str, output_dir: Path, root: Path
) -> None:
    """Write a one-page rubric card per RUBRIC (default: every rubric) to DIR.

    DIR/<rubric>.html always; with --pdf also DIR/<rubric>.<paper>.pdf and the booklet
    DIR/cards.<paper>.pdf. A card that needs more than one page is reported with the
    section that does not fit (exit 1). The QR code links to the rubric's page under
    site_url from mkdocs.yml.
    """
    paper = paper.lower()
    catalog = _checked_catalog(root)
    known = rubric_ids(catalog)
    if not known:
        raise UsageFailure(f"{root}: no rubrics found under rubrics/")
    unknown = [rubric for rubric in rubrics if rubric not in known]
    if unknown:
        raise UsageFailure(unknown_rubrics(unknown, known))
    # Rubric file order, duplicates dropped: the booklet's page order does not depend on
    # the order the ids were typed.
    selected = [rubric for rubric in known if rubric in rubrics] if rubrics else known
    site_url = site_url_from_config(root)

    fit_card = _pdf_support(required=want_pdf)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageFailure(f"{output_dir}: cannot create the output directory ({exc})") from None

    pdfs: list[bytes] = []
    overflowed: list[str] = []
    for rubric in selected:
        html_path = output_dir / f"{rubric}.html"
        if fit_card is None:
            html = render_card_html(catalog, rubric, site_url=site_url, paper=paper)
            write_atomic(html_path, html)
            click.echo(f"wrote {html_path}")
            continue
        from generator.cards.pdf import CardOverflow

        try:
            fitted = fit_card(catalog, rubric, site_url=site_url, paper=paper)
        except CardOverflow as exc:
            # The HTML is still written, so the author can see what spills.
            write_atomic(
                html_path, render_card_html(catalog, rubric, site_url=site_url, paper=paper)
            )
            click.echo(f"rubricate: error: {exc}", err=True)
            overflowed.append(rubric)
            continue
        # The HTML written is the layout that fits (normal or compact), so printing it from a
        # browser gives the same single page as the PDF.
        write_atomic(html_path, fitted.html)
        click.echo(f"wrote {html_path}")
        if want_pdf:
            pdf_path = output_dir / f"{rubric}.{paper}.pdf"
            write_atomic(pdf_path, fitted.pdf)
            pdfs.append(fitted.pdf)
            click.echo(f"wrote {pdf_path}")

    if want_pdf and not overflowed and pdfs:
        from generator.cards.pdf import merge_pdfs

        booklet = output_dir / f"cards.{paper}.pdf"
        write_atomic(booklet, merge_pdfs(pdfs))
        click.echo(f"wrote {booklet} ({len(pdfs)} pages)")
    if overflowed:
        note = "; the booklet was not written" if want_pdf else ""
        click.echo(
            f"rubricate: {len(overflowed)} card(s) do not fit on one "
            f"{PAPERS[paper].name} page: {', '.join(overflowed)}{note}",
            err=True,
        )
        sys.exit(EXIT_FINDINGS)


def _pdf_support(*, required: bool):  # type: ignore[no-untyped-def]
    """``fit_card`` when WeasyPrint works; ``None`` (HTML only, unchecked) when it does not.

    Without --pdf the cards are still laid out to check they fit one page, when WeasyPrint
    is installed; without it the HTML is written unchecked and a note says so.
    """
    from generator.cards.pdf import PdfUnavailable, _weasyprint, fit_card

    try:
        _weasyprint()
    except PdfUnavailable as exc:
        if required:
            raise UsageFailure(str(exc)) from None
        click.echo(f"rubricate: note: cards not checked for overflow: {exc}", err=True)
        return None
    return fit_card
