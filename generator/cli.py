"""Entry point of the ``rubricate`` command: the validate group plus the generator commands.

Commands are imported when used (:class:`validate.cli.LazyGroup`): ``rubricate build`` does
not load the linter and ``rubricate lint`` does not load MkDocs.
"""

from __future__ import annotations

from validate.cli import LazyGroup, cli, run

GENERATOR_COMMANDS: dict[str, tuple[str, ...]] = {
    "build": ("generator.site_commands",),
    "serve": ("generator.site_commands",),
    "cards": ("generator.cards_command",),
    "diff": ("generator.diff_command",),
    "new": ("generator.new_command",),
    "init": ("generator.init_command",),
    # the export group is defined with lint; these add its jsonschema/label-studio/argilla/
    # schema-catalog subcommands
    "export": ("generator.export_commands",),
}
"""Command name -> the generator modules that register it."""


def register_generator_commands() -> None:
    """Make the generator's commands available on the ``rubricate`` group (lazily)."""
    assert isinstance(cli, LazyGroup)
    for name, modules in GENERATOR_COMMANDS.items():
        cli.register_lazy(name, *modules)


register_generator_commands()


def main() -> None:
    """Console-script entry point."""
    run(cli)
