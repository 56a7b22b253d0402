"""What every DST accumulator shares: the run context, the shared observation table, and
first-location bookkeeping.

An accumulator's state is an :class:`~validate.rules.dataset.table.ObservationTable`: ``add``
buffers records into it, ``merge`` appends another shard's table, and ``finish`` computes the
rule's findings from the table's columns. The lint engine and ``rubricate report`` fill one
table per shard for all the DST rules together and hand the merged table to each rule
(:meth:`DatasetAccumulator.use`), so a record is read once, not once per rule. The context
is not pickled (workers and the parent read their own, see
:mod:`validate.rules.dataset.gates`).
"""

from __future__ import annotations

from typing import Any

from validate.lint.model import DatasetProblem
from validate.rules.dataset.gates import DatasetContext, current_context
from validate.rules.dataset.table import ObservationTable


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
        self.table = ObservationTable(context.profiles if context is not None else None)

    @property
    def context(self) -> DatasetContext:
        """The context given to the constructor, else the run's."""
        return self._context if self._context is not None else current_context()

    def add(self, record: dict[str, Any], where: int) -> None:
        """Observe one record (any rubric)."""
        self.table.add(record, where)

    def merge(self, other: DatasetAccumulator) -> None:
        """Absorb another shard's state (a later shard of the same input)."""
        self.table.merge(other.table)

    def use(self, table: ObservationTable) -> DatasetAccumulator:
        """Read ``table`` (shared with the other DST rules) instead of an own one."""
        self.table = table
        return self

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
