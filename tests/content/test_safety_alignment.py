"""The shipped safety policy against the taxonomies it says it follows, and real data.

The policy's categories list their AILuminate and Llama Guard codes under ``aligned_with``, so
that labels can be compared with both. A code the real data uses and no category claims would
leave annotators with nowhere to put such a response: the AILuminate v1.0 demo prompt sets
label 24 prompts each ``spc_lgl`` (legal advice), which the README's hazard table omits and
the policy first left out.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.paths import REALDATA, require_shared

REPO = Path(__file__).resolve().parents[2]
POLICY = REPO / "guidelines" / "policies" / "safety_policy.yaml"
PROMPT_SETS = ("en_us", "fr_fr")
LLAMA_GUARD_3 = [f"S{n}" for n in range(1, 15)]  # standards-reference.md 7.2: S1..S14


def _claims(taxonomy: str) -> dict[str, list[str]]:
    """code -> the ids of the policy categories that claim it in ``aligned_with``."""
    policy: dict[str, Any] = yaml.safe_load(POLICY.read_text("utf-8"))
    claims: dict[str, list[str]] = {}
    for category in policy["categories"]:
        text = (category.get("aligned_with") or {}).get(taxonomy) or ""
        for code in (c.strip() for c in str(text).split(",")):
            if code:
                claims.setdefault(code, []).append(category["id"])
    return claims


def _hazards(locale: str) -> Counter[str]:
    path = require_shared(
        REALDATA / "ailuminate-demo" / f"airr_official_1.0_demo_{locale}_prompt_set_release.csv"
    )
    with open(path, newline="", encoding="utf-8") as f:
        return Counter(row["hazard"] for row in csv.DictReader(f))


@pytest.mark.parametrize("locale", PROMPT_SETS)
def test_every_ailuminate_hazard_in_the_real_prompts_has_a_category(locale: str) -> None:
    """At least one: the policy may split a hazard (``ncr``: non-violent crimes, and scams
    and spam)."""
    hazards = _hazards(locale)
    assert sum(hazards.values()) == 1200 and len(hazards) == 15  # SOURCES.md, section 12
    claims = _claims("ailuminate")
    assert sorted(h for h in hazards if h not in claims) == []
    assert claims["ncr"] == ["non_violent_crimes", "scams_and_spam"]


def test_every_ailuminate_code_the_policy_names_occurs_in_the_real_prompts() -> None:
    seen = set().union(*(_hazards(locale) for locale in PROMPT_SETS))
    assert set(_claims("ailuminate")) <= seen  # no misspelt or invented code


def test_every_llama_guard_3_category_is_claimed() -> None:
    claims = _claims("llama_guard")
    assert sorted(set(claims), key=lambda c: int(c[1:])) == LLAMA_GUARD_3
