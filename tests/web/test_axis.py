"""The timeline's year axis (web/axis.py): labels that never overlap, at any span."""

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from readingroom.web.axis import LABEL_GAP, STEPS, axis, label_width

LEFT, RIGHT = 20.0, 980.0


def _boxes(drawn):
    """Each tick label's box, as the drawing centres it on its tick."""
    return sorted((x - drawn.label_width / 2, x + drawn.label_width / 2) for x, _ in drawn.ticks)


def _assert_readable(drawn, left, right):
    boxes = _boxes(drawn)
    assert boxes, "at least one label"
    for (_, end), (start, _) in itertools.pairwise(boxes):
        assert start - end >= LABEL_GAP - 0.01, boxes
    assert boxes[0][0] >= left - 0.01
    assert boxes[-1][1] <= right + 0.01


def _points(years):
    return [(y, y + 1) for y in years]


def test_a_long_span_breaks_across_its_empty_centuries():
    drawn = axis(_points([1533, 1580, 1588, 1592, 1595, 1993]), LEFT, RIGHT)
    assert [(s.first, s.last) for s in drawn.segments] == [(1530, 1600), (1990, 1995)]
    assert [(low, high) for _, low, high in drawn.breaks] == [(1600, 1990)]
    labelled = [year for _, year in drawn.ticks]
    assert 1990 in labelled
    assert any(1530 <= y <= 1600 for y in labelled)
    # 1580, 1595 and 1993 stand well apart.
    xs = [drawn.x(y + 0.5) for y in (1580, 1595, 1993)]
    assert xs[1] - xs[0] > 50
    assert xs[2] - xs[1] > 50
    _assert_readable(drawn, LEFT, RIGHT)


def test_a_life_with_no_gap_is_one_segment_labelled_every_five_or_ten_years():
    drawn = axis([(1890, 1947), (1926, 1927), (1939, 1940)], LEFT, RIGHT)
    assert len(drawn.segments) == 1
    assert drawn.segments[0].step in (5, 10)
    assert drawn.x(1890) < drawn.x(1947)
    _assert_readable(drawn, LEFT, RIGHT)


def test_the_step_grows_as_the_room_shrinks():
    wide = axis([(1900, 1950)], 0, 2000)
    narrow = axis([(1900, 1950)], 0, 300)
    assert wide.segments[0].step < narrow.segments[0].step
    assert wide.segments[0].step in STEPS
    assert narrow.segments[0].step in STEPS


def test_a_single_year_gets_a_label():
    drawn = axis([(1917.2, 1917.3)], LEFT, RIGHT)
    assert drawn.ticks
    assert drawn.segments[0].first <= 1917 <= drawn.segments[0].last
    _assert_readable(drawn, LEFT, RIGHT)


def test_nothing_to_draw():
    assert axis([], LEFT, RIGHT) is None


def test_label_width_counts_characters():
    assert label_width("1990") == 2 * label_width("19")


years = st.lists(st.integers(1000, 2030), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(years, st.lists(st.tuples(st.integers(1000, 2030), st.integers(0, 80)), max_size=5),
       st.integers(300, 2400))  # fmt: skip
@example([1580, 1595, 1993], [], 960)
@example([1580, 1588, 1595, 1993], [(1533, 59)], 300)
@example([1917], [], 300)
@example([1000, 1500, 2030], [], 300)
def test_no_two_labels_overlap_at_any_span_and_width(points, spans, width):
    extents = _points(points) + [(a, a + n) for a, n in spans]
    drawn = axis(extents, 10, 10 + width)
    _assert_readable(drawn, 10, 10 + width)
    # Everything drawn is inside a segment, in order.
    for start, end in extents:
        assert any(s.first <= start <= end <= s.last for s in drawn.segments)
    xs = [drawn.x(y + 0.5) for y in sorted(points)]
    assert xs == sorted(xs)
    assert all(10 <= x <= 10 + width for x in xs)
