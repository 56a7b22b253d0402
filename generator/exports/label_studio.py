"""``rubricate export label-studio``: a Label Studio labelling config (XML) for a rubric.

Controls (see :mod:`.plan`): single choice -> ``<Choices choice="single-radio">``, multiple
choice -> ``<Choices choice="multiple">``, integer scale -> ``<Rating>`` when the levels are
1..N, else ``<Choices>``; ranking -> ``<Ranker>`` over a ``<List>`` of ``$responses``; free
text -> ``<TextArea>``; boxes -> ``<RectangleLabels>`` on an ``<Image>``; text spans ->
``<Labels>`` on the ``<Text>``. Each choice shows the level's label, stores the rubric value
(``alias``) and shows the anchor text as its hint, so results import back unchanged with
``rubricate convert --from label-studio``. Control names are the rubric field names, which is
what the importer matches by default.

The guidelines go into a collapsible panel at the top of the labelling view (Markdown turned
into plain paragraphs: Label Studio shows literal text), and into the project's
``expert_instruction`` (HTML) with ``--project``.
"""

from __future__ import annotations

import html
from typing import Any
from xml.sax.saxutils import quoteattr

from generator.exports import ExportError
from generator.exports.plan import Control, build_plan, guidelines_markdown


def label_studio_config(rubric: dict[str, Any]) -> str:
    """The labelling config XML for ``rubric``."""
    controls = build_plan(rubric)
    if not controls:
        raise ExportError(f"rubric {rubric.get('id')!r} has no label field Label Studio can show")
    has_boxes = any(c.kind == "boxes" for c in controls)
    has_ranking = any(c.kind == "ranking" for c in controls)
    out = ["<View>"]
    out.append(f"  <Header value={quoteattr(str(rubric.get('title', rubric.get('id'))))}/>")
    out.append('  <Collapse><Panel value="Guidelines">')
    out.append(
        f'    <Text name="guidelines" value={quoteattr(_plain(guidelines_markdown(rubric)))}/>'
    )
    out.append("  </Panel></Collapse>")
    target = "image" if has_boxes else "text"
    if has_boxes:
        out.append('  <Image name="image" value="$image" zoom="true"/>')
    else:
        out.append('  <Text name="text" value="$prompt"/>')
    if has_ranking:
        out.append('  <List name="responses" value="$responses" title="Responses"/>')
    for control in controls:
        out.extend("  " + line for line in _control_xml(control, target))
    out.append("</View>")
    return "\n".join(out) + "\n"


def label_studio_project(rubric: dict[str, Any]) -> dict[str, Any]:
    """Project settings for Label Studio's API: title, config and HTML instructions."""
    return {
        "title": str(rubric.get("title", rubric.get("id"))),
        "label_config": label_studio_config(rubric),
        "expert_instruction": _html(guidelines_markdown(rubric)),
        "show_instruction": True,
    }


def _control_xml(control: Control, target: str) -> list[str]:
    name, title = quoteattr(control.name), quoteattr(control.title)
    req = ' required="true"' if control.required else ""
    hint = f" hint={quoteattr(control.description)}" if control.description else ""
    lines = [f"<Header value={title}{hint}/>"]
    if control.kind in ("single", "multi") or (control.kind == "rating" and not _one_to_n(control)):
        choice = "multiple" if control.kind == "multi" else "single-radio"
        lines.append(f'<Choices name={name} toName="{target}" choice="{choice}"{req}>')
        for opt in control.options:
            anchor = f" hint={quoteattr(opt.anchor)}" if opt.anchor else ""
            lines.append(
                f"  <Choice value={quoteattr(f'{opt.value}: {opt.label}')}"
                f" alias={quoteattr(str(opt.value))}{anchor}/>"
            )
        lines.append("</Choices>")
    elif control.kind == "rating":
        lines.append(
            f'<Rating name={name} toName="{target}" maxRating="{len(control.options)}"{req}/>'
        )
    elif control.kind == "ranking":
        lines.append(f'<Ranker name={name} toName="responses"/>')
    elif control.kind == "text":
        lines.append(f'<TextArea name={name} toName="{target}" rows="3" maxSubmissions="1"/>')
    elif control.kind in ("boxes", "spans"):
        tag = "RectangleLabels" if control.kind == "boxes" else "Labels"
        lines.append(f'<{tag} name={name} toName="{target}">')
        for opt in control.options:
            anchor = f" hint={quoteattr(opt.anchor)}" if opt.anchor else ""
            lines.append(f"  <Label value={quoteattr(str(opt.value))}{anchor}/>")
        lines.append(f"</{tag}>")
    return lines


def _one_to_n(control: Control) -> bool:
    values = [o.value for o in control.options]
    return values == list(range(1, len(values) + 1)) and len(values) <= 10


def _plain(markdown: str) -> str:
    """Markdown as readable plain text (Label Studio's Text tag shows text as it is)."""
    return markdown.replace("`", "").replace("**", "")


def _html(markdown: str) -> str:
    """Minimal, escaped HTML for the project instructions: headings, lists, paragraphs."""
    out = []
    for line in markdown.splitlines():
        text = html.escape(line.lstrip("#-0123456789. ").replace("`", "").replace("**", ""))
        if line.startswith("#"):
            level = min(len(line) - len(line.lstrip("#")), 4)
            out.append(f"<h{level}>{text}</h{level}>")
        elif line.strip():
            out.append(f"<p>{text}</p>")
    return "\n".join(out)
