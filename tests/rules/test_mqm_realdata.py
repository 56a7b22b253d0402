"""Google's WMT TED en-de MQM release, converted to ``translation_qa`` records, lints clean.

The conversion follows the rubric's label notes: rows grouped by (system, seg_id, rater);
``<v>``/``</v>`` stripped to get the plain texts; the marked span gives ``start``/``end`` in
whichever field carried the markup (source-side markup means ``side: source``); a
``No-error`` row gives no error; ``comment`` becomes ``note``. The stated ``score`` is taken
from the release's own ``avg_seg_scores`` file (negated: Google prints penalties as negative
numbers, and names the human reference ``ref-A`` there but ``ref`` in the MQM file), so MQM004
checks our weights against Google's scores on every segment.

What is expected (realdata/SOURCES.md and the rubric's notes): every record lints clean except

* SPN004 (warning) once for each of the 307 spans that start or end with a space, and
* nothing for the one span whose ``<v>`` never closes (metricsystem1, segment 475): the span
  runs to the end of the text, which is what the rater marked.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.lint.conftest import write_jsonl
from tests.paths import REALDATA, REPO, require_shared
from validate.findings import Severity
from validate.lint.engine import LintOptions, execute

DATA = REALDATA / "wmt-mqm-ted-ende"


def _span(marked: str) -> tuple[str, int, int, bool] | None:
    """``(plain text, start, end, closed)`` of a ``<v>...</v>`` span; None without markup."""
    if "<v>" not in marked:
        return None
    start = marked.index("<v>")
    plain = marked.replace("<v>", "").replace("</v>", "")
    if "</v>" not in marked:
        return plain, start, len(plain), False
    return plain, start, marked.index("</v>") - 3, True


def _scores() -> dict[tuple[str, str], float]:
    """``(system, seg_id) -> penalty`` from avg_seg_scores (TAB, then a SPACE; ``None``s)."""
    scores = {}
    path = require_shared(DATA / "mqm_ted_ende.avg_seg_scores.tsv")
    for line in path.read_text("utf-8").splitlines()[1:]:
        system, rest = line.split("\t")
        value, seg_id = rest.split(" ")
        if value != "None":
            scores[(system, seg_id)] = -float(value) + 0.0  # -0.0 -> 0.0
    return scores


def convert() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The TSV as translation_qa records, plus what the conversion met on the way."""
    path = require_shared(DATA / "mqm_ted_ende.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in rows:
        groups.setdefault((row["system"], row["seg_id"], row["rater"]), []).append(row)
    scores = _scores()
    seen: dict[str, Any] = {"unclosed": [], "spaced": 0, "rows": len(rows)}
    records = []
    for (system, seg_id, rater), group in groups.items():
        first = group[0]
        source = first["source"].replace("<v>", "").replace("</v>", "")
        target = first["target"].replace("<v>", "").replace("</v>", "")
        errors = []
        for row in group:
            if row["category"] == "No-error":
                continue
            side, found = "target", _span(row["target"])
            if found is None:
                side, found = "source", _span(row["source"])
            assert found is not None, row
            plain, start, end, closed = found
            assert plain == (target if side == "target" else source)
            if not closed:
                seen["unclosed"].append((system, seg_id))
            text = plain[start:end]
            if text != text.strip():
                seen["spaced"] += 1
            error = {
                "category": row["category"],
                "severity": row["severity"],
                "start": start,
                "end": end,
                "text": text,
            }
            if side == "source":
                error["side"] = "source"
            if row["comment"]:
                error["note"] = row["comment"]
            errors.append(error)
        score = scores[("ref-A" if system == "ref" else system, seg_id)]
        records.append(
            {
                "id": f"{system}/{seg_id}/{rater}",
                "rubric": "translation_qa",
                "rubric_version": "1.0.0",
                "item_id": f"{first['doc']}/{seg_id}/{system}",
                "annotator_id": rater,
                "item": {
                    "source": source,
                    "target": target,
                    "source_lang": "en",
                    "target_lang": "de",
                    "doc": first["doc"],
                    "seg_id": int(seg_id),
                },
                "label": {"errors": errors, "score": round(score, 1)},
            }
        )
    return records, seen


@pytest.fixture(scope="module")
def converted() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    return convert()


def test_conversion_covers_the_release(converted: tuple[list[Any], dict[str, Any]]) -> None:
    records, seen = converted
    assert seen["rows"] == 8435
    assert len(records) == 7406  # (system, segment, rater) groups, as the rubric notes say
    assert sum(len(r["label"]["errors"]) for r in records) == 8435 - 4404  # minus No-error rows
    assert seen["unclosed"] == [("metricsystem1", "475")]
    assert seen["spaced"] == 307
    sides = Counter(e.get("side", "target") for r in records for e in r["label"]["errors"])
    assert sides["source"] == 14  # SOURCES.md: 14 rows carry the span in the source


def test_converted_records_lint_clean_but_for_the_documented_spaces(
    tmp_path: Path, converted: tuple[list[dict[str, Any]], dict[str, Any]]
) -> None:
    records, seen = converted
    target = write_jsonl(tmp_path / "ted.jsonl", records)
    result = execute(LintOptions(files=[str(target)], root=REPO, dataset=False))
    codes = Counter(f.code for f in result.findings)
    assert codes == {"SPN004": seen["spaced"]}, [
        f"{f.code} {f.record_id} {f.message}" for f in result.findings if f.code != "SPN004"
    ][:20]
    assert all(f.severity == Severity.WARNING for f in result.findings)
    # the unclosed span (metricsystem1, 475) runs to the end of its text and is not flagged
    unclosed = next(r for r in records if r["id"].startswith("metricsystem1/475/"))
    assert unclosed["label"]["errors"][0]["end"] == len(unclosed["item"]["target"])
    assert not [f for f in result.findings if f.record_id == unclosed["id"]]


def test_every_stated_score_is_recomputed_exactly(
    converted: tuple[list[dict[str, Any]], dict[str, Any]],
) -> None:
    """Our weights reproduce Google's segment scores (MQM004 finds nothing)."""
    from validate.rules.translation import mqm_score

    defaults = {k: v["default"] for k, v in mqm_score.OPTIONS["properties"].items()}
    options = mqm_score.prepare(None, defaults)
    records, _ = converted
    assert not [r["id"] for r in records if mqm_score.check(r, None, options)]
