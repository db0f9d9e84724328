"""Readers' exports from Goodreads and StoryGraph (CSV) to and from the core records.

Each row is a work: its title (without the series Goodreads adds, "(Hyperion
Cantos, #1)"), authors, ISBN, publisher, page count and years, the reader's review as
the entry's annotation, and what only a reader's record holds — the shelf, their own
shelves or tags, the rating, the dates read and added, how often read, private
notes — in the entry's :class:`ReaderRecord`, for readers' records. StoryGraph
credits translators and others in "Contributors" ("Ben Fowkes (Translator)").
We write Goodreads' columns, which both services import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

from readingroom.guidetext.records import Problem

from .bibliographic import inverted
from .isbn import compact, is_valid
from .lexicon import lexicon
from .readinglist import SERIES
from .records import Contributor, ListEntry, ListGuide, ReaderRecord, Role

Row = dict[str, str]
GOODREADS = ("Book Id", "Exclusive Shelf")
STORYGRAPH = ("Read Status", "Star Rating")
_COLUMNS = (
    "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Publisher,"
    "Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,Bookshelves,"
    "Exclusive Shelf,My Review,Private Notes,Read Count"
).split(",")
_CREDIT = re.compile(r"^(?P<name>.+?)\s*\((?P<role>[^()]+)\)$")


def _header(head: str) -> list[str]:
    lines = head.lstrip("\ufeff").splitlines()
    try:
        return next(csv.reader(lines[:1]), [])
    except csv.Error:
        return []


def is_goodreads(head: str) -> bool:
    return all(column in _header(head) for column in GOODREADS)


def is_storygraph(head: str) -> bool:
    return all(column in _header(head) for column in STORYGRAPH)


def _cell(row: Row, column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return value or None


def _isbn(*cells: str | None) -> str | None:
    for cell in cells:
        number = compact((cell or "").strip('="'))
        if number and is_valid(number):
            return number
    return None


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _date(text: str | None) -> str | None:
    """ "2023/01/05" → "2023-01-05"."""
    match = re.fullmatch(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})", (text or "").strip())
    return f"{match[1]}-{int(match[2]):02}-{int(match[3]):02}" if match else None


def _names(text: str | None, role: Role = "author") -> list[Contributor]:
    return [Contributor(n.strip(), role, n.strip()) for n in (text or "").split(",") if n.strip()]


def _credits(text: str | None) -> list[Contributor]:
    """StoryGraph's "Ben Fowkes (Translator), Ernest Mandel (Introduction)"."""
    found = []
    for piece in (text or "").split(","):
        match = _CREDIT.match(piece.strip())
        if match:
            marker = match["role"].casefold()
            role = lexicon().roles.get(marker) or lexicon().roles.get(f"{marker} by") or "editor"
            found.append(Contributor(match["name"], role, piece.strip()))
    return found


def _rating(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    # Goodreads writes 0 for no rating; a value off the scale ("nan", -3, 7) is none.
    return value if 0 < value <= 5 else None


def _goodreads(row: Row) -> ListEntry:
    read = _date(_cell(row, "Date Read"))
    first = _int(_cell(row, "Original Publication Year"))
    published = _int(_cell(row, "Year Published"))
    return ListEntry(
        title=SERIES.sub("", _cell(row, "Title") or ""),
        contributors=_names(_cell(row, "Author")) + _names(_cell(row, "Additional Authors")),
        year=first or published,
        edition_year=published if first and published != first else None,
        pages=_int(_cell(row, "Number of Pages")),
        publisher=_cell(row, "Publisher"),
        isbn=_isbn(_cell(row, "ISBN13"), _cell(row, "ISBN")),
        note=_cell(row, "My Review"),
        reader=ReaderRecord(
            shelf=_cell(row, "Exclusive Shelf"),
            shelves=tuple(
                s.strip() for s in (_cell(row, "Bookshelves") or "").split(",") if s.strip()
            ),
            rating=_rating(_cell(row, "My Rating")),
            dates_read=(read,) if read else (),
            date_added=_date(_cell(row, "Date Added")),
            read_count=_int(_cell(row, "Read Count")),
            private_notes=_cell(row, "Private Notes"),
        ),
    )


def _storygraph(row: Row) -> ListEntry:
    dates = [
        d
        for d in (_date(t) for t in re.split(r"[,-]\s*(?=\d{4}/)", _cell(row, "Dates Read") or ""))
        if d
    ]
    last = _date(_cell(row, "Last Date Read"))
    if last and last not in dates:
        dates.append(last)
    return ListEntry(
        title=_cell(row, "Title") or "",
        contributors=_names(_cell(row, "Authors")) + _credits(_cell(row, "Contributors")),
        isbn=_isbn(_cell(row, "ISBN/UID")),
        note=_cell(row, "Review"),
        reader=ReaderRecord(
            shelf=_cell(row, "Read Status"),
            shelves=tuple(t.strip() for t in (_cell(row, "Tags") or "").split(",") if t.strip()),
            rating=_rating(_cell(row, "Star Rating")),
            dates_read=tuple(sorted(dates)),
            date_added=_date(_cell(row, "Date Added")),
            read_count=_int(_cell(row, "Read Count")),
        ),
    )


def _read(text: str, entry_of: Callable[[Row], ListEntry]) -> ListGuide:
    guide = ListGuide()
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    start = 2
    try:
        for row in rows:
            end = rows.line_num
            entry = entry_of(row)
            if entry.title:
                entry.line_start, entry.line_end = start, end
                guide.entries.append(entry)
            elif any(value for value in row.values() if isinstance(value, str) and value.strip()):
                guide.problems.append(Problem("a row with no title; left out", start, "warning"))
            start = end + 1
    except csv.Error as exc:
        guide.problems.append(Problem(f"not read as CSV: {exc}", rows.line_num or 1, "error"))
    if not guide.entries and not guide.problems and text.strip():
        guide.problems.append(Problem("no rows with a title in this text", 1, "warning"))
    return guide


def read_goodreads(text: str) -> ListGuide:
    return _read(text, _goodreads)


def read_storygraph(text: str) -> ListGuide:
    return _read(text, _storygraph)


def _row(entry: ListEntry) -> Row:
    record = entry.reader or ReaderRecord()
    authors = [c.name for c in entry.contributors]
    isbn = entry.isbn or ""
    rating = record.rating
    return {
        "Book Id": "",
        "Title": entry.title,
        "Author": authors[0] if authors else "",
        "Author l-f": inverted(entry.contributors[0]) if authors else "",
        "Additional Authors": ", ".join(authors[1:]),
        "ISBN": f'="{isbn}"' if len(isbn) == 10 else '=""',
        "ISBN13": f'="{isbn}"' if len(isbn) == 13 else '=""',
        "My Rating": f"{rating:g}" if rating else "0",
        "Publisher": entry.publisher or "",
        "Number of Pages": str(entry.pages or ""),
        "Year Published": str(entry.edition_year or entry.year or ""),
        "Original Publication Year": str(entry.year or "") if entry.edition_year else "",
        "Date Read": record.dates_read[-1].replace("-", "/") if record.dates_read else "",
        "Date Added": (record.date_added or "").replace("-", "/"),
        "Bookshelves": ", ".join(record.shelves),
        "Exclusive Shelf": record.shelf or "",
        "My Review": entry.note or "",
        "Private Notes": record.private_notes or "",
        "Read Count": str(record.read_count or ""),
    }


def write_goodreads(guide: ListGuide) -> str:
    """The entries as a Goodreads export (which StoryGraph imports too)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(_row(entry) for entry in guide.entries)
    return out.getvalue()
