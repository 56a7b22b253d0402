"""Every command module, imported at once: what the tests load to reach every command.

The ``rubricate`` entry point does not import this: commands are registered lazily
(:data:`generator.cli.GENERATOR_COMMANDS`), so a command imports only what it needs.
"""

from __future__ import annotations

import generator.cli  # noqa: F401  (registers the generator's commands, lazily)
from validate.cli import LazyGroup, cli

assert isinstance(cli, LazyGroup)
for _name in list(cli.lazy_commands):
    cli.get_command(None, _name)  # type: ignore[arg-type]  (imports the command's modules)
