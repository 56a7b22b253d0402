"""Statistics core for dataset quality gates, ``rubricate report`` and ``rubricate aggregate``.

Pure Python + numpy, no dependency on the linter. Every per-dimension statistic a dataset rule
needs is a *mergeable accumulator*: ``add`` judgements, ``merge`` partial results computed on
shards (items may span shards), then ask for the result. Merging is associative and commutative
and results do not depend on the order in which judgements were added (property-tested).

Modules:

- :mod:`validate.stats.agreement`: Krippendorff's alpha (coincidence matrix, Krippendorff 2011),
  Fleiss' kappa, percent agreement, Cohen's kappa (plain and weighted), item bootstrap CIs,
  agreement with the consensus; alpha, its bootstrap and the consensus also from integer
  code arrays (:class:`~validate.stats.agreement.UnitCounts`), as the dataset rules keep them.
- :mod:`validate.stats.gold`: per-annotator gold accuracy (exact, ordinal tolerance, box IoU).
- :mod:`validate.stats.behaviour`: straight-lining, speed, self-contradiction, label
  distribution distance.
- :mod:`validate.stats.aggregate`: majority vote, Dawid-Skene EM, Bradley-Terry.
"""

from __future__ import annotations

from validate.stats.agreement import (
    CodedJudgements,
    CoincidenceAccumulator,
    bootstrap_ci,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
)

__all__ = [
    "CodedJudgements",
    "CoincidenceAccumulator",
    "bootstrap_ci",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "percent_agreement",
]
