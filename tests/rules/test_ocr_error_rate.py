"""CER and WER (validate.rules.ocr.error_rate) against hand-computed values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validate.rules.ocr.error_rate import cer, edit_distance, normalize, record_error_rates, wer


@pytest.mark.parametrize(
    ("hypothesis", "reference", "distance"),
    [
        ("kitten", "sitting", 3),  # k->s, e->i, +g
        ("flaw", "lawn", 2),  # -f, +n
        ("", "abc", 3),
        ("abc", "", 3),
        ("same", "same", 0),
        ("Tbe harbour", "The harbour", 1),
    ],
)
def test_edit_distance(hypothesis: str, reference: str, distance: int) -> None:
    assert edit_distance(hypothesis, reference) == distance
    assert edit_distance(reference, hypothesis) == distance


def test_cer_is_edits_over_reference_characters() -> None:
    assert cer("Tbe cat", "The cat") == pytest.approx(1 / 7)  # one substitution, N = 7
    assert cer("The ct", "The cat") == pytest.approx(1 / 7)  # one deletion
    assert cer("aaaa", "a") == pytest.approx(3.0)  # insertions: CER can exceed 1
    assert cer("The cat", "The cat") == 0.0


def test_wer_is_edits_over_reference_words() -> None:
    assert wer("Tbe cat sat", "The cat sat") == pytest.approx(1 / 3)
    assert wer("the cat sat on mat", "the cat sat on the mat") == pytest.approx(1 / 6)
    assert wer("on-\nthe mat", "on the mat") == pytest.approx(1 / 3)  # "on-" for "on"


def test_normalisation_nfc_and_whitespace_only() -> None:
    assert normalize(" The  cat\n\tsat ") == "The cat sat"
    assert cer("The  cat\nsat", "The cat sat") == 0.0  # line breaks and runs collapse
    assert cer("cafe\u0301", "caf\u00e9") == 0.0  # NFC
    assert cer("the cat", "The cat") == pytest.approx(1 / 7)  # case is kept
    assert cer("The cat.", "The cat") == pytest.approx(1 / 7)  # punctuation is kept


def test_empty_reference() -> None:
    assert cer("", "") == 0.0
    assert wer(" ", "") == 0.0
    assert cer("abc", "") is None  # undefined, not infinite
    assert wer("abc", "") is None


def test_long_pages_are_aligned_in_full() -> None:
    # A page of 19,000 characters with an edit every 100: no cap, no None.
    reference = "".join(f"{n:05d} line of text " * 5 for n in range(200))
    hypothesis = "".join(c if i % 100 else "#" for i, c in enumerate(reference))
    edits = len(range(0, len(reference), 100))
    assert edit_distance(hypothesis, reference) == edits == 190  # every "#" costs one edit
    assert cer(hypothesis, reference) == pytest.approx(edits / len(normalize(reference)))


def _levenshtein(a: list[str], b: list[str]) -> int:
    """The textbook dynamic programme, as an oracle."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


@settings(max_examples=200, deadline=None)
@given(
    a=st.lists(st.sampled_from(["the", "cat", "sat", "mat", "on"]), max_size=12),
    b=st.lists(st.sampled_from(["the", "cat", "sat", "mat", "on"]), max_size=12),
)
def test_word_distance_is_the_textbook_levenshtein(a: list[str], b: list[str]) -> None:
    assert edit_distance(a, b) == _levenshtein(a, b)
    assert edit_distance("".join(w[0] for w in a), "".join(w[0] for w in b)) == _levenshtein(
        [w[0] for w in a], [w[0] for w in b]
    )


def test_record_error_rates() -> None:
    record = {
        "item": {"ocr_text": "Tbe cat sat."},
        "label": {"corrected_text": "The cat sat.", "errors": []},
    }
    rates = record_error_rates(record)
    assert rates is not None
    assert rates[0] == pytest.approx(1 / 12)
    assert rates[1] == pytest.approx(1 / 3)
    assert record_error_rates({"item": {}, "label": {}}) is None
