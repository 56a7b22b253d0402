"""JUnit XML reporter, for CI systems that show test results (GitLab, Jenkins, Azure, ...).

Like cfn-lint: one ``<testsuite>`` per input file and one ``<testcase>`` per rule run, so the
set of test names is the same on every run and a clean rule in a clean file shows up as a
passing test. A rule with findings in a file gets one ``<failure>`` listing them all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from validate.findings import Finding
from validate.reporting.model import Report, plural

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
    return "\n".join(f"{f.line}:{f.column}: {xml_text(f.message)}" for f in findings)


def build_tree(report: Report) -> ET.Element:
    """The ``<testsuites>`` element (what :func:`render` serialises)."""
    catalog = report.rule_catalog()
    by_file_code: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file_code[(finding.file, finding.code)].append(finding)

    root = ET.Element("testsuites", {"name": "rubricate"})
    total_tests = total_failures = 0
    for path in report.all_files():
        name = xml_text(path)
        suite = ET.SubElement(root, "testsuite", {"name": name})
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
        total_tests += len(catalog)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return root


def render(report: Report) -> str:
    """Render ``report`` as a JUnit XML document (UTF-8 declaration, trailing newline)."""
    root = build_tree(report)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
