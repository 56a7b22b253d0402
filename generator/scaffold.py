"""``rubricate new``: skeleton sources that ``rubricate check`` accepts, with comments that
tell the author what to fill in.

A new task also gets a rubric of the same id (a task needs one) and is added to a category of
the taxonomy, so the project stays valid after every ``new``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from validate.catalog import SOURCE_LAYOUT
from validate.loading.yaml_source import load_yaml_source
from validate.schemas import schema_url
from validate.suggest import hinted

KIND_FOLDERS = {
    "task": "guidelines/tasks",
    "rubric": "rubrics",
    "policy": "guidelines/policies",
    "bias_checklist": "guidelines/bias",
    "platform": "guidelines/platforms",
}


class ScaffoldError(Exception):
    """The skeleton cannot be written (file exists, bad id, no taxonomy category)."""


@dataclass(frozen=True)
class Written:
    """A file ``new`` created or changed, and what it did to it."""

    path: Path
    action: str


def modeline(kind: str) -> str:
    """The yaml-language-server comment that gives editors completion for ``kind``."""
    return f"# yaml-language-server: $schema={schema_url(kind)}\n"


def _title(id_: str) -> str:
    return id_.replace("_", " ").capitalize()


def task_skeleton(id_: str, today: str) -> str:
    """A task type skeleton."""
    return (
        modeline("task")
        + f"""id: {id_}
title: {_title(id_)}
# Words annotators will type into search for this task.
aliases: []
summary: >-
  Say in two or three sentences what the annotator does in this task.
when_used: >-
  Say when and why teams run this task, and what its labels are used for.
# What matters most; a complete page has at least four (rubricate check warns below that).
key_considerations:
  - Write the most important thing an annotator must keep in mind.
# The steps, in order, in the second person.
process:
  - Read the item in full before labelling.
rubric: {id_}
related_tasks: []
platforms: []
# A complete page has at least three common mistakes and three edge cases.
common_mistakes:
  - mistake: Describe a mistake annotators make.
    instead: Say what to do instead.
edge_cases:
  - case: Describe a hard case concretely.
    call: Give the right call.
    why: Say why that call is right.
sources: []
"""
    )


def rubric_skeleton(id_: str, today: str, task: str | None = None) -> str:
    """A rubric skeleton on a 1-5 scale with one dimension and one worked example."""
    return (
        modeline("rubric")
        + f"""id: {id_}
title: {_title(id_)}
version: "1.0.0"
task: {task or id_}
summary: >-
  Say in one sentence what this rubric judges.
scales:
  - id: quality
    name: Quality (1-5)
    type: ordinal            # ordinal | interval | nominal
    direction: higher_is_better
    levels:                  # one anchor per level: what a response at this level looks like
      - {{value: 1, label: Very poor, anchor: Describe a response at level 1.}}
      - {{value: 2, label: Poor, anchor: Describe a response at level 2.}}
      - {{value: 3, label: Acceptable, anchor: Describe a response at level 3.}}
      - {{value: 4, label: Good, anchor: Describe a response at level 4.}}
      - {{value: 5, label: Excellent, anchor: Describe a response at level 5.}}
    tie_policy: Say what to do when torn between two levels.
    na_policy: Say when N/A may be used; N/A is recorded as null.
dimensions:
  - id: overall
    name: Overall quality
    scale: quality
    definition: Say what this dimension measures.
decision_steps:
  - Write the short decision procedure printed on the rubric card.
label:
  schema:                    # JSON Schema of label records' "label" field
    type: object
    required: [scores]
    additionalProperties: false
    properties:
      scores: {{x-dimension-scores: true}}
      rationale: {{type: string}}
quality_gates:
  agreement: {{metric: krippendorff_alpha, minimum: 0.667}}
  overlap: {{min_judgements: 3}}
# Worked examples: an item, its gold label and why. Aim for four or more.
examples:
  - id: first_example
    title: Name the example
    item: {{prompt: Write the prompt., response: Write the response.}}
    label: {{scores: {{overall: 3}}, rationale: Explain the score.}}
    explanation: Explain why this label is right.
changelog:
  - version: "1.0.0"
    date: "{today}"
    changes: [First draft.]
"""
    )


def policy_skeleton(id_: str, today: str) -> str:
    """A safety policy skeleton with one category."""
    return (
        modeline("policy")
        + f"""id: {id_}
title: {_title(id_)}
version: "1.0.0"
summary: >-
  Say what this policy covers and who applies it.
severities:                  # least to most severe
  - {{id: low, name: Low, description: Say what low severity means.}}
  - {{id: high, name: High, description: Say what high severity means.}}
categories:
  - id: first_category
    name: Name the category
    definition: Say what belongs in this category.
    severity_ladder:         # one rung per severity, lowest first
      - {{severity: low, description: Describe low-severity content.}}
      - {{severity: high, description: Describe high-severity content.}}
    allowed: [Describe content that is fine (discussion, fiction, news, education).]
    disallowed: [Describe content that violates this category.]
    edge_cases:
      - {{case: Describe a hard case., call: Give the right call., why: Say why.}}
changelog:
  - version: "1.0.0"
    date: "{today}"
    changes: [First draft.]
"""
    )


def bias_skeleton(id_: str, today: str) -> str:
    """A bias checklist skeleton with one dimension."""
    return (
        modeline("bias_checklist")
        + f"""id: {id_}
title: {_title(id_)}
version: "1.0.0"
summary: >-
  Say what this checklist is for.
severities:
  - {{id: minor, name: Minor, description: Say what a minor issue is.}}
  - {{id: major, name: Major, description: Say what a major issue is.}}
dimensions:
  - id: first_dimension
    name: Name the protected dimension
    # look_for kinds: stereotype, erasure, unequal_quality, derogatory_language, assumption
    look_for:
      - {{kind: stereotype, description: Say what to look for.}}
checklist:
  - {{id: first_question, question: Write a yes/no question annotators answer.}}
changelog:
  - version: "1.0.0"
    date: "{today}"
    changes: [First draft.]
"""
    )


def platform_skeleton(id_: str, today: str) -> str:
    """A platform profile skeleton."""
    return (
        modeline("platform")
        + f"""id: {id_}
name: {_title(id_)}
summary: >-
  Say what the platform is, as it describes itself publicly.
task_types: []               # task ids offered on this platform
qualification:
  process: Describe how workers qualify, as publicly documented.
quality_control:
  golden_sets: Describe gold questions, if documented.
pay:
  tier: not_published        # entry | mid | expert | varies | not_published
  description: Describe pay only as the platform publicly describes it.
sources:
  - title: Name the public page every claim above comes from.
"""
    )


SKELETONS = {
    "task": task_skeleton,
    "rubric": rubric_skeleton,
    "policy": policy_skeleton,
    "bias_checklist": bias_skeleton,
    "platform": platform_skeleton,
}


def check_id(id_: str) -> None:
    """Raise :class:`ScaffoldError` unless ``id_`` is a valid source id."""
    if not re.fullmatch(r"[a-z][a-z0-9_]{1,63}", id_):
        raise ScaffoldError(
            f"invalid id {id_!r}: use lowercase letters, digits and underscores, "
            "starting with a letter (2-64 characters)"
        )


def scaffold(
    root: Path,
    kind: str,
    id_: str,
    *,
    category: str | None = None,
    task: str | None = None,
    today: str | None = None,
) -> list[Written]:
    """Write the skeleton for ``kind``/``id_`` under ``root``; return what was written."""
    check_id(id_)
    today = today or _dt.date.today().isoformat()
    written: list[Written] = []
    target = root / KIND_FOLDERS[kind] / f"{id_}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists")
    if kind == "rubric":
        if task is None:
            raise ScaffoldError("a rubric needs its task: pass --task TASK_ID")
        task_file = root / KIND_FOLDERS["task"] / f"{task}.yaml"
        if not task_file.exists():
            raise ScaffoldError(f"task {task!r} does not exist ({task_file})")
    if kind == "task":
        rubric_file = root / KIND_FOLDERS["rubric"] / f"{id_}.yaml"
        taxonomy_edit = _taxonomy_insertion(root, id_, category)
        _write(target, task_skeleton(id_, today), written)
        if not rubric_file.exists():
            _write(rubric_file, rubric_skeleton(id_, today), written)
        taxonomy_path, new_text = taxonomy_edit
        taxonomy_path.write_text(new_text, encoding="utf-8")
        written.append(Written(taxonomy_path, "updated"))
    elif kind == "rubric":
        task_path, task_text = _task_rubric_insertion(
            root / KIND_FOLDERS["task"] / f"{task}.yaml", id_
        )
        _write(target, rubric_skeleton(id_, today, task), written)
        task_path.write_text(task_text, encoding="utf-8")
        written.append(Written(task_path, "updated"))
    else:
        _write(target, SKELETONS[kind](id_, today), written)
    return written


def _write(path: Path, text: str, written: list[Written]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    written.append(Written(path, "created"))


def _taxonomy_insertion(root: Path, task_id: str, category: str | None) -> tuple[Path, str]:
    """The taxonomy text with ``task_id`` added to ``category`` (default: the first one).

    Edits the text at the node's position instead of re-dumping the YAML, so the author's
    comments and layout survive.
    """
    matches = sorted(root.glob(SOURCE_LAYOUT["taxonomy"]))
    if not matches:
        raise ScaffoldError("guidelines/taxonomy.yaml does not exist; create it first")
    path = matches[0]
    source = load_yaml_source(path)
    if source.root is None or not isinstance(source.data, dict):
        raise ScaffoldError(f"{path} does not load; run 'rubricate check' first")
    known: list[str] = []
    for fi, family in enumerate(source.data.get("families") or []):
        for ci, cat in enumerate(family.get("categories") or []):
            known.append(str(cat.get("id")))
            if category is None or cat.get("id") == category:
                node = _node_at(source.root, ("families", fi, "categories", ci, "tasks"))
                if node is None:
                    continue
                return path, _insert_item(path.read_text("utf-8"), node, task_id)
    if not category:
        raise ScaffoldError(f"{path} has no category to add the task to")
    # one of the project's categories, or a new one to add to the taxonomy first
    raise ScaffoldError(
        f"no category {hinted(category, known)} in {path} (it has: {', '.join(known) or 'none'}); "
        "add the category to the taxonomy first, or leave out --category to use the first one"
    )


def _task_rubric_insertion(path: Path, rubric_id: str) -> tuple[Path, str]:
    """The task text with ``rubric_id`` added to its ``rubric`` field (kept in place)."""
    source = load_yaml_source(path)
    if source.root is None or not isinstance(source.data, dict):
        raise ScaffoldError(f"{path} does not load; run 'rubricate check' first")
    node = next((v for k, v in source.root.value if k.value == "rubric"), None)
    text = path.read_text("utf-8")
    if isinstance(node, yaml.SequenceNode):
        return path, _insert_item(text, node, rubric_id)
    if isinstance(node, yaml.ScalarNode) and node.start_mark.line == node.end_mark.line:
        lines = text.splitlines(keepends=True)
        line = lines[node.start_mark.line]
        start, end = node.start_mark.column, node.end_mark.column
        lines[node.start_mark.line] = f"{line[:start]}[{node.value}, {rubric_id}]{line[end:]}"
        return path, "".join(lines)
    raise ScaffoldError(f"{path}: add {rubric_id!r} to its rubric field by hand")


def _node_at(node: yaml.Node, steps: tuple[object, ...]) -> yaml.Node | None:
    for step in steps:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)  # type: ignore[assignment]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step]
        if node is None:
            return None
    return node if isinstance(node, yaml.SequenceNode) else None


def _insert_item(text: str, node: yaml.SequenceNode, item: str) -> str:
    lines = text.splitlines(keepends=True)
    if node.flow_style:
        end = node.end_mark  # just after the closing bracket
        line = lines[end.line]
        close = end.column - 1
        sep = ", " if node.value else ""
        lines[end.line] = line[:close] + sep + item + line[close:]
        return "".join(lines)
    last = node.value[-1]
    indent = " " * (last.start_mark.column - 2)
    insert_at = last.end_mark.line + (1 if last.end_mark.column else 0)
    lines.insert(insert_at, f"{indent}- {item}\n")
    return "".join(lines)
