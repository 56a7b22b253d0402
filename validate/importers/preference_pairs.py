"""Preference pairs (``chosen``/``rejected`` JSONL, as in Anthropic's HH-RLHF) -> records.

Input: JSONL (optionally gzip-compressed), one pair per line. Two shapes are understood:

* HH-RLHF transcripts: ``chosen`` and ``rejected`` are whole dialogues
  ``"\\n\\nHuman: ...\\n\\nAssistant: ..."`` that differ in the final Assistant turn. The text
  before the last ``\\n\\nAssistant:`` of ``chosen`` is the prompt (the whole dialogue so far);
  the text after it is the response. Whitespace around a reply is trimmed (it is transcript
  formatting); an empty reply stays an empty string, so the linter can report it.
* Prompt + replies: a ``prompt`` string and ``chosen``/``rejected`` as strings, or as chat
  message lists (``[{role, content}, ...]``; the last assistant message is the reply).

The source keys can be renamed in the mapping file (``fields: {chosen: ..., rejected: ...,
prompt: ...}``).

Output: one record per pair, for rubric ``rlhf_preference`` when the project has it, else
``response_ranking`` (``--rubric`` picks either). The item follows both rubrics' contract:
``item.prompt_id`` (a hash of the prompt, stable across pairs built from one prompt),
``item.prompt`` and ``item.responses``: ``a`` is the chosen reply and ``b`` the rejected one,
each with a stable ``response_id`` (a hash of prompt and reply). The label is
``{"preference": "a"}`` (``rlhf_preference``) or ``{"ranking": ["a", "b"]}``
(``response_ranking``).

HH-RLHF records no display order, strength or per-dimension judgement. The converter does not
invent them: ``a`` is always the chosen reply, and the fields ``rlhf_preference`` requires but the
source cannot fill are named once per file (``IMP010``). ``response_ranking`` needs nothing the
source lacks, so it is the lossless target. Records have no ``annotator_id`` (none in the data).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from validate.importers import (
    LABEL_FIELD_NOT_IN_SOURCE,
    MALFORMED_SOURCE,
    PROMPT_MISMATCH,
    ConvertedRecord,
    ImportConfigError,
    problem,
)
from validate.importers.rubric_fields import resolve_rubric
from validate.lint.readers import RawRecord, ReadProblem, iter_records

TARGETS = ("rlhf_preference", "response_ranking")
_ASSISTANT = "\n\nAssistant:"


def convert_preference_pairs(
    path: Path,
    *,
    rubric: str | None,
    mapping: dict[str, Any] | None,
    catalog: Any,
) -> Iterator[ConvertedRecord | ReadProblem]:
    """Convert a chosen/rejected JSONL file (see the module docstring)."""
    target = resolve_rubric(catalog, rubric, mapping, default=list(TARGETS))
    if target.id not in TARGETS and not (
        "preference" in target.properties or "ranking" in target.properties
    ):
        raise ImportConfigError(
            f"rubric {target.id!r} has no 'preference' or 'ranking' label field; "
            f"preference pairs convert to {' or '.join(TARGETS)}"
        )
    as_ranking = "ranking" in target.properties and "preference" not in target.properties
    label: dict[str, Any] = {"ranking": ["a", "b"]} if as_ranking else {"preference": "a"}
    fields = {"chosen": "chosen", "rejected": "rejected", "prompt": "prompt"}
    fields.update((mapping or {}).get("fields", {}))
    stem = Path(path).name
    told_missing = False
    for entry in iter_records(str(path), fmt="jsonl"):
        if isinstance(entry, ReadProblem):
            yield entry
            continue
        assert isinstance(entry, RawRecord)
        split = _split_pair(entry.data, fields)
        if isinstance(split, str):
            yield problem(entry.line, MALFORMED_SOURCE, split)
            continue
        prompt, chosen, rejected, rejected_context = split
        if rejected_context is not None:
            yield problem(
                entry.line,
                PROMPT_MISMATCH,
                "chosen and rejected dialogues differ before the final assistant turn; the "
                "prompt is taken from chosen, rejected's own context is kept in "
                "item.responses[1].context",
            )
        missing = [name for name in target.required if name not in label]
        if missing and not told_missing:
            told_missing = True
            yield problem(
                entry.line,
                LABEL_FIELD_NOT_IN_SOURCE,
                f"rubric {target.id!r} requires label field(s) {', '.join(missing)} that "
                "preference pairs do not record; every record lacks them "
                "(convert with --rubric response_ranking for a complete label)",
            )
        responses: list[dict[str, Any]] = [
            {"id": "a", "response_id": _digest("r", prompt, chosen), "text": chosen},
            {"id": "b", "response_id": _digest("r", prompt, rejected), "text": rejected},
        ]
        if rejected_context is not None:
            responses[1]["context"] = rejected_context
        record: dict[str, Any] = {
            "id": f"{stem}:{entry.line}",
            "rubric": target.id,
        }
        if target.version:
            record["rubric_version"] = target.version
        record["item_id"] = f"{stem}:{entry.line}"
        record["item"] = {
            "prompt_id": _digest("p", prompt),
            "prompt": prompt,
            "responses": responses,
        }
        record["label"] = dict(label, ranking=["a", "b"]) if as_ranking else dict(label)
        record["meta"] = {
            "source": {"format": "preference-pairs", "file": str(path), "line": entry.line}
        }
        yield ConvertedRecord(line=entry.line, data=record)


def _split_pair(
    data: dict[str, Any], fields: dict[str, str]
) -> tuple[str, str, str, str | None] | str:
    """``(prompt, chosen reply, rejected reply, rejected's differing context or None)``.

    Returns an error message (str) when the pair is not in a known shape.
    """
    chosen, rejected = data.get(fields["chosen"]), data.get(fields["rejected"])
    if chosen is None or rejected is None:
        return f"a pair needs '{fields['chosen']}' and '{fields['rejected']}'"
    prompt = data.get(fields["prompt"])
    if isinstance(chosen, list) and isinstance(rejected, list):
        c_context, c_reply = _split_messages(chosen)
        r_context, r_reply = _split_messages(rejected)
        if c_reply is None or r_reply is None:
            return "a message list without an assistant message"
        prompt_text = prompt if isinstance(prompt, str) else c_context
        return prompt_text, c_reply, r_reply, (r_context if r_context != c_context else None)
    if not isinstance(chosen, str) or not isinstance(rejected, str):
        return "'chosen' and 'rejected' must both be strings or both be message lists"
    if isinstance(prompt, str):
        return prompt, chosen.strip(), rejected.strip(), None
    c_cut, r_cut = chosen.rfind(_ASSISTANT), rejected.rfind(_ASSISTANT)
    if c_cut < 0 or r_cut < 0:
        return (
            "no prompt field and no '\\n\\nAssistant:' turn to split the transcript at "
            "(expected HH-RLHF format)"
        )
    c_prompt, r_prompt = chosen[:c_cut], rejected[:r_cut]
    c_reply = chosen[c_cut + len(_ASSISTANT) :].strip()
    r_reply = rejected[r_cut + len(_ASSISTANT) :].strip()
    return c_prompt.strip(), c_reply, r_reply, (r_prompt.strip() if r_prompt != c_prompt else None)


def _split_messages(messages: list[Any]) -> tuple[str, str | None]:
    """Context (earlier messages as a transcript) and the last assistant message's content."""
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if isinstance(message, dict) and message.get("role") == "assistant":
            context = "\n\n".join(
                f"{str(m.get('role', '')).capitalize()}: {m.get('content', '')}"
                for m in messages[:index]
                if isinstance(m, dict)
            )
            content = message.get("content")
            return context, content.strip() if isinstance(content, str) else ""
    return "", None


def _digest(prefix: str, *parts: str) -> str:
    """A short stable id from text (sha1 is fine: ids, not security)."""
    h = hashlib.sha1("\x00".join(parts).encode("utf-8", "surrogatepass"), usedforsecurity=False)
    return f"{prefix}-{h.hexdigest()[:12]}"
