"""The JSON Schemas of the source kinds, shipped as package data.

Schemas are read once, checked once and compiled once per process, resolved offline through a
:class:`referencing.Registry` (they reference ``common.schema.json`` by relative URL, so editors
resolve them too when the site serves them side by side).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: most commands need the schemas' URLs only
    import jsonschema_rs
    from jsonschema import Draft202012Validator
    from referencing import Registry

SCHEMA_BASE = "https://rubricate.github.io/rubricate/schemas/"
"""Stable public URL prefix of the schemas (``$id`` of each schema)."""

KINDS = ("taxonomy", "task", "rubric", "policy", "bias_checklist", "platform", "qualification")
"""Source kinds; each has ``<kind>.schema.json`` beside this module."""


@functools.cache
def schema_names() -> tuple[str, ...]:
    """File names of every shipped schema, sorted."""
    files = resources.files(__package__)
    return tuple(sorted(p.name for p in files.iterdir() if p.name.endswith(".schema.json")))


@functools.cache
def load_schema(kind: str) -> dict[str, Any]:
    """The parsed schema for ``kind`` (``task``, ``rubric``, ... or ``common``)."""
    text = resources.files(__package__).joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@functools.cache
def registry() -> Registry:
    """A registry holding every shipped schema under its ``$id``; nothing is fetched."""
    from referencing import Registry, Resource

    resources_ = []
    for name in schema_names():
        schema = load_schema(name.removesuffix(".schema.json"))
        resources_.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources_)


@functools.cache
def source_validator(kind: str) -> Draft202012Validator:
    """A compiled validator (formats checked) for one source kind."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(
        load_schema(kind),
        registry=registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


@functools.cache
def fast_source_validator(kind: str) -> jsonschema_rs.Validator:
    """A compiled jsonschema-rs validator for ``kind``: the fast yes/no path.

    Valid documents (nearly all of them) are accepted in microseconds; only documents it
    rejects are validated again by :func:`source_validator` for readable, located errors.
    """
    import jsonschema_rs

    rs_registry = jsonschema_rs.Registry(
        [(load_schema(kind_)["$id"], load_schema(kind_)) for kind_ in _kinds_on_disk()]
    )
    return jsonschema_rs.validator_for(
        load_schema(kind), registry=rs_registry, validate_formats=True, offline=True
    )


def _kinds_on_disk() -> list[str]:
    return [name.removesuffix(".schema.json") for name in schema_names()]


def schema_url(kind: str) -> str:
    """The public URL of ``kind``'s schema, for the yaml-language-server modeline."""
    return f"{SCHEMA_BASE}{kind}.schema.json"
