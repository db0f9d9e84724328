"""A guide's sections: runs of consecutive entries under one heading, counted in SQL.

The contents list every section with its count and the page it starts on, however
many entries the guide has (web/guidepages.py stores the runs); a page shows the
parts of the sections that fall on it, and a section begun on an earlier page is
marked as continued.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.db import connection

from readingroom.catalog.models import Guide, GuideEntry, Work

from .pagination import Page


@dataclass
class Section:
    name: str | None
    number: int  # 1 for the guide's first section
    first: int  # the position of its first entry in the guide, from 1
    count: int
    page: int  # where it starts
    pages: int | None = None  # the pages to read in it: parts where given, else works
    continued: bool = False  # begun on an earlier page than this one
    entries: list[GuideEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"section-{self.number}"


def _runs_sql() -> str:
    """Each run of one section as (section, its first position, its length).

    A run is a gaps-and-islands group: an entry's position in the guide minus its
    position within its section stays the same along a run of that section.
    """
    quote = connection.ops.quote_name
    field = GuideEntry._meta.get_field
    order, section = quote(field("order").column), quote(field("section").column)
    guide, work = quote(field("guide").column), quote(field("work").column)
    part_pages = quote(field("part_pages").column)
    works = quote(Work._meta.db_table)
    pages = quote(Work._meta.get_field("pages").column)
    return (
        f"SELECT {section}, MIN(position), COUNT(*), SUM(pages) FROM ("
        f" SELECT {section}, ROW_NUMBER() OVER (ORDER BY {order}) AS position,"
        f" ROW_NUMBER() OVER (ORDER BY {order})"
        f" - ROW_NUMBER() OVER (PARTITION BY {section} ORDER BY {order}) AS run,"
        f" COALESCE(e.{part_pages}, w.{pages}) AS pages"
        f" FROM {quote(GuideEntry._meta.db_table)} e JOIN {works} w ON w.id = e.{work}"
        f" WHERE {guide} = %s"
        f") AS entries GROUP BY {section}, run ORDER BY MIN(position)"
    )


def section_runs(guide: Guide) -> list[tuple[str | None, int, int, int | None]]:
    """Every run of the guide's sections, in order: (name, first position, length,
    pages to read)."""
    with connection.cursor() as cursor:
        cursor.execute(_runs_sql(), [guide.pk])
        return [
            (name, int(first), int(count), None if pages is None else int(pages))
            for name, first, count, pages in cursor.fetchall()
        ]


def on_page(all_sections: list[Section], page: Page, entries: list[GuideEntry]) -> list[Section]:
    """The parts of the sections that fall on this page, holding the page's entries."""
    shown = []
    for section in all_sections:
        start = max(section.first, page.start + 1)
        stop = min(section.first + section.count, page.start + len(entries) + 1)
        if start < stop:
            rows = entries[start - page.start - 1 : stop - page.start - 1]
            shown.append(replace(section, continued=section.first <= page.start, entries=rows))
    return shown
