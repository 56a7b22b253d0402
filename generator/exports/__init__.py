"""Exports of a rubric for other tools: its label JSON Schema, a Label Studio labelling config,
Argilla dataset settings, and the editors' schema catalog.

Every export is a pure function of the rubric data (and the catalog layout), so it is tested
without a CLI; :mod:`generator.export_commands` adds the ``rubricate export`` subcommands.
"""

from __future__ import annotations


class ExportError(ValueError):
    """The rubric's payload cannot be expressed in the target tool (message says why)."""
