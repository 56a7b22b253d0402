"""The explicit rule registry: every rule module, listed by hand (a meta-test polices it)."""

from __future__ import annotations

from types import ModuleType

from validate.rules.base import RuleInfo, rule_info
from validate.rules.source import (
    alias_limit,
    changelog_version,
    duplicate_id,
    duplicate_key,
    duplicate_local_id,
    empty_file,
    file_too_large,
    id_mismatch,
    incomplete_task,
    invalid_encoding,
    label_schema_invalid,
    not_a_mapping,
    schema_violation,
    unknown_rule,
    yaml_syntax,
)
from validate.rules.xref import (
    example_label_invalid,
    rubric_task_link,
    taxonomy_coverage,
    unknown_local_reference,
    unresolved_reference,
)

SOURCE_RULE_MODULES: tuple[ModuleType, ...] = (
    yaml_syntax,
    duplicate_key,
    alias_limit,
    file_too_large,
    invalid_encoding,
    empty_file,
    not_a_mapping,
    schema_violation,
    id_mismatch,
    duplicate_id,
    changelog_version,
    label_schema_invalid,
    incomplete_task,
    duplicate_local_id,
    unknown_rule,
    unresolved_reference,
    unknown_local_reference,
    taxonomy_coverage,
    rubric_task_link,
    example_label_invalid,
)

RULE_MODULES: tuple[ModuleType, ...] = SOURCE_RULE_MODULES

RULES: dict[str, RuleInfo] = {info.code: info for info in map(rule_info, RULE_MODULES)}
"""Every rule by code, in registration order."""

RULES_BY_NAME: dict[str, RuleInfo] = {info.name: info for info in RULES.values()}
