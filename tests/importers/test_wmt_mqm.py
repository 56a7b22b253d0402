"""``--from wmt-mqm``: Google's WMT MQM TSV as translation_qa records.

The real TED en-de release is the acceptance test: every record matches the independent
reference conversion of tests/rules/test_mqm_realdata.py, every derived score equals the
score Google published for the segment, and the records lint clean but for the 307 spans
that start or end with a space. Then the bad inputs, one by one, and hostile mutations.
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from tests.importers.conftest import run
from tests.paths import REALDATA, require_shared
from tests.rules.test_mqm_realdata import _scores
from tests.rules.test_mqm_realdata import convert as reference_conversion
from validate.catalog import Catalog
from validate.lint.engine import LintOptions, execute

TED = REALDATA / "wmt-mqm-ted-ende" / "mqm_ted_ende.tsv"
REPO = Path(__file__).resolve().parents[2]
HEADER = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\tcomment"


def tsv(tmp_path: Path, *rows: str, name: str = "mqm_test_ende.tsv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def row(
    target: str,
    category: str = "Accuracy/Mistranslation",
    severity: str = "Major",
    *,
    seg: str = "1",
    rater: str = "rater1",
    source: str = "A cat.",
    comment: str = "",
) -> str:
    return "\t".join(
        ["sysA", "talk.1", "1", seg, rater, source, target, category, severity, comment]
    )


def test_the_ted_release_matches_the_reference_conversion(catalog: Catalog) -> None:
    records, problems = run("wmt-mqm", require_shared(TED), catalog)
    assert problems == []
    reference, _ = reference_conversion()
    assert len(records) == len(reference) == 7406
    scores = _scores()
    for got, want in zip(records, reference, strict=True):
        data = got.data
        assert (data["id"], data["item_id"], data["annotator_id"]) == (
            want["id"],
            want["item_id"],
            want["annotator_id"],
        )
        assert data["item"] == want["item"]
        assert data["label"]["errors"] == want["label"]["errors"]
        system, seg_id, _ = data["id"].split("/")
        published = scores[("ref-A" if system == "ref" else system, seg_id)]
        assert data["label"]["score"] == round(published, 1), data["id"]
        assert data["meta"]["source"]["lines"][0] == got.line


def test_the_ted_release_lints_clean_but_for_spaced_spans(tmp_path: Path) -> None:
    result = execute(
        LintOptions(
            files=[str(require_shared(TED))], root=REPO, source_format="wmt-mqm", dataset=False
        )
    )
    assert {f.code for f in result.findings} == {"SPN004"}
    assert len(result.findings) == 307
    assert result.records == 7406


def test_a_segment_its_errors_and_its_score(tmp_path: Path, catalog: Catalog) -> None:
    path = tsv(
        tmp_path,
        row("Eine <v>Hund</v>.", comment="dog, not cat"),
        row("Eine Hund<v>.</v>", "Fluency/Punctuation", "Minor"),
        row("Eine Hund.", "Source error", "Neutral", source="<v>A</v> cat."),
        row("Ein Kater.", "No-error", "No-error", seg="2"),
    )
    records, problems = run("wmt-mqm", path, catalog)
    assert problems == []
    first, second = (r.data for r in records)
    assert [r.line for r in records] == [2, 5]
    assert first["item"] == {
        "source": "A cat.",
        "target": "Eine Hund.",
        "source_lang": "en",
        "target_lang": "de",
        "doc": "talk.1",
        "seg_id": 1,
    }
    assert first["label"] == {
        "errors": [
            {
                "category": "Accuracy/Mistranslation",
                "severity": "Major",
                "start": 5,
                "end": 9,
                "text": "Hund",
                "note": "dog, not cat",
            },
            {
                "category": "Fluency/Punctuation",
                "severity": "Minor",
                "start": 9,
                "end": 10,
                "text": ".",
            },
            {
                "category": "Source error",
                "severity": "Neutral",
                "start": 0,
                "end": 1,
                "text": "A",
                "side": "source",
            },
        ],
        "score": 5.1,
    }
    assert first["meta"]["source"]["lines"] == [2, 3, 4]
    assert second["label"] == {"errors": [], "score": 0.0}


def test_values_the_rubric_lacks_are_kept_and_reported_once(
    tmp_path: Path, catalog: Catalog
) -> None:
    """Google's newstest2020 files spell source errors 'Source error/-', severity Minor."""
    path = tsv(
        tmp_path,
        row("Eine Hund.", "Source error/-", "Minor", source="<v>A</v> cat."),
        row("Ein Hund.", "Source error/-", "Minor", seg="2", source="<v>A</v> cat."),
    )
    records, problems = run("wmt-mqm", path, catalog)
    assert [(p.line, p.code) for p in problems] == [(2, "IMP006")]
    assert "'Source error/-'" in problems[0].message
    assert [r.data["label"]["errors"][0]["category"] for r in records] == ["Source error/-"] * 2
    renamed, problems = run(
        "wmt-mqm", path, catalog, mapping={"values": {"Source error/-": "Source error"}}
    )
    assert problems == []
    assert renamed[0].data["label"]["errors"][0]["category"] == "Source error"


def test_languages_from_the_mapping_or_reported_missing(tmp_path: Path, catalog: Catalog) -> None:
    path = tsv(tmp_path, row("Eine <v>Hund</v>."), name="ratings.tsv")
    records, problems = run("wmt-mqm", path, catalog)
    assert [(p.line, p.code) for p in problems] == [(1, "IMP010")]
    assert "source_lang" not in records[0].data["item"]
    records, problems = run(
        "wmt-mqm",
        path,
        catalog,
        mapping={"fields": {"source_lang": "en", "target_lang": "fr"}},
    )
    assert problems == [] and records[0].data["item"]["target_lang"] == "fr"


def test_bad_rows_are_located_and_left_out(tmp_path: Path, catalog: Catalog) -> None:
    path = tsv(
        tmp_path,
        row("Eine <v>Hund</v>."),
        "sysA\ttalk.1\t1\t1\trater1\tA cat.",  # too few fields
        row("Eine Hund."),  # no span
        row("Ein <v>ganz</v> anderer Hund."),  # not the segment's target
        row("Eine <v>Hund.", seg="3"),  # unclosed: runs to the end
    )
    records, problems = run("wmt-mqm", path, catalog)
    assert [(p.line, p.code) for p in problems] == [(3, "IMP011"), (4, "IMP011"), (5, "IMP011")]
    assert "6 fields where the header has 10" in problems[0].message
    assert [len(r.data["label"]["errors"]) for r in records] == [1, 1]
    assert records[1].data["label"]["errors"][0]["text"] == "Hund."


def test_offsets_count_only_the_text(tmp_path: Path, catalog: Catalog) -> None:
    """Stray markup before the span (a closing tag first, a doubled opening) must not shift
    the offsets: they index the plain target."""
    path = tsv(tmp_path, row("a</v>b <v><v>Hund</v> c"))
    [record], problems = run("wmt-mqm", path, catalog)
    assert problems == [] and record.data["item"]["target"] == "ab Hund c"
    [error] = record.data["label"]["errors"]
    assert (error["start"], error["end"], error["text"]) == (3, 7, "Hund")


def test_files_that_are_not_mqm(tmp_path: Path, catalog: Catalog) -> None:
    no_columns = tsv(tmp_path, "a\tb", header="id\ttext", name="x_ende.tsv")
    records, problems = run("wmt-mqm", no_columns, catalog)
    assert records == [] and problems[0].fatal and problems[0].code == "LBL002"
    assert "no system, doc, seg_id, rater, source, target, category, severity" in (
        problems[0].message
    )
    wide = tmp_path / "wide_ende.tsv"
    wide.write_bytes(HEADER.encode("utf-16"))
    records, problems = run("wmt-mqm", wide, catalog)
    assert records == [] and "UTF-16-encoded" in problems[0].message
    zipped = tmp_path / "mqm_x_ende.tsv.gz"
    zipped.write_bytes(gzip.compress((HEADER + "\n" + row("Eine <v>Hund</v>.") + "\n").encode()))
    records, problems = run("wmt-mqm", zipped, catalog)
    assert problems == [] and records[0].data["item"]["source_lang"] == "en"


def test_mutated_files_convert_without_exceptions(tmp_path: Path, catalog: Catalog) -> None:
    """Fields dropped, duplicated or emptied, markup broken, random bytes: records and
    located problems, never an exception."""
    with require_shared(TED).open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(80)]
    rng = random.Random(20261128)
    for number in range(150):
        mutated = list(lines)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(mutated))
            cells = mutated[i].rstrip("\n").split("\t")
            j = rng.randrange(len(cells))
            choice = rng.randrange(6)
            if choice == 0:
                del cells[j]
            elif choice == 1:
                cells.insert(j, cells[j])
            elif choice == 2:
                cells[j] = ""
            elif choice == 3:
                cells[j] = cells[j].replace("</v>", "", 1)
            elif choice == 4:
                cells[j] = cells[j].replace("<v>", "<v><v>", 1)
            else:
                cells[j] = "".join(rng.choice("<>v/\t\r x") for _ in range(rng.randint(0, 9)))
            mutated[i] = "\t".join(cells) + "\n"
        path = tmp_path / f"m{number}_ende.tsv"
        path.write_text("".join(mutated), encoding="utf-8")
        records, problems = run("wmt-mqm", path, catalog)
        assert records or problems
        for record in records:
            for error in record.data["label"]["errors"]:
                side = record.data["item"][error.get("side", "target")]
                assert 0 <= error["start"] <= error["end"] <= len(side)
                assert side[error["start"] : error["end"]] == error["text"]


@pytest.mark.parametrize("rubric", ["likert_rating"])
def test_a_rubric_without_mqm_fields_is_refused(
    rubric: str, tmp_path: Path, catalog: Catalog
) -> None:
    from validate.importers import ImportConfigError

    with pytest.raises(ImportConfigError, match="no 'errors' and 'score' label fields"):
        run("wmt-mqm", tsv(tmp_path, row("Eine <v>Hund</v>.")), catalog, rubric=rubric)
