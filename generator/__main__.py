"""``python -m generator``: the same as the ``rubricate`` command."""

from generator.cli import main

main()
