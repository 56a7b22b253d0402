"""What every DST accumulator shares: the run context, the observation of a record, and
first-line bookkeeping.

Subclasses implement ``observe(obs, where)`` (called for records whose rubric is known and
whose label is an object), ``merge`` and ``finish``. State is compact (ids, values, packed
locations); the context is not pickled (workers and the parent read their own, see
:mod:`validate.rules.dataset.gates`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from validate.lint.model import DatasetProblem
from validate.rules.dataset.gates import DatasetContext, current_context
from validate.rules.dataset.profile import Observation


def keep_first(table: dict[Hashable, int], key: Hashable, where: int) -> None:
    """Keep the smallest packed location of ``key`` (merge-order independent)."""
    old = table.get(key)
    if old is None or where < old:
        table[key] = where


def merge_first(table: dict[Hashable, int], other: dict[Hashable, int]) -> None:
    """:func:`keep_first` for every entry of ``other``."""
    for key, where in other.items():
        keep_first(table, key, where)


def fmt(x: float | None, digits: int = 2) -> str:
    """A number for a message (``undefined`` for ``None``)."""
    return "undefined" if x is None else f"{x:.{digits}f}"


class DatasetAccumulator:
    """Base of the DST accumulators (see the module doc)."""

    def __init__(
        self, options: dict[str, Any] | None = None, context: DatasetContext | None = None
    ) -> None:
        self.options: dict[str, Any] = dict(options or {})
        self._context = context

    @property
    def context(self) -> DatasetContext:
        """The context given to the constructor, else the run's."""
        return self._context if self._context is not None else current_context()

    def add(self, record: dict[str, Any], where: int) -> None:
        """Observe one record (any rubric)."""
        obs = self.context.observe(record)
        if obs is not None:
            self.observe(obs, where)

    def observe(self, obs: Observation, where: int) -> None:  # pragma: no cover - abstract
        """Take one observation."""
        raise NotImplementedError

    def merge(self, other: Any) -> None:  # pragma: no cover - abstract
        """Absorb another shard's state."""
        raise NotImplementedError

    def finish(self) -> list[DatasetProblem]:  # pragma: no cover - abstract
        """The problems over everything added and merged."""
        raise NotImplementedError

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_context"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> tuple[()]:
    """Dataset rules have no per-record check (see ``ACCUMULATOR``)."""
    return ()
