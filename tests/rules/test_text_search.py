"""TextSearch answers as ``str.find`` does, through ``str.find`` and through the suffix array."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import REPO
from validate.lint.engine import LintOptions, execute
from validate.rules import text_search
from validate.rules.text_search import TextSearch

# A small alphabet makes repeats, overlaps and near misses common; multi-byte characters and
# a lone surrogate check the byte-to-character mapping.
ALPHABET = st.sampled_from(["a", "b", " ", "é", "€", "𝄞", "\ud800"])
TEXTS = st.text(ALPHABET, min_size=1, max_size=60)
QUOTES = st.text(ALPHABET, min_size=1, max_size=5)


def _starts(text: str, quote: str) -> list[int]:
    return [p for p in range(len(text)) if text.startswith(quote, p)]


@settings(max_examples=400, deadline=None)
@given(
    text=TEXTS,
    quotes=st.lists(QUOTES, min_size=1, max_size=6),
    span=st.tuples(st.integers(-3, 65), st.integers(-3, 65)),
)
def test_both_ways_agree_with_the_definition(
    text: str, quotes: list[str], span: tuple[int, int]
) -> None:
    naive, indexed = TextSearch(text), TextSearch(text, indexed=True)
    assert not naive.indexed and indexed.indexed
    start, end = span
    for quote in quotes:
        starts = _starts(text, quote)
        for search in (naive, indexed):
            assert search.occurs(quote) == bool(starts)  # first: the index only counts
            assert search.first(quote) == (starts[0] if starts else -1)
            assert search.extent(quote) == ((starts[0], starts[-1]) if starts else None)
            outside = any(p < start or p + len(quote) > end for p in starts)
            assert search.occurs_outside(quote, start, end) == outside


def test_the_index_is_built_once_str_find_has_scanned_enough(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(text_search, "NAIVE_BUDGET", 10_000)  # and 8 scans: the budget decides
    monkeypatch.setattr(text_search, "SCANS_BEFORE_INDEX", 8)
    search = TextSearch("x" * 1000)
    for _ in range(50):  # one quote, looked up once
        assert not search.occurs("y")
    for i in range(9):
        search.occurs(f"q{i}")
    assert not search.indexed  # 10 scans of 1,000 characters: at the budget
    assert search.occurs("xx") and search.indexed
    assert search.extent("xx") == (0, 998) and not search.occurs("q10")
    monkeypatch.setattr(text_search, "NAIVE_BUDGET", 0)  # and 8 scans: the text's length decides
    search = TextSearch("x" * 1000)
    for i in range(8):
        search.occurs(f"q{i}")
    assert not search.indexed
    search.occurs("q8")
    assert search.indexed


def _many_quotes_record(claims: int) -> dict[str, object]:
    """A hallucination record quoting one long source many times (a few quotes missing)."""
    source = " ".join(f"w{i % 997}" for i in range(20_000))
    response = "The response. " + source
    quotes = [f"w{i % 997} w{(i + 1) % 997}" if i % 50 else f"missing {i}" for i in range(claims)]
    items = [
        {
            "start": 0,
            "end": 13,
            "text": "The response.",
            "verdict": "supported",
            "evidence": {"source_id": "s1" if i % 3 else "response", "quote": q},
        }
        for i, q in enumerate(quotes)
    ]
    own = {"start": 0, "end": 13, "text": "The response.", "verdict": "supported"}
    items.append({**own, "evidence": {"source_id": "response", "quote": "The response"}})
    return {
        "id": "r1",
        "rubric": "hallucination_detection",
        "item": {"response": response, "sources": [{"id": "s1", "text": source}]},
        "label": {"claims": items},
    }


def test_a_record_with_many_quotes_lints_alike_through_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "quotes.jsonl"
    claims = 3000
    path.write_text(json.dumps(_many_quotes_record(claims)) + "\n")
    built: list[int] = []
    real = text_search._SuffixIndex.__init__

    def counting(self: object, text: str) -> None:
        built.append(len(text))
        real(self, text)  # type: ignore[arg-type]

    monkeypatch.setattr(text_search._SuffixIndex, "__init__", counting)
    options = LintOptions(files=[str(path)], root=REPO)
    indexed = [(f.line, f.code, f.message) for f in execute(options).findings]
    assert built  # the long source went through the suffix array
    monkeypatch.setattr(text_search, "NAIVE_BUDGET", 10**15)
    built.clear()
    naive = [(f.line, f.code, f.message) for f in execute(options).findings]
    assert not built
    assert indexed == naive
    hal004 = [m for _, code, m in indexed if code == "HAL004"]
    missing = [m for m in hal004 if "does not occur" in m]
    own = [m for m in hal004 if "claim's own text" in m]
    assert len(missing) == 60 and own == [
        f"claim {claims}: the evidence quote is the claim's own text; quote another part of "
        "the response"
    ]


@pytest.mark.parametrize(
    "rubric",
    ["hallucination_detection", "citation_verification", "output_editing", "reference_answer"],
)
def test_quote_rules_find_the_same_through_the_index(
    rubric: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.lint_many_quotes import RULES, record

    path = tmp_path / "quotes.jsonl"
    path.write_text(json.dumps(record(rubric, 200)) + "\n")
    options = LintOptions(files=[str(path)], root=REPO)
    runs = []
    for budget in (0, 10**15):  # every text indexed; none
        monkeypatch.setattr(text_search, "NAIVE_BUDGET", budget)
        monkeypatch.setattr(text_search, "SCANS_BEFORE_INDEX", 0 if budget == 0 else 32)
        runs.append([(f.code, f.pointer, f.message) for f in execute(options).findings])
    assert runs[0] == runs[1]
    codes = {code for code, _, _ in runs[0]}
    assert set(RULES[rubric]) <= codes  # each quote rule had findings to compare
    for code in RULES[rubric]:
        if code != "SPN002":  # one quote in 20 is absent (SPN002: every span text is wrong)
            assert sum(c == code for c, _, _ in runs[0]) == 10, code
