"""A changelog that does not match the version.

## What it checks
For every versioned source (rubrics, policies, bias checklists): the first changelog entry is
the current `version`; versions are listed newest first, each once; dates never go forward
as versions go back.

## Why it matters
Label records name the rubric version they were made under (`rubric_version`), and the
linter accepts only versions the changelog declares. A changelog that lags behind the
version makes valid records look stale, and annotators cannot see what changed.

## Failing example
```yaml
version: "1.1.0"
changelog:
  - {version: "1.0.0", date: "2026-10-01", changes: [First release.]}
```

## Passing example
```yaml
version: "1.1.0"
changelog:
  - {version: "1.1.0", date: "2026-11-01", changes: [Anchor for level 3 clarified.]}
  - {version: "1.0.0", date: "2026-10-01", changes: [First release.]}
```

## Options
None.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from validate.catalog import Catalog
from validate.findings import Problem, Severity

CODE = "SRC011"
NAME = "changelog-version"
SCOPE = "source"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def check(catalog: Catalog, options: dict[str, Any]) -> Iterator[Problem]:
    """Check version order and dates in every changelog."""
    for doc in catalog.loaded():
        entries = doc.data.get("changelog")
        version = doc.data.get("version")
        if not isinstance(entries, list) or not isinstance(version, str):
            continue
        valid = [
            (i, e)
            for i, e in enumerate(entries)
            if isinstance(e, dict)
            and isinstance(e.get("version"), str)
            and e["version"].count(".") == 2
            and all(p.isdigit() for p in e["version"].split("."))
        ]
        if valid and valid[0][1]["version"] != version:
            line, col = doc.position(("changelog", valid[0][0], "version"))
            yield Problem(
                f"the newest changelog entry is {valid[0][1]['version']!r} but version is "
                f"{version!r}; add an entry for {version!r} at the top",
                doc.display_path,
                line,
                col,
                pointer=f"/changelog/{valid[0][0]}/version",
            )
        for (_, newer), (j, older) in itertools.pairwise(valid):
            line, col = doc.position(("changelog", j, "version"))
            if _key(older["version"]) >= _key(newer["version"]):
                yield Problem(
                    f"changelog versions must be newest first and unique: "
                    f"{older['version']!r} follows {newer['version']!r}",
                    doc.display_path,
                    line,
                    col,
                    pointer=f"/changelog/{j}/version",
                )
            elif str(older.get("date", "")) > str(newer.get("date", "")):
                yield Problem(
                    f"version {older['version']!r} is dated {older.get('date')} after "
                    f"the newer {newer['version']!r} ({newer.get('date')})",
                    doc.display_path,
                    line,
                    col,
                    pointer=f"/changelog/{j}/date",
                )
