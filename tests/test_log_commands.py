"""Defusing ``##vso[`` in every report format: the agent finds none, parsers read the same."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.log_commands import AZURE_PREFIX, DEFUSERS, defuse_json, defuse_text, defuse_xml
from validate.reporting import REPORTERS

# Text around the prefix, with the characters that matter to each format's escaping.
texts = st.lists(
    st.sampled_from(["##vso[", "#", "##", "vso[", "\\", '"', "&", "<", "]", "a", "é", "\n"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_json_strings_decode_unchanged(value: str) -> None:
    for dumped in (json.dumps(value), json.dumps(value, ensure_ascii=False)):
        defused = defuse_json(dumped)
        assert AZURE_PREFIX not in defused
        assert json.loads(defused) == value


@settings(max_examples=300, deadline=None)
@given(texts)
def test_xml_text_and_attributes_parse_unchanged(value: str) -> None:
    element = ET.Element("failure", {"message": value})
    element.text = value
    written = ET.tostring(element, encoding="unicode")
    defused = defuse_xml(written)
    assert AZURE_PREFIX not in defused
    parsed, plain = ET.fromstring(defused), ET.fromstring(written)
    assert (parsed.text, parsed.get("message")) == (plain.text, plain.get("message"))
    assert (parsed.text or "") == value


def test_text_shows_the_prefix_as_the_agent_masks_it() -> None:
    assert defuse_text("id '##vso[task.setvariable variable=X]1'") == (
        "id '**vso[task.setvariable variable=X]1'"
    )
    assert defuse_text("##VSO[ and #vso[ are not commands") == "##VSO[ and #vso[ are not commands"


def test_every_format_has_a_defuser() -> None:
    assert set(DEFUSERS) == set(REPORTERS)


def test_commands_that_print_label_data_defuse_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``aggregate``, ``report --format json`` and ``convert`` print ids and payloads from
    the labels: the same data for a JSON parser, no command for the Azure agent."""
    from click.testing import CliRunner

    import generator.commands  # noqa: F401  (the full command set)
    from tests.lint.conftest import PROJECT, SCORES
    from validate.cli import cli

    evil = "##vso[task.setvariable variable=PATH]/tmp"
    records = [
        {
            "id": f"r{n}",
            "rubric": "likert_rating",
            "item_id": f"item {evil}",
            "annotator_id": f"{evil} {n}",
            "item": {"prompt": evil},
            "label": {"scores": dict(SCORES)},
        }
        for n in range(3)
    ]
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    pairs = tmp_path / "pairs.jsonl"
    turn = f"\n\nHuman: {evil}\n\nAssistant: "
    pairs.write_text(json.dumps({"chosen": turn + "a", "rejected": turn + "b"}) + "\n", "utf-8")
    runner = CliRunner()
    for args in (
        ["aggregate", str(labels)],
        ["report", str(labels), "--format", "json"],
        ["convert", "--from", "preference-pairs", str(pairs)],
    ):
        result = runner.invoke(cli, [*args, "--root", str(PROJECT)])
        assert result.exit_code == 0, result.output
        assert AZURE_PREFIX not in result.stdout
        if args[0] == "report":
            decoded = [json.loads(result.stdout)]
        else:  # JSONL
            decoded = [json.loads(line) for line in result.stdout.splitlines()]
        assert evil in json.dumps(decoded, ensure_ascii=False)
