"""Practice quizzes: one page per rubric, built from its worked examples.

Each page holds its questions as JSON in a ``<script type="application/json">`` block (made
safe with :func:`embed_json`) and ``practice.js`` turns them into forms: the annotator answers
with the rubric's own controls, then "Check answer" shows the gold label, the explanation and a
running score kept in the browser only. Nothing is fetched, so the page works from ``file://``.

Controls come from the compiled label schema (:func:`validate.rubric_schema.compile_label_schema`)
and the scales, by :func:`plan_question`:

* an enum (``x-scale`` or plain ``enum``) -> one choice: radios, or a ``<select>`` when the
  set is long; N/A is offered when ``null`` is allowed;
* an array of enum values (multi-select label set) -> checkboxes;
* an object of enums (dimension scores, criteria, overall verdicts) -> one choice per property,
  named and described from the rubric's dimensions;
* a ranking (an array of the item's response ids) -> a position per response;
* numbers -> a number input; an index into the item's steps / turns -> a choice of them;
* optional booleans -> yes / no;
* required free text (a reference answer, an edited output) -> a text box that is not scored,
  shown next to the gold text;
* lists of objects (spans, boxes, claims, MQM errors, per-call verdicts) -> simplified: the gold
  entries are given with their anchor (quoted text, box, step ...), and the annotator makes the
  decision on each (verdict, category, severity ...). Lists without an anchor (policy
  violations, bias issues) become one multi-select of their first required enum field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from markupsafe import escape

from generator.site import escaping
from generator.site.sections import Section
from validate.catalog import Catalog, SourceDoc
from validate.references import as_id_list
from validate.rubric_schema import LabelSchemaError, compile_label_schema

PRACTICE_DIR = "practice"
DATA_ELEMENT_ID = "rubricate-practice-data"
SELECT_THRESHOLD = 12
"""Single choices with more options than this use a ``<select>`` instead of radios."""

# Fields of a listed object that identify *which* entry it is (shown with the question).
ANCHOR_FIELDS = (
    "step",
    "turn",
    "call",
    "aspect",
    "text",
    "claim",
    "side",
    "source_id",
    "statement",
    "bbox",
    "head",
    "tail",
    "before",
    "after",
    "correction",
)
# Anchors that mean the annotator creates the entries (spans, boxes): an empty gold list then
# gets a yes / no question "should any be marked?". Index anchors mirror the item instead.
CREATED_ANCHORS = {"text", "bbox", "before"}
INDEX_ANCHORS = {"step": "steps", "turn": "turns", "call": "calls"}
# Free text that is commentary, not a decision: never asked.
COMMENTARY = {"rationale", "note", "reason", "evidence", "evidence_quote", "resolved_url"}

_MD_MARKS = re.compile(r"\*\*|__|`")
_WS = re.compile(r"\s+")


def humanize(name: Any) -> str:
    """``spam_and_scams`` -> ``Spam and scams``."""
    words = str(name).replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def plain(value: Any) -> str:
    """Markdown author text as one line of plain text (shown with ``textContent``)."""
    return _WS.sub(" ", _MD_MARKS.sub("", str(value or ""))).strip()


def singular(name: str) -> str:
    """Entry noun of a list field: ``claims`` -> ``Claim``, ``boxes`` -> ``Box``."""
    word = name.split("_")[0] if name.endswith("_labels") or name.endswith("_ratings") else name
    if word.endswith("ies"):
        word = word[:-3] + "y"
    elif word.endswith(("xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return humanize(word)


def embed_json(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so author text such as ``</script>`` or
    ``<!--`` cannot end the element or change how the HTML parser reads it; U+2028/2029 are
    escaped too. ``JSON.parse`` (and :func:`json.loads`) give back the same value.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


# -- vocabulary: labels and descriptions of values -------------------------------------------


class _Vocabulary:
    """Names and descriptions for label values: the rubric's scales, dimensions and the
    categories / severities / dimensions of the policies and bias checklists it uses."""

    def __init__(self, rubric: Mapping[str, Any], docs: Mapping[tuple[str, str], SourceDoc]):
        self.scales = [s for s in rubric.get("scales", []) if isinstance(s, dict)]
        self.dimensions = {
            d.get("id"): d for d in rubric.get("dimensions", []) if isinstance(d, dict)
        }
        self.terms: dict[Any, tuple[str, str]] = {}
        for kind, key in (("policy", "policies"), ("bias_checklist", "bias_checklists")):
            for ref in as_id_list(rubric.get(key)):
                doc = docs.get((kind, ref))
                if doc is None:
                    continue
                for group in ("categories", "dimensions", "severities"):
                    for entry in doc.data.get(group, []) or []:
                        if isinstance(entry, dict) and "id" in entry:
                            self.terms.setdefault(
                                entry["id"],
                                (
                                    str(entry.get("name") or humanize(entry["id"])),
                                    plain(entry.get("definition") or entry.get("description")),
                                ),
                            )

    def scale_for(self, values: list[Any], name: str | None = None) -> dict[str, Any] | None:
        """The scale whose level values are exactly ``values`` (the named one first)."""
        wanted = [json.dumps(v) for v in values]
        candidates = list(self.scales)
        dim = self.dimensions.get(name)
        if dim and dim.get("scale"):
            candidates.sort(key=lambda s: s.get("id") != dim["scale"])
        for scale in candidates:
            levels = [json.dumps(lv.get("value")) for lv in scale.get("levels", [])]
            if sorted(levels) == sorted(wanted):
                return scale
        return None

    def scale_containing(self, value: Any) -> dict[str, Any] | None:
        """A scale with a level of this value (for a free string that holds a label)."""
        for scale in self.scales:
            if any(lv.get("value") == value for lv in scale.get("levels", [])):
                return scale
        return None

    def options(self, values: list[Any], name: str | None = None) -> list[dict[str, Any]]:
        """Options for a choice among ``values``: label and hint (the scale anchor)."""
        scale = self.scale_for(values, name)
        if scale is not None:
            return [self._level_option(level) for level in scale.get("levels", [])]
        out = []
        for value in values:
            label, hint = self.terms.get(value, (humanize(value), ""))
            out.append({"value": value, "label": label, "hint": hint})
        return out

    @staticmethod
    def _level_option(level: Mapping[str, Any]) -> dict[str, Any]:
        value = level.get("value")
        label = plain(level.get("label")) or humanize(value)
        if isinstance(value, int) and not isinstance(value, bool):
            label = f"{value} · {label}"
        return {"value": value, "label": label, "hint": plain(level.get("anchor"))}

    def field_label(self, name: str) -> tuple[str, str]:
        """Display name and description of a field (a dimension's when it is one)."""
        dim = self.dimensions.get(name)
        if dim is not None:
            return str(dim.get("name") or humanize(name)), plain(dim.get("definition"))
        return humanize(name), ""


# -- planning: label schema + gold label -> questions ----------------------------------------


def _enum_of(spec: Mapping[str, Any]) -> tuple[list[Any] | None, bool]:
    """``(values, nullable)`` when ``spec`` is a choice among values, else ``(None, False)``.

    Only scalar values make a choice an annotator can click: an ``enum`` of objects or lists
    (valid JSON Schema) is not a choice here."""
    if "enum" in spec:
        return _scalars(spec["enum"]), False
    for key in ("anyOf", "oneOf"):
        options = spec.get(key)
        if isinstance(options, list):
            enums = [o for o in options if isinstance(o, dict) and "enum" in o]
            nulls = [o for o in options if isinstance(o, dict) and o.get("type") == "null"]
            if len(enums) == 1 and len(enums) + len(nulls) == len(options):
                values = _scalars(enums[0]["enum"])
                return values, values is not None and bool(nulls)
    return None, False


def _scalars(values: Any) -> list[Any] | None:
    """``values`` as a list when each is a string, number, boolean or null."""
    if not isinstance(values, list) or any(isinstance(v, dict | list) for v in values):
        return None
    return list(values)


def _is_type(spec: Mapping[str, Any], name: str) -> bool:
    kind = spec.get("type")
    return kind == name or (isinstance(kind, list) and name in kind)


def _nullable_type(spec: Mapping[str, Any], name: str) -> tuple[bool, bool]:
    """``(matches, nullable)`` for ``{"type": name}`` or ``anyOf [name, null]``."""
    if _is_type(spec, name):
        return True, _is_type(spec, "null")
    options = spec.get("anyOf") or spec.get("oneOf")
    if isinstance(options, list):
        kinds = [o.get("type") for o in options if isinstance(o, dict)]
        if name in kinds and set(kinds) <= {name, "null"}:
            return True, "null" in kinds
    return False, False


class _Planner:
    """Builds the groups of fields of one worked example."""

    def __init__(self, vocab: _Vocabulary, item: Mapping[str, Any], gold: Mapping[str, Any]):
        self.vocab = vocab
        self.item = item
        self.gold = gold
        self.simplified: set[str] = set()

    # fields ----------------------------------------------------------------------------

    def choice(
        self,
        path: list[Any],
        name: str,
        values: list[Any],
        nullable: bool,
        gold: Any,
        label: str | None = None,
    ) -> dict[str, Any]:
        options = self.vocab.options(values, name)
        if nullable:
            options.append({"value": None, "label": "N/A", "hint": "Does not apply to this item."})
        shown, help_text = self.vocab.field_label(name)
        return {
            "kind": "choice",
            "widget": "select" if len(options) > SELECT_THRESHOLD else "radio",
            "path": path,
            "label": label or shown,
            "help": help_text,
            "options": options,
            "gold": gold,
        }

    def multi(
        self, path: list[Any], name: str, values: list[Any], gold: Any, label: str | None = None
    ) -> dict[str, Any]:
        shown, help_text = self.vocab.field_label(name)
        chosen = gold if isinstance(gold, list) else []
        order = {json.dumps(v): i for i, v in enumerate(values)}
        return {
            "kind": "multi",
            "path": path,
            "label": label or shown,
            "help": help_text or "Select all that apply (none is a valid answer).",
            "options": self.vocab.options(values, name),
            "gold": sorted(chosen, key=lambda v: order.get(json.dumps(v), len(order))),
        }

    def _index_list(self, name: str) -> tuple[str, list[Any]] | None:
        """The item list a field of indexes points into (``failure_steps`` -> ``steps``)."""
        for anchor, key in INDEX_ANCHORS.items():
            if anchor in name and isinstance(self.item.get(key), list):
                return anchor, self.item[key]
        return None

    def _index_options(self, anchor: str, entries: list[Any]) -> list[dict[str, Any]]:
        options = []
        for position, entry in enumerate(entries):
            index = entry.get("index", position) if isinstance(entry, dict) else position
            label = f"{humanize(anchor)} {index}"
            if isinstance(entry, dict) and entry.get("role"):
                label += f" ({entry['role']})"
            options.append({"value": index, "label": label, "hint": ""})
        return options

    # walking ---------------------------------------------------------------------------

    def top_level(self, schema: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Groups of fields for the whole label."""
        groups: list[dict[str, Any]] = []
        main: list[dict[str, Any]] = []
        required = set(schema.get("required", []))
        for name, spec in (schema.get("properties") or {}).items():
            if not isinstance(spec, dict) or name in COMMENTARY or "const" in spec:
                continue
            present = name in self.gold
            gold = self.gold.get(name)
            if _is_type(spec, "object") and isinstance(spec.get("properties"), dict):
                fields = self.object_fields([name], spec, gold if isinstance(gold, dict) else {})
                if fields and (present or name in required):
                    groups.append({"legend": self.vocab.field_label(name)[0], "fields": fields})
                continue
            if _is_type(spec, "object") and isinstance(spec.get("additionalProperties"), dict):
                fields = self.keyed_fields([name], spec, gold)
                if fields:
                    groups.append({"legend": humanize(name), "fields": fields})
                continue
            if _is_type(spec, "array"):
                field, extra = self.array([name], name, spec, gold, present)
                if field is not None:
                    main.append(field)
                groups.extend(extra)
                continue
            field = self.scalar([name], name, spec, gold, present, name in required)
            if field is not None:
                main.append(field)
        if main:
            groups.insert(0, {"legend": "Your label", "fields": main})
        return groups

    def scalar(
        self,
        path: list[Any],
        name: str,
        spec: Mapping[str, Any],
        gold: Any,
        present: bool,
        required: bool,
    ) -> dict[str, Any] | None:
        values, nullable = _enum_of(spec)
        if values is not None:
            if not present and not required:
                return None  # an optional value the gold label leaves out: not asked
            return self.choice(path, name, values, nullable, gold)
        if _is_type(spec, "boolean"):
            shown, help_text = self.vocab.field_label(name)
            return {
                "kind": "choice",
                "widget": "radio",
                "path": path,
                "label": shown,
                "help": help_text,
                "options": [
                    {"value": True, "label": "Yes", "hint": ""},
                    {"value": False, "label": "No", "hint": ""},
                ],
                "gold": bool(gold) if present else False,
            }
        for number_type in ("integer", "number"):
            matches, nullable = _nullable_type(spec, number_type)
            if not matches or not (present or required):
                continue
            target = self._index_list(name)
            if target is not None:
                options = self._index_options(*target)
                field = self.choice(path, name, [o["value"] for o in options], nullable, gold)
                if nullable:
                    options.append({"value": None, "label": "None", "hint": ""})
                field["options"] = options
                return field
            shown, help_text = self.vocab.field_label(name)
            return {
                "kind": "number",
                "path": path,
                "label": shown,
                "help": help_text,
                "min": spec.get("minimum"),
                "max": spec.get("maximum"),
                "step": 1 if number_type == "integer" else "any",
                "gold": gold,
            }
        if _is_type(spec, "string") and isinstance(gold, str):
            scale = self.vocab.scale_containing(gold)
            if scale is not None:
                values = [lv.get("value") for lv in scale.get("levels", [])]
                field = self.choice(path, name, values, False, gold)
                field["options"] = self.vocab.options(values, None)
                return field
            if required:
                shown, help_text = self.vocab.field_label(name)
                return {
                    "kind": "text",
                    "path": path,
                    "label": shown,
                    "help": help_text
                    or "Not scored: write yours, then compare with the gold text.",
                    "gold": gold,
                }
        return None

    def object_fields(
        self, path: list[Any], spec: Mapping[str, Any], gold: Mapping[str, Any]
    ) -> list[dict[str, Any]]:
        """One field per property of an object of choices (scores, criteria, verdicts)."""
        fields = []
        required = set(spec.get("required", []))
        for name, sub in (spec.get("properties") or {}).items():
            if not isinstance(sub, dict) or name in COMMENTARY:
                continue
            field = self.scalar(
                [*path, name], name, sub, gold.get(name), name in gold, name in required
            )
            if field is not None and field["kind"] != "text":
                fields.append(field)
        return fields

    def keyed_fields(
        self, path: list[Any], spec: Mapping[str, Any], gold: Any
    ) -> list[dict[str, Any]]:
        """An object keyed by response id (``ratings``): a choice per key the gold label has."""
        if not isinstance(gold, dict):
            return []
        values, nullable = _enum_of(spec["additionalProperties"])
        if values is None:
            return []
        return [
            self.choice([*path, key], path[-1], values, nullable, value, f"Response {key}")
            for key, value in gold.items()
        ]

    def array(
        self, path: list[Any], name: str, spec: Mapping[str, Any], gold: Any, present: bool
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        items = spec.get("items") if isinstance(spec.get("items"), dict) else {}
        gold_list = gold if isinstance(gold, list) else []
        values, _ = _enum_of(items)
        if values is not None:
            return self.multi(path, name, values, gold_list), []
        if _is_type(items, "string") and self._is_ranking(gold_list):
            return self.ranking(path, name, gold_list), []
        if _is_type(items, "integer"):
            target = self._index_list(name)
            if target is not None:
                anchor, entries = target
                options = self._index_options(anchor, entries)
                field = self.multi(path, name, [o["value"] for o in options], gold_list)
                field["options"] = options
                return field, []
            return None, []
        if _is_type(items, "object"):
            return self.object_list(path, name, items, gold_list)
        return None, []

    def _is_ranking(self, gold: list[Any]) -> bool:
        responses = self.item.get("responses")
        if not isinstance(responses, list) or not gold:
            return False
        ids = [r.get("id") for r in responses if isinstance(r, dict)]
        return sorted(map(str, gold)) == sorted(map(str, ids))

    def ranking(self, path: list[Any], name: str, gold: list[Any]) -> dict[str, Any]:
        ids = [r.get("id") for r in self.item["responses"]]
        return {
            "kind": "rank",
            "path": path,
            "label": humanize(name),
            "help": "Give each response its position: 1 is the best.",
            "options": [{"value": i, "label": f"Response {i}", "hint": ""} for i in ids],
            "gold": gold,
        }

    def object_list(
        self, path: list[Any], name: str, items: Mapping[str, Any], gold: list[Any]
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        props = items.get("properties") or {}
        required = [r for r in items.get("required", []) if r in props]
        anchors = [a for a in ANCHOR_FIELDS if a in props]
        if not any(a in required for a in anchors):
            # Findings without an anchor (violations, issues): which values occur at all.
            for field_name in required:
                values, _ = _enum_of(props[field_name])
                if values is not None:
                    found = [e.get(field_name) for e in gold if isinstance(e, dict)]
                    unique = list(dict.fromkeys(v for v in found if v is not None))
                    label = f"{humanize(name)}: {field_name.replace('_', ' ')} (all that apply)"
                    others = [r for r in required if r != field_name]
                    if others:
                        self.simplified.add(
                            f"{humanize(name)}: only the {field_name.replace('_', ' ')} is asked "
                            f"(not {', '.join(o.replace('_', ' ') for o in others)})."
                        )
                    return self.multi(path, field_name, values, unique, label), []
            self.simplified.add(f"{humanize(name)} are not asked (free text or spans).")
            return None, []
        if not any(self._is_decision(props[f], f in required) for f in props if f not in anchors):
            self.simplified.add(f"{humanize(name)} are not asked (spans only).")
            return None, []
        groups: list[dict[str, Any]] = []
        noun = singular(name)
        for position, entry in enumerate(gold):
            if not isinstance(entry, dict):
                continue
            fields = []
            for field_name, sub in props.items():
                if field_name in anchors or field_name in COMMENTARY or not isinstance(sub, dict):
                    continue
                sub_path = [*path, position, field_name]
                values, nullable = _enum_of(sub)
                if values is not None and field_name in required:
                    fields.append(
                        self.choice(sub_path, field_name, values, nullable, entry.get(field_name))
                    )
                elif _is_type(sub, "object") and isinstance(sub.get("properties"), dict):
                    value = entry.get(field_name)
                    fields.extend(
                        self.object_fields(sub_path, sub, value if isinstance(value, dict) else {})
                    )
                elif _is_type(sub, "array"):
                    sub_items = sub.get("items") if isinstance(sub.get("items"), dict) else {}
                    sub_values, _ = _enum_of(sub_items)
                    if sub_values is not None:
                        fields.append(
                            self.multi(sub_path, field_name, sub_values, entry.get(field_name))
                        )
            if not fields:
                continue
            groups.append(
                {
                    "legend": self._entry_legend(noun, position, entry),
                    "context": self._anchor_rows(entry, anchors),
                    "fields": fields,
                }
            )
        given = [a for a in anchors if a not in INDEX_ANCHORS and a in required]
        if given:
            shown = ", ".join(
                "linked entities" if a == "head" else "box" if a == "bbox" else a.replace("_", " ")
                for a in given
                if a != "tail"
            )
            self.simplified.add(
                f"{humanize(name)}: the gold entries are given ({shown}); "
                "you judge each one instead of marking them yourself."
            )
        if (
            not gold
            and CREATED_ANCHORS & set(anchors)
            and any(_enum_of(props[r])[0] is not None for r in required)
        ):
            field = {
                "kind": "choice",
                "widget": "radio",
                "path": path,
                "label": f"Should any {name.replace('_', ' ')} be marked on this item?",
                "help": "",
                "options": [
                    {"value": True, "label": "Yes", "hint": ""},
                    {"value": False, "label": "No", "hint": ""},
                ],
                "gold": False,
            }
            return field, []
        return None, groups

    @staticmethod
    def _is_decision(spec: Any, required: bool) -> bool:
        """Whether a property of a listed object is asked (a choice, scores, a label set)."""
        if not isinstance(spec, dict):
            return False
        if _enum_of(spec)[0] is not None:
            return required
        if _is_type(spec, "object"):
            return isinstance(spec.get("properties"), dict)
        items = spec.get("items")
        return (
            _is_type(spec, "array") and isinstance(items, dict) and _enum_of(items)[0] is not None
        )

    def _entry_legend(self, noun: str, position: int, entry: Mapping[str, Any]) -> str:
        for anchor in INDEX_ANCHORS:
            if isinstance(entry.get(anchor), int):
                return f"{humanize(anchor)} {entry[anchor]}"
        return f"{noun} {position + 1}"

    def _anchor_rows(self, entry: Mapping[str, Any], anchors: Iterable[str]) -> list[list[str]]:
        rows: list[list[str]] = []
        entities = self.gold.get("entities") if isinstance(self.gold, dict) else None
        for anchor in anchors:
            if anchor in INDEX_ANCHORS or anchor not in entry:
                continue
            value = entry[anchor]
            if anchor in ("head", "tail") and isinstance(entities, list):
                if isinstance(value, int) and 0 <= value < len(entities):
                    target = entities[value]
                    value = f"“{target.get('text', value)}” (entity {value})"
            elif anchor == "statement" and isinstance(value, dict):
                value = f"“{value.get('text', '')}”"
            elif anchor == "bbox" and isinstance(value, list):
                anchor = "box [x, y, width, height]"
                value = ", ".join(str(v) for v in value) + " px"
            elif anchor in ("text", "before", "after", "correction"):
                value = f"“{value}”" if value != "" else "(nothing: deleted)"
            shown = {"text": "Quoted text", "source_id": "Source"}.get(anchor, humanize(anchor))
            rows.append([shown, str(value)])
        return rows


def plan_question(
    rubric: Mapping[str, Any],
    example: Mapping[str, Any],
    schema: Mapping[str, Any],
    vocab: _Vocabulary,
) -> tuple[dict[str, Any], set[str]]:
    """The practice question of one worked example, and what was simplified for it."""
    item = example.get("item") if isinstance(example.get("item"), dict) else {}
    gold = example.get("label") if isinstance(example.get("label"), dict) else {}
    planner = _Planner(vocab, item, gold)
    groups = planner.top_level(schema)
    return (
        {
            "id": str(example.get("id", "")),
            "title": str(example.get("title", "")),
            "tags": [str(t) for t in example.get("tags", []) or []],
            "item": item,
            "gold": gold,
            "groups": groups,
        },
        planner.simplified,
    )


def practice_data(
    rubric: Mapping[str, Any], docs: Mapping[tuple[str, str], SourceDoc] | None = None
) -> dict[str, Any]:
    """Everything a rubric's practice page embeds: the questions and the simplifications."""
    vocab = _Vocabulary(rubric, docs or {})
    try:
        schema = compile_label_schema(dict(rubric))
    except (LabelSchemaError, KeyError, TypeError, AttributeError):
        schema = {}
    questions: list[dict[str, Any]] = []
    simplified: set[str] = set()
    for example in rubric.get("examples", []) or []:
        if isinstance(example, dict):
            question, notes = plan_question(rubric, example, schema, vocab)
            questions.append(question)
            simplified |= notes
    return {
        "rubric": {
            "id": str(rubric.get("id", "")),
            "title": str(rubric.get("title", "")),
            "version": str(rubric.get("version", "")),
        },
        "questions": questions,
        "simplified": sorted(simplified),
    }


# -- pages ------------------------------------------------------------------------------------


def _front(title: str) -> str:
    meta = yaml.safe_dump(
        {"title": str(escape(" ".join(title.split())))}, sort_keys=False, allow_unicode=True
    )
    return f"---\n{meta.strip()}\n---\n\n"


def _has_image(rubric: Mapping[str, Any]) -> bool:
    return any(
        isinstance(e, dict) and isinstance(e.get("item"), dict) and "image" in e["item"]
        for e in rubric.get("examples", []) or []
    )


def practice_page(rubric: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    """Markdown of one rubric's practice page (author text escaped, data embedded)."""
    rubric_id = str(rubric.get("id", ""))
    title = str(rubric.get("title", rubric_id))
    lines = [
        _front(f"Practice: {title}"),
        f"# Practice: {escaping.text(title)}",
        "",
        f"{len(data['questions'])} worked examples from the rubric "
        f"[{escaping.text(title)}](../rubrics/{rubric_id}.md) "
        f"(version {escaping.text(rubric.get('version', ''))}). Answer each one with the "
        "rubric's controls, then press **Check answer** to see the gold label, the explanation "
        "and your score. Your answers and score stay in this browser tab: nothing is sent "
        "anywhere.",
        "",
    ]
    notes = list(data["simplified"])
    if _has_image(rubric):
        notes.insert(
            0,
            "There are no images here: each item shows the image's file name and size only, so "
            "judge from the example title and the details given.",
        )
    if notes:
        lines += ['!!! note "Simplified for practice"', ""]
        lines += [f"    - {escaping.text(note)}" for note in notes]
        lines.append("")
    lines += [
        '<div class="rubricate-practice" id="rubricate-practice" '
        f'data-rubric="{escaping.text(rubric_id)}"></div>',
        "",
        "<noscript>The practice needs JavaScript. The same examples, with their gold labels, "
        "are on the rubric page linked above.</noscript>",
        "",
    ]
    examples = [e for e in rubric.get("examples", []) or [] if isinstance(e, dict)]
    for number, example in enumerate(examples, start=1):
        lines += [
            f"## {number}. {escaping.text(example.get('title', ''))}",
            "",
            f'<div class="rubricate-practice-q" data-practice-q="{number - 1}"></div>',
            "",
            f'<div class="rubricate-practice-explanation" data-practice-explanation="{number - 1}"'
            " hidden markdown>",
            "",
            str(escaping.md(example.get("explanation", ""))),
            "",
            "</div>",
            "",
        ]
    lines += [
        f'<script type="application/json" id="{DATA_ELEMENT_ID}">{embed_json(data)}</script>',
        "",
    ]
    return "\n".join(lines)


def index_page(rubrics: list[SourceDoc]) -> str:
    """Markdown of the list of practice sets."""
    lines = [
        _front("Practice"),
        "# Practice sets",
        "",
        "One practice set per rubric, built from its worked examples. Answer with the rubric's "
        "own controls, then check against the gold label and the explanation. It works offline "
        "and keeps your score in this browser tab only. Preparing for a qualifier? See "
        "[Qualification](../qualification.md).",
        "",
        "| Practice set | Examples | Version |",
        "| --- | --- | --- |",
    ]
    for doc in rubrics:
        examples = [e for e in doc.data.get("examples", []) or [] if isinstance(e, dict)]
        lines.append(
            f"| [{escaping.cell(doc.data.get('title', doc.id))}]({doc.id}.md) "
            f"| {len(examples)} | {escaping.cell(doc.data.get('version', ''))} |"
        )
    return "\n".join(lines) + "\n"


def build(catalog: Catalog, *, site_url: str) -> Section:
    """The practice section: ``practice/index.md`` and one ``practice/<rubric>.md`` each."""
    docs: dict[tuple[str, str], SourceDoc] = {}
    for doc in catalog.loaded():
        docs.setdefault((doc.kind, doc.id), doc)
    rubrics = sorted((d for (kind, _), d in docs.items() if kind == "rubric"), key=lambda d: d.id)
    pages = {f"{PRACTICE_DIR}/index.md": index_page(rubrics)}
    nav: list[Any] = [f"{PRACTICE_DIR}/index.md"]
    for doc in rubrics:
        path = f"{PRACTICE_DIR}/{doc.id}.md"
        pages[path] = practice_page(doc.data, practice_data(doc.data, docs))
        nav.append({str(escape(str(doc.data.get("title") or doc.id))): path})
    # ``qualification.md`` is only there when the catalog has one; the index links to it.
    if not any(True for _ in catalog.loaded("qualification")):
        pages[f"{PRACTICE_DIR}/index.md"] = pages[f"{PRACTICE_DIR}/index.md"].replace(
            " Preparing for a qualifier? See [Qualification](../qualification.md).", ""
        )
    return Section(pages=pages, nav=[{"Practice": nav}])
