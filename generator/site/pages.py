"""Generate the guideline site as Markdown: a pure function of the catalog.

:func:`render_pages` turns a loaded (and checked) :class:`~validate.catalog.Catalog` into
Markdown pages and a few non-Markdown files (the published JSON Schemas). Nothing is written
and nothing is read except templates, so the same output can feed the MkDocs plugin
(:mod:`generator.plugin`), be written to a folder (``rubricate build --pages-only``) or any
other engine that reads Markdown with front matter (Material's successor reads the same).

Templates are Jinja2 with ``StrictUndefined``; user templates in ``site_overrides/templates/``
win over the packaged ones, as Material's ``custom_dir`` does for theme templates. Every value
a template prints is escaped (see :mod:`generator.site.escaping`).
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import yaml
from markupsafe import Markup, escape

from generator.exports.schema_catalog import schema_catalog
from generator.site import escaping
from generator.site.history import rubric_versions
from generator.site.sections import SECTIONS
from validate import __version__
from validate.catalog import Catalog, SourceDoc
from validate.references import as_id_list
from validate.rubric_diff import diff_rubrics, format_text
from validate.rubric_schema import LabelSchemaError, compile_label_schema
from validate.rules.base import RuleInfo
from validate.rules.registry import RULES
from validate.schemas import KINDS, SCHEMA_BASE, load_schema

DEFAULT_SITE_NAME = "Rubricate guidelines"
"""The home page's title when no ``site_name`` is given (``mkdocs.yml`` gives one)."""

OPTIONAL_SECTIONS = frozenset({"policy", "bias_checklist", "platform"})
"""Source kinds whose section (index page, nav entry, home-page row) exists only when the
project has at least one source of the kind."""

PAGE_DIRS: dict[str, str] = {
    # source kind -> folder of its pages
    "task": "tasks",
    "rubric": "rubrics",
    "policy": "policies",
    "bias_checklist": "bias",
    "platform": "platforms",
}

SECTION_TITLES: dict[str, str] = {
    "task": "Task types",
    "rubric": "Rubrics",
    "policy": "Safety policies",
    "bias_checklist": "Bias checklists",
    "platform": "Platforms",
}


@dataclass(frozen=True)
class SiteOutput:
    """What :func:`render_pages` produces.

    ``pages``: doc path -> Markdown (with YAML front matter); ``files``: doc path -> text of
    non-Markdown files (JSON Schemas); ``nav``: a MkDocs ``nav`` structure in reading order.
    """

    pages: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    nav: list[Any] = field(default_factory=list)

    def all_files(self) -> dict[str, str]:
        """Pages and files together, sorted by path."""
        return dict(sorted({**self.pages, **self.files}.items()))


def page_path(kind: str, id_: str) -> str:
    """Doc path of the page of one source."""
    if kind == "qualification":
        return "qualification.md"
    return f"{PAGE_DIRS[kind]}/{id_}.md"


def relative(from_page: str, to_path: str) -> str:
    """Link from one doc path to another, as MkDocs resolves relative Markdown links."""
    return posixpath.relpath(to_path, posixpath.dirname(from_page) or ".")


def safe_url(value: Any) -> str | None:
    """An http(s)/mailto URL fit for a Markdown link destination, or ``None``."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url.lower().startswith(("http://", "https://", "mailto:")):
        return None
    # Percent-encode what would end or confuse a Markdown destination: spaces, parentheses,
    # angle brackets, quotes.
    return quote(url, safe=":/?#@!$&'*+,;=%~-._[]")


class _Index:
    """The loaded catalog, by kind and id, with the titles pages link with."""

    def __init__(self, catalog: Catalog) -> None:
        self.root = catalog.root
        self.docs: dict[str, dict[str, SourceDoc]] = {}
        for doc in catalog.loaded():
            self.docs.setdefault(doc.kind, {}).setdefault(doc.id, doc)

    def of(self, kind: str) -> list[SourceDoc]:
        """Docs of one kind, by id."""
        return [self.docs[kind][k] for k in sorted(self.docs.get(kind, {}))]

    def get(self, kind: str, id_: str) -> SourceDoc | None:
        return self.docs.get(kind, {}).get(id_)

    def title(self, kind: str, id_: str) -> str:
        doc = self.get(kind, id_)
        if doc is None:
            return id_
        data = doc.data
        return str(data.get("title") or data.get("name") or id_)

    def source_path(self, doc: SourceDoc) -> str:
        try:
            return doc.path.relative_to(self.root).as_posix()
        except ValueError:
            return doc.path.name


def _environment(overrides: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(overrides)))
    loaders.append(jinja2.PackageLoader("generator", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        # Autoescape on, with a Markdown-aware escape: the filters below return Markup, and
        # ``finalize`` escapes whatever a template prints without one as plain text (a
        # forgotten filter fails safe). Macro output is Markup, so it is not escaped twice.
        autoescape=True,
        finalize=escaping.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        text=escaping.text,
        cell=escaping.cell,
        md=escaping.md,
        md_cell=escaping.md_cell,
        code=escaping.code,
        fenced=escaping.fenced,
        json_block=lambda value: escaping.fenced(
            json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False), "json"
        ),
        json_inline=lambda value: escaping.code(json.dumps(value, ensure_ascii=False)),
        ids=as_id_list,
        lead_in=escaping.split_lead_in,
        anchor=lambda value: Markup(re.sub(r"[^a-z0-9_-]", "-", str(value).lower())),
    )
    return env


class _Renderer:
    """Renders every page; holds the index and environment for one call."""

    def __init__(
        self,
        catalog: Catalog,
        site_url: str,
        repo_url: str | None,
        env: jinja2.Environment,
        site_name: str = DEFAULT_SITE_NAME,
    ):
        self.catalog = catalog
        self.index = _Index(catalog)
        self.site_name = site_name
        self.site_url = site_url.rstrip("/") + "/"
        self.repo_url = repo_url
        self.env = env
        self.out = SiteOutput()

    # -- helpers exposed to templates -------------------------------------------------------

    def _globals(self, path: str) -> dict[str, Any]:
        index = self.index

        def href(target: str) -> Markup:
            return Markup(quote(relative(path, target), safe="/#.-_~"))

        def link(kind: str, id_: str, label: str | None = None) -> Markup:
            """A Markdown link to a source's page, or its id as text when it has none."""
            shown = escaping.text(label if label is not None else index.title(kind, id_))
            if index.get(kind, id_) is None:
                return shown
            return Markup(f"[{shown}]({href(page_path(kind, id_))})")

        def rule_link(code: str) -> Markup:
            if code in RULES:
                return Markup(f"[{escaping.text(code)}]({href(f'rules/{code}.md')})")
            return escaping.text(code)

        def url_link(title: Any, url: Any) -> Markup:
            target = safe_url(url)
            if target is None:
                return escaping.text(title)
            return Markup(f"[{escaping.text(title)}](<{target}>)")

        return {
            "href": href,
            "link": link,
            "rule_link": rule_link,
            "url_link": url_link,
            "title_of": index.title,
            "docs_of": index.of,
            "get_doc": index.get,
            "rules": RULES,
            "site_name": self.site_name,
            "site_url": self.site_url,
            "repo_url": self.repo_url,
            "version": __version__,
            "page": path,
        }

    def page(
        self,
        path: str,
        template: str,
        front_matter: Mapping[str, Any],
        **context: Any,
    ) -> None:
        """Render one template into ``pages[path]`` with its front matter."""
        body = self.env.get_template(template).render(**self._globals(path), **context)
        meta = yaml.safe_dump(dict(front_matter), sort_keys=False, allow_unicode=True).strip()
        self.out.pages[path] = f"---\n{meta}\n---\n\n{body.strip()}\n"

    def front(self, title: Any, doc: SourceDoc | None = None, **extra: Any) -> dict[str, Any]:
        """Front matter: the title HTML-escaped (the theme prints it unescaped in nav and
        ``<title>``), and the YAML source for the "Edit source" link."""
        meta: dict[str, Any] = {"title": str(escape(" ".join(str(title).split())))}
        if doc is not None:
            meta["rubricate_source"] = self.index.source_path(doc)
        meta.update({k: v for k, v in extra.items() if v})
        return meta

    def tags(self, values: Iterable[Any]) -> list[str]:
        """Tag names, HTML-escaped (the tags plugin prints them unescaped), unique, in order."""
        seen: dict[str, None] = {}
        for value in values:
            if value:
                seen.setdefault(str(escape(" ".join(str(value).split()))), None)
        return list(seen)

    # -- pages ------------------------------------------------------------------------------

    def render(self) -> SiteOutput:
        index = self.index
        taxonomy = next(iter(index.of("taxonomy")), None)
        placement = self._placement(taxonomy)

        self.page("index.md", "index.md.j2", self.front(self.site_name), taxonomy=taxonomy)
        self.page(
            "tasks/index.md",
            "tasks_index.md.j2",
            self.front("Task types", taxonomy),
            taxonomy=taxonomy,
            unplaced=[d for d in index.of("task") if d.id not in placement],
        )
        for doc in index.of("task"):
            self._task(doc, placement.get(doc.id))
        for kind, template in (
            ("rubric", "rubric.md.j2"),
            ("policy", "policy.md.j2"),
            ("bias_checklist", "bias.md.j2"),
            ("platform", "platform.md.j2"),
        ):
            if not self._has_section(kind):
                continue  # a new project without policies: no empty section to wade through
            self.page(
                f"{PAGE_DIRS[kind]}/index.md",
                f"{PAGE_DIRS[kind]}_index.md.j2",
                self.front(SECTION_TITLES[kind]),
                docs=index.of(kind),
            )
            for doc in index.of(kind):
                self._source_page(kind, doc, template)
        for doc in index.of("qualification"):
            self.page(
                "qualification.md",
                "qualification.md.j2",
                self.front(doc.data.get("title", "Qualification"), doc, search={"boost": 1.5}),
                doc=doc,
                data=doc.data,
                rubrics=index.of("rubric"),
            )
        self._rules()
        self.page(
            "reference/sources.md",
            "sources_reference.md.j2",
            self.front("Source format"),
            kinds=[(kind, _schema_fields(kind)) for kind in KINDS],
            common=_common_defs(),
            schema_base=Markup(SCHEMA_BASE),
        )
        self.page(
            "changelog.md",
            "changelog.md.j2",
            self.front("Changelog"),
            entries=self._changes(),
            diffs=self._version_diffs(),
        )
        self.page("tags.md", "tags.md.j2", self.front("Tags"))
        self._files()
        self.out.nav.extend(self._nav(taxonomy, placement))
        for build_section in SECTIONS:
            section = build_section(self.catalog, site_url=self.site_url)
            self.out.pages.update(section.pages)
            self.out.files.update(section.files)
            self.out.nav.extend(section.nav)
        return SiteOutput(
            pages=dict(sorted(self.out.pages.items())),
            files=dict(sorted(self.out.files.items())),
            nav=self.out.nav,
        )

    def _placement(
        self, taxonomy: SourceDoc | None
    ) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
        """task id -> (family, category) from the taxonomy (first placement wins)."""
        placement: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        if taxonomy is None:
            return placement
        for family in taxonomy.data.get("families", []):
            for category in family.get("categories", []):
                for task_id in category.get("tasks", []):
                    placement.setdefault(task_id, (family, category))
        return placement

    def _task(self, doc: SourceDoc, place: tuple[dict[str, Any], dict[str, Any]] | None) -> None:
        data = doc.data
        index = self.index
        rubrics = [d for r in as_id_list(data.get("rubric")) if (d := index.get("rubric", r))]
        family, category = place if place else (None, None)
        tags = self.tags(
            [
                family and family.get("title"),
                *(index.title("platform", p) for p in as_id_list(data.get("platforms"))),
                *(index.title("policy", p) for p in as_id_list(data.get("policies"))),
            ]
        )
        # Tasks that name this one, so related links work in both directions.
        referenced_by = [
            d for d in index.of("task") if doc.id in as_id_list(d.data.get("related_tasks"))
        ]
        self.page(
            page_path("task", doc.id),
            "task.md.j2",
            self.front(data.get("title", doc.id), doc, tags=tags, search={"boost": 2}),
            doc=doc,
            data=data,
            rubrics=rubrics,
            family=family,
            category=category,
            referenced_by=[
                d for d in referenced_by if d.id not in as_id_list(data.get("related_tasks"))
            ],
        )

    def _source_page(self, kind: str, doc: SourceDoc, template: str) -> None:
        data = doc.data
        context: dict[str, Any] = {"doc": doc, "data": data}
        tags: list[str] = []
        boost = None
        if kind == "rubric":
            context["scales"] = {s.get("id"): s for s in data.get("scales", [])}
            context["tasks_using"] = [
                d for d in self.index.of("task") if doc.id in as_id_list(d.data.get("rubric"))
            ]
            context["has_label_schema"] = self._label_schema(doc) is not None
            boost = 1.5
        elif kind == "policy":
            tags = self.tags([data.get("title")])
            context["severities"] = {s.get("id"): s for s in data.get("severities", [])}
            context["actions"] = {a.get("id"): a for a in data.get("actions", [])}
            context["tasks_using"] = [
                d for d in self.index.of("task") if doc.id in as_id_list(d.data.get("policies"))
            ]
            # Policies are primary guidance, like task pages: rank them above rubric pages.
            boost = 2
        elif kind == "bias_checklist":
            context["severities"] = {s.get("id"): s for s in data.get("severities", [])}
        elif kind == "platform":
            tags = self.tags([data.get("name")])
            # Task pages name platforms in their notes; the page about the platform itself
            # must still come first for its name ("Prolific", "Scale AI").
            boost = 2
        title = data.get("title") or data.get("name") or doc.id
        search = {"boost": boost} if boost else None
        self.page(
            page_path(kind, doc.id),
            template,
            self.front(title, doc, tags=tags, search=search),
            **context,
        )

    def _label_schema(self, doc: SourceDoc) -> dict[str, Any] | None:
        try:
            compiled = compile_label_schema(doc.data)
        except (LabelSchemaError, KeyError, TypeError, AttributeError):
            return None  # reported by the source rules; the page then omits the download
        return {
            "$id": f"{self.site_url}schemas/labels/{doc.id}.schema.json",
            "title": f"Label payload of rubric {doc.id} {doc.data.get('version', '')}".strip(),
            **compiled,
        }

    def _rules(self) -> None:
        families: dict[str, list[RuleInfo]] = {}
        for info in RULES.values():
            families.setdefault(info.family, []).append(info)
        self.page("rules/index.md", "rules_index.md.j2", self.front("Rules"), families=families)
        for info in RULES.values():
            body = info.doc.strip().split("\n", 1)
            self.page(
                f"rules/{info.code}.md",
                "rule.md.j2",
                # Rule pages are reference for leads and CI; annotators searching a term
                # ("MQM", "hallucination") should land on the task or policy page first.
                self.front(f"{info.code} {info.name}", search={"boost": 0.5}),
                rule=info,
                # Rule docstrings are project code, not author input: they are trusted Markdown.
                body=Markup(body[1].strip() if len(body) > 1 else ""),
                options=info.options_schema.get("properties", {}),
            )

    def _changes(self) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        for kind in ("rubric", "policy", "bias_checklist"):
            for doc in self.index.of(kind):
                for change in doc.data.get("changelog", []) or []:
                    if isinstance(change, dict):
                        entries.append({"kind": kind, "doc": doc, **change})
        entries.sort(key=lambda e: (str(e.get("date", "")), e["doc"].id), reverse=True)
        return entries

    def _version_diffs(self) -> list[dict[str, Any]]:
        """What changed between consecutive versions of each rubric (``rubricate diff`` text).

        Earlier versions come from git history (read-only; none outside a git checkout).
        """
        history = rubric_versions(self.catalog.root)
        out: list[dict[str, Any]] = []
        for doc in self.index.of("rubric"):
            versions = list(history.get(doc.id, []))
            current = doc.data.get("version")
            if isinstance(current, str):
                versions = [(current, doc.data), *[(v, d) for v, d in versions if v != current]]
            for (new_version, new), (old_version, old) in itertools.pairwise(versions):
                text = format_text(diff_rubrics(old, new)).strip()
                out.append(
                    {"doc": doc, "version": new_version, "previous": old_version, "text": text}
                )
        return out

    def _files(self) -> None:
        for kind in ("common", *KINDS):
            self.out.files[f"schemas/{kind}.schema.json"] = _dump_json(load_schema(kind))
        # JSON Schema Store catalog: editors map source globs to the schemas above with it.
        self.out.files["schemas/catalog.json"] = _dump_json(schema_catalog())
        for doc in self.index.of("rubric"):
            schema = self._label_schema(doc)
            if schema is not None:
                self.out.files[f"schemas/labels/{doc.id}.schema.json"] = _dump_json(schema)

    def _has_section(self, kind: str) -> bool:
        """Whether ``kind`` gets an index page and a nav entry (see OPTIONAL_SECTIONS)."""
        return kind not in OPTIONAL_SECTIONS or bool(self.index.of(kind))

    def _nav(self, taxonomy: SourceDoc | None, placement: Mapping[str, Any]) -> list[Any]:
        index = self.index

        def entry(kind: str, doc: SourceDoc) -> dict[str, str]:
            return {index.title(kind, doc.id): page_path(kind, doc.id)}

        tasks: list[Any] = ["tasks/index.md"]
        if taxonomy is not None:
            for family in taxonomy.data.get("families", []):
                family_nav: list[Any] = []
                for category in family.get("categories", []):
                    items = [
                        entry("task", d)
                        for t in category.get("tasks", [])
                        if (d := index.get("task", t)) and placement.get(t) == (family, category)
                    ]
                    if items:
                        family_nav.append({category.get("title", category.get("id")): items})
                if family_nav:
                    tasks.append({family.get("title", family.get("id")): family_nav})
        tasks.extend(entry("task", d) for d in index.of("task") if d.id not in placement)
        nav: list[Any] = [{"Home": "index.md"}, {"Task types": tasks}]
        for kind in ("rubric", "policy", "bias_checklist", "platform"):
            if not self._has_section(kind):
                continue
            nav.append(
                {
                    SECTION_TITLES[kind]: [
                        f"{PAGE_DIRS[kind]}/index.md",
                        *(entry(kind, d) for d in index.of(kind)),
                    ]
                }
            )
        if "qualification.md" in self.out.pages:
            nav.append({"Qualification": "qualification.md"})
        nav.append(
            {
                "Reference": [
                    {"Rules": ["rules/index.md", *(f"rules/{c}.md" for c in RULES)]},
                    {"Source format": "reference/sources.md"},
                    {"Changelog": "changelog.md"},
                    {"Tags": "tags.md"},
                ]
            }
        )
        # Nav titles are printed unescaped by the theme.
        return _escape_nav(nav)


def _escape_nav(node: Any) -> Any:
    if isinstance(node, list):
        return [_escape_nav(item) for item in node]
    if isinstance(node, dict):
        return {str(escape(key)): _escape_nav(value) for key, value in node.items()}
    return node


def _dump_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _type_of(spec: Mapping[str, Any]) -> str:
    """Short type name for the reference table."""
    if "$ref" in spec:
        return _ref_name(spec["$ref"])
    if "enum" in spec:
        return "one of " + ", ".join(f"`{v}`" for v in spec["enum"])
    kind = spec.get("type")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        items = spec.get("items", {})
        return f"list of {_type_of(items)}" if isinstance(items, dict) and items else "list"
    if kind:
        return str(kind)
    if "oneOf" in spec or "anyOf" in spec:
        options = spec.get("oneOf") or spec.get("anyOf")
        return " or ".join(_type_of(o) for o in options)
    return "any"


def _schema_fields(kind: str) -> dict[str, Any]:
    """A kind's schema flattened into rows: dotted path, type, required, description."""
    schema = load_schema(kind)
    rows: list[dict[str, Any]] = []

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        required = set(node.get("required", []))
        for name, spec in node.get("properties", {}).items():
            if not isinstance(spec, dict):
                continue
            path = f"{prefix}{name}"
            description = spec.get("description")
            if description is None and "$ref" in spec:
                description = _common_description(spec["$ref"])
            rows.append(
                {
                    "path": path,
                    "type": _type_of(spec),
                    "required": name in required,
                    "description": description or "",
                }
            )
            if spec.get("type") == "object" and "properties" in spec:
                walk(spec, f"{path}.")
            items = spec.get("items")
            if spec.get("type") == "array" and isinstance(items, dict) and "properties" in items:
                walk(items, f"{path}[].")

    walk(schema, "")
    return {
        "title": schema.get("title", kind),
        "description": schema.get("description", ""),
        "url": f"{SCHEMA_BASE}{kind}.schema.json",
        "rows": rows,
    }


def _common_description(ref: str) -> str | None:
    if not ref.startswith("common.schema.json#/$defs/"):
        return None
    spec = load_schema("common").get("$defs", {}).get(_ref_name(ref), {})
    return spec.get("description")


def _common_defs() -> list[dict[str, Any]]:
    defs = load_schema("common").get("$defs", {})
    return [
        {"name": name, "type": _type_of(spec), "description": spec.get("description", "")}
        for name, spec in defs.items()
    ]


def render_pages(
    catalog: Catalog,
    *,
    site_url: str,
    repo_url: str | None = None,
    overrides: Path | None = None,
    site_name: str = DEFAULT_SITE_NAME,
) -> SiteOutput:
    """Render the whole site from ``catalog``; pure (reads templates only, writes nothing).

    ``site_url`` makes the published schema ``$id`` values absolute; ``site_name`` (mkdocs.yml's)
    titles the home page; ``repo_url`` is passed
    to templates for optional links; ``overrides`` is a folder of user templates that win
    over the packaged ones (default: ``<root>/site_overrides/templates`` when it exists).
    The catalog should have passed the source checks: pages of unloadable files are skipped.
    """
    if overrides is None:
        candidate = catalog.root / "site_overrides" / "templates"
        overrides = candidate if candidate.is_dir() else None
    renderer = _Renderer(catalog, site_url, repo_url, _environment(overrides), site_name)
    return renderer.render()


def write_output(output: SiteOutput, directory: Path) -> list[Path]:
    """Write every page and file of ``output`` under ``directory``; return the paths written."""
    written: list[Path] = []
    for rel_path, content in output.all_files().items():
        target = directory / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written
