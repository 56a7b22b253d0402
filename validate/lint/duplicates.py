"""A mergeable "seen twice" accumulator: the state behind LBL006 and LBL007.

Keeps one compact entry per distinct key (the key string and a packed location int), never the
records. Shards merge in any order: the earliest location (input order, then line) is always
the "first" one, and every later occurrence is reported, naming the first.
"""

from __future__ import annotations

from typing import Any

from validate.lint.model import DatasetProblem


class DuplicateKeys:
    """Counts keys; reports every occurrence after the first."""

    __slots__ = ("dups", "first")

    def __init__(self) -> None:
        self.first: dict[str, int] = {}
        # (key, where, record_id) of each later occurrence; few in practice.
        self.dups: list[tuple[str, int, str | None]] = []

    def add_key(self, key: str, where: int, record_id: str | None) -> None:
        """Note ``key`` at ``where`` (locations within one shard arrive in order)."""
        first = self.first.setdefault(key, where)
        if first != where:
            self.dups.append((key, where, record_id))

    def merge(self, other: DuplicateKeys) -> None:
        """Absorb another shard's state."""
        mine = self.first
        for key, where in other.first.items():
            known = mine.get(key)
            if known is None:
                mine[key] = where
            elif where < known:  # the other shard came first in the input
                mine[key] = where
                self.dups.append((key, known, None))
            else:
                self.dups.append((key, where, None))
        self.dups.extend(other.dups)

    def occurrences(self) -> list[tuple[str, int, int, str | None]]:
        """``(key, where, first_where, record_id)`` for every repeated occurrence, in order."""
        return sorted((key, where, self.first[key], rid) for key, where, rid in self.dups)

    def __getstate__(self) -> Any:
        return self.first, self.dups

    def __setstate__(self, state: Any) -> None:
        self.first, self.dups = state


def problems(dups: DuplicateKeys, message: Any) -> list[DatasetProblem]:
    """Problems from ``message(key, record_id) -> (text, record_id, pointer)``."""
    out = []
    for key, where, first, rid in dups.occurrences():
        text, record_id, ptr = message(key, rid)
        out.append(
            DatasetProblem(where, text, record_id, ptr, related=first, resolve_id=record_id is None)
        )
    return out
