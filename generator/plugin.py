"""A thin MkDocs plugin around :func:`generator.site.render_pages`.

* ``on_config`` adds the source folders to ``watch`` (``mkdocs serve`` reloads on YAML edits),
  stamps ``extra.version`` and turns ``extra.source_repo`` into a plain string.
* ``on_files`` loads and checks the catalog; error findings raise :class:`PluginError` with
  ``path:line:col: CODE message`` lines; otherwise every generated page and file is added
  with ``File.generated``, and the generated ``nav`` is used unless ``mkdocs.yml`` has one.

Everything else lives in :mod:`generator.site`, so moving off MkDocs 1.x means replacing only
this file (``rubricate build --pages-only`` already writes the same pages to a folder).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.site import SiteOutput, render_pages
from validate import __version__
from validate.catalog import Catalog, RootError, load_catalog
from validate.findings import Finding, Severity
from validate.rules.registry import RULES
from validate.selection import RuleSelection
from validate.source_check import check_catalog

SOURCE_FOLDERS = ("guidelines", "rubrics")


class RubricatePluginConfig(Config):
    """Options of the ``rubricate`` plugin in ``mkdocs.yml``."""

    root = config_options.Optional(config_options.Type(str))
    """Project root holding ``guidelines/`` and ``rubrics/`` (default: mkdocs.yml's folder)."""


def project_root(config: MkDocsConfig, option: str | None = None) -> Path:
    """The project root: the plugin's ``root`` option, else the folder of mkdocs.yml."""
    base = Path(config.config_file_path or ".").resolve().parent
    return (base / option).resolve() if option else base


def source_errors(catalog: Catalog) -> list[Finding]:
    """Error-severity findings of the default source checks."""
    findings = check_catalog(catalog, RULES, RuleSelection.build(RULES))
    return [f for f in findings if f.severity >= Severity.ERROR]


def format_findings(findings: list[Finding]) -> str:
    """``path:line:col: CODE message`` lines."""
    return "\n".join(f"{f.location()}: {f.code} {f.message}" for f in findings)


class RubricatePlugin(BasePlugin[RubricatePluginConfig]):
    """Generate the guideline pages from the YAML sources."""

    def __init__(self) -> None:
        self.output: SiteOutput | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = project_root(config, self.config.root)
        for name in SOURCE_FOLDERS:
            folder = root / name
            if folder.is_dir() and str(folder) not in config.watch:
                config.watch.append(str(folder))
        config.extra["version"] = __version__
        # ``source_repo: `` (empty) means "no edit links"; normalise so templates test truth.
        config.extra["source_repo"] = (config.extra.get("source_repo") or "").rstrip("/")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        root = project_root(config, self.config.root)
        try:
            catalog = load_catalog(root)
        except RootError as exc:
            raise PluginError(f"rubricate: {exc}") from None
        errors = source_errors(catalog)
        if errors:
            raise PluginError(
                f"rubricate: {len(errors)} source error(s); fix them and rebuild:\n"
                + format_findings(errors)
            )
        self.output = render_pages(
            catalog,
            site_url=config.site_url or "/",
            repo_url=config.repo_url,
            overrides=root / "site_overrides" / "templates",
        )
        generated = self.output.all_files()
        # Hand-written Markdown in docs/ (guides such as integrations.md) joins the nav.
        guides = sorted(
            f.src_uri for f in files.documentation_pages() if f.src_uri not in generated
        )
        for path, content in generated.items():
            existing = files.get_file_from_path(path)
            if existing is not None:  # a hand-written page of the same name wins
                continue
            files.append(File.generated(config, path, content=content))
        if not config.nav:
            nav = _nav_without_missing(self.output.nav, files)
            if guides:
                nav.append({"Guides": guides})
            config.nav = nav
        return files


def _nav_without_missing(nav: Any, files: Files) -> Any:
    """The generated nav, minus entries whose page is not among ``files``."""
    if isinstance(nav, list):
        kept = [_nav_without_missing(item, files) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {k: _nav_without_missing(v, files) for k, v in nav.items()}
        return {k: v for k, v in kept.items() if v not in (None, [], {})}
    if isinstance(nav, str):
        return nav if files.get_file_from_path(nav) is not None else None
    return nav
