"""``rubricate export argilla``: Argilla 2.x dataset settings (JSON) for a rubric.

The output is what ``argilla.Settings.from_json`` reads (the shape of
``Settings.serialize()``): ``guidelines`` (Markdown: the rubric's summary, steps, scales with
anchors and dimensions), ``fields`` and ``questions``. Questions by control kind (see
:mod:`.plan`): single choice -> ``label_selection`` (LabelQuestion), multiple choice ->
``multi_label_selection``, integer scale -> ``rating`` when every value is 0..10 (Argilla's
range), else ``label_selection``; ranking -> ``ranking`` (RankingQuestion) over the response
ids of the rubric's worked examples; free text -> ``text``; spans -> ``span`` on the ``text``
field. Argilla has no bounding-box question, so box rubrics raise :class:`ExportError`.
Question names are the rubric field names, and choices store the rubric values.
"""

from __future__ import annotations

from typing import Any

from generator.exports import ExportError
from generator.exports.plan import Control, build_plan, guidelines_markdown


def argilla_settings(rubric: dict[str, Any]) -> dict[str, Any]:
    """Argilla dataset settings for ``rubric`` as plain JSON data."""
    controls = build_plan(rubric)
    if any(c.kind == "boxes" for c in controls):
        raise ExportError(
            f"rubric {rubric.get('id')!r} labels bounding boxes; Argilla 2.x has no box question "
            "(use 'rubricate export label-studio')"
        )
    if not controls:
        raise ExportError(f"rubric {rubric.get('id')!r} has no label field Argilla can ask for")
    response_ids = _response_ids(rubric)
    fields = [_field("prompt", "Prompt", required=True)]
    if any(c.kind == "ranking" for c in controls) or any(c.name == "preference" for c in controls):
        fields += [
            _field(f"response_{rid}", f"Response {rid}", required=i < 2)
            for i, rid in enumerate(response_ids)
        ]
    elif any(c.kind == "spans" for c in controls):
        fields = [_field("text", "Text", required=True)]
    questions = [_question(c, response_ids) for c in controls]
    return {
        "guidelines": guidelines_markdown(rubric),
        "fields": fields,
        "questions": questions,
        "allow_extra_metadata": True,
        "distribution": {"strategy": "overlap", "min_submitted": _overlap(rubric)},
    }


def _overlap(rubric: dict[str, Any]) -> int:
    gates = rubric.get("quality_gates") or {}
    value = (gates.get("overlap") or {}).get("min_judgements", 1)
    return int(value) if isinstance(value, int) and value > 0 else 1


def _response_ids(rubric: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for example in rubric.get("examples") or []:
        for response in (example.get("item") or {}).get("responses") or []:
            rid = str(response.get("id"))
            if rid not in ids:
                ids.append(rid)
    return ids or ["a", "b"]


def _field(name: str, title: str, *, required: bool) -> dict[str, Any]:
    return {
        "name": name,
        "title": title,
        "required": required,
        "description": None,
        "settings": {"type": "text", "use_markdown": True},
        "type": "text",
    }


def _question(control: Control, response_ids: list[str]) -> dict[str, Any]:
    options = [{"value": str(o.value), "text": f"{o.value}: {o.label}"} for o in control.options]
    settings: dict[str, Any]
    if control.kind == "rating" and all(
        isinstance(o.value, int) and 0 <= o.value <= 10 for o in control.options
    ):
        settings = {"type": "rating", "options": [{"value": o.value} for o in control.options]}
    elif control.kind in ("single", "rating"):
        settings = {"type": "label_selection", "options": options, "visible_options": None}
    elif control.kind == "multi":
        settings = {
            "type": "multi_label_selection",
            "options": options,
            "visible_options": None,
            "options_order": "natural",
        }
    elif control.kind == "ranking":
        settings = {
            "type": "ranking",
            "options": [{"value": rid, "text": f"Response {rid}"} for rid in response_ids],
        }
    elif control.kind == "spans":
        settings = {
            "type": "span",
            "field": "text",
            "options": [{"value": str(o.value), "text": o.label} for o in control.options],
            "allow_overlapping": False,
            "visible_options": None,
        }
    else:
        settings = {"type": "text", "use_markdown": False}
    description = control.description or _anchors(control)
    return {
        "name": control.name,
        "title": control.title,
        "description": description or None,
        "required": control.required,
        "settings": settings,
        "type": settings["type"],
    }


def _anchors(control: Control) -> str:
    """The levels' anchors as the question's description (Argilla shows it as help)."""
    return "\n".join(f"{o.value} ({o.label}): {o.anchor}" for o in control.options if o.anchor)
