"""The author page's life timeline: a server-drawn SVG beside a text list.

Life events are points or spans on a year axis, the works' publication years sit
on the same axis below them (one mark a year, however many works it saw), and every
mark links to its event in the list, which links to the sentence of the biography
it came from, or to its work. No JavaScript is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from django.db.models import Count, Min, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from readingroom.catalog.models import LifeEvent, Work
from readingroom.reading import format_count

WIDTH, LEFT, RIGHT = 1000, 20, 20
LANE, TOP, WORK_ROW = 22, 30, 34


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


def _lanes(marks: list[Mark], min_gap: float) -> int:
    """Greedy lanes so that no two marks overlap; returns how many lanes it took."""
    ends: list[float] = []
    for mark in sorted(marks, key=lambda m: m.start):
        for lane, end in enumerate(ends):
            if mark.start > end + min_gap:
                mark.lane, ends[lane] = lane, mark.end
                break
        else:
            mark.lane = len(ends)
            ends.append(mark.end)
    return max(1, len(ends))


def timeline_svg(events: list[LifeEvent], years: list[WorkYear], author_name: str) -> SafeString:
    marks = []
    for index, event in enumerate(events, 1):
        if not event.start:
            continue
        start, end = _year(event.start, False), _year(event.end or event.start, True)
        if start is not None and end is not None:
            marks.append(Mark(event, f"event-{index}", start, max(end, start)))
    if not marks and not years:
        return mark_safe("")
    first = min([m.start for m in marks] + [y.year for y in years])
    last = max([m.end for m in marks] + [y.year + 1 for y in years])
    first, last = (int(first) // 5) * 5, (int(last) // 5 + 1) * 5
    scale = (WIDTH - LEFT - RIGHT) / max(last - first, 1)

    def x(year: float) -> float:
        return round(LEFT + (year - first) * scale, 1)

    lanes = _lanes(marks, 1.5 / scale * 10)
    works_y = TOP + lanes * LANE + 14
    height = works_y + WORK_ROW + 24
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {height}" role="group" '
        f'aria-labelledby="timeline-title timeline-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="timeline-title">Timeline of {escape(author_name)}</title>',
        f'<desc id="timeline-desc">{format_count(len(marks), "dated life event")} and '
        f"{format_count(sum(y.count for y in years), 'work')} from {first} to {last}; "
        "the same events are listed as text beside it.</desc>",
    ]
    step = 5 if last - first <= 60 else 10
    for tick in range(first, last + 1, step):
        parts.append(
            f'<line class="tick" x1="{x(tick)}" y1="{TOP - 8}" x2="{x(tick)}" y2="{works_y + 8}"/>'
            f'<text class="tick-label" x="{x(tick)}" y="{height - 6}">{tick}</text>'
        )
    for mark in marks:
        y = TOP + mark.lane * LANE
        title = f"<title>{escape(str(mark.event))}</title>"
        if mark.end - mark.start > 1.01:
            shape = (
                f'<rect class="span" x="{x(mark.start)}" y="{y - 6}" '
                f'width="{max(x(mark.end) - x(mark.start), 4)}" height="12" rx="6"/>'
            )
        else:
            shape = f'<circle class="point" cx="{x((mark.start + mark.end) / 2)}" cy="{y}" r="6"/>'
        parts.append(f'<a href="#{mark.anchor}">{title}{shape}</a>')
    parts.append(
        f'<line class="axis" x1="{LEFT}" y1="{works_y}" x2="{WIDTH - RIGHT}" y2="{works_y}"/>'
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
