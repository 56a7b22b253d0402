"""The explicit rule registry: every rule module, listed by hand (a meta-test polices it)."""

from __future__ import annotations

from types import ModuleType

from validate.rules import agent as _agent
from validate.rules import bias as _bias
from validate.rules import citation as _citation
from validate.rules import classification as _classification
from validate.rules import conversation as _conversation
from validate.rules import dataset as _dataset
from validate.rules import editing as _editing
from validate.rules import hallucination as _hallucination
from validate.rules import metadata as _metadata
from validate.rules import moderation as _moderation
from validate.rules import ocr as _ocr
from validate.rules import preference as _preference
from validate.rules import reference as _reference
from validate.rules import safety as _safety
from validate.rules import search as _search
from validate.rules import spans as _spans
from validate.rules import tool_use as _tool_use
from validate.rules import translation as _translation
from validate.rules.base import RuleInfo, rule_info
from validate.rules.boxes import (
    box_duplicate,
    box_inside_image,
    box_min_size,
    box_positive_area,
    image_size_missing,
)
from validate.rules.envelope import (
    duplicate_judgement,
    duplicate_record_id,
    envelope_field,
    label_schema,
    unknown_rubric,
    unknown_rubric_version,
    unparseable_record,
    unreadable_file,
)
from validate.rules.envelope import empty_file as empty_label_file
from validate.rules.imports import (
    annotator_unknown,
    cancelled_annotation,
    duplicate_source_id,
    empty_annotations,
    label_field_not_in_source,
    malformed_source_record,
    missing_original_size,
    prompt_mismatch,
    unknown_control,
    unknown_value,
    unsupported_result,
)
from validate.rules.likert import na_not_allowed, rationale_required, score_on_scale
from validate.rules.ranking import (
    empty_response,
    ranking_permutation,
    ratings_consistent,
    ties_not_allowed,
)
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
    platform_task_link,
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
    platform_task_link,
)

LABEL_RULE_MODULES: tuple[ModuleType, ...] = (
    unparseable_record,
    unreadable_file,
    envelope_field,
    unknown_rubric,
    unknown_rubric_version,
    duplicate_record_id,
    duplicate_judgement,
    empty_label_file,
    label_schema,
    score_on_scale,
    na_not_allowed,
    rationale_required,
    ranking_permutation,
    ties_not_allowed,
    ratings_consistent,
    empty_response,
    box_inside_image,
    box_positive_area,
    box_min_size,
    box_duplicate,
    image_size_missing,
)

IMPORT_RULE_MODULES: tuple[ModuleType, ...] = (
    # Raised by the importers (rubricate convert / lint --from), documented here.
    unknown_control,
    missing_original_size,
    cancelled_annotation,
    empty_annotations,
    unsupported_result,
    unknown_value,
    duplicate_source_id,
    annotator_unknown,
    malformed_source_record,
    prompt_mismatch,
    label_field_not_in_source,
)

TASK_FAMILY_MODULES: tuple[ModuleType, ...] = (
    # Each family package lists its own rule modules in RULE_MODULES.
    *_spans.RULE_MODULES,
    *_preference.RULE_MODULES,
    *_editing.RULE_MODULES,
    *_reference.RULE_MODULES,
    *_conversation.RULE_MODULES,
    *_tool_use.RULE_MODULES,
    *_agent.RULE_MODULES,
    *_hallucination.RULE_MODULES,
    *_citation.RULE_MODULES,
    *_safety.RULE_MODULES,
    *_bias.RULE_MODULES,
    *_moderation.RULE_MODULES,
    *_classification.RULE_MODULES,
    *_translation.RULE_MODULES,
    *_search.RULE_MODULES,
    *_ocr.RULE_MODULES,
    *_metadata.RULE_MODULES,
    *_dataset.RULE_MODULES,
)

RULE_MODULES: tuple[ModuleType, ...] = (
    SOURCE_RULE_MODULES + LABEL_RULE_MODULES + TASK_FAMILY_MODULES + IMPORT_RULE_MODULES
)

RULES: dict[str, RuleInfo] = {info.code: info for info in map(rule_info, RULE_MODULES)}
"""Every rule by code, in registration order."""

RULES_BY_NAME: dict[str, RuleInfo] = {info.name: info for info in RULES.values()}
