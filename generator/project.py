"""``rubricate init``: a new, empty Rubricate project that ``check`` accepts and ``build`` turns
into a site.

The files come from :data:`TEMPLATE` (``generator/project_template/``): ``mkdocs.yml`` with
the ``rubricate`` plugin, an empty ``site_overrides/`` (Rubricate's theme layer ships with the
package), ``docs/`` for hand-written guides, ``guidelines/taxonomy.yaml``, a commented
``rubricate.toml`` and a ``.gitignore``. Then a first task and its rubric are scaffolded as
``rubricate new task`` does, so the taxonomy is never empty.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.scaffold import ScaffoldError, Written, check_id, scaffold
from validate.schemas import schema_url

TEMPLATE = Path(__file__).parent / "project_template"
"""The files of a new project; ``gitignore`` is written as ``.gitignore`` (a file of that name
would be ignored by packaging tools)."""

RENAMED = {"gitignore": ".gitignore"}


def template_files() -> dict[str, Path]:
    """Relative path in the new project -> template file."""
    files = {}
    for path in sorted(TEMPLATE.rglob("*")):
        if path.is_file():
            relative = path.relative_to(TEMPLATE).as_posix()
            files[RENAMED.get(relative, relative)] = path
    return files


def init_project(
    root: Path,
    *,
    site_name: str,
    site_url: str,
    task: str,
    today: str | None = None,
) -> list[Written]:
    """Write a new project into ``root`` (created if missing); return what was written.

    Raises :class:`ScaffoldError` before writing anything when a file it would write already
    exists, or when ``task`` is not a valid id.
    """
    check_id(task)  # before anything is written
    files = template_files()
    clashes = [name for name in files if (root / name).exists()]
    clashes += [d for d in ("docs", "guidelines/tasks", "rubrics") if (root / d).is_file()]
    if (root / "guidelines" / "tasks" / f"{task}.yaml").exists():
        clashes.append(f"guidelines/tasks/{task}.yaml")
    if clashes:
        raise ScaffoldError(
            f"{root}: would overwrite {', '.join(sorted(clashes))}; "
            "init writes a new project (use an empty folder)"
        )
    values = {  # JSON strings are YAML double-quoted scalars (names may hold ':' or '#')
        "{site_name}": json.dumps(site_name, ensure_ascii=False),
        "{site_url}": json.dumps(site_url, ensure_ascii=False),
        "{taxonomy_schema}": schema_url("taxonomy"),
    }
    written: list[Written] = []
    for name, source in files.items():
        text = source.read_text("utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(Written(target, "created"))
    for folder in ("docs", "rubrics"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    keep = root / "docs" / ".gitkeep"  # MkDocs needs docs/; guides written by hand go there
    if not keep.exists():
        keep.write_text("", encoding="utf-8")
        written.append(Written(keep, "created"))
    created = {w.path for w in written}  # the taxonomy it updates was created just above
    written += [w for w in scaffold(root, "task", task, today=today) if w.path not in created]
    return written
