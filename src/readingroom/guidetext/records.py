"""The records a guide text parses into: plain data, no behaviour beyond derived views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """Something the parser or a check noticed, located by line where it can be."""

    message: str
    line: int | None = None
    severity: Severity = "error"

    def format(self, filename: str) -> str:
        where = f"{filename}:{self.line}" if self.line is not None else filename
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class WorkEntry:
    """One work paragraph: ``Title (Year): N pages, annotation``.

    ``raw`` is the paragraph exactly as the editor wrote it; the writer reuses it
    for as long as the structured fields still say what it says.
    """

    title: str
    year: int | None = None
    year_end: int | None = None
    pages: int | None = None
    annotation: str | None = None
    section: str | None = None
    line_start: int = 0
    line_end: int = 0
    raw: str = ""

    def fields(self) -> tuple[object, ...]:
        """The content that defines the work, without layout or location."""
        return (self.title, self.year, self.year_end, self.pages, self.annotation)


@dataclass
class AuthorEntry:
    """An author: a name, a verbatim biography and the works that follow it."""

    name: str
    name_inferred: bool = False
    biography: str = ""
    works: list[WorkEntry] = field(default_factory=list)
    has_heading: bool = True
    line_start: int = 0
    line_end: int = 0


@dataclass
class TextLayout:
    """How the file spelt its line breaks, so that writing it back changes nothing."""

    newline: str = "\n"
    final_newline: bool = True


@dataclass
class GuideText:
    """A whole guide file: its authors in order, and its layout."""

    authors: list[AuthorEntry] = field(default_factory=list)
    layout: TextLayout = field(default_factory=TextLayout)

    @property
    def works(self) -> list[WorkEntry]:
        return [work for author in self.authors for work in author.works]


@dataclass
class ParseResult:
    guide: GuideText
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]
