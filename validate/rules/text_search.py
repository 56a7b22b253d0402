"""Substring search over one item text, linear in the record however many quotes it holds.

Rules that check quotes against a text (HAL004, CIT004, EDT002, EDT003, REF001 and SPN002's
hint) would call ``str.find`` once per quote: each call scans the text, so a record with many quotes over a
long text costs quotes x text length. A hostile 7 MB record (30,000 distinct quotes over a
3.5 MB source) took 45 s that way. Above a work budget, :class:`TextSearch` builds a suffix
array of the text once (``pydivsufsort``, libdivsufsort's linear-time construction) and
answers each quote by binary search, in time proportional to the quote's length.
"""

from __future__ import annotations

from typing import Any

NAIVE_BUDGET = 2_000_000
"""Characters ``str.find`` may scan in one text before its suffix array is built, at least
(a few milliseconds of scanning here)..."""

SCANS_BEFORE_INDEX = 32
"""... and at least this many scans of the whole text: building the array costs about as
much as 30 to 70 scans (about 70 ms per MB), so a long text with a few quotes never pays
for it, and one with many pays at most about twice the cheaper of the two ways."""


class TextSearch:
    """Occurrences of quotes in ``text``, each quote looked up once.

    Searches start as ``str.find``; once they have scanned the text ``SCANS_BEFORE_INDEX``
    times (and ``NAIVE_BUDGET`` characters), the suffix array is built and answers the rest.
    A record with a few quotes (or the same quote many times) never pays for the array;
    ``indexed=True`` builds it at once.
    """

    __slots__ = ("_extent", "_index", "_occurs", "_scanned", "text")

    def __init__(self, text: str, *, indexed: bool = False) -> None:
        self.text = text
        self._index = _SuffixIndex(text) if indexed else None
        self._scanned = 0
        self._occurs: dict[str, bool] = {}
        self._extent: dict[str, tuple[int, int] | None] = {}

    @property
    def indexed(self) -> bool:
        """Whether the searches now go through the suffix array."""
        return self._index is not None

    def _searcher(self) -> _SuffixIndex | None:
        """The suffix array, built when ``str.find`` has scanned the budget; None before."""
        if self._index is None:
            self._scanned += len(self.text)
            if self._scanned > max(NAIVE_BUDGET, SCANS_BEFORE_INDEX * len(self.text)):
                self._index = _SuffixIndex(self.text)
        return self._index

    def occurs(self, quote: str) -> bool:
        """Whether ``quote`` occurs in the text."""
        found = self._occurs.get(quote)
        if found is None:
            if quote in self._extent:
                found = self._extent[quote] is not None
            else:
                index = self._searcher()
                found = quote in self.text if index is None else index.count(quote) > 0
            self._occurs[quote] = found
        return found

    def first(self, quote: str) -> int:
        """The first character offset of ``quote`` in the text, or -1 (as ``str.find``)."""
        extent = self.extent(quote)
        return -1 if extent is None else extent[0]

    def extent(self, quote: str) -> tuple[int, int] | None:
        """The first and the last character offsets where ``quote`` starts, or None."""
        if quote not in self._extent:
            index = self._searcher()
            if index is not None:
                self._extent[quote] = index.extent(quote)
            else:
                first = self.text.find(quote)
                self._extent[quote] = None if first < 0 else (first, self.text.rfind(quote))
        return self._extent[quote]

    def occurs_outside(self, quote: str, start: int, end: int) -> bool:
        """Whether ``quote`` occurs at some offset ``p`` with ``p < start`` or
        ``p + len(quote) > end``: not wholly inside ``[start, end)``."""
        if quote not in self._extent and self._searcher() is None:
            # An occurrence before ``start`` lies in text[:start + len - 1]; one running past
            # ``end`` lies in text[end - len + 1:]. Two bounded scans, not one per occurrence.
            n = len(quote)
            text = self.text
            return (start > 0 and text.find(quote, 0, start + n - 1) >= 0) or text.find(
                quote, max(0, end - n + 1)
            ) >= 0
        extent = self.extent(quote)
        return extent is not None and (extent[0] < start or extent[1] + len(quote) > end)


class _SuffixIndex:
    """A suffix array over the text's UTF-8 bytes; byte offsets mapped back to characters.

    UTF-8 is self-synchronising, so a quote occurs in the text exactly where its encoding
    occurs in the encoded text, at a character boundary. Lone surrogates (which JSON escapes
    can carry) are encoded as themselves so that this still holds.
    """

    __slots__ = ("_array", "_bytes", "_char_of_byte")

    def __init__(self, text: str) -> None:
        # Imported here: only a hostile or unusually long record needs them.
        import numpy as np
        from pydivsufsort import divsufsort

        self._bytes = text.encode("utf-8", "surrogatepass")
        self._array: Any = divsufsort(self._bytes)
        self._char_of_byte: Any = None
        if len(self._bytes) != len(text):  # not ASCII: count the characters up to each byte
            data = np.frombuffer(self._bytes, dtype=np.uint8)
            self._char_of_byte = np.cumsum((data & 0xC0) != 0x80, dtype=np.int32) - 1

    def _search(self, quote: str) -> tuple[int, Any]:
        """How many suffixes start with ``quote``, and the first one's place in the array
        (``None`` when there is none)."""
        from pydivsufsort import sa_search

        count, lo = sa_search(self._bytes, self._array, quote.encode("utf-8", "surrogatepass"))
        return int(count), lo

    def count(self, quote: str) -> int:
        """How many times ``quote`` occurs."""
        return self._search(quote)[0]

    def extent(self, quote: str) -> tuple[int, int] | None:
        """The first and the last character offsets where ``quote`` starts, or None."""
        count, lo = self._search(quote)
        if not count:
            return None
        starts = self._array[lo : lo + count]
        first, last = int(starts.min()), int(starts.max())
        if self._char_of_byte is not None:
            first, last = int(self._char_of_byte[first]), int(self._char_of_byte[last])
        return first, last
