"""Overlapping spans found in ``n log n`` (SPN003 on records with thousands of spans).

Comparing every pair of spans is the clearest statement of SPN003 and the fastest for the
handful of spans a record usually has, so the rule keeps it for small lists
(:func:`overlaps_pairwise`, :func:`first_against_pairwise`). A record can hold thousands of
spans, though (a 10 MB line holds hundreds of thousands): there the pairs took seconds to
hours, while the answers are one per span. The swept versions give exactly the same answers,
in the same order (a hypothesis test compares them):

* :func:`overlaps_swept` walks the spans in listing order over a max-tree of the ends of
  the spans already listed, indexed by their place in start order;
* :func:`first_against_swept` walks the spans by decreasing start over a prefix-minimum
  tree of the other list's listing indexes, indexed by start order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

Span = tuple[int, int, str, str]
"""start, end, field, pointer (the rule's view of a valid span)."""


def overlaps_pairwise(found: Sequence[Span], identical: bool) -> list[tuple[int, int]]:
    """``(later, first)`` listing indexes: every span that overlaps a span listed before it
    (same field), once, with the span it is reported against; in the order found.

    The spans are walked in order of start; each pair is looked at once, and the later-listed
    span of the first overlapping pair it is part of is reported.
    """
    order = sorted(range(len(found)), key=lambda i: (found[i][0], found[i][1]))
    reported: set[int] = set()
    hits = []
    for n, i in enumerate(order):
        a = found[i]
        for k in range(n + 1, len(order)):  # not a slice: a copy per span is quadratic
            j = order[k]
            b = found[j]
            if b[0] >= a[1]:
                break  # sorted by start: no later span reaches back into a
            if b[2] != a[2] or b[1] <= a[0]:
                continue  # another field, or an empty span at a's start
            if identical and a[0] == b[0] and a[1] == b[1]:
                continue
            later = max(i, j)
            if later in reported:
                continue
            reported.add(later)
            hits.append((later, min(i, j)))
    return hits


def overlaps_swept(found: Sequence[Span], identical: bool) -> list[tuple[int, int]]:
    """:func:`overlaps_pairwise`'s answer in ``n log n``.

    Span ``x`` at place ``p`` in start order is reported at the first pair (in the pairwise
    walk's order) that holds it and a span listed before it: first a span placed before
    ``p`` whose end passes ``x``'s start (the leftmost such place), else a span placed after
    ``p`` that starts before ``x`` ends. Walking the spans in listing order, the tree holds
    exactly the spans listed before ``x``.
    """
    order = sorted(range(len(found)), key=lambda i: (found[i][0], found[i][1]))
    rank = [0] * len(found)
    by_field: dict[str, list[int]] = {}  # each field's spans in start order
    for place, i in enumerate(order):
        rank[i] = place
        by_field.setdefault(found[i][2], []).append(i)
    hits: list[tuple[int, int, int, int]] = []  # walk position (two places), later, first
    for members in by_field.values():
        count = len(members)
        place = {i: k for k, i in enumerate(members)}
        starts = [found[i][0] for i in members]
        block_lo, block_hi = _identical_blocks(found, members)
        tree = _MaxTree(count)
        for x in sorted(members):  # listing order
            p = place[x]
            start, end = found[x][0], found[x][1]
            before = block_lo[p] if identical else p
            n = tree.leftmost(0, before, start) if before else None
            if n is not None:
                hits.append((rank[members[n]], rank[x], x, members[n]))
            else:
                lo = block_hi[p] if identical else p + 1
                hi = max(bisect_left(starts, end), lo)  # spans starting before x ends
                k = tree.leftmost(lo, hi, -1) if lo < hi else None
                if k is not None:
                    hits.append((rank[x], rank[members[k]], x, members[k]))
            tree.raise_to(p, end)
    hits.sort()
    return [(later, first) for _, _, later, first in hits]


def first_against_pairwise(found: Sequence[Span], others: Sequence[Span]) -> list[int | None]:
    """For each span of ``found``, the listing index of the first span of ``others`` (same
    field) that it overlaps, or ``None``."""
    result: list[int | None] = []
    for span in found:
        for index, other in enumerate(others):
            if other[2] == span[2] and other[0] < span[1] and span[0] < other[1]:
                result.append(index)
                break
        else:
            result.append(None)
    return result


def first_against_swept(found: Sequence[Span], others: Sequence[Span]) -> list[int | None]:
    """:func:`first_against_pairwise`'s answer in ``(n + m) log m``.

    The spans overlapping ``[s, e)`` are those that start before ``e`` (a prefix in start
    order) and end after ``s``. Walking the spans by decreasing ``s``, every other span that
    ends after ``s`` is in the tree, at its place in start order, holding its listing index:
    the answer is the minimum over the prefix.
    """
    result: list[int | None] = [None] * len(found)
    fields: dict[str, list[int]] = {}
    for index, other in enumerate(others):
        fields.setdefault(other[2], []).append(index)
    for field, members in fields.items():
        members.sort(key=lambda i: others[i][0])
        starts = [others[i][0] for i in members]
        by_end = sorted(range(len(members)), key=lambda k: -others[members[k]][1])
        queries = sorted(
            (i for i, span in enumerate(found) if span[2] == field), key=lambda i: -found[i][0]
        )
        tree = _PrefixMin(len(members))
        added = 0
        for i in queries:
            start, end = found[i][0], found[i][1]
            while added < len(by_end) and others[members[by_end[added]]][1] > start:
                k = by_end[added]
                tree.lower_to(k, members[k])
                added += 1
            best = tree.minimum(bisect_left(starts, end))
            result[i] = best if best < len(others) else None
    return result


def _identical_blocks(found: Sequence[Span], members: list[int]) -> tuple[list[int], list[int]]:
    """For each place in start order, the bounds ``[lo, hi)`` of the run of spans with the
    same offsets (they are next to each other in start order)."""
    count = len(members)
    lo, hi = [0] * count, [0] * count
    k = 0
    while k < count:
        first = found[members[k]]
        e = k + 1
        while e < count and found[members[e]][0] == first[0] and found[members[e]][1] == first[1]:
            e += 1
        for m in range(k, e):
            lo[m], hi[m] = k, e
        k = e
    return lo, hi


class _MaxTree:
    """Values at places ``0..n-1``, all ``-1`` at first, that only grow; finds the leftmost
    place in a range holding more than a threshold."""

    __slots__ = ("size", "tree")

    def __init__(self, count: int) -> None:
        size = 1
        while size < count:
            size *= 2
        self.size = size
        self.tree = [-1] * (2 * size)

    def raise_to(self, place: int, value: int) -> None:
        """Set ``place`` to ``value`` (not below its current value)."""
        tree = self.tree
        k = place + self.size
        while k and tree[k] < value:
            tree[k] = value
            k >>= 1

    def leftmost(self, lo: int, hi: int, threshold: int) -> int | None:
        """The leftmost place in ``[lo, hi)`` whose value exceeds ``threshold``."""
        tree, size = self.tree, self.size
        left: list[int] = []
        right: list[int] = []
        a, b = lo + size, hi + size
        while a < b:  # the range as whole subtrees, left to right
            if a & 1:
                left.append(a)
                a += 1
            if b & 1:
                b -= 1
                right.append(b)
            a >>= 1
            b >>= 1
        for node in left + right[::-1]:
            if tree[node] > threshold:
                while node < size:  # down to the leftmost leaf that qualifies
                    node *= 2
                    if tree[node] <= threshold:
                        node += 1
                return node - size
        return None


class _PrefixMin:
    """A Fenwick tree of minimums: values that only fall, and the minimum of a prefix."""

    __slots__ = ("tree",)

    def __init__(self, count: int) -> None:
        self.tree = [1 << 62] * (count + 1)

    def lower_to(self, place: int, value: int) -> None:
        """Set ``place`` to ``value`` (not above its current value)."""
        tree = self.tree
        k = place + 1
        while k < len(tree):
            if value < tree[k]:
                tree[k] = value
            k += k & -k

    def minimum(self, count: int) -> int:
        """The minimum over places ``0..count-1`` (a huge number when none is set)."""
        tree = self.tree
        best = 1 << 62
        k = count
        while k > 0:
            if tree[k] < best:
                best = tree[k]
            k -= k & -k
        return best
