"""A reader's history from a Goodreads or StoryGraph export, onto their shelves.

The rows are read by readingroom.formats.reader_csv and matched to the catalog's
works by author and title through the identity rules (or by an edition's ISBN).
Readers are not editors: a row with no work in the catalog is reported, never added
to it. Every row is checked and matched first, then the shelves are written in one
transaction, so a file with an error leaves nothing half-written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from readingroom.catalog.models import Author, Edition, Work
from readingroom.formats.reader_csv import (
    is_goodreads,
    is_storygraph,
    read_goodreads,
    read_storygraph,
)
from readingroom.formats.records import ListEntry
from readingroom.guidetext.encoding import GuideDecodeError, decode_guide
from readingroom.identity import Verdict
from readingroom.identity.identifiers import BadIdentifier, normal_identifier
from readingroom.identity.people import Person, compare_people
from readingroom.identity.sorting import heading_sort_name
from readingroom.identity.titles import compare_titles

from .dates import plausible_sitting
from .models import Shelf, ShelfItem

# The services' shelves (Goodreads' exclusive shelf, StoryGraph's read status) as ours;
# any other (a Goodreads reader's own exclusive shelf) goes to "want to read".
SHELVES = {
    "to-read": Shelf.WANT,
    "currently-reading": Shelf.READING,
    "paused": Shelf.READING,
    "read": Shelf.READ,
    "did-not-finish": Shelf.ABANDONED,
    "dnf": Shelf.ABANDONED,
    "abandoned": Shelf.ABANDONED,
}
NOT_AN_EXPORT = (
    "This is not a Goodreads or StoryGraph export: its first line should name the "
    "columns, with “Book Id” and “Exclusive Shelf” (Goodreads) or “Read Status” and "
    "“Star Rating” (StoryGraph)."
)
AUTHORS_PER_SURNAME = 50  # the catalog's authors compared with one name, at most


class HistoryError(ValueError):
    """The file cannot be imported; the message says why, for the reader."""


@dataclass
class HistoryReport:
    format: str
    matched: int = 0
    added: int = 0
    updated: int = 0
    unmatched: list[str] = field(default_factory=list)  # "Title (Author)"
    other_shelves: list[str] = field(default_factory=list)  # shelves taken for "want"


def _rows(data: bytes) -> tuple[str, list[ListEntry]]:
    try:
        text = decode_guide(data).text
    except GuideDecodeError:
        raise HistoryError(NOT_AN_EXPORT) from None
    head = text[:4096]
    if is_goodreads(head):
        name, records = "Goodreads", read_goodreads(text)
    elif is_storygraph(head):
        name, records = "StoryGraph", read_storygraph(text)
    else:
        raise HistoryError(NOT_AN_EXPORT)
    errors = [p for p in records.problems if p.severity == "error"]
    if errors:
        first = errors[0]
        raise HistoryError(f"line {first.line}: {first.message}; nothing was imported.")
    return name, records.entries


class _Matcher:
    """Finds the catalog's work for an export's row, remembering what it looked up."""

    def __init__(self) -> None:
        self.authors: dict[str, list[Author]] = {}

    def work(self, entry: ListEntry) -> Work | None:
        if entry.isbn:
            try:
                isbn = normal_identifier("isbn", entry.isbn)
            except BadIdentifier:
                isbn = ""
            edition = Edition.objects.filter(isbn=isbn).order_by("pk").first() if isbn else None
            if edition is not None:
                return edition.work
        for contributor in entry.contributors:
            if contributor.role != "author":
                continue
            for author in self._authors(contributor.name, entry.title):
                titles = author.works.order_by("pk").only("title", "pages", "slug")
                for work in titles:
                    if compare_titles(entry.title, work.title).verdict is Verdict.SAME:
                        return work
        return None

    def _authors(self, name: str, title: str) -> list[Author]:
        """The catalog's authors who may be this name's bearer, the oldest first: the
        same person, or likely so (a surname alone) — the title must then be the same."""
        if name not in self.authors:
            surname = heading_sort_name(name).split(",")[0].strip()
            found = []
            if surname:
                person = Person.of(name, [title])
                near = Author.objects.filter(sort_name__istartswith=surname).order_by("pk")
                for author in near.only("name")[:AUTHORS_PER_SURNAME]:
                    verdict = compare_people(person, Person.of(author.name)).verdict
                    if verdict is not Verdict.DIFFERENT:
                        found.append(author)
            self.authors[name] = found
        return self.authors[name]


def _day(text: str | None) -> date | None:
    """An export's date, or None where it is none a sitting could have (a slip)."""
    try:
        return plausible_sitting(date.fromisoformat(text)) if text else None
    except ValueError:
        return None


def _values(entry: ListEntry, name: str) -> dict[str, Any]:
    record = entry.reader
    assert record is not None  # the CSV readers always give one
    shelf = SHELVES.get((record.shelf or "").casefold(), Shelf.WANT)
    read_on = _day(record.dates_read[-1]) if record.dates_read else None
    added = _day(record.date_added)
    notes = [record.private_notes or "", f"My review: {entry.note}" if entry.note else ""]
    values: dict[str, Any] = {
        "shelf": shelf,
        "finished_on": read_on if shelf in (Shelf.READ, Shelf.ABANDONED) else None,
        "rating": Decimal(f"{min(record.rating, 5):.1f}") if record.rating else None,
        "notes": "\n\n".join(n for n in notes if n),
        "imported_from": name[:255],
    }
    if added is not None:
        values["added_at"] = timezone.make_aware(datetime.combine(added, time()))
    return values


def import_history(user: Any, upload: Any) -> HistoryReport:
    """Put the works of an uploaded export on the reader's shelves (the file's shelf,
    finished date, rating and notes replacing what a shelf held of them); raises
    HistoryError, having written nothing, for a file that is not such an export."""
    name = getattr(upload, "name", "") or "export.csv"
    kind, entries = _rows(upload.read())
    report = HistoryReport(kind)
    matcher = _Matcher()
    found: dict[int, dict[str, Any]] = {}
    for entry in entries:
        work = matcher.work(entry)
        if work is None:
            authors = ", ".join(c.name for c in entry.contributors if c.role == "author")
            report.unmatched.append(f"{entry.title} ({authors})" if authors else entry.title)
            continue
        shelf = (entry.reader.shelf if entry.reader else None) or ""
        if shelf.casefold() not in SHELVES and shelf not in report.other_shelves:
            report.other_shelves.append(shelf)
        found[work.pk] = _values(entry, name)  # a work twice in the file: the last row
    report.matched = len(found)
    with transaction.atomic():
        held = set(
            ShelfItem.objects.filter(user=user, work__in=list(found)).values_list(
                "work_id", flat=True
            )
        )
        for work_id, values in found.items():
            ShelfItem.objects.update_or_create(user=user, work_id=work_id, defaults=values)
        report.updated = len(held)
        report.added = len(found) - len(held)
    return report
