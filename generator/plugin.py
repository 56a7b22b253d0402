"""A thin MkDocs plugin around :func:`generator.site.render_pages`.

* ``on_config`` adds Rubricate's theme layer (:data:`generator.THEME_DIR`: templates,
  stylesheets and scripts the pages need) below the project's ``custom_dir``, adds the source
  folders to ``watch`` (``mkdocs serve`` reloads on YAML edits), stamps ``extra.version`` and
  turns ``extra.source_repo`` into a plain string.
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

from generator import THEME_DIR
from generator.site import SiteOutput, render_pages
from validate import __version__
from validate.catalog import Catalog, RootError, load_catalog
from validate.findings import Finding, Severity
from validate.rules.registry import RULES
from validate.selection import RuleSelection
from validate.source_check import check_catalog

SOURCE_FOLDERS = ("guidelines", "rubrics")
THEME_CSS = (
    "assets/stylesheets/rubricate.css",
    "assets/stylesheets/cards.css",
    "assets/stylesheets/practice.css",
)
THEME_JS = ("assets/javascripts/cards.js", "assets/javascripts/practice.js")


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
        add_theme_layer(config)
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
            site_name=config.site_name,
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


def add_theme_layer(config: MkDocsConfig) -> None:
    """Put :data:`~generator.THEME_DIR` before Material's templates (after the project's
    ``custom_dir``, whose files win) and list its stylesheets and scripts, so a project needs
    no copy of them. Entries ``mkdocs.yml`` already lists are not added twice."""
    dirs = config.theme.dirs
    theme = str(THEME_DIR)
    if theme not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, theme)
    for css in THEME_CSS:
        if css not in config.extra_css:
            config.extra_css.append(css)
    listed = {str(script) for script in config.extra_javascript}
    for script in THEME_JS:
        if script not in listed:
            config.extra_javascript.append(script)


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
