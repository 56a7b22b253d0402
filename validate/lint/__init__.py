"""The label-file linter: readers, compiled rubrics, the engine and the rule contracts.

Record rules are pure functions ``check(record, rubric, options) -> Iterable[RecordProblem]``
(see :class:`validate.lint.model.RecordProblem`); dataset rules are mergeable accumulators
(see :class:`validate.lint.model.Accumulator`). The engine lives in :mod:`validate.lint.engine`.
"""

from __future__ import annotations

from validate.lint.model import Accumulator, DatasetProblem, RecordProblem, pack, unpack

__all__ = ["Accumulator", "DatasetProblem", "RecordProblem", "pack", "unpack"]
