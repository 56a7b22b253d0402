"""BOX004 on crowded images: the sweep finds exactly what comparing every pair finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validate.rules.boxes import box_duplicate
from validate.rules.boxes.box_duplicate import _AXIS_FROM, _sweep_axis, every_pair, swept

_coordinate = st.integers(min_value=0, max_value=60)
_box = st.tuples(
    st.sampled_from(["car", "bus", 1, True]),  # 1 and True are one category to both
    st.tuples(_coordinate, _coordinate, st.integers(1, 30), st.integers(1, 30)),
)


@settings(max_examples=300, deadline=None)
@given(
    boxes=st.lists(_box, min_size=2, max_size=40),
    threshold=st.sampled_from([0.0, 0.3, 0.5, 0.9]),
)
def test_the_sweep_finds_what_every_pair_finds(
    boxes: list[tuple[object, tuple[int, int, int, int]]], threshold: float
) -> None:
    found = [(index, category, xywh) for index, (category, xywh) in enumerate(boxes)]
    assert swept(found, threshold) == every_pair(found, threshold)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    pool=st.lists(_box, min_size=1, max_size=6),
    picks=st.lists(st.integers(0, 5), min_size=2, max_size=60),
    threshold=st.sampled_from([0.0, 0.5, 0.99, 1.0]),
)
def test_exact_copies_take_their_original_answer(
    pool: list[tuple[object, tuple[int, int, int, int]]], picks: list[int], threshold: float
) -> None:
    """Boxes drawn again and again from a few: most are exact copies of an earlier box."""
    boxes = [pool[k % len(pool)] for k in picks]
    found = [(index, category, xywh) for index, (category, xywh) in enumerate(boxes)]
    assert swept(found, threshold) == every_pair(found, threshold)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(  # past _AXIS_FROM boxes: the axis is chosen (top to bottom here)
        st.tuples(st.integers(0, 3), st.integers(0, 2000), st.integers(1, 600)),
        min_size=_AXIS_FROM + 1,
        max_size=_AXIS_FROM + 30,
    ),
    threshold=st.sampled_from([0.0, 0.3, 0.9]),
)
def test_columns_are_swept_along_their_rows(
    rows: list[tuple[int, int, int]], threshold: float
) -> None:
    """Boxes sharing a few left margins: the sweep runs top to bottom, with the same answer."""
    found = [
        (index, "line", (float(10 * margin), float(top), 300.0, float(height)))
        for index, (margin, top, height) in enumerate(rows)
    ]
    assert swept(found, threshold) == every_pair(found, threshold)


def test_a_column_of_text_lines_is_swept_top_to_bottom() -> None:
    lines = [{"category": "line", "bbox": [50, 20 * i, 500, 18]} for i in range(2000)]
    lines.append({"category": "line", "bbox": [51, 20 * 700, 500, 18]})  # a double click
    found = [(i, "line", tuple(map(float, b["bbox"]))) for i, b in enumerate(lines)]
    assert _sweep_axis(found, list(range(len(lines)))) == (1, 3)  # top to bottom
    words = [(0, "w", (0.0, 0.0, 5.0, 40.0)), (1, "w", (9.0, 1.0, 5.0, 40.0))]
    assert _sweep_axis(words, [0, 1]) == (0, 2)  # a row of words: left to right
    problems = list(box_duplicate.check({"label": {"boxes": lines}}, None, {"iou": 0.9}))
    assert [p.message for p in problems] == ["box 2000 duplicates box 700 (line, IoU 1.00)"]


def test_an_unhashable_category_falls_back_to_every_pair() -> None:
    found = [(0, ["car"], (0, 0, 10, 10)), (1, ["car"], (0, 0, 10, 10))]
    assert swept(found, 0.9) == every_pair(found, 0.9) == [(1, 0, 1.0)]  # type: ignore[arg-type]


def test_a_crowded_image_names_each_repeat_and_its_first_original() -> None:
    boxes = [{"category": "dog", "bbox": [x, 100, 50, 50]} for x in range(0, 1000, 100)]
    boxes += [
        {"category": "dog", "bbox": [101, 100, 50, 50]},
        {"category": "cat", "bbox": [300, 100, 50, 50]},
        {"category": "dog", "bbox": [900, 101, 50, 50]},
        {"category": "dog", "bbox": [100, 100, 50, 50]},  # repeats 1 and 10: 1 is named
    ]
    record = {"label": {"boxes": boxes}}
    problems = list(box_duplicate.check(record, None, {"iou": 0.9}))
    assert [(p.pointer, p.message) for p in problems] == [
        ("/label/boxes/10", "box 10 duplicates box 1 (dog, IoU 0.96)"),
        ("/label/boxes/12", "box 12 duplicates box 9 (dog, IoU 0.96)"),
        ("/label/boxes/13", "box 13 duplicates box 1 (dog, IoU 1.00)"),
    ]
