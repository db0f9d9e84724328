"""An author page's costly parts, stored: made once per change, never per request.

An author may have a biography of megabytes with thousands of life events, and a
hundred thousand works. Two kinds of change are told apart:

* the biography and its events (a digest of them): the rendered biography with its
  sentences marked, the list of events, the page's description;
* anything in the catalog (its version, which every save and import moves on): the
  works' totals and order, and the timeline drawing, which has their years on it.

A page view that finds the catalog's version unchanged uses what is stored as it
is; otherwise it makes the parts again (the biography only if its digest moved)
and stores them. Imports make them as they go (catalog.signals.life_events_recomputed).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from typing import Any

from django.db.models import BinaryField, Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Substr
from django.template.loader import render_to_string

from readingroom.catalog.models import Author, CatalogVersion, Contribution, LifeEvent, Work
from readingroom.catalog.timelines import timeline
from readingroom.timeline.wording import period_parts

from .biography import mark_sentences
from .markdown import render_markdown, render_text
from .models import AuthorPage
from .stored import store_unless_busy
from .timeline import split, timeline_figure, work_years

# Changing how the parts are made changes this, so that stored ones are made again.
RENDERING = "4"
# Biographies this long (characters) are rendered as soon as they change, not at the
# first view: about a tenth of a second's work and up.
RENDER_AHEAD = 50_000


def works_of(author: Author) -> QuerySet[Work]:
    """The author's works in the guide's order, each once however the author is credited."""
    credited = Contribution.objects.filter(author=author).values("work_id")
    return Work.objects.filter(pk__in=credited).order_by("position", "title", "pk")


class AuthorParts:
    """What an author's page shows that is costly to compute, as stored: the big parts
    as UTF-8 bytes (``html``: biography, events and timeline), for splicing into a
    response (web/splice.py)."""

    def __init__(self, page: AuthorPage) -> None:
        self.html: dict[str, bytes] = {
            "biography": bytes(page.biography_html),
            "events": bytes(page.events_html),
            "timeline": bytes(page.timeline_svg),
        }
        self.event_count: int = page.event_count
        self.editor_event_count: int = page.editor_event_count
        self.context_count: int = page.context_count
        self.description: str = page.description
        self.work_count: int = page.work_count
        self.page_total: int = page.page_total
        self.missing_pages: int = page.missing_pages
        self._page = page

    @property
    def extracted_event_count(self) -> int:
        return self.event_count - self.editor_event_count

    def work_ids(self, start: int, stop: int) -> list[int]:
        """The ids of the works from ``start`` to ``stop`` in the page's order, read
        from the stored list (eight bytes an id) without fetching all of it."""
        if "work_ids" not in self._page.get_deferred_fields():
            return list(array("q", bytes(self._page.work_ids))[start:stop])
        piece = (
            AuthorPage.objects.filter(pk=self._page.pk)
            .annotate(
                ids=Substr(
                    "work_ids", start * 8 + 1, (stop - start) * 8, output_field=BinaryField()
                )
            )
            .values_list("ids", flat=True)
            .get()
        )
        return list(array("q", bytes(piece or b"")))


def _digest(biography: str, events: list[LifeEvent]) -> str:
    digest = hashlib.sha256(f"{RENDERING}\x00{biography}".encode())
    for event in events:
        fields = (
            event.pk,
            event.start,
            event.end,
            event.modifier,
            event.precision,
            event.kind,
            event.origin,
            event.label,
            event.places,
        )
        digest.update(f"\x00{fields}\x01{event.span_start}\x01{event.text}".encode())
    return digest.hexdigest()


def _items(events: list[LifeEvent], anchors: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {
            "number": number,
            "event": event,
            "when": period_parts(event.start, event.end, event.modifier, event.precision),
            "sentence": anchors.get(number),
            "editor": event.origin == LifeEvent.Origin.EDITOR,
        }
        for number, event in enumerate(events, 1)
    ]


def _make_biography(page: AuthorPage, biography: str, events: list[LifeEvent]) -> None:
    life, times = split(events)
    html, anchors = mark_sentences(str(render_markdown(biography)), life + times)
    of_times = {n - len(life): anchor for n, anchor in anchors.items() if n > len(life)}
    page.biography_html = html.encode()
    page.events_html = render_to_string(
        "web/_life_events.html",
        {"events": _items(life, anchors), "times": _items(times, of_times)},
    ).encode()
    page.event_count = len(life)
    page.editor_event_count = sum(e.origin == LifeEvent.Origin.EDITOR for e in life)
    page.context_count = len(times)
    page.description = render_text(biography)


def _make_works(page: AuthorPage, author: Author, events: list[LifeEvent]) -> None:
    works = works_of(author)
    totals: dict[str, Any] = works.aggregate(
        count=Count("pk"),
        page_total=Coalesce(Sum("pages"), 0),
        missing=Count("pk", filter=Q(pages__isnull=True)),
    )
    page.work_count, page.page_total = totals["count"], totals["page_total"]
    page.missing_pages = totals["missing"]
    page.work_ids = array("q", works.values_list("pk", flat=True)).tobytes()
    page.timeline_svg = str(timeline_figure(events, work_years(works), author.name)).encode()


_WORKS_FIELDS = ["version", "timeline_svg", "work_count", "page_total", "missing_pages", "work_ids"]


def make_parts(author: Author, page: AuthorPage | None = None) -> AuthorPage:
    """Make (and store) an author's parts: the biography's only if its digest moved."""
    # The version first: a change committed while the parts are made leaves them
    # marked as older than it, so the next view makes them again.
    version = CatalogVersion.current()
    page = page or AuthorPage(author_id=author.pk)
    events = timeline(author)
    moved = _make_biography_if_moved(page, author, events)
    _make_works(page, author, events)
    page.version = version
    # Megabytes of biography are written again only when they changed.
    store_unless_busy(page, None if moved or page._state.adding else _WORKS_FIELDS)
    return page


def _make_biography_if_moved(page: AuthorPage, author: Author, events: list[LifeEvent]) -> bool:
    if "biography" in author.get_deferred_fields():  # as a page view loads it
        biography = Author.objects.values_list("biography", flat=True).get(pk=author.pk)
    else:
        biography = author.biography
    digest = _digest(biography, events)
    if page.digest == digest:
        return False
    _make_biography(page, biography, events)
    page.digest = digest
    return True


def author_parts(author: Author) -> AuthorParts:
    """The stored parts, made again first if the catalog changed since they were made."""
    page = AuthorPage.objects.filter(author_id=author.pk).defer("work_ids").first()
    if page is None or page.version != CatalogVersion.current():
        page = make_parts(author, AuthorPage.objects.filter(author_id=author.pk).first())
    return AuthorParts(page)


def biographies_changed(authors: Iterable[Author], **kwargs: object) -> None:
    """Render long biographies as soon as an import or an edit changed them
    (catalog.signals.life_events_recomputed), so that no reader waits seconds for
    the first view. Short ones, and everything that depends on the works, are made
    at the first view: an import moves the catalog version on as it ends anyway."""
    long = [a for a in authors if len(a.biography) >= RENDER_AHEAD]
    stored = AuthorPage.objects.in_bulk([a.pk for a in long])
    for author in long:
        page = stored.get(author.pk) or AuthorPage(author_id=author.pk)
        _make_biography_if_moved(page, author, timeline(author))
        store_unless_busy(page)
