"""Reporters: one module per output format, all with the signature ``render(report) -> str``.

:data:`REPORTERS` is the table the CLI builds its ``--format`` choice from (yamllint's
pattern); :func:`choose_format` resolves ``auto``. Every format also renders in pieces
(:data:`STREAMED`), which :func:`render_pieces` hands out and
:func:`validate.reporting.output.write_atomic` writes as they come.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping

from validate.log_commands import DEFUSERS
from validate.reporting import azure, github, gitlab, json_report, junit, sarif, text
from validate.reporting.model import Report, RuleMeta

Reporter = Callable[[Report], str]
"""A reporter: renders a whole report to one string."""

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "azure": azure.render,
}

STREAMED: dict[str, Callable[[Report], Iterator[str]]] = {
    "text": text.chunks,
    "json": json_report.chunks,
    "sarif": sarif.chunks,
    "junit": junit.chunks,
    "github": github.chunks,
    "gitlab": gitlab.chunks,
    "azure": azure.chunks,
}
"""Each format of :data:`REPORTERS` rendered in pieces (its ``render`` is the pieces
joined): a report's size grows with its findings."""


def render_pieces(name: str, report: Report) -> Iterator[str]:
    """Reporter ``name``'s text for ``report``, in pieces, with label content that a CI log
    would take for a command defused (:mod:`validate.log_commands`): what the CLI
    prints and writes."""
    return map(DEFUSERS[name], STREAMED[name](report))


FORMAT_CHOICES: tuple[str, ...] = ("auto", *REPORTERS)
"""Every value ``--format`` accepts, for ``click.Choice``."""


FORMAT_BY_SUFFIX = {".sarif": "sarif", ".json": "json", ".xml": "junit"}
"""What ``auto`` writes to an ``-o`` file of these names: the format the name promises."""


def choose_format(
    requested: str, environ: Mapping[str, str] | None = None, output: str | None = None
) -> str:
    """Resolve ``requested`` to a key of :data:`REPORTERS`.

    ``auto`` means the format an ``output`` file's name promises (:data:`FORMAT_BY_SUFFIX`:
    ``-o lint.sarif`` is SARIF), else ``github`` when running under GitHub Actions
    (``GITHUB_ACTIONS=true``, set by the runner on every step), ``azure`` under Azure
    Pipelines (``TF_BUILD=True``, set by the agent) and ``text`` otherwise.
    ``environ`` defaults to ``os.environ``; it is a parameter so callers and tests need not
    patch the process. Raises ``ValueError`` for an unknown format.
    """
    name = requested.strip().lower()
    if name == "auto":
        by_name = FORMAT_BY_SUFFIX.get(os.path.splitext(output or "")[1].lower())
        if by_name is not None:
            return by_name
        env = os.environ if environ is None else environ
        if env.get("GITHUB_ACTIONS") == "true":
            return "github"
        if env.get("TF_BUILD", "").lower() == "true":
            return "azure"
        return "text"
    if name not in REPORTERS:
        raise ValueError(
            f"unknown report format {requested!r}; expected one of {', '.join(FORMAT_CHOICES)}"
        )
    return name


__all__ = [
    "FORMAT_CHOICES",
    "REPORTERS",
    "STREAMED",
    "Report",
    "Reporter",
    "RuleMeta",
    "choose_format",
    "render_pieces",
]
