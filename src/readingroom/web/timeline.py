"""The author page's life timeline: a server-drawn SVG beside a text list.

Life events are points or spans on a year axis, the works' publication years sit
on the same axis below them (one mark a year, however many works it saw), and every
mark links to its event in the list, which links to the sentence of the biography
it came from, or to its work. No JavaScript is needed. Events of the times (kind
``context``: a war, a revolt) are light bands behind the life, listed apart; events
an editor added are drawn hollow, and the legend says so. The axis (web/axis.py)
labels years that never overlap, and breaks across a long empty gap.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from readingroom.catalog.models import LifeEvent, Work
from readingroom.reading import format_count
from readingroom.timeline.wording import human_period

from .axis import axis

WIDTH, LEFT, RIGHT = 1000, 20, 20
LANE, TOP, WORK_ROW = 22, 30, 34
BAND_ROW, BAND_FONT = 18, 11  # the row the times' names take above the life


@dataclass
class Mark:
    event: LifeEvent
    anchor: str
    start: float
    end: float
    lane: int = 0


@dataclass
class WorkYear:
    """A year in which works came out: how many, and the title and slug of the first
    by title (the only one, when count is 1)."""

    year: int
    count: int
    title: str
    slug: str

    @property
    def label(self) -> str:
        return self.title if self.count == 1 else format_count(self.count, "work")

    @property
    def url(self) -> str:
        """The work itself, or the list of works when the year has several."""
        return reverse("work", args=[self.slug]) if self.count == 1 else "#works-heading"


def work_years(works: QuerySet[Work]) -> list[WorkYear]:
    """The works' publication years, from one GROUP BY: a row a year, however many works."""
    rows = (
        works.exclude(year=None)
        .order_by()
        .values("year")
        .annotate(count=Count("pk"), title=Min("title"), slug=Min("slug"))
        .order_by("year")
    )
    return [WorkYear(r["year"], r["count"], r["title"], r["slug"]) for r in rows]


def _year(value: str, end: bool) -> float | None:
    match = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if match is None:
        return None
    year, month = int(match[1]), int(match[2]) if match[2] else None
    if month is None:
        return year + (0.999 if end else 0.0)
    return year + (month - (0 if end else 1)) / 12


def split(events: list[LifeEvent]) -> tuple[list[LifeEvent], list[LifeEvent]]:
    """The life's events, and the times' (kind ``context``): drawn, listed and counted
    apart, each numbered from 1 in its own list (``event-N``, ``times-N``)."""
    life = [e for e in events if e.kind != "context"]
    return life, [e for e in events if e.kind == "context"]


def _lanes(marks: list[Mark], x: Callable[[float], float], min_gap: float) -> int:
    """Greedy lanes so that no two marks come within min_gap units of each other;
    returns how many lanes it took."""
    ends: list[float] = []
    for mark in sorted(marks, key=lambda m: m.start):
        left, right = x(mark.start), x(mark.end)
        for lane, end in enumerate(ends):
            if left > end + min_gap:
                mark.lane, ends[lane] = lane, right
                break
        else:
            mark.lane = len(ends)
            ends.append(right)
    return max(1, len(ends))


def _marks(events: list[LifeEvent], prefix: str) -> list[Mark]:
    marks = []
    for index, event in enumerate(events, 1):
        if not event.start:
            continue
        start, end = _year(event.start, False), _year(event.end or event.start, True)
        if start is not None and end is not None:
            marks.append(Mark(event, f"{prefix}-{index}", start, max(end, start)))
    return marks


def _when(event: LifeEvent) -> str:
    return human_period(event.start, event.end, event.modifier, event.precision)


def _title(event: LifeEvent) -> str:
    added = " (added by an editor)" if event.origin == LifeEvent.Origin.EDITOR else ""
    return f"<title>{escape(_when(event))}: {escape(event.label)}{added}</title>"


def _bands(bands: list[Mark], x: Callable[[float], float], top: float, bottom: float) -> list[str]:
    """The times, as light bands behind the life, each named where its name fits."""
    parts, named_until = [], -1.0
    for band in sorted(bands, key=lambda m: m.start):
        left, right = x(band.start), x(band.end)
        width = max(right - left, 3)
        parts.append(
            f'<a href="#{band.anchor}">{_title(band.event)}'
            f'<rect class="band" x="{left}" y="{top}" width="{round(width, 1)}" '
            f'height="{round(bottom - top, 1)}"/></a>'
        )
        name = band.event.label
        if len(name) * BAND_FONT * 0.6 + 6 <= width and left > named_until:
            parts.append(
                f'<text class="band-label" x="{round(left + 3, 1)}" y="{top + BAND_FONT}" '
                f'aria-hidden="true">{escape(name)}</text>'
            )
            named_until = right
    return parts


def timeline_svg(events: list[LifeEvent], years: list[WorkYear], author_name: str) -> SafeString:
    life, times = split(events)
    marks, bands = _marks(life, "event"), _marks(times, "times")
    extents = [(m.start, m.end) for m in marks + bands] + [(y.year, y.year + 1) for y in years]
    drawn = axis(extents, LEFT, WIDTH - RIGHT)
    if drawn is None:
        return mark_safe("")
    x = drawn.x
    top = TOP + (BAND_ROW if bands else 0)
    lanes = _lanes(marks, x, 14)
    works_y = top + lanes * LANE + 14
    height = works_y + WORK_ROW + 24
    skipped = "".join(f"; the axis skips from {a} to {b}" for _, a, b in drawn.breaks)
    context = f", {format_count(len(bands), 'event')} of the times" if bands else ""
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">Timeline of {escape(author_name)}</title>',
        f'<desc id="timeline-desc">{format_count(len(marks), "dated life event")}{context} and '
        f"{format_count(sum(y.count for y in years), 'work')} from {drawn.first} to "
        f"{drawn.last}{skipped}; the same events are listed as text below it.</desc>",
    ]
    parts += _bands(bands, x, TOP - 22, works_y)
    for tick, label in drawn.ticks:
        parts.append(
            f'<line class="tick" x1="{tick}" y1="{top - 8}" x2="{tick}" y2="{works_y + 8}"/>'
            f'<text class="tick-label" x="{tick}" y="{height - 6}">{label}</text>'
        )
    for mark in marks:
        y = top + mark.lane * LANE
        editor = " editor" if mark.event.origin == LifeEvent.Origin.EDITOR else ""
        if mark.end - mark.start > 1.01:  # longer than a year: a span
            shape = (
                f'<rect class="span{editor}" x="{x(mark.start)}" y="{y - 6}" '
                f'width="{round(x(mark.end) - x(mark.start), 1)}" height="12" rx="6"/>'
            )
        else:
            shape = (
                f'<circle class="point{editor}" cx="{x((mark.start + mark.end) / 2)}" '
                f'cy="{y}" r="6"/>'
            )
        parts.append(f'<a href="#{mark.anchor}">{_title(mark.event)}{shape}</a>')
    for segment in drawn.segments:
        parts.append(
            f'<line class="axis" x1="{round(segment.left, 1)}" y1="{works_y}" '
            f'x2="{round(segment.right, 1)}" y2="{works_y}"/>'
        )
    for middle, after, before in drawn.breaks:
        parts.append(
            f'<g class="axis-break"><title>Nothing from {after} to {before}</title>'
            f'<line class="break-gap" x1="{middle}" y1="{top - 8}" x2="{middle}" '
            f'y2="{works_y + 8}"/><path d="M{middle - 7} {works_y + 7} L{middle - 1} '
            f'{works_y - 7} M{middle + 1} {works_y + 7} L{middle + 7} {works_y - 7}"/></g>'
        )
    for index, year in enumerate(years):
        cx, cy = x(year.year + 0.5), works_y + 14 + (index % 2) * 10
        parts.append(
            f'<a href="{escape(year.url)}"><title>{year.year}: {escape(year.label)}</title>'
            f'<path class="work" d="M{cx} {cy - 6} L{cx + 6} {cy} L{cx} {cy + 6} '
            f'L{cx - 6} {cy} Z"/></a>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def timeline_figure(events: list[LifeEvent], years: list[WorkYear], author_name: str) -> SafeString:
    """The drawing in a box that scrolls sideways where the screen is narrower than
    it, with its legend and, only then, a hint to scroll (site.css: a container query)."""
    svg = timeline_svg(events, years, author_name)
    if not svg:
        return svg
    life, times = split(events)
    keys = [("life", "from the biography")]
    if any(e.origin == LifeEvent.Origin.EDITOR for e in life):
        keys.append(("editor", "added by an editor"))
    if years:
        keys.append(("work", "a work"))
    if any(e.start for e in times):
        keys.append(("times", "the times"))
    legend = "".join(
        f'<li><span class="key key-{name}" aria-hidden="true"></span>{text}</li>'
        for name, text in keys
    )
    return mark_safe(
        f'<div class="timeline-scroll" tabindex="0" role="region" '
        f'aria-label="Timeline of {escape(author_name)}, drawn">{svg}</div>'
        f'<figcaption><ul class="timeline-legend">{legend}</ul>'
        '<p class="scroll-hint">Scroll sideways to see the whole timeline.</p></figcaption>'
    )
