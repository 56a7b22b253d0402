"""Exports, checked with the target tools' own SDKs (label-studio-sdk, argilla)."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

import generator.commands
import generator.export_commands  # noqa: F401  (registers the export subcommands)
from generator.exports import ExportError
from generator.exports.argilla import argilla_settings
from generator.exports.jsonschema import label_json_schema
from generator.exports.label_studio import label_studio_config, label_studio_project
from generator.exports.schema_catalog import schema_catalog
from validate.catalog import load_catalog
from validate.cli import cli

REPO = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(REPO)
RUBRICS = sorted(CATALOG.ids("rubric"))


def rubric(rubric_id: str) -> dict:
    return CATALOG.get("rubric", rubric_id).data


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_label_studio_sdk_accepts_config(rubric_id: str) -> None:
    label_interface = pytest.importorskip("label_studio_sdk.label_interface")
    config = label_studio_config(rubric(rubric_id))
    interface = label_interface.LabelInterface(config)
    names = {c.name for c in interface.controls}
    assert names, config
    for control in interface.controls:
        assert all(interface.get_object(o.name) for o in control.objects)


def test_label_studio_controls_match_the_rubric() -> None:
    label_interface = pytest.importorskip("label_studio_sdk.label_interface")
    boxes = label_interface.LabelInterface(label_studio_config(rubric("bounding_box")))
    control = boxes.get_control("boxes")
    assert control.tag == "RectangleLabels" and "traffic light" in control.labels
    prefs = label_interface.LabelInterface(label_studio_config(rubric("rlhf_preference")))
    assert set(prefs.get_control("preference").labels) == {"a", "b", "tie", "both_bad"}
    ranking = label_interface.LabelInterface(label_studio_config(rubric("response_ranking")))
    assert ranking.get_control("ranking").tag == "Ranker"
    likert = label_interface.LabelInterface(label_studio_config(rubric("likert_rating")))
    assert {c.tag for c in likert.controls} >= {"Rating", "TextArea"}
    project = label_studio_project(rubric("likert_rating"))
    assert "<script" not in project["expert_instruction"]


@pytest.mark.parametrize("rubric_id", RUBRICS)
def test_argilla_sdk_accepts_settings(rubric_id: str) -> None:
    rg = pytest.importorskip("argilla")
    try:
        settings = argilla_settings(rubric(rubric_id))
    except ExportError:
        assert rubric_id == "bounding_box"  # Argilla has no box question
        return
    # Building fields and questions asks for a default client; no server is needed to
    # validate, so hand it a stand-in (the SDK's pydantic models still validate everything).
    with mock.patch.object(rg.Argilla, "_get_default", return_value=mock.MagicMock()):
        built = rg.Settings._from_dict(json.loads(json.dumps(settings)))
        assert [q.name for q in built.questions] == [q["name"] for q in settings["questions"]]
        assert built.guidelines.startswith("# ")


def test_jsonschema_export_validates_worked_examples() -> None:
    from jsonschema import Draft202012Validator

    for rubric_id in RUBRICS:
        data = rubric(rubric_id)
        validator = Draft202012Validator(label_json_schema(data))
        for example in data.get("examples") or []:
            assert not list(validator.iter_errors(example["label"])), (rubric_id, example["id"])


def test_committed_schema_catalog_is_current() -> None:
    committed = json.loads((REPO / "validate" / "schemas" / "catalog.json").read_text("utf-8"))
    assert committed == schema_catalog()


def test_export_cli() -> None:
    runner = CliRunner()
    for sub in ("jsonschema", "argilla"):
        result = runner.invoke(cli, ["export", sub, "likert_rating", "--root", str(REPO)])
        assert result.exit_code == 0, result.output
        json.loads(result.output)
    result = runner.invoke(cli, ["export", "label-studio", "bounding_box", "--root", str(REPO)])
    assert result.exit_code == 0 and result.output.startswith("<View>")
    result = runner.invoke(cli, ["export", "argilla", "bounding_box", "--root", str(REPO)])
    assert result.exit_code == 2
    result = runner.invoke(cli, ["export", "jsonschema", "nope", "--root", str(REPO)])
    assert result.exit_code == 2
