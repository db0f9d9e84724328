"""What the checks read: a guide's authors and works, each text with where it stands.

The checks never see a parser's or the catalog's own records: a guide file (of any
format the readers take) and a guide in the catalog both become a `Document`, so a
rule is written once. A `Text` knows its offset in the file when the editor's words
stand there verbatim, which is how a finding gets its line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
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


class Vocabulary:
    """Words that are no misspellings: those an editor added, and those a lookup
    knows (the names and titles of a whole catalog, asked one word at a time)."""

    def __init__(
        self, words: Iterable[str] = (), lookup: Callable[[str], bool] | None = None
    ) -> None:
        self.words = frozenset(words)
        self._lookup = lookup
        self._looked: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.words:
            return True
        if self._lookup is None:
            return False
        if word not in self._looked:
            self._looked[word] = self._lookup(word)
        return self._looked[word]

    def adding(self, words: Iterable[str]) -> Vocabulary:
        return Vocabulary(self.words | frozenset(words), self._lookup)


@dataclass(kw_only=True)
class Placed:
    """Where a record stands: the line it starts on in the file; in the catalog, the
    stored record ("work:12") and its slug, which names it for good."""

    line: int | None = None
    ref: str | None = None
    ident: str = ""


@dataclass
class Work(Placed):
    """A work as the guide lists it."""

    title: Text
    raw: Text
    year: int | None = None
    year_end: int | None = None
    pages: int | None = None
    annotation: Text | None = None
    authors: list[str] = field(default_factory=list)
    # Where a list puts it and what of it is to be read: a course may list one book
    # in several weeks, a part each.
    section: str | None = None
    part: str | None = None


@dataclass
class Author(Placed):
    """An author: the name, whether the guide only implied it, the biography."""

    name: str
    name_inferred: bool = False
    biography: Text | None = None
    works: list[Work] = field(default_factory=list)
    # Years of birth and death a catalog's editors set on the author's life events;
    # without them, the biography tells (checks/lives.py).
    birth: int | None = None
    death: int | None = None


@dataclass
class Front(Placed):
    """The guide's own prose: its introduction and its closing words."""

    name: str
    introduction: Text | None = None
    closing: Text | None = None


Record = Author | Work | Front


@dataclass
class Document:
    """A guide to check. ``expected`` holds the work fields the guide gives as a rule
    ("year", "pages", "annotation"), so that a missing one is an omission, not the
    guide's way; ``text`` is the file's text, when the guide came from one."""

    authors: list[Author]
    works: list[Work]
    expected: frozenset[str]
    text: str | None = None
    # Whether the guide's format asks for everything (the guide format does: a
    # biography that gives no year of birth leaves it out); a list asks only for
    # what most of its entries give.
    strict: bool = False
    # Words an editor added to the dictionary, or the catalog knows: no misspellings.
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    front: Front | None = None
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if self.text is not None:
            self._line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", self.text)]

    def finding(
        self,
        code: str,
        message: str,
        record: Record,
        field_name: str,
        text: Text | None = None,
        offset: int = 0,
        flagged: str = "",
        suggestion: str | None = None,
    ) -> Finding:
        """A finding about `flagged` at `offset` in the record's field `text`, with the
        severity data/rules.toml gives its code."""
        if isinstance(record, Work):
            kind, name = "work", record.title.value
        else:
            kind, name = ("author" if isinstance(record, Author) else "guide"), record.name
        line, column = record.line, None
        if text is not None and text.start is not None and self._line_starts:
            absolute = text.start + offset
            index = bisect_right(self._line_starts, absolute) - 1
            line, column = index + 1, absolute - self._line_starts[index] + 1
        ref = text.ref if text is not None and text.ref else record.ref
        where = Location(
            kind, name, field_name, offset, len(flagged), line, column, ref, record.ident
        )
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
    return Document(authors, works, frozenset(WORK_FIELDS), text, strict=True)


def from_list(guide: ListGuide, text: str | None = None) -> Document:
    """A guide read by any reader (lists, bibliographies, the field's formats): its
    authors are the people its entries credit, with the notes it gives on them."""
    works: list[Work] = []
    by_name: dict[str, Author] = {}
    position = 0
    for entry in guide.entries:
        # A body (a library, a council) has no life to date.
        names = [c.name for c in entry.contributors if c.role == "author" and not c.corporate]
        work, position = _work(entry, text, position, names)
        work.section, work.part = entry.section_path, entry.part
        works.append(work)
        for name in names:
            author = by_name.setdefault(name, Author(name, line=entry.line_start or None))
            author.works.append(work)
    for name, note in guide.author_notes.items():
        author = by_name.setdefault(name, Author(name))
        author.biography = _as_written(text, note)
    front = Front(
        guide.title or "the guide",
        _as_written(text, guide.introduction) if guide.introduction else None,
        _as_written(text, guide.closing) if guide.closing else None,
        line=guide.introduction_lines[0] if guide.introduction_lines else None,
    )
    return Document(list(by_name.values()), works, convention(works), text, front=front)


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
    raw = _as_written(text, entry.raw, position)
    if raw.start is not None:
        position = raw.start + len(raw.value)
    note = entry.annotation if isinstance(entry, WorkEntry) else entry.note
    work = Work(
        title=_inside(raw, entry.title),
        raw=raw,
        year=entry.year,
        year_end=entry.year_end,
        pages=entry.pages,
        annotation=_inside(raw, note) if note else None,
        authors=authors,
        line=entry.line_start or None,
    )
    return work, position


def _as_written(text: str | None, part: str, position: int = 0) -> Text:
    """A text as the file has it, from `position` on. A reader joins an entry that
    wraps over several lines into one ("… drifts through\n    Berlin"); its words
    are checked, and their places given, where they stand in the file."""
    if text is None or not part:
        return Text(part)
    found = text.find(part, position)
    if found >= 0:
        return Text(part, found)
    spread = re.compile(r"\s+".join(map(re.escape, part.split())))
    match = spread.search(text, position)
    return Text(match[0], match.start()) if match else Text(part)


def _inside(entry: Text, part: str) -> Text:
    """A field's text where it stands inside its entry's."""
    if entry.start is None:
        return Text(part)
    inner = _as_written(entry.value, part)
    if inner.start is None:
        return inner
    return Text(inner.value, entry.start + inner.start)


def year_offset(work: Work) -> int:
    """Where a work's year stands in its entry: after the title, not inside it."""
    title_end = work.raw.value.find(work.title.value) + len(work.title.value)
    found = work.raw.value.find(str(work.year), max(title_end, 0))
    return found if found >= 0 else max(work.raw.value.find(str(work.year)), 0)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def own_names(document: Document) -> frozenset[str]:
    """The words of the guide's own names: its authors' and its titles'."""
    words = {w for a in document.authors for w in _NAME_WORD.findall(a.name)}
    words |= {w for work in document.works for w in _NAME_WORD.findall(work.title.value)}
    return frozenset(words)


class Prose(NamedTuple):
    """A biography or an annotation, with its record and field."""

    record: Record
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
    front = document.front
    if front is not None:
        for name, text in (("introduction", front.introduction), ("closing", front.closing)):
            if text is not None and text.value.strip():
                yield Prose(front, name, text)
