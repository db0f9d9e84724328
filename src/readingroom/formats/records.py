"""The core records every reader produces: a guide as a list across authors.

A guide has its own title, compilers and introduction, and an ordered tree of
sections (parts, weeks, sessions…) whose entries keep the editor's order whoever
their authors are. An entry names a work, the people credited for it with their
roles, and what the guide says about reading it: how important it is, which part
to read, a note. Plain data: the catalog decides how to store it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from readingroom.guidetext.records import Problem, WorkEntry
from readingroom.limits import Importance as Importance

Role = Literal["author", "editor", "translator", "introduction"]
IMPORTANCE_LEVELS: tuple[Importance, ...] = get_args(Importance)
# How an entry's sections are written as one path ("Part I › Week 2").
SECTION_SEPARATOR = " › "


def join_compilers(names: list[str]) -> str:
    """Compilers as one line ("Ana Lima, Tom Reed"; "Lima, Ana; Reed, Tom" when a
    name holds a comma), as :func:`split_compilers` reads them back."""
    return ("; " if any("," in name for name in names) else ", ").join(names)


def split_compilers(text: str) -> list[str]:
    pieces = text.split(";") if ";" in text else text.split(",")
    return [piece.strip() for piece in pieces if piece.strip()]


@dataclass(frozen=True)
class Contributor:
    """A person or body credited for a work, as the guide wrote them ("Marx, Karl"
    is kept in ``written``; ``name`` is the display order, "Karl Marx")."""

    name: str
    role: Role = "author"
    written: str = ""
    corporate: bool = False


@dataclass
class Cited:
    """What a citation says of a work and of reading it."""

    title: str
    contributors: list[Contributor] = field(default_factory=list)
    year: int | None = None
    year_end: int | None = None
    edition_year: int | None = None
    pages: int | None = None
    part: str | None = None
    part_pages: int | None = None
    importance: Importance | None = None
    publisher: str | None = None
    place: str | None = None
    container: str | None = None
    url: str | None = None
    isbn: str | None = None
    language: str | None = None
    note: str | None = None


@dataclass
class ReaderRecord:
    """What one reader's own export (Goodreads, StoryGraph) says of their reading of a
    work: kept with the entry for readers' records; no guide shows it."""

    shelf: str | None = None  # as the service names it: "to-read", "read", "did-not-finish"
    shelves: tuple[str, ...] = ()  # the reader's own shelves or tags
    rating: float | None = None
    dates_read: tuple[str, ...] = ()  # ISO dates, the last reading last
    date_added: str | None = None
    read_count: int | None = None
    private_notes: str | None = None


@dataclass
class ListEntry(Cited):
    """One work to read, where the guide lists it."""

    sections: tuple[str, ...] = ()
    line_start: int = 0
    line_end: int = 0
    raw: str = ""
    reader: ReaderRecord | None = None

    @classmethod
    def from_work(
        cls, work: WorkEntry, contributors: list[Contributor], sections: tuple[str, ...]
    ) -> ListEntry:
        """The entry a guide-format work paragraph makes, credited and placed."""
        return cls(
            title=work.title,
            contributors=contributors,
            year=work.year,
            year_end=work.year_end,
            pages=work.pages,
            note=work.annotation,
            sections=sections,
            line_start=work.line_start,
            line_end=work.line_end,
            raw=work.raw,
        )

    @property
    def authors(self) -> list[str]:
        return [c.name for c in self.contributors]

    @property
    def section_path(self) -> str | None:
        """The entry's sections, outermost first, as the guide page names them."""
        return SECTION_SEPARATOR.join(self.sections) or None


@dataclass
class ListSection:
    """A heading of the guide, with its depth (1 outermost) and where it stands."""

    title: str
    level: int
    line: int
    note: str = ""


@dataclass
class ListGuide:
    """A whole guide as read: its metadata, its sections and entries in order."""

    title: str | None = None
    subtitle: str | None = None
    compilers: list[str] = field(default_factory=list)
    date: str | None = None
    introduction: str = ""
    introduction_lines: tuple[int, int] | None = None
    closing: str = ""
    sections: list[ListSection] = field(default_factory=list)
    entries: list[ListEntry] = field(default_factory=list)
    author_notes: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # What each line of the text became ("entry", "note", "heading", "introduction"…):
    # what the reader understood, line by line.
    kept: dict[int, str] = field(default_factory=dict)
