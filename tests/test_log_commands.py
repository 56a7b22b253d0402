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
