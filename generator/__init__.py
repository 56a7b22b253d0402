"""The generator: the guideline site (an MkDocs plugin), printable cards and exports."""

from pathlib import Path

THEME_DIR = Path(__file__).parent / "theme"
"""Rubricate's layer over Material: templates, stylesheets and scripts the generated pages
need (cards, practice quizzes, edit-source links). The plugin puts it between a project's
``custom_dir`` and Material, so a project overrides any file by shipping its own copy."""
