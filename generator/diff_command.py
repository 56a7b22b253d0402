"""``rubricate diff OLD NEW [--labels FILE]``: what changed between two rubric versions.

OLD and NEW are rubric files or git revisions written ``REV:path`` (read with
``git show REV:path``, so ``HEAD~1:rubrics/likert_rating.yaml`` works). The logic is the pure
:mod:`validate.rubric_diff`; this module only reads inputs and prints. Exit status: 0 always
when both rubrics load (a diff is information, not a failure); 2 when one cannot be read.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import click
import yaml

from validate.cli import UsageFailure, cli
from validate.lint.readers import RawRecord, iter_records
from validate.rubric_diff import affected_records, diff_rubrics, format_text


def read_rubric(spec: str) -> dict[str, Any]:
    """A rubric from a file or a ``REV:path`` git revision; :class:`UsageFailure` otherwise."""
    path = Path(spec)
    if path.is_file():
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageFailure(f"{spec}: cannot read: {exc}") from None
    elif ":" in spec:
        try:
            done = subprocess.run(
                ["git", "show", spec], capture_output=True, text=True, check=False, timeout=30
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise UsageFailure(f"{spec}: cannot run git: {exc}") from None
        if done.returncode != 0:
            raise UsageFailure(f"{spec}: git show failed: {done.stderr.strip()}")
        text = done.stdout
    else:
        raise UsageFailure(f"{spec}: no such file (use REV:path for a git revision)")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UsageFailure(f"{spec}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise UsageFailure(f"{spec}: not a rubric (expected a mapping)")
    return data


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--labels",
    "labels",
    type=click.Path(path_type=Path, dir_okay=False),
    multiple=True,
    help="Label file(s) to check for records that need review.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def diff(old: str, new: str, labels: tuple[Path, ...], fmt: str) -> None:
    """Show what changed between two versions of a rubric (files or REV:path)."""
    result = diff_rubrics(read_rubric(old), read_rubric(new))
    affected: list[dict[str, Any]] = []
    for path in labels:
        records = ((e.line, e.data) for e in iter_records(str(path)) if isinstance(e, RawRecord))
        for hit in affected_records(result, records):
            affected.append({"file": str(path), **hit})
    if fmt == "json":
        payload = {"diff": result.to_json(), "affected": affected}
        click.echo(json.dumps(payload, indent=2, default=str))
        return
    click.echo(format_text(result), nl=False)
    if labels:
        click.echo(f"{len(affected)} label record(s) need review")
        for hit in affected:
            click.echo(f"{hit['file']}:{hit['line']}: {hit['id']}: {'; '.join(hit['reasons'])}")
