"""The timeline's year axis: where each year goes, and which years are labelled.

Pure arithmetic, no Django. Years an author's timeline covers may span centuries
with nothing between (a 1580 book, a 1595 edition, a 1993 translation): a gap of
more than ``MIN_GAP`` years, and more than a fifth of the whole span, breaks the
axis in two, each segment scaled to its own years (one scale for all where room
allows; a segment too short for two labels gets that room). Each segment labels
every ``step`` years, the smallest of ``STEPS`` whose labels, at their estimated
width, leave ``LABEL_GAP`` between them; a segment keeps half a label's width free
at each end, so no label crosses into the next segment or off the drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

STEPS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)
FONT_SIZE = 13.0  # the tick labels' size in the drawing's units (site.css: .tick-label)
CHAR_WIDTH = 0.66  # a digit's width as a share of the font size (DejaVu Sans: 0.636)
LABEL_GAP = 6.0
BREAK = 34.0  # the room a break in the axis takes
MIN_GAP = 20  # years with nothing in them before the axis may break there
MAX_BREAKS = 3


def label_width(text: str, font_size: float = FONT_SIZE) -> float:
    """An estimate, a little generous, of how wide a label of digits is drawn."""
    return len(text) * font_size * CHAR_WIDTH


@dataclass
class Segment:
    """Years ``first`` to ``last`` drawn from ``left`` to ``right``, ``pad`` in from
    each end."""

    first: int
    last: int
    left: float = 0.0
    right: float = 0.0
    pad: float = 0.0
    step: int = 1
    ticks: list[int] = field(default_factory=list)

    @property
    def years(self) -> int:
        return self.last - self.first

    @property
    def scale(self) -> float:
        """Units a year."""
        return (self.right - self.left - 2 * self.pad) / max(self.years, 1)

    def x(self, year: float) -> float:
        return self.left + self.pad + (year - self.first) * self.scale


@dataclass
class Axis:
    segments: list[Segment]
    label_width: float

    def x(self, year: float) -> float:
        """Where a year (a fraction of one too) goes: in its segment, or, between two,
        at the break."""
        for index, segment in enumerate(self.segments):
            if year <= segment.last or index == len(self.segments) - 1:
                if year >= segment.first or index == 0:
                    return round(segment.x(year), 1)
                return round((self.segments[index - 1].right + segment.left) / 2, 1)
        raise AssertionError("an axis has a segment")

    @property
    def ticks(self) -> list[tuple[float, int]]:
        return [(round(s.x(year), 1), year) for s in self.segments for year in s.ticks]

    @property
    def breaks(self) -> list[tuple[float, int, int]]:
        """Each break's middle, and the last year before it and the first after."""
        pairs = zip(self.segments, self.segments[1:], strict=False)
        return [(round((a.right + b.left) / 2, 1), a.last, b.first) for a, b in pairs]

    @property
    def first(self) -> int:
        return self.segments[0].first

    @property
    def last(self) -> int:
        return self.segments[-1].last


def _covered(extents: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """The runs of whole years the extents cover, merged where they touch."""
    runs: list[tuple[int, int]] = []
    for start, end in sorted((math.floor(a), math.ceil(max(a, b))) for a, b in extents):
        end = max(end, start + 1)
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def _segments(runs: list[tuple[int, int]], breaks: int) -> list[Segment]:
    """Runs joined except across the widest gaps long enough to break at, each
    widened to whole fives."""
    whole = runs[-1][1] - runs[0][0]
    gaps = sorted(
        (runs[i + 1][0] - runs[i][1], i)
        for i in range(len(runs) - 1)
        if runs[i + 1][0] - runs[i][1] > max(MIN_GAP, whole / 5)
    )
    cut = sorted(i for _, i in gaps[len(gaps) - breaks :])
    segments: list[Segment] = []
    begin = 0
    for index in [*cut, len(runs) - 1]:
        first, last = runs[begin][0] // 5 * 5, -(-runs[index][1] // 5) * 5
        if segments and first <= segments[-1].last:
            segments[-1].last = last  # widened, they meet: no break after all
        else:
            segments.append(Segment(first, last))
        begin = index + 1
    return segments


def _place(segments: list[Segment], left: float, right: float, pad: float, least: float) -> None:
    """Share the room between the segments at one scale, but at least ``least`` inside
    each segment's pads."""
    room = right - left - BREAK * (len(segments) - 1) - 2 * pad * len(segments)
    small: set[int] = set()
    while True:
        years = sum(s.years for i, s in enumerate(segments) if i not in small)
        scale = (room - least * len(small)) / max(years, 1)
        now = {i for i, s in enumerate(segments) if i in small or s.years * scale < least}
        if now == small:
            break
        small = now
        if len(small) == len(segments):
            break
    x = left
    for index, segment in enumerate(segments):
        inner = least if index in small else segment.years * scale
        if len(small) == len(segments):
            inner = room / len(segments)
        segment.left, segment.pad, segment.right = x, pad, x + inner + 2 * pad
        x = segment.right + BREAK


def axis(
    extents: list[tuple[float, float]],
    left: float,
    right: float,
    font_size: float = FONT_SIZE,
) -> Axis | None:
    """The axis for things from ``start`` to ``end`` (fractional years) drawn between
    ``left`` and ``right``; None with nothing to draw."""
    if not extents:
        return None
    runs = _covered(extents)
    digits = max(len(str(runs[0][0])), len(str(runs[-1][1] + 5)))
    width = label_width("8" * digits, font_size)
    pad, least = width / 2 + 1, 2 * (width + LABEL_GAP)
    for breaks in range(MAX_BREAKS, -1, -1):
        # Fewer breaks where the room is too small for every segment's labels.
        segments = _segments(runs, breaks)
        if len(segments) * (least + 2 * pad) + BREAK * (len(segments) - 1) <= right - left:
            break
    _place(segments, left, right, pad, least)
    for segment in segments:
        segment.step = next(
            (s for s in STEPS if s * segment.scale >= width + LABEL_GAP + 0.2),
            # Beyond the steps: a round step that fits.
            10 ** math.ceil(math.log10(max((width + LABEL_GAP + 0.2) / segment.scale, 1))),
        )
        first = -(-segment.first // segment.step) * segment.step
        segment.ticks = list(range(first, segment.last + 1, segment.step)) or [segment.first]
    return Axis(segments, width)
