"""A preference pair whose two dialogues differ before the final reply.

## What it checks
In chosen/rejected pairs (HH-RLHF transcripts), that the dialogue before the last `Assistant:` turn is the same on both sides. When it is not, the prompt is taken from `chosen` and the rejected side's own context is kept in `item.responses[1].context`.

## Why it matters
A preference compares two replies to one prompt; replies to different conversations are not comparable, and a reward model trained on them learns noise.

## Failing example
```json
{"chosen": "\n\nHuman: Hi\n\nAssistant: Hello!", "rejected": "\n\nHuman: Hey there\n\nAssistant: Go away."}
```

## Passing example
```json
{"chosen": "\n\nHuman: Hi\n\nAssistant: Hello!", "rejected": "\n\nHuman: Hi\n\nAssistant: Go away."}
```

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP009"
NAME = "prompt-mismatch"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP009 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
