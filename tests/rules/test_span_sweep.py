"""SPN003 on long span lists: the sweeps answer exactly what comparing every pair answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.rules.spans import span_overlap
from validate.rules.spans.sweep import (
    Span,
    first_against_pairwise,
    first_against_swept,
    overlaps_pairwise,
    overlaps_swept,
)

_bounds = st.tuples(st.integers(0, 25), st.integers(0, 8)).map(lambda t: (t[0], t[0] + t[1]))
_spans = st.lists(
    st.tuples(_bounds, st.sampled_from(["text", "response"])), min_size=0, max_size=40
).map(lambda items: [(a, b, field, f"/label/spans/{i}") for i, ((a, b), field) in enumerate(items)])


@settings(max_examples=500, deadline=None)
@given(found=_spans, identical=st.booleans())
def test_the_overlap_sweep_reports_what_every_pair_reports(
    found: list[Span], identical: bool
) -> None:
    assert overlaps_swept(found, identical) == overlaps_pairwise(found, identical)


@settings(max_examples=500, deadline=None)
@given(found=_spans, others=_spans)
def test_the_against_sweep_names_the_first_overlapping_span(
    found: list[Span], others: list[Span]
) -> None:
    assert first_against_swept(found, others) == first_against_pairwise(found, others)


def test_thousands_of_nested_spans_are_swept() -> None:
    """3,000 spans that all contain each other: one finding per span but the first, each
    against the span listed first (pairwise, 4.5 million pairs)."""
    count = 3000
    spans = [{"start": i, "end": 2 * count - i} for i in range(count)]
    record = {"item": {"text": "x" * 2 * count}, "label": {"claims": spans}}
    options = span_overlap.prepare(None, {"spans": "claims", "text_field": "text"})
    problems = list(span_overlap.check(record, None, options))
    assert len(problems) == count - 1
    assert problems[0].message == "claims: span [1, 5999) overlaps span [0, 6000) (/label/claims/0)"
    assert problems[-1].pointer == f"/label/claims/{count - 1}"
