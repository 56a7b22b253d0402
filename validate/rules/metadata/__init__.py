"""Metadata tagging rules (``MTD``): relations between the label's entities, key-phrase counts.

The entity and key-phrase spans themselves are checked by the span rules (``SPN``); entity
types against the rubric's scale by the label schema.
"""

from __future__ import annotations

from types import ModuleType

from validate.rules.metadata import key_phrase_count, relation_entities, relation_types

RULE_MODULES: tuple[ModuleType, ...] = (
    relation_entities,
    relation_types,
    key_phrase_count,
)
"""This family's rule modules, in code order (listed by hand; the registry imports this)."""
