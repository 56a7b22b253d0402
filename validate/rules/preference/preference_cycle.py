"""An annotator's preferences over one prompt that go round in a circle.

## What it checks
For one `annotator_id` and one `item.prompt_id`, every record whose `label.preference` is
`a` or `b` gives an edge from the winner's `response_id` to the loser's (positions are
mapped through `item.responses`, `[{id: "a", response_id}, {id: "b", response_id}]`);
`tie` and `both_bad` give none. A directed cycle among these edges (`r1 > r2 > r3 > r1`,
or `r1 > r2` and `r2 > r1` from two judgements of the same pair) is reported once, at the
judgement that closed it (the latest of the first judgements behind its edges), naming the
annotator, the prompt and the cycle. Records of any rubric with this shape count; records
without an annotator, a prompt id or two response ids are skipped.

Across files and `--jobs` shards: each shard keeps only the edges (as response ids) per
annotator and prompt with the first place each was seen, and shards merge by union.

## Why it matters
Preferences over responses to one prompt should be transitive. A cycle means at least one
judgement is wrong (misread, position bias, fatigue), and the Bradley-Terry fit behind a
reward model cannot honour all of them. Review the judgements in the cycle.

## Failing example
```json
{"id": "r1", "annotator_id": "ann-1", "rubric": "rlhf_preference", "item": {"prompt_id": "p1", "responses": [{"id": "a", "response_id": "x"}, {"id": "b", "response_id": "y"}]}, "label": {"preference": "a", "strength": 1, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "tie"}}}
{"id": "r2", "annotator_id": "ann-1", "rubric": "rlhf_preference", "item": {"prompt_id": "p1", "responses": [{"id": "a", "response_id": "y"}, {"id": "b", "response_id": "z"}]}, "label": {"preference": "a", "strength": 1, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "tie"}}}
{"id": "r3", "annotator_id": "ann-1", "rubric": "rlhf_preference", "item": {"prompt_id": "p1", "responses": [{"id": "a", "response_id": "x"}, {"id": "b", "response_id": "z"}]}, "label": {"preference": "b", "strength": 1, "dimensions": {"helpful": "b", "honest": "tie", "harmless": "tie"}}}
```

## Passing example
```json
{"id": "r1", "annotator_id": "ann-1", "rubric": "rlhf_preference", "item": {"prompt_id": "p1", "responses": [{"id": "a", "response_id": "x"}, {"id": "b", "response_id": "y"}]}, "label": {"preference": "a", "strength": 1, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "tie"}}}
{"id": "r2", "annotator_id": "ann-1", "rubric": "rlhf_preference", "item": {"prompt_id": "p1", "responses": [{"id": "a", "response_id": "y"}, {"id": "b", "response_id": "z"}]}, "label": {"preference": "a", "strength": 1, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "tie"}}}
{"id": "r3", "annotator_id": "ann-1", "rubric": "rlhf_preference", "item": {"prompt_id": "p1", "responses": [{"id": "a", "response_id": "x"}, {"id": "b", "response_id": "z"}]}, "label": {"preference": "a", "strength": 1, "dimensions": {"helpful": "a", "honest": "tie", "harmless": "tie"}}}
```

## Options
* `max_cycles` (integer, default `10`): at most this many cycles are reported per annotator
  and prompt (a badly inconsistent annotator would otherwise produce thousands).
"""

from __future__ import annotations

from typing import Any

from validate.findings import Severity
from validate.lint.model import DatasetProblem

CODE = "PRF004"
NAME = "preference-cycle"
SCOPE = "dataset"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "max_cycles": {
            "type": "integer",
            "minimum": 1,
            "default": 10,
            "description": "Most cycles reported per annotator and prompt.",
        }
    },
    "additionalProperties": False,
}

_SEP = "\x00"  # cannot occur in a sane id; keeps the group key one compact string


def _edge(record: dict[str, Any]) -> tuple[str, str, str] | None:
    """``(group key, winner, loser)`` of a judgement with a winner, else None."""
    label = record.get("label")
    if label.__class__ is not dict:
        return None
    choice = label.get("preference")
    if choice != "a" and choice != "b":
        return None
    annotator = record.get("annotator_id")
    item = record.get("item")
    if annotator.__class__ is not str or item.__class__ is not dict:
        return None
    prompt = item.get("prompt_id")
    responses = item.get("responses")
    if prompt.__class__ is not str or responses.__class__ is not list or len(responses) != 2:
        return None
    first, second = responses
    if first.__class__ is not dict or second.__class__ is not dict:
        return None
    if first.get("id") == choice:
        winner, loser = first.get("response_id"), second.get("response_id")
    elif second.get("id") == choice:
        winner, loser = second.get("response_id"), first.get("response_id")
    else:
        return None
    if winner.__class__ is not str or loser.__class__ is not str or winner == loser:
        return None
    return annotator + _SEP + prompt, winner, loser


def _cycles(edges: dict[tuple[str, str], int], limit: int) -> list[list[str]]:
    """Elementary cycles of the graph, each once, starting at its smallest node.

    The graphs are tiny (the responses to one prompt), so a depth-first search from each
    node through larger nodes only is enough; ``limit`` bounds the output.
    """
    succ: dict[str, list[str]] = {}
    for winner, loser in edges:
        succ.setdefault(winner, []).append(loser)
    for targets in succ.values():
        targets.sort()
    found: list[list[str]] = []
    for start in sorted(succ):
        path = [start]
        on_path = {start}
        stack = [iter(succ.get(start, ()))]
        while stack and len(found) < limit:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if nxt == start:
                found.append(list(path))
            elif nxt > start and nxt not in on_path:
                path.append(nxt)
                on_path.add(nxt)
                stack.append(iter(succ.get(nxt, ())))
        if len(found) >= limit:
            break
    return found


class PreferenceCycles:
    """Per ``annotator + prompt``: each edge ``(winner, loser)`` with where it was first seen."""

    __slots__ = ("edges", "limit")

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.limit = int((options or {}).get("max_cycles", 10))
        self.edges: dict[str, dict[tuple[str, str], int]] = {}

    def add(self, record: dict[str, Any], where: int) -> None:
        """Note the winner -> loser edge of a judgement with a winner."""
        label = record.get("label")
        if label.__class__ is not dict:
            return
        choice = label.get("preference")
        if choice != "a" and choice != "b":  # fast path: most records are not preferences
            return
        found = _edge(record)
        if found is None:
            return
        key, winner, loser = found
        group = self.edges.get(key)
        if group is None:
            group = self.edges[key] = {}
        edge = (winner, loser)
        first = group.get(edge)
        if first is None or where < first:
            group[edge] = where

    def merge(self, other: PreferenceCycles) -> None:
        """Absorb another shard: the union of the edges, each at its first place."""
        for key, theirs in other.edges.items():
            ours = self.edges.get(key)
            if ours is None:
                self.edges[key] = dict(theirs)
                continue
            for edge, where in theirs.items():
                first = ours.get(edge)
                if first is None or where < first:
                    ours[edge] = where

    def finish(self) -> list[DatasetProblem]:
        """One problem per cycle, at the judgement that closed it."""
        problems = []
        for key, group in self.edges.items():
            if len(group) < 2:
                continue
            annotator, _, prompt = key.partition(_SEP)
            for cycle in _cycles(group, self.limit):
                ring = [*cycle, cycle[0]]
                places = [group[(ring[i], ring[i + 1])] for i in range(len(cycle))]
                shown = " > ".join(ring)
                problems.append(
                    DatasetProblem(
                        where=max(places),
                        message=(
                            f"annotator {annotator!r} judged prompt {prompt!r} in a cycle: {shown}"
                        ),
                        pointer="/label/preference",
                        related=min(places),
                        resolve_id=True,
                    )
                )
        problems.sort(key=lambda p: (p.where, p.message))
        return problems

    def __getstate__(self) -> Any:
        return self.limit, self.edges

    def __setstate__(self, state: Any) -> None:
        self.limit, self.edges = state


ACCUMULATOR = PreferenceCycles


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> tuple[()]:
    """Dataset rule: see :data:`ACCUMULATOR`."""
    return ()
