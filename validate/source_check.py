"""Run the source rules over a catalog: the engine behind ``rubricate check``.

Pure: takes a catalog and settings, returns sorted findings. Severity and options come from the
registry defaults, overridden by configuration; rule options are validated before any rule runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from validate.catalog import Catalog
from validate.findings import Finding, Severity, sort_findings
from validate.rules.base import RuleInfo
from validate.selection import RuleSelection


class RuleOptionsError(ValueError):
    """Configured options for a rule do not match its options schema.

    ``problems`` holds each problem with the key path it is about, under the table of rule
    options (``("LKT003", "min_length")``), so a caller can point at its line."""

    def __init__(self, problems: list[tuple[tuple[str, ...], str]]) -> None:
        super().__init__("\n".join(message for _, message in problems))
        self.problems = problems


@dataclass
class RuleSettings:
    """Per-rule severity and options, after configuration."""

    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)

    def options_for(self, rule: RuleInfo) -> dict[str, Any]:
        """Defaults merged with configured options for ``rule``."""
        return {**rule.default_options(), **self.options.get(rule.code, {})}

    def severity_for(self, rule: RuleInfo) -> Severity:
        """Configured severity, or the rule's default."""
        return self.severity.get(rule.code, rule.default_severity)

    def validate(self, rules: Mapping[str, RuleInfo], *, table: str = "rules") -> None:
        """Reject options for unknown rules and options that break a rule's schema (the
        checks SRC015 makes of a rubric's ``rules:``), naming every problem, one per line,
        by its key under ``table`` (the configuration file's table of rule options)."""
        problems: list[tuple[tuple[str, ...], str]] = []
        for code, options in self.options.items():
            rule = rules.get(code)
            if rule is None:
                problems.append(((code,), f"options given for unknown rule {code!r}"))
                continue
            for problem in rule.option_problems(options):
                keys = (code, *map(str, problem.path))
                if problem.name:  # the message names the option
                    problems.append((keys, problem.message))
                else:
                    problems.append((keys, f"{'.'.join([table, *keys])}: {problem.message}"))
        if problems:
            raise RuleOptionsError(problems)


def check_catalog(
    catalog: Catalog,
    rules: Mapping[str, RuleInfo],
    selection: RuleSelection,
    settings: RuleSettings | None = None,
) -> list[Finding]:
    """Run every enabled source rule; return findings sorted by place."""
    settings = settings or RuleSettings()
    findings: list[Finding] = []
    for rule in rules.values():
        if rule.scope != "source" or not selection.enabled(rule.code):
            continue
        severity = settings.severity_for(rule)
        help_uri = rule.help_uri()
        for problem in rule.module.check(catalog, settings.options_for(rule)):
            if not selection.enabled_for_file(rule.code, problem.file):
                continue
            findings.append(
                Finding(
                    file=problem.file,
                    line=problem.line,
                    column=problem.column,
                    code=rule.code,
                    name=rule.name,
                    severity=severity,
                    message=problem.message,
                    record_id=problem.record_id,
                    pointer=problem.pointer,
                    help_uri=help_uri,
                )
            )
    return sort_findings(findings)
