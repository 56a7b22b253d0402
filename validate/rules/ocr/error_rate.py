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

The edit distance is the plain O(n*m) dynamic programme (``rapidfuzz`` is not a dependency),
run on what is left after the common prefix and suffix are stripped, which is most of an
OCR page's text; when the remaining grid exceeds ``max_cells`` the rate is ``None`` rather
than a stall.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

MAX_CELLS = 25_000_000
"""Largest ``n * m`` grid computed (about 10 s of pure Python at worst); beyond it, None."""


def normalize(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def edit_distance(
    hypothesis: Sequence[Any], reference: Sequence[Any], *, max_cells: int = MAX_CELLS
) -> int | None:
    """Levenshtein distance (S + D + I, unit costs) between two sequences.

    None when the part that differs is too large to align within ``max_cells``.
    """
    a, b = hypothesis, reference
    # Strip the common prefix and suffix: they cost nothing and are most of the text.
    lo = 0
    limit = min(len(a), len(b))
    while lo < limit and a[lo] == b[lo]:
        lo += 1
    hi_a, hi_b = len(a), len(b)
    while hi_a > lo and hi_b > lo and a[hi_a - 1] == b[hi_b - 1]:
        hi_a -= 1
        hi_b -= 1
    a, b = a[lo:hi_a], b[lo:hi_b]
    if not a or not b:
        return len(a) + len(b)
    if len(a) < len(b):
        a, b = b, a  # the shorter one spans the row
    if len(a) * len(b) > max_cells:
        return None
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(
                min(
                    previous[j] + 1,  # deletion
                    current[j - 1] + 1,  # insertion
                    previous[j - 1] + (x != y),  # substitution or match
                )
            )
        previous = current
    return previous[-1]


def _rate(errors: int | None, n: int) -> float | None:
    if errors is None:
        return None
    if n == 0:
        return 0.0 if errors == 0 else None  # undefined against an empty reference
    return errors / n


def cer(ocr_text: str, corrected_text: str, *, max_cells: int = MAX_CELLS) -> float | None:
    """Character error rate of ``ocr_text`` (hypothesis) against ``corrected_text`` (reference).

    None when the reference is empty and the hypothesis is not, or the texts are too long to
    align within ``max_cells``.
    """
    hyp, ref = normalize(ocr_text), normalize(corrected_text)
    return _rate(edit_distance(hyp, ref, max_cells=max_cells), len(ref))


def wer(ocr_text: str, corrected_text: str, *, max_cells: int = MAX_CELLS) -> float | None:
    """Word error rate of ``ocr_text`` (hypothesis) against ``corrected_text`` (reference).

    Words are whitespace-separated tokens of the normalised texts. None as for :func:`cer`.
    """
    hyp, ref = normalize(ocr_text).split(), normalize(corrected_text).split()
    return _rate(edit_distance(hyp, ref, max_cells=max_cells), len(ref))


def record_error_rates(record: dict[str, Any]) -> tuple[float | None, float | None] | None:
    """``(cer, wer)`` of an ``ocr_correction`` record, or None when it lacks the two texts."""
    item, label = record.get("item"), record.get("label")
    ocr = item.get("ocr_text") if item.__class__ is dict else None
    corrected = label.get("corrected_text") if label.__class__ is dict else None
    if ocr.__class__ is not str or corrected.__class__ is not str:
        return None
    return cer(ocr, corrected), wer(ocr, corrected)
