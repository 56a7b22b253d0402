"""Entry point of the ``rubricate`` command: the validate group plus the generator commands."""

from __future__ import annotations

from validate.cli import cli, run


def main() -> None:
    """Console-script entry point."""
    from generator import commands  # noqa: F401  (registers build, serve, cards, export, new)

    run(cli)
