"""Ratings that contradict the ranking.

## What it checks
When `label.ratings` maps response ids to ratings, that no response ranked above another
has a *lower* rating. Equal ratings are fine; ids in a tie are not compared with each other.
Ratings that are not numbers are LBL009's business and are skipped here, and an id the ranking
repeats is judged at its first place (the repeat is RNK001's). The message names the first ten
such pairs and counts the rest.

## Why it matters
A ranking and a rating that disagree mean the annotator changed their mind half-way; which
of the two is the real judgement is unknowable, so the record should be reviewed.

## Failing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}]}, "label": {"ranking": ["a", "b"], "ratings": {"a": 3, "b": 6}}}
```

## Passing example
```json
{"id": "r1", "rubric": "response_ranking", "item": {"responses": [{"id": "a"}, {"id": "b"}]}, "label": {"ranking": ["a", "b"], "ratings": {"a": 6, "b": 6}}}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem
from validate.rules.ranking import flat_ranking

CODE = "RNK003"
NAME = "ranking-ratings-consistent"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}
MAX_LISTED = 10
"""Pairs named in the message; the rest are counted."""


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Report pairs ranked one way and rated the other."""
    label = record.get("label")
    if label.__class__ is not dict:
        return ()
    ranking = label.get("ranking")
    ratings = label.get("ratings")
    if ranking.__class__ is not list or ratings.__class__ is not dict:
        return ()
    if len(ranking) <= 1:
        return ()
    previous = None
    for rid in ranking:  # fast path: flat ranking, numeric ratings, never increasing
        if rid.__class__ is not str:
            break
        value = ratings.get(rid)
        if value.__class__ is not int and value.__class__ is not float:
            break
        if previous is not None and value > previous:
            break
        previous = value
    else:
        return ()
    rated: list[tuple[int, str, float]] = []
    placed: set[str] = set()
    for pos, rid in flat_ranking(ranking):  # each id at its first place (RNK001: repeats)
        if rid.__class__ is str and rid not in placed and rid in ratings:
            value = ratings[rid]
            if value.__class__ is int or value.__class__ is float:
                placed.add(rid)
                rated.append((pos, rid, value))
    inverted = _first_inverted(rated, MAX_LISTED)
    if not inverted:
        return ()
    total = _count_inverted(rated)
    more = f"; and {total - len(inverted)} more" if total > len(inverted) else ""
    return (
        RecordProblem(
            f"ranked higher but rated lower: {'; '.join(inverted)}{more}", "/label/ratings"
        ),
    )


def _first_inverted(rated: list[tuple[int, str, float]], limit: int) -> list[str]:
    """The first ``limit`` pairs ranked one way and rated the other, in ranking order.

    A later place's best rating (a suffix maximum) says which responses start a pair at
    all, so only those are scanned, and scanning stops at ``limit``: linear in the ranking
    for any number of pairs (comparing every pair took seconds for thousands of ids).
    """
    count = len(rated)
    best_after = [float("-inf")] * (count + 1)  # best rating at index >= k
    for k in range(count - 1, -1, -1):
        best_after[k] = max(best_after[k + 1], rated[k][2])
    found: list[str] = []
    start = 0  # first index of the next place (ties share a place)
    for i, (pa, a, ra) in enumerate(rated):
        if start <= i:
            start = i + 1
            while start < count and rated[start][0] == pa:
                start += 1
        if best_after[start] <= ra:
            continue
        for pb, b, rb in rated[start:]:
            if pa < pb and ra < rb:
                found.append(f"{a!r} ({ra}) above {b!r} ({rb})")
                if len(found) == limit:
                    return found
    return found


def _count_inverted(rated: list[tuple[int, str, float]]) -> int:
    """How many pairs are ranked one way and rated the other (a Fenwick tree over the
    ratings' ranks, place by place: n log n)."""
    ranks = {value: r for r, value in enumerate(sorted({v for _, _, v in rated}), 1)}
    tree = [0] * (len(ranks) + 1)
    total = 0
    index = 0
    while index < len(rated):
        end = index
        while end < len(rated) and rated[end][0] == rated[index][0]:
            end += 1
        group = rated[index:end]
        for _, _, value in group:  # rated lower at an earlier place: rank below this one
            k = ranks[value] - 1
            while k > 0:
                total += tree[k]
                k -= k & -k
        for _, _, value in group:
            k = ranks[value]
            while k < len(tree):
                tree[k] += 1
                k += k & -k
        index = end
    return total
