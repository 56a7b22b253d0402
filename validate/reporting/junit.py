"""JUnit XML reporter, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

Like cfn-lint: one ``<testsuite>`` per input file and one ``<testcase>`` per rule run, so the
set of test names is the same on every run and a clean rule in a clean file shows up as a
passing test. A rule with findings in a file gets one ``<failure>`` listing them all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator

from validate.findings import Finding
from validate.reporting.model import Report, plural
from validate.reporting.text import CONTINUATION_INDENT

# Characters XML 1.0 cannot carry at all, not even as character references. ElementTree
# writes them through unchanged, which produces a document no parser accepts, so they are
# spelled out instead (label files are untrusted and messages quote them).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` with XML-illegal characters shown as ``\\xNN`` / ``\\uNNNN``."""

    def spell(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _XML_ILLEGAL.sub(spell, text)


def _failure_text(findings: list[Finding]) -> str:
    """One ``line:col: message`` per finding; a message's later lines continue as in the text
    format (marked, so none starts with label content: see :mod:`validate.reporting.text`)."""
    return "\n".join(f"{f.line}:{f.column}: {xml_text(_continued(f.message))}" for f in findings)


def _continued(message: str) -> str:
    return (
        message.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n" + CONTINUATION_INDENT)
    )


def _suites(report: Report) -> Iterator[ET.Element]:
    """Each file's ``<testsuite>`` element, in report order."""
    catalog = report.rule_catalog()
    by_file_code: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file_code[(finding.file, finding.code)].append(finding)
    for path in report.all_files():
        name = xml_text(path)
        suite = ET.Element("testsuite", {"name": name})
        failures = 0
        for code, rule in catalog.items():
            case = ET.SubElement(
                suite, "testcase", {"classname": name, "name": f"{code} {xml_text(rule.name)}"}
            )
            found = by_file_code.get((path, code))
            if found:
                failures += 1
                message = f"{code} {xml_text(rule.name)}: {plural(len(found), 'finding')}"
                failure = ET.SubElement(case, "failure", {"message": message, "type": code})
                failure.text = _failure_text(found)
        # Attributes set after the children are known; ElementTree keeps insertion order,
        # so "name" stays first.
        suite.set("tests", str(len(catalog)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        yield suite


def chunks(report: Report) -> Iterator[str]:
    """:func:`render`'s document in pieces, one ``<testsuite>`` at a time.

    Only one file's suite (with its failure texts) is in memory at once. The totals on
    ``<testsuites>`` are counted first, from the findings. The bytes equal one indented
    ``ElementTree`` serialisation of the whole tree (the golden tests check it).
    """
    files = report.all_files()
    catalog = report.rule_catalog()
    tests = len(catalog) * len(files)
    known = set(files)
    failures = len(
        {(f.file, f.code) for f in report.findings if f.file in known and f.code in catalog}
    )
    head = f'<testsuites name="rubricate" tests="{tests}" failures="{failures}" errors="0"'
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not files:
        yield head + " />\n"
        return
    yield head + ">\n  "  # the indent of the first suite; each suite's tail indents the next
    pending: ET.Element | None = None
    for suite in _suites(report):
        if pending is not None:
            yield _serialised(pending, last=False)
        pending = suite
    assert pending is not None
    yield _serialised(pending, last=True)
    yield "</testsuites>\n"


def _serialised(suite: ET.Element, *, last: bool) -> str:
    """One ``<testsuite>`` indented as a child of ``<testsuites>``, with its line break."""
    ET.indent(suite, space="  ", level=1)
    suite.tail = "\n" if last else "\n  "
    return ET.tostring(suite, encoding="unicode")


def render(report: Report) -> str:
    """Render ``report`` as a JUnit XML document (UTF-8 declaration, trailing newline)."""
    return "".join(chunks(report))
