"""Mergeable "seen twice" accumulators: the state behind LBL006 and LBL007.

Two variants share one contract: shards merge in input order, the earliest location (input
order, then line) is the "first" one, and every later occurrence is reported, naming the first.

:class:`HashedRepeats` (files on disk, the usual case) keeps 16 bytes per record: the key's
hash and the packed location, in two arrays. Duplicates are found by sorting the hashes when
the run ends; the engine then reads the few candidate records back from the files
(:meth:`HashedRepeats.wanted`, :meth:`HashedRepeats.give`), and their real keys confirm each
repeat and name it in the message, so a hash collision is never reported. A dict of a million
key strings took ~115 MB and its random inserts slowed every record; the arrays take 16 MB.
Python's ``hash`` differs between interpreters, but the ``--jobs`` workers are forked from the
process that merges their results, so every shard hashes alike.

:class:`ExactRepeats` keeps each distinct key itself. It serves inputs that cannot be read a
second time (standard input, files converted by an importer while they stream).

A rule module subclasses both with a :class:`RepeatKey` mixin (how to key a record, what to
say) and names the exact variant in its hashed accumulator's ``for_streams``.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Mapping
from typing import Any, ClassVar

import numpy as np

from validate.lint.model import DatasetProblem


class RepeatKey:
    """What a rule counts: a record's key and the message for a repeat."""

    __slots__ = ()

    FIELDS: ClassVar[tuple[str, ...]] = ()
    """The record fields :meth:`key` reads: all that is read back of a candidate record."""

    @staticmethod
    def key(record: Mapping[str, Any]) -> Hashable | None:
        """The record's key (``None``: the record is not considered)."""
        raise NotImplementedError

    @staticmethod
    def message(key: Any, record_id: str | None) -> tuple[str, str | None, str]:
        """``(text, record_id, pointer)`` for a repeat of ``key`` (``key`` is ``None`` when
        the record could not be read back: the file changed during the run)."""
        raise NotImplementedError


class DuplicateKeys:
    """Counts keys exactly; reports every occurrence after the first."""

    __slots__ = ("dups", "first")

    def __init__(self) -> None:
        self.first: dict[Hashable, int] = {}
        # (key, where, record_id) of each later occurrence; few in practice.
        self.dups: list[tuple[Any, int, str | None]] = []

    def add_key(self, key: Hashable, where: int, record_id: str | None) -> None:
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

    def occurrences(self) -> list[tuple[Any, int, int, str | None]]:
        """``(key, where, first_where, record_id)`` for every repeated occurrence, in order."""
        return sorted(
            ((key, where, self.first[key], rid) for key, where, rid in self.dups),
            key=lambda o: o[1],
        )

    def __getstate__(self) -> Any:
        return self.first, self.dups

    def __setstate__(self, state: Any) -> None:
        self.first, self.dups = state


class ExactRepeats(RepeatKey):
    """The exact variant (see the module doc): one dict entry per distinct key."""

    __slots__ = ("keys",)

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.keys = DuplicateKeys()

    def add(self, record: dict[str, Any], where: int) -> None:
        """Note the record's key."""
        key = self.key(record)
        if key is not None:
            rid = record.get("id")
            self.keys.add_key(key, where, rid if rid.__class__ is str else None)

    def merge(self, other: ExactRepeats) -> None:
        """Absorb a later shard."""
        self.keys.merge(other.keys)

    def finish(self) -> list[DatasetProblem]:
        """One problem per repeat; ids of repeats seen across shards are read back."""
        out = []
        for key, where, first, rid in self.keys.occurrences():
            text, record_id, ptr = self.message(key, rid)
            out.append(
                DatasetProblem(
                    where, text, record_id, ptr, related=first, resolve_id=record_id is None
                )
            )
        return out

    def __getstate__(self) -> Any:
        return self.keys

    def __setstate__(self, state: Any) -> None:
        self.keys = state


_UNREAD = object()  # the key of a candidate that could not be read back: trust its hash


class HashedRepeats(RepeatKey):
    """The hashed variant (see the module doc). Subclasses write :meth:`add` for speed: append
    ``hash(key)`` to :attr:`hashes` and the location to :attr:`wheres`."""

    __slots__ = ("_groups", "_records", "hashes", "wheres")

    for_streams: ClassVar[type[ExactRepeats]]
    """The exact variant, for inputs that cannot be read back."""

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.hashes = array("q")
        self.wheres = array("q")
        self._groups: list[list[int]] | None = None
        self._records: Mapping[int, Mapping[str, Any]] = {}

    def merge(self, other: HashedRepeats) -> None:
        """Absorb a later shard."""
        self.hashes.extend(other.hashes)
        self.wheres.extend(other.wheres)
        self._groups = None

    def candidate_groups(self) -> list[list[int]]:
        """Locations sharing a hash, in input order, one list per hash seen more than once."""
        if self._groups is None:
            self._groups = _same_hash_groups(self.hashes, self.wheres)
        return self._groups

    def wanted(self) -> set[int]:
        """The locations of the records to read back (the candidates)."""
        return {where for group in self.candidate_groups() for where in group}

    def give(self, records: Mapping[int, Mapping[str, Any]]) -> None:
        """The records read back at :meth:`wanted` locations (missing: not readable)."""
        self._records = records

    def finish(self) -> list[DatasetProblem]:
        """One problem per confirmed repeat, in input order."""
        out = []
        for group in self.candidate_groups():
            firsts: dict[Any, int] = {}
            for where in group:
                record = self._records.get(where)
                key = self.key(record) if record is not None else None
                if key is None:
                    key = _UNREAD
                first = firsts.setdefault(key, where)
                if first == where:
                    continue
                rid = record.get("id") if record is not None else None
                text, record_id, ptr = self.message(
                    None if key is _UNREAD else key, rid if rid.__class__ is str else None
                )
                out.append(DatasetProblem(where, text, record_id, ptr, related=first))
        out.sort(key=lambda p: p.where)
        return out

    def __getstate__(self) -> Any:
        return self.hashes, self.wheres

    def __setstate__(self, state: Any) -> None:
        self.hashes, self.wheres = state
        self._groups = None
        self._records = {}


def _same_hash_groups(hashes: array[int], wheres: array[int]) -> list[list[int]]:
    if len(hashes) < 2:
        return []
    h = np.array(hashes, dtype=np.int64)
    w = np.array(wheres, dtype=np.int64)
    order = np.lexsort((w, h))  # by hash, then location
    h = h[order]
    repeat = h[1:] == h[:-1]
    if not repeat.any():
        return []
    w = w[order]
    starts = np.flatnonzero(np.concatenate(([True], ~repeat)))
    ends = np.append(starts[1:], h.size)
    keep = ends - starts > 1
    return [w[a:b].tolist() for a, b in zip(starts[keep], ends[keep], strict=True)]
