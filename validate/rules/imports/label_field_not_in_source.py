"""The rubric requires a label field the source format does not record.

## What it checks
Once per file: the rubric's label schema requires fields that the source format has no value for (for example `strength` and `dimensions` of `rlhf_preference` from HH-RLHF pairs), or the item fields the rubric's item contract names cannot be filled (the language pair of a WMT MQM file whose name does not give it, when the mapping file's `fields` set no `source_lang` and `target_lang`). The converter does not invent them.

## Why it matters
Every converted record will fail the label schema for the same reason; this says why once, and how to convert losslessly (`--rubric response_ranking`).

## Failing example
`rubricate convert --from preference-pairs pairs.jsonl --rubric rlhf_preference`

## Passing example
`rubricate convert --from preference-pairs pairs.jsonl --rubric response_ranking`

## Options
None.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validate.findings import Severity
from validate.lint.model import RecordProblem

CODE = "IMP010"
NAME = "label-field-not-in-source"
SCOPE = "record"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"type": "object", "properties": {}}


def check(record: dict[str, Any], rubric: Any, options: dict[str, Any]) -> Iterable[RecordProblem]:
    """Nothing to check on a converted record: the importer reports IMP010 while converting
    (see :mod:`validate.importers`), as the YAML loader reports syntax errors."""
    return ()
