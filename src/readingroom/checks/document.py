"""What the checks read: a guide's authors and works, each text with where it stands.

The checks never see a parser's or the catalog's own records: a guide file (of any
format the readers take) and a guide in the catalog both become a `Document`, so a
rule is written once. A `Text` knows its offset in the file when the editor's words
stand there verbatim, which is how a finding gets its line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from readingroom.formats.records import ListEntry, ListGuide
from readingroom.guidetext.records import GuideText, WorkEntry

from .findings import Finding, Location
from .rules import rules


@dataclass(frozen=True)
class Text:
    """A stretch of the editor's words: a record's field, and where it starts in the
    file (None when it is not there verbatim, as for a record from the catalog).
    ``ref`` names the stored field it is ("work:12:annotation"), when there is one
    a suggestion can be applied to."""

    value: str
    start: int | None = None
    ref: str | None = None


@dataclass
class Work:
    """A work as the guide lists it."""

    title: Text
    raw: Text
    year: int | None = None
    year_end: int | None = None
    pages: int | None = None
    annotation: Text | None = None
    authors: list[str] = field(default_factory=list)
    line: int | None = None
    # The stored record ("work:12"), for a guide from the catalog.
    ref: str | None = None


@dataclass
class Author:
    """An author: the name, whether the guide only implied it, the biography."""

    name: str
    name_inferred: bool = False
    biography: Text | None = None
    works: list[Work] = field(default_factory=list)
    line: int | None = None
    ref: str | None = None


@dataclass
class Document:
    """A guide to check. ``expected`` holds the work fields the guide gives as a rule
    ("year", "pages", "annotation"), so that a missing one is an omission, not the
    guide's way; ``text`` is the file's text, when the guide came from one."""

    authors: list[Author]
    works: list[Work]
    expected: frozenset[str]
    text: str | None = None
    # Words an editor added to the dictionary: never misspellings.
    vocabulary: frozenset[str] = frozenset()
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.text is not None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]

    def finding(
        self,
        code: str,
        message: str,
        record: Work | Author,
        field_name: str,
        text: Text | None = None,
        offset: int = 0,
        flagged: str = "",
        suggestion: str | None = None,
    ) -> Finding:
        """A finding about `flagged` at `offset` in the record's field `text`, with the
        severity data/rules.toml gives its code."""
        kind, name = (
            ("work", record.title.value) if isinstance(record, Work) else ("author", record.name)
        )
        line, column = record.line, None
        if text is not None and text.start is not None and self._line_starts:
            absolute = text.start + offset
            index = bisect_right(self._line_starts, absolute) - 1
            line, column = index + 1, absolute - self._line_starts[index] + 1
        ref = text.ref if text is not None and text.ref else record.ref
        where = Location(kind, name, field_name, offset, len(flagged), line, column, ref)
        return Finding(code, rules().severity[code], message, where, flagged, suggestion)

    def finding_in(
        self,
        prose: Prose,
        code: str,
        message: str,
        offset: int,
        flagged: str,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding about `flagged` at `offset` in a biography or annotation."""
        return self.finding(
            code, message, prose.record, prose.field, prose.text, offset, flagged, suggestion
        )


# The share of works that must give a field for its absence elsewhere to be an omission.
_CONVENTION = 0.5
WORK_FIELDS = ("year", "pages", "annotation")


def from_guide_text(guide: GuideText, text: str) -> Document:
    """A guide in readingroom's guide format, whose grammar asks for every field."""
    authors, works = [], []
    position = 0
    for entry in guide.authors:
        biography = None
        if entry.biography:
            start = text.find(entry.biography, position)
            biography = Text(entry.biography, start if start >= 0 else None)
            position = max(position, start)
        author = Author(entry.name, entry.name_inferred, biography, line=entry.line_start or None)
        for work_entry in entry.works:
            work, position = _work(work_entry, text, position, [entry.name])
            author.works.append(work)
            works.append(work)
        authors.append(author)
    return Document(authors, works, frozenset(WORK_FIELDS), text)


def from_list(guide: ListGuide, text: str | None = None) -> Document:
    """A guide read by any reader (lists, bibliographies, the field's formats): its
    authors are the people its entries credit, with the notes it gives on them."""
    works: list[Work] = []
    by_name: dict[str, Author] = {}
    position = 0
    for entry in guide.entries:
        names = [c.name for c in entry.contributors if c.role == "author"]
        work, position = _work(entry, text, position, names)
        works.append(work)
        for name in names:
            author = by_name.setdefault(name, Author(name, line=entry.line_start or None))
            author.works.append(work)
    for name, note in guide.author_notes.items():
        author = by_name.setdefault(name, Author(name))
        start = text.find(note) if text is not None else -1
        author.biography = Text(note, start if start >= 0 else None)
    return Document(list(by_name.values()), works, convention(works), text)


def convention(works: list[Work]) -> frozenset[str]:
    """The work fields a guide gives as a rule: those at least half its works have."""
    if not works:
        return frozenset()
    return frozenset(
        name
        for name in WORK_FIELDS
        if sum(getattr(work, name) is not None for work in works) / len(works) >= _CONVENTION
    )


def _work(
    entry: WorkEntry | ListEntry, text: str | None, position: int, authors: list[str]
) -> tuple[Work, int]:
    """The work an entry lists, its texts found in the file from `position` on."""
    raw_start = _find(text, entry.raw, position)
    if raw_start is not None:
        position = raw_start + len(entry.raw)
    note = entry.annotation if isinstance(entry, WorkEntry) else entry.note
    work = Work(
        title=Text(entry.title, _inside(entry.raw, entry.title, raw_start)),
        raw=Text(entry.raw, raw_start),
        year=entry.year,
        year_end=entry.year_end,
        pages=entry.pages,
        annotation=Text(note, _inside(entry.raw, note, raw_start)) if note else None,
        authors=authors,
        line=entry.line_start or None,
    )
    return work, position


def _find(text: str | None, part: str, position: int) -> int | None:
    if text is None or not part:
        return None
    found = text.find(part, position)
    return found if found >= 0 else None


def _inside(raw: str, part: str, raw_start: int | None) -> int | None:
    """Where `part` starts in the file, when it stands verbatim inside the entry."""
    if raw_start is None:
        return None
    found = raw.find(part)
    return raw_start + found if found >= 0 else None


class Prose(NamedTuple):
    """A biography or an annotation, with its record and field."""

    record: Author | Work
    field: str
    text: Text


def texts(document: Document) -> Iterator[Prose]:
    """Every prose text of the guide: the biographies and the annotations, which the
    spelling, place and chronology checks read."""
    for author in document.authors:
        if author.biography is not None:
            yield Prose(author, "biography", author.biography)
    for work in document.works:
        if work.annotation is not None:
            yield Prose(work, "annotation", work.annotation)
