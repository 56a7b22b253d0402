"""Fixed rules, findings and reports shared by the reporter tests.

Everything here is deliberately constant: the golden files under ``golden/`` are the exact
output for these objects, so changing a value here means re-reading every golden by hand.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import Any

from validate.findings import Finding, Severity
from validate.reporting.model import Report
from validate.rules.base import RuleInfo, rule_info

GOLDEN = Path(__file__).parent / "golden"

FILE_A = "data/a.jsonl"
FILE_B = "data/batch 2,v1.csv"  # a space and a comma: URI and property escaping
FILE_CLEAN = "data/clean.jsonl"

ESCAPE_MESSAGE = (
    'field "id" is required: 100% of keys checked, none named id,\n'
    'value was <script>alert("x")</script> & more'
)


def make_rule(
    code: str, name: str, severity: Severity, summary: str, scope: str = "record"
) -> RuleInfo:
    """A RuleInfo read from a fake rule module with the documented docstring headings."""
    module = types.ModuleType(f"fake_rules.{name.replace('-', '_')}")
    module.CODE = code  # type: ignore[attr-defined]
    module.NAME = name  # type: ignore[attr-defined]
    module.SCOPE = scope  # type: ignore[attr-defined]
    module.DEFAULT_SEVERITY = severity  # type: ignore[attr-defined]
    module.OPTIONS = {"type": "object", "properties": {}}  # type: ignore[attr-defined]
    module.__doc__ = f"""{summary}.

## What it checks

{summary} ({code}).

## Why it matters

Bad labels train bad models.

## Failing example

```json
{{"id": "lbl-1", "label": {{}}}}
```

## Passing example

```json
{{"id": "lbl-1", "label": {{"ok": true}}}}
```

## Options

None.
"""
    return rule_info(module)


RULES: dict[str, RuleInfo] = {
    rule.code: rule
    for rule in (
        make_rule("BOX001", "box-out-of-bounds", Severity.ERROR, "Boxes must lie inside the image"),
        make_rule(
            "DST001",
            "agreement-below-minimum",
            Severity.INFO,
            "Agreement must reach the rubric's minimum",
            scope="dataset",
        ),
        make_rule("LBL001", "missing-required-field", Severity.ERROR, "Required fields exist"),
        make_rule("LKT001", "score-out-of-range", Severity.ERROR, "Scores lie on the scale"),
        make_rule(
            "RNK001", "ranking-not-permutation", Severity.WARNING, "Rankings are permutations"
        ),
    )
}


def finding(
    file: str,
    line: int,
    column: int,
    code: str,
    message: str,
    *,
    severity: Severity | None = None,
    record_id: str | None = None,
    pointer: str | None = None,
) -> Finding:
    """A Finding for one of :data:`RULES`, severity defaulting to the rule's."""
    rule = RULES[code]
    return Finding(
        file=file,
        line=line,
        column=column,
        code=code,
        name=rule.name,
        severity=severity if severity is not None else rule.default_severity,
        message=message,
        record_id=record_id,
        pointer=pointer,
    )


FINDINGS: list[Finding] = sorted(
    [
        finding(
            FILE_A,
            0,
            0,
            "DST001",
            "Krippendorff's alpha 0.41 is below the rubric's minimum 0.67 (120 items)",
        ),
        finding(
            FILE_A,
            3,
            12,
            "LKT001",
            'score 7 for dimension "helpfulness" is outside the scale 1-5',
            record_id="lbl-000003",
            pointer="/label/scores/helpfulness",
        ),
        finding(FILE_A, 5, 1, "LBL001", ESCAPE_MESSAGE, pointer=""),
        finding(
            FILE_B,
            2,
            1,
            "RNK001",
            'ranking ["r1", "r1"] is not a permutation of the item\'s responses',
            record_id="row-2",
            pointer="/label/ranking",
        ),
        finding(
            FILE_B,
            4,
            9,
            "LKT001",
            'score 0 for dimension "honesty" is outside the scale 1-5',
            record_id="row-4",
            pointer="/label/scores/honesty",
        ),
    ]
)

SUMMARY: dict[str, Any] = {
    "files": 3,
    "records": 1000,
    "findings": 5,
    "by_severity": {"error": 3, "warning": 1, "info": 1},
    "fail_on": "error",
    "failed": True,
}
METRICS: dict[str, Any] = {"gold_accuracy": 0.93, "agreement": {"krippendorff_alpha": 0.41}}


def many_findings(count: int) -> list[Finding]:
    """``count`` parse errors on lines 1..count of one file: enough to stream in pieces."""
    return [
        Finding("a.jsonl", n, 1, "LBL001", "invalid-json", Severity.ERROR, f"bad {n}")
        for n in range(1, count + 1)
    ]


def build_report(**overrides: Any) -> Report:
    """The fixed sample report, with any field replaced."""
    fields: dict[str, Any] = {
        "findings": list(FINDINGS),
        "files": [FILE_A, FILE_B, FILE_CLEAN],
        "rules": dict(RULES),
        "summary": dict(SUMMARY),
        "metrics": dict(METRICS),
    }
    fields.update(overrides)
    return Report(**fields)
