"""SARIF 2.1.0 reporter, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule of the report once (ruff does the same), with the rule's
docstring as ``fullDescription``/``help`` and its site page as ``helpUri``. Results point into
``artifacts`` (one per input file). ``partialFingerprints`` lets a viewer track one finding
across runs even when unrelated edits move it to another line: see :func:`fingerprint`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from validate.findings import Finding, Severity
from validate.reporting.json_report import ITEMS, indented_json, jsonable
from validate.reporting.model import Report, RuleMeta

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "rubricate"
INFORMATION_URI = "https://rubricate.github.io/rubricate/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "rubricate/v1"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}

# Characters a URI path may carry unencoded (RFC 3986 pchar minus ":" and "%"). ":" is
# encoded too because in a relative reference a colon in the first segment reads as a scheme
# ("c:data.jsonl"); "%" is encoded so a literal percent in a file name survives decoding.
_URI_SAFE = "/!$&'()*+,;=@-._~"
_ABSOLUTE = re.compile(r"^(/|[A-Za-z]:/)")


def artifact_location(path: str) -> dict[str, Any]:
    """SARIF ``artifactLocation`` for ``path``.

    A relative path stays relative (forward slashes, percent-encoded where a URI needs it)
    against ``%SRCROOT%``, which is what code scanning resolves against the repository root.
    An absolute path becomes a ``file://`` URI with no base.
    """
    posix = path.replace("\\", "/")
    if _ABSOLUTE.match(posix):
        if posix.startswith("/"):
            return {"uri": "file://" + quote(posix, safe=_URI_SAFE)}
        # Windows drive: file:///C:/dir/file, the colon after the drive letter kept.
        return {"uri": "file:///" + posix[:2] + quote(posix[2:], safe=_URI_SAFE)}
    while posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix, safe=_URI_SAFE), "uriBaseId": SRCROOT}


def fingerprint(finding: Finding) -> str:
    """A hash that stays the same for the same finding across runs.

    Built from the code, the file (forward slashes), the record id when there is one (else the
    line) and the message. Using the record id rather than the line means inserting records
    above an old finding does not turn it into a "new" alert.
    """
    where = (
        f"record:{finding.record_id}" if finding.record_id is not None else f"line:{finding.line}"
    )
    parts = (finding.code, finding.file.replace("\\", "/"), where, finding.message)
    # The unit separator cannot appear in codes or paths, so parts cannot run into each other.
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def rule_descriptor(rule: RuleMeta) -> dict[str, Any]:
    """SARIF ``reportingDescriptor`` for one rule."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.doc},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
    }


def _result(finding: Finding, rule_index: int, artifact_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {**artifact_location(finding.file), "index": artifact_index}
    }
    # SARIF regions need startLine >= 1; line 0 means "the whole file", so no region at all.
    if finding.line >= 1:
        region: dict[str, int] = {"startLine": finding.line}
        if finding.column >= 1:
            region["startColumn"] = finding.column
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
    }
    properties = {
        key: value
        for key, value in (("record_id", finding.record_id), ("pointer", finding.pointer))
        if value is not None
    }
    if properties:
        result["properties"] = properties
    return result


def build_log(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (what :func:`render` writes)."""
    log = _skeleton(report)
    log["runs"][0]["results"] = list(_results(report))
    return log


def _results(report: Report) -> Iterator[dict[str, Any]]:
    rule_index = {code: i for i, code in enumerate(report.rule_catalog())}
    artifact_index = {path: i for i, path in enumerate(report.all_files())}
    for f in report.findings:
        yield _result(f, rule_index[f.code], artifact_index[f.file])


def _skeleton(report: Report) -> dict[str, Any]:
    """The log with :data:`~validate.reporting.json_report.ITEMS` for its results."""
    catalog = report.rule_catalog()
    files = report.all_files()
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(rule) for rule in catalog.values()],
            }
        },
        "artifacts": [{"location": artifact_location(path)} for path in files],
        "results": ITEMS,
    }
    if report.summary:
        run["properties"] = {"summary": jsonable(report.summary)}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s text in pieces, each result serialised as it comes (a log of many
    findings is never one structure in memory)."""
    return indented_json(_skeleton(report), _results(report))


def render(report: Report) -> str:
    """Render ``report`` as a SARIF 2.1.0 log (pretty-printed JSON, trailing newline)."""
    return "".join(chunks(report))
