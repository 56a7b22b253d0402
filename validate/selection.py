"""Which rules run: ``select`` / ``ignore`` with prefix matching, as flake8 and ruff do it.

* A selector is a code (``SRC008``), a code prefix (``SRC``, ``SRC0``), a rule name
  (``schema-violation``) or ``ALL``.
* ``select`` defaults to ``ALL``; ``extend_select`` / ``extend_ignore`` add to the lists.
* For each code the longest matching selector decides; on a tie, ``ignore`` wins.
* ``per_file_ignores`` maps a glob (matched against the reported path) to selectors.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from validate.rules.base import RuleInfo


class SelectionError(ValueError):
    """A selector that matches no rule (a typo, usually)."""


def _specificity(selector: str, code: str) -> int:
    """Length of the match of ``selector`` on ``code``; -1 when it does not match."""
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


@dataclass
class RuleSelection:
    """Decides whether a rule is enabled, globally and for one file."""

    rules: Mapping[str, RuleInfo]
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    _answers: dict[str | tuple[str, str], bool] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def build(
        cls,
        rules: Mapping[str, RuleInfo],
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (),
        extend_ignore: Iterable[str] = (),
        per_file_ignores: Mapping[str, Iterable[str]] | None = None,
    ) -> RuleSelection:
        """Normalise selectors (names to codes) and reject unknown ones."""
        selection = cls(rules=rules)
        selection.select = [selection._normalise(s) for s in [*(select or ["ALL"]), *extend_select]]
        selection.ignore = [selection._normalise(s) for s in [*ignore, *extend_ignore]]
        selection.per_file_ignores = {
            glob: [selection._normalise(s) for s in selectors]
            for glob, selectors in (per_file_ignores or {}).items()
        }
        return selection

    def _normalise(self, selector: str) -> str:
        text = selector.strip()
        by_name = {info.name: code for code, info in self.rules.items()}
        if text in by_name:
            return by_name[text]
        text = text.upper()
        if text == "ALL" or any(code.startswith(text) for code in self.rules):
            return text
        raise SelectionError(f"unknown rule or prefix {selector!r}")

    def enabled(self, code: str) -> bool:
        """True when ``code`` is selected and not ignored (longest selector wins)."""
        found = self._answers.get(code)
        if found is None:
            found = self._answers[code] = self._enabled(code)
        return found

    def _enabled(self, code: str) -> bool:
        best_select = max((_specificity(s, code) for s in self.select), default=-1)
        best_ignore = max((_specificity(s, code) for s in self.ignore), default=-1)
        return best_select >= 0 and best_select > best_ignore

    def enabled_for_file(self, code: str, path: str) -> bool:
        """Like :meth:`enabled`, also honouring ``per_file_ignores`` for ``path``.

        Remembered, as :meth:`enabled` is: a run asks once per finding and per file, and a
        run over many files may ask tens of thousands of times (the selectors do not change
        after :meth:`build`).
        """
        key = (code, path)
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = self._enabled_for_file(code, path)
        return found

    def _enabled_for_file(self, code: str, path: str) -> bool:
        if not self.enabled(code):
            return False
        normalised = path.replace("\\", "/")
        for glob, selectors in self.per_file_ignores.items():
            matches = fnmatch.fnmatch(normalised, glob) or fnmatch.fnmatch(normalised, f"*/{glob}")
            if matches and any(_specificity(s, code) >= 0 for s in selectors):
                return False
        return True

    def enabled_rules(self) -> list[RuleInfo]:
        """Every enabled rule, in registry order."""
        return [info for code, info in self.rules.items() if self.enabled(code)]
