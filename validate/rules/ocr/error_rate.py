"""Character and word error rates of an OCR text against its corrected text (for the QA report).

Not a rule: pure functions the report calls per record. Definitions follow the
``ocr_correction`` rubric's notes and the standards reference (NIST sclite, jiwer): with the
corrected text as the reference and the OCR text as the hypothesis, a Levenshtein alignment
gives substitutions S, deletions D and insertions I against a reference of length N, and

* CER = (S + D + I) / N over characters,
* WER = (S + D + I) / N over words (whitespace-separated tokens).

Both can exceed 1.0. Before scoring, both texts are normalised: Unicode NFC, every run of
whitespace (line breaks included) collapsed to one space, leading and trailing whitespace
removed; case and punctuation are kept. Rates computed with other normalisations are not
comparable.

The edit distance is rapidfuzz's Levenshtein distance (unit costs, bit-parallel C++), on
characters and on lists of words alike. A hand-written dynamic programme took up to 10 s for a
heavily corrected page and had to give up (None) on longer ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable, Sequence
from typing import Any

from rapidfuzz.distance import Levenshtein


def normalize(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(hypothesis: Sequence[Hashable], reference: Sequence[Hashable]) -> int:
    """Levenshtein distance (S + D + I, unit costs) between two strings or word lists."""
    return int(Levenshtein.distance(hypothesis, reference))


def _rate(errors: int, n: int) -> float | None:
    if n == 0:
        return 0.0 if errors == 0 else None  # undefined against an empty reference
    return errors / n


def cer(ocr_text: str, corrected_text: str) -> float | None:
    """Character error rate of ``ocr_text`` (hypothesis) against ``corrected_text`` (reference).

    None when the reference is empty and the hypothesis is not (undefined, not infinite).
    """
    hyp, ref = normalize(ocr_text), normalize(corrected_text)
    return _rate(edit_distance(hyp, ref), len(ref))


def wer(ocr_text: str, corrected_text: str) -> float | None:
    """Word error rate of ``ocr_text`` (hypothesis) against ``corrected_text`` (reference).

    Words are whitespace-separated tokens of the normalised texts. None as for :func:`cer`.
    """
    hyp, ref = normalize(ocr_text).split(), normalize(corrected_text).split()
    return _rate(edit_distance(hyp, ref), len(ref))


def record_error_rates(record: dict[str, Any]) -> tuple[float | None, float | None] | None:
    """``(cer, wer)`` of an ``ocr_correction`` record, or None when it lacks the two texts."""
    item, label = record.get("item"), record.get("label")
    ocr = item.get("ocr_text") if item.__class__ is dict else None
    corrected = label.get("corrected_text") if label.__class__ is dict else None
    if ocr.__class__ is not str or corrected.__class__ is not str:
        return None
    return cer(ocr, corrected), wer(ocr, corrected)
