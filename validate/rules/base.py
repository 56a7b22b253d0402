"""What a rule is: the metadata every rule module declares, read into :class:`RuleInfo`.

A rule module (``validate/rules/<family>/<name>.py``) declares ``CODE``, ``NAME``, ``SCOPE``,
``DEFAULT_SEVERITY``, ``OPTIONS`` (a JSON Schema object whose properties carry defaults) and a
``check`` function; its module docstring is its documentation, with the fixed headings in
:data:`DOC_HEADINGS`. The call contract of ``check`` depends on ``SCOPE``:

* ``source``: ``check(catalog, options) -> Iterable[Problem]``
* ``record``: ``check(record, rubric, options) -> Iterable[RecordProblem]`` (see
:mod:`validate.lint`)
* ``dataset``: ``ACCUMULATOR`` class with ``add``, ``merge`` and ``finish`` (see
:mod:`validate.lint`)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, NamedTuple

import jsonschema_rs

from validate.findings import Severity

SCOPES = ("source", "record", "dataset")

DOC_HEADINGS = (
    "What it checks",
    "Why it matters",
    "Failing example",
    "Passing example",
    "Options",
)

FAMILY_PREFIXES: dict[str, str] = {
    # code prefix -> family folder under validate/rules/
    "SRC": "source",
    "XRF": "xref",
    "LBL": "envelope",
    "LKT": "likert",
    "RNK": "ranking",
    "BOX": "boxes",
    "IMP": "imports",
    "SPN": "spans",
    "PRF": "preference",
    "EDT": "editing",
    "REF": "reference",
    "MTC": "conversation",
    "TUL": "tool_use",
    "AGT": "agent",
    "HAL": "hallucination",
    "CIT": "citation",
    "SAF": "safety",
    "BIA": "bias",
    "MOD": "moderation",
    "CLS": "classification",
    "MQM": "translation",
    "SRL": "search",
    "OCR": "ocr",
    "MTD": "metadata",
    "DST": "dataset",
}

RULE_DOCS_BASE = "https://rubricate.github.io/rubricate/rules/"
"""Where each rule's page lives on the published site (``<base><code>.html``)."""


def rule_page_url(code: str, base: str = RULE_DOCS_BASE) -> str:
    """URL of the site page of the rule ``code`` (also for codes not in the registry)."""
    return f"{base.rstrip('/')}/{code}.html"


class OptionProblem(NamedTuple):
    """A problem with a rule's configured options."""

    path: tuple[Any, ...]
    """Where, within the options mapping (empty: the mapping itself)."""
    message: str
    name: bool = False
    """Whether the problem is the option's name (an unknown option) rather than its value."""


@dataclass(frozen=True)
class RuleInfo:
    """A registered rule: its identity, documentation and entry point."""

    code: str
    name: str
    scope: str
    default_severity: Severity
    options_schema: dict[str, Any]
    doc: str
    module: ModuleType = field(repr=False, compare=False)

    @property
    def summary(self) -> str:
        """First line of the docstring: the rule's one-line description."""
        return self.doc.strip().splitlines()[0].strip().rstrip(".")

    @property
    def family(self) -> str:
        """The three-letter prefix of the code (``SRC``, ``LKT``, ...)."""
        return self.code[:3]

    def help_uri(self, base: str = RULE_DOCS_BASE) -> str:
        """URL of the rule's page on the site.

        The site is built with Material's offline plugin, which turns off directory URLs, so
        every page is ``<name>.html`` (this also works when the site is opened from disk).
        """
        return rule_page_url(self.code, base)

    def sections(self) -> dict[str, str]:
        """The docstring split into its ``## Heading`` sections (body text only)."""
        parts = re.split(r"^## +(.+?)\s*$", self.doc, flags=re.MULTILINE)
        return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}

    def default_options(self) -> dict[str, Any]:
        """Option defaults from the options schema."""
        props = self.options_schema.get("properties", {})
        return {name: spec["default"] for name, spec in props.items() if "default" in spec}

    def option_problems(self, given: Any) -> Iterator[OptionProblem]:
        """Each problem with options configured for this rule (in a rubric's ``rules:`` or in
        the configuration file): unknown option names, then values that break the options
        schema."""
        known = self.options_schema.get("properties", {})
        if isinstance(given, dict):
            for name in given:
                if name not in known:
                    names = ", ".join(sorted(known)) or "none"
                    yield OptionProblem(
                        (name,),
                        f"unknown option {name!r} for rule {self.code}; known options: {names}",
                        name=True,
                    )
            given = {k: v for k, v in given.items() if k in known}
        if jsonschema_rs.validator_for(self.options_schema).is_valid(given):
            return
        # Only an invalid option pays for the pure-Python validator and its located messages.
        from jsonschema import Draft202012Validator

        for error in Draft202012Validator(self.options_schema).iter_errors(given):
            yield OptionProblem(
                tuple(error.absolute_path), f"option of rule {self.code}: {error.message}"
            )


def rule_info(module: ModuleType) -> RuleInfo:
    """Read a rule module's declarations into a :class:`RuleInfo`."""
    return RuleInfo(
        code=module.CODE,
        name=module.NAME,
        scope=module.SCOPE,
        default_severity=module.DEFAULT_SEVERITY,
        options_schema=module.OPTIONS,
        doc=(module.__doc__ or "").strip(),
        module=module,
    )
