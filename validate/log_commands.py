"""Keeping label-file content from acting as a command in a CI log.

Azure Pipelines' agent acts on ``##vso[`` *anywhere* in a line a step writes to standard output
or standard error (``Command.TryParse`` in microsoft/azure-pipelines-agent looks for it with
``IndexOf``), and does not even show a line it acted on. Findings quote record ids, field
names and values from label files that nobody vetted, so a record whose id is
``##vso[task.setvariable variable=...]...`` would set a pipeline variable through any report
format printed in a step. Every report is therefore defused, in the way its format allows:

* JSON (``json``, ``sarif``, ``gitlab``): each ``#`` of ``##vso[`` is written as the escape
  ``\\u0023``, the same string to every JSON parser;
* XML (``junit``): as the character reference ``&#35;``, the same text to every XML parser;
* plain text (``text``, ``github``, ``azure``) and messages on standard error: ``**vso[``, the
  replacement the agent uses itself when it masks commands.

GitHub's runner reads a workflow command only at the start of a line (after any indent), and
no format starts a line with label content: messages show line breaks in values and field
names escaped (:func:`validate.lint.model.shown_pointer`, ``repr`` quoting).
"""

from __future__ import annotations

from collections.abc import Callable

AZURE_PREFIX = "##vso["
"""What the Azure Pipelines agent acts on, wherever it appears in a line (case-sensitive)."""


def defuse_text(text: str) -> str:
    """Plain text with ``##vso[`` shown as ``**vso[``."""
    return text.replace(AZURE_PREFIX, "**vso[") if AZURE_PREFIX in text else text


def defuse_json(text: str) -> str:
    """Serialised JSON with ``##vso[`` inside strings written ``\\u0023\\u0023vso[``.

    ``##vso[`` can only occur inside a JSON string, and ``#`` never continues an escape
    sequence, so the document decodes to the same values.
    """
    return text.replace(AZURE_PREFIX, "\\u0023\\u0023vso[") if AZURE_PREFIX in text else text


def defuse_xml(text: str) -> str:
    """Serialised XML (no CDATA) with ``##vso[`` written ``&#35;&#35;vso[``."""
    return text.replace(AZURE_PREFIX, "&#35;&#35;vso[") if AZURE_PREFIX in text else text


def _as_is(text: str) -> str:
    return text


DEFUSERS: dict[str, Callable[[str], str]] = {
    "text": defuse_text,
    "json": defuse_json,
    "sarif": defuse_json,
    "junit": defuse_xml,
    "github": defuse_text,
    "gitlab": defuse_json,
    "azure": _as_is,  # its own commands start with ##vso[: it defuses each field instead
}
"""Each report format's defuser, applied to every piece it renders (a piece always holds
whole findings, so the prefix is never split between two)."""
