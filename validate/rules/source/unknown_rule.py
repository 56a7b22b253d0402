"""A rubric that names a rule that does not exist, or gives it bad options.

## What it checks
That every code under a rubric's `rules:` is a registered rule, that its options match the
rule's option schema (unknown option names are reported by name), and that every code a
mistake example `expect`s is a registered rule.

## Why it matters
A misspelt code silently switches a rule off for the whole rubric; a misspelt option silently
leaves the default in force.

## Failing example
```yaml
rules:
  LKT999: {}
  LKT003: {levelz: [1, 5]}
```

## Passing example
```yaml
rules:
  LKT003: {levels: [1, 5]}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity

CODE = "SRC015"
NAME = "unknown-rule"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Resolve rule codes and validate their options."""
    from validate.rules.registry import RULES  # imported late: the registry imports this module

    for doc in catalog.loaded("rubric"):
        rules = doc.data.get("rules")
        if isinstance(rules, dict):
            for code, given in rules.items():
                line, col = doc.position(("rules", code), key=True)
                rule = RULES.get(code)
                if rule is None:
                    yield Problem(f"unknown rule {code!r}", doc.display_path, line, col)
                    continue
                yield from _option_problems(doc.display_path, doc, code, given or {}, rule)
        for i, example in enumerate(doc.data.get("mistakes") or []):
            if not isinstance(example, dict):
                continue
            for j, code in enumerate(example.get("expect") or []):
                if isinstance(code, str) and code not in RULES:
                    line, col = doc.position(("mistakes", i, "expect", j))
                    yield Problem(
                        f"mistake example expects unknown rule {code!r}",
                        doc.display_path,
                        line,
                        col,
                    )


def _option_problems(path: str, doc: Any, code: str, given: Any, rule: Any) -> Iterator[Problem]:
    for problem in rule.option_problems(given):
        line, col = doc.position(("rules", code, *problem.path), key=problem.name)
        yield Problem(problem.message, path, line, col)
