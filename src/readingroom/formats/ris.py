"""RIS, as EndNote, Zotero and Talis Aspire export it, to and from the core records.

Read and written through rispy. A work is a record: ``TY`` (BOOK, CHAP, JOUR, GEN),
``TI`` (or ``T1``), ``AU``/``A1`` the authors, ``A2`` the editors, ``A4`` the
translators, ``A3`` who wrote an introduction, ``PY`` (or ``Y1``) the year of this
edition and ``OP`` the first publication, ``SP``/``EP`` a page range to read (``SP``
alone in a book, its page count, as Zotero writes it), ``PB``, ``CY``, ``SN`` (an
ISBN where it is one), ``UR``, ``T2`` what holds an article or chapter, the
annotation in ``N1`` (in full, over as many lines as it has) and the importance mark
in ``U1``, as Talis Aspire maps them; a guide's sections in ``KW``.
"""

from __future__ import annotations

import re
from typing import Any

import rispy

from readingroom.guidetext.records import Problem

from .bibliographic import (
    add_entries,
    display,
    inverted,
    number_of,
    page_range,
    person,
    range_of,
    year_of,
)
from .isbn import compact, is_valid
from .records import IMPORTANCE_LEVELS, SECTION_SEPARATOR, Contributor, ListEntry, ListGuide, Role

DETECT = re.compile(r"^TY  - [A-Z]+\s*$", re.M)
MAPPING = {**rispy.TAG_KEY_MAPPING, "U1": "importance"}
_LIST_TAGS = [*rispy.LIST_TYPE_TAGS, "U1"]
_PEOPLE: tuple[tuple[str, Role], ...] = (
    ("authors", "author"),
    ("first_authors", "author"),
    ("secondary_authors", "editor"),
    ("subsidiary_authors", "translator"),
    ("tertiary_authors", "introduction"),
)
_WRITE_PEOPLE: dict[Role, str] = {
    "author": "authors",
    "editor": "secondary_authors",
    "translator": "subsidiary_authors",
    "introduction": "tertiary_authors",
}


def is_ris(head: str) -> bool:
    return DETECT.search(head) is not None


def _people(record: dict[str, Any]) -> list[Contributor]:
    found = []
    for key, role in _PEOPLE:
        for written in record.get(key, []):
            family, _, given = written.partition(",")
            name = display(family.strip(), given.strip()) if given else written
            found.append(person(name, role, written))
    return found


def _text(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n".join(value)
        if value and str(value).strip():
            return str(value).strip()
    return None


def _entry(record: dict[str, Any]) -> ListEntry | None:
    title = _text(record, "title", "primary_title")
    if title is None:
        return None
    start, end = _text(record, "start_page"), _text(record, "end_page")
    part = page_range(f"{start}-{end}") if start and end else None
    first = year_of(_text(record, "original_publication"))
    published = year_of(_text(record, "year", "publication_year"))
    isbn = compact(_text(record, "issn") or "")
    importance = _text(record, "importance")
    keywords = record.get("keywords") or []
    return ListEntry(
        title=" ".join(title.split()),
        contributors=_people(record),
        year=first or published,
        edition_year=published if first and published != first else None,
        pages=number_of(start) if start and not end else None,
        part=part[0] if part else None,
        part_pages=part[1] if part else None,
        importance=importance if importance in IMPORTANCE_LEVELS else None,
        publisher=_text(record, "publisher"),
        place=_text(record, "place_published"),
        container=_text(record, "secondary_title", "journal_name"),
        url=_text(record, "urls"),
        isbn=isbn if is_valid(isbn) else None,
        language=_text(record, "language"),
        note=_text(record, "notes"),
        sections=tuple(keywords[0].split(SECTION_SEPARATOR)) if keywords else (),
    )


def read_ris(text: str) -> ListGuide:
    """Every record of an RIS file that has a title, in the file's order."""
    guide = ListGuide()
    try:
        records = rispy.loads(text, mapping=MAPPING, list_tags=_LIST_TAGS)
    except (OSError, ValueError) as exc:
        guide.problems.append(Problem(f"not read as RIS: {exc}", None, "error"))
        return guide
    add_entries(guide, records, _record_lines(text), _entry, "record")
    if not records and text.strip():
        guide.problems.append(Problem("no RIS records in this text", 1, "warning"))
    return guide


def _record_lines(text: str) -> list[tuple[int, int]]:
    """Where each record starts (its TY line) and ends (its ER line)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("TY  -"):
            start = number
        elif line.startswith("ER  -") and start:
            spans.append((start, number))
            start = 0
    return spans


def _record(entry: ListEntry) -> dict[str, Any]:
    record: dict[str, Any] = {"type_of_reference": "BOOK", "title": entry.title}
    for role, key in _WRITE_PEOPLE.items():
        people = [inverted(c) for c in entry.contributors if c.role == role]
        if people:
            record[key] = people
    pages = range_of(entry.part)
    if pages:
        record["start_page"], record["end_page"] = str(pages[0]), str(pages[1])
    elif entry.pages:
        record["start_page"] = str(entry.pages)
    if entry.container:
        record["type_of_reference"] = "JOUR" if pages else "CHAP"
        record["secondary_title"] = entry.container
    optional = {
        "year": entry.edition_year or entry.year,
        "original_publication": entry.year if entry.edition_year else None,
        "publisher": entry.publisher,
        "place_published": entry.place,
        "issn": entry.isbn,
        "language": entry.language,
        "urls": [entry.url] if entry.url else None,
        "notes": [entry.note] if entry.note else None,
        "importance": [entry.importance] if entry.importance else None,
        "keywords": [SECTION_SEPARATOR.join(entry.sections)] if entry.sections else None,
    }
    record.update({k: str(v) if isinstance(v, int) else v for k, v in optional.items() if v})
    return record


def write_ris(guide: ListGuide) -> str:
    """A guide's entries as RIS records."""
    return str(
        rispy.dumps([_record(e) for e in guide.entries], mapping=MAPPING, list_tags=_LIST_TAGS)
    )
