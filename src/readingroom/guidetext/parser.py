"""Parsing the plain-text guide format (docs/guide-format.md) into records.

The parser never raises on text: whatever it cannot read becomes a
:class:`Problem` with its line number, so one bad paragraph is reported with
every other one rather than stopping at the first.

It reads line by line (:class:`GuideReader`) and hands over each author, with
the biography and works, as soon as the next heading or the end of the file
closes it, so a file is never held in memory whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from readingroom import limits
from readingroom.reading.counts import format_count

from .names import infer_author_name, sort_name
from .records import (
    AuthorEntry,
    GuideText,
    ParseResult,
    Problem,
    Severity,
    TextLayout,
    WorkEntry,
)

BLANK = re.compile(r"[ \t\xa0]*")
_AUTHOR_HEADING = re.compile(r"# (?P<name>.*)")
_SECTION_HEADING = re.compile(r"##(?: (?P<name>.*))?")
_SPACE = r"[ \t\xa0]"
# Titles are one line and bounded, so a 10 MB line of garbage cannot make the
# lazy title scan quadratic; the bound is above the title limit so that a title
# that is too long is reported as such rather than taken for biography.
_TITLE_LIMIT = limits.WORK["title"].max_length or 500
_TITLE = rf"(?P<title>[^\n]{{1,{4 * _TITLE_LIMIT}}}?)"
_YEAR = r"\((?P<year>\d{3,4})(?:\s*[–—-]\s*(?P<year_end>\d{2,4}))?\)"
_PAGES = r"(?P<pages>\?|\d{1,3}(?:,\d{3})+|\d+)" + _SPACE + r"*(?:pages|page|pp\.|p\.)"
_REST = r"(?P<rest>.*)"
_WORK_WITH_YEAR = re.compile(rf"{_TITLE}{_SPACE}+{_YEAR}:(?:{_SPACE}+{_PAGES})?{_REST}", re.DOTALL)
_WORK_WITH_PAGES = re.compile(rf"{_TITLE}:{_SPACE}+{_PAGES}{_REST}", re.DOTALL)
_ANNOTATION = re.compile(r"[,;.]?(?:\s|\xa0)*(?P<annotation>.*)", re.DOTALL)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Beyond this many, problems are counted rather than kept (a file of garbage
# would otherwise make a list as long as itself).
MAX_PROBLEMS = 1000


# A page count longer than this is out of any range; reading thousands of digits as
# a number would fail (Python limits the conversion), so it is read as TOO_LONG.
_MAX_DIGITS = 18
TOO_LONG = 10**_MAX_DIGITS


def _count(digits: str) -> int:
    plain = digits.replace(",", "")
    return int(plain, 10) if len(plain) <= _MAX_DIGITS else TOO_LONG


def expand_year_end(year: int, end: str) -> int:
    """'1926–27' ends in 1927 and '1999–00' in 2000: a short end year is the first
    year on or after the start that ends in those digits."""
    if len(end) >= len(str(year)):
        return int(end)
    base = int(10 ** len(end))
    expanded = year - year % base + int(end)
    return expanded if expanded >= year else expanded + base


def parse_work(text: str) -> WorkEntry | None:
    """Read one paragraph as a work, or return None if it is not shaped like one."""
    match = _WORK_WITH_YEAR.fullmatch(text) or _WORK_WITH_PAGES.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    year_end = (
        expand_year_end(year, groups["year_end"])
        if year is not None and groups.get("year_end")
        else None
    )
    pages = groups["pages"]
    annotation_match = _ANNOTATION.fullmatch(groups["rest"])
    annotation = annotation_match.group("annotation") if annotation_match else ""
    return WorkEntry(
        title=groups["title"],
        year=year,
        year_end=year_end,
        pages=_count(pages) if pages and pages != "?" else None,
        annotation=annotation or None,
        raw=text,
    )


def check_work(work: WorkEntry) -> Iterator[Problem]:
    """The limits and rules every door applies (readingroom.limits), at the work's line."""
    line = work.line_start
    if work.pages == TOO_LONG:
        most = limits.WORK["pages"].maximum or 0
        yield Problem(f"page count has more than {_MAX_DIGITS} digits; the most is {most:,}", line)
        return
    values = {"title": work.title, "pages": work.pages, "source_text": work.raw}
    for name, value in values.items():
        if problem := limits.WORK[name].problem(value):
            yield Problem(problem, line)
    for rule in limits.work_rules(work.year, work.year_end, work.pages):
        yield Problem(rule.message, line, rule.severity)
    if work.title != work.title.strip():
        yield Problem("title has spaces at its start or end", line, "warning")


@dataclass
class _Paragraph:
    lines: list[str]
    line_start: int
    length: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def line_end(self) -> int:
        return self.line_start + len(self.lines) - 1


@dataclass
class _LineBreaks:
    """The line breaks a file used, counted as it is read."""

    counts: Counter[str] = field(default_factory=Counter)
    final: bool = False
    trailing_blank: bool = False

    def layout(self) -> tuple[TextLayout, list[Problem]]:
        used = [kind for kind in _NEWLINES if self.counts[kind]]
        # The majority convention; a tie goes to the more common one in the wild.
        newline = max(used, key=lambda kind: self.counts[kind]) if used else "\n"
        problems = []
        if len(used) > 1:
            problems.append(
                Problem(
                    f"mixed line endings; the file will be written back with {_NEWLINES[newline]}",
                    severity="warning",
                )
            )
        if self.trailing_blank:
            problems.append(
                Problem("blank lines at the end of the file are dropped", severity="warning")
            )
        return TextLayout(newline, self.final), problems


_NEWLINES = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}


def _lines(chunks: Iterable[str], breaks: _LineBreaks) -> Iterator[str]:
    """The text's lines without their line breaks, counting which breaks it used.

    The line breaks at the very end of a file yield no lines: the layout remembers
    the final newline, and blank lines there are dropped (with a warning).
    """
    pending = ""
    held = 0  # empty lines held back until text follows them
    for chunk in _with_end(chunks):
        text = pending + chunk
        # A CR at the end of a piece may be half of a CRLF: wait for the next piece,
        # unless this is the end.
        end = len(text) - 1 if chunk and text.endswith("\r") else len(text)
        start = 0
        for match in LINE_BREAK.finditer(text, 0, end):
            breaks.counts[match.group()] += 1
            line, start = text[start : match.start()], match.end()
            if line:
                yield from [""] * held
                held = 0
                yield line
            else:
                held += 1
        pending = text[start:]
    if pending:
        yield from [""] * held
        yield pending
    elif breaks.counts:
        breaks.final, breaks.trailing_blank = True, held > 0


def _with_end(chunks: Iterable[str]) -> Iterator[str]:
    """The non-empty pieces, then one empty piece that marks the end."""
    yield from (chunk for chunk in chunks if chunk)
    yield ""


@dataclass
class _Author:
    """An author being read: the entry, and the biography's lines gathered so far."""

    entry: AuthorEntry
    biography: list[str] = field(default_factory=list)
    # Lines between biography paragraphs, kept verbatim once another paragraph follows.
    gap: list[str] = field(default_factory=list)
    gap_length: int = 0
    length: int = 0


class GuideReader:
    """Reads a guide's text as it arrives and hands over each author once complete.

    After :meth:`authors` is exhausted, ``problems``, ``layout``, ``lines`` and
    ``works`` describe the whole file; ``errors`` counts the errors found so far
    while it reads.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.errors = 0
        self.layout = TextLayout()
        self.lines = 0
        self.works = 0
        self.dropped: Counter[Severity] = Counter()
        self._section: str | None = None
        self._author: _Author | None = None
        self._breaks = _LineBreaks()

    def problem(self, message: str, line: int | None, severity: Severity = "error") -> None:
        self.errors += severity == "error"
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, line, severity))
        else:
            self.dropped[severity] += 1

    def authors(self, chunks: Iterable[str]) -> Iterator[AuthorEntry]:
        paragraph: _Paragraph | None = None
        number = 0
        for number, line in enumerate(_lines(chunks, self._breaks), start=1):
            heading = line.startswith("# ") or line.startswith("##")
            if not heading and not BLANK.fullmatch(line):
                if paragraph is None:
                    paragraph = _Paragraph([], number)
                self._grow(paragraph, line)
                continue
            if paragraph is not None:
                self._paragraph(paragraph)
                paragraph = None
            if heading:
                yield from self._heading(line, number)
            else:
                self._between_paragraphs(line)
        if paragraph is not None:
            self._paragraph(paragraph)
        yield from self._finish_author()
        self.lines = number
        self.layout, problems = self._breaks.layout()
        self.problems[:0] = problems
        if not self.works:
            self.problem(
                "no works found; expected paragraphs like "
                "'Title (Year): N pages, annotation' after the biography",
                None,
            )
        # What was counted, not kept: as an error only if errors were among it.
        for severity, count in sorted(self.dropped.items()):
            if count:
                kind = format_count(count, f"more {severity}")
                self.problems.append(Problem(f"… and {kind}", None, severity))

    def _grow(self, paragraph: _Paragraph, line: str) -> None:
        """Add a line, keeping no more of a runaway paragraph than the limit allows."""
        paragraph.length += len(line) + 1
        if paragraph.length <= limits.LONG_TEXT + 1:
            paragraph.lines.append(line)
        elif paragraph.length - len(line) - 1 <= limits.LONG_TEXT + 1:
            self.problem(
                f"paragraph runs past {limits.LONG_TEXT:,} characters, the most a "
                "biography paragraph or a work may hold (docs/limits.md)",
                paragraph.line_start,
            )

    def _heading(self, line: str, number: int) -> Iterator[AuthorEntry]:
        if author := _AUTHOR_HEADING.fullmatch(line):
            yield from self._finish_author()
            self._start_author(author.group("name"), number)
            return
        section = _SECTION_HEADING.fullmatch(line)
        name = ((section.group("name") if section else None) or "").strip() or None
        if name and (problem := limits.GUIDE_ENTRY["section"].problem(name)):
            self.problem(problem, number)
        self._section = name
        self._between_paragraphs(line)

    def _between_paragraphs(self, line: str) -> None:
        """A blank or heading line: part of the biography if more biography follows."""
        author = self._author
        if author is None or not author.biography or author.entry.works:
            return
        author.gap_length += len(line) + 1
        if author.length + author.gap_length <= limits.LONG_TEXT + 1:
            author.gap.append(line)

    def _start_author(self, name: str, number: int) -> None:
        # Sections group one author's works; a new author starts outside any.
        self._section = None
        name = name.strip()
        if not name:
            self.problem("author heading has no name", number, "warning")
        elif problem := limits.AUTHOR["name"].problem(name) or limits.AUTHOR["sort_name"].problem(
            sort_name(name)
        ):
            self.problem(problem, number)
        self._author = _Author(AuthorEntry(name=name, line_start=number, line_end=number))

    def _paragraph(self, paragraph: _Paragraph) -> None:
        if self._author is None:
            entry = AuthorEntry(name="", has_heading=False, line_start=paragraph.line_start)
            self._author = _Author(entry)
        author = self._author
        author.entry.line_end = paragraph.line_end
        work = parse_work(paragraph.text) if paragraph.length <= limits.LONG_TEXT + 1 else None
        if work is not None:
            work.section = self._section
            work.line_start, work.line_end = paragraph.line_start, paragraph.line_end
            for problem in check_work(work):
                self.problem(problem.message, problem.line, problem.severity)
            author.entry.works.append(work)
            self.works += 1
        elif author.entry.works:
            self.problem(
                "expected a work 'Title (Year): N pages, annotation' "
                "(biography paragraphs come before an author's works)",
                paragraph.line_start,
            )
        else:
            self._add_biography(author, paragraph)

    def _add_biography(self, author: _Author, paragraph: _Paragraph) -> None:
        lines = [*author.gap, *paragraph.lines] if author.biography else paragraph.lines
        before = author.length
        author.length += author.gap_length + paragraph.length
        author.gap, author.gap_length = [], 0
        if author.length <= limits.LONG_TEXT + 1:
            author.biography.extend(lines)
        elif before <= limits.LONG_TEXT + 1 and paragraph.length <= limits.LONG_TEXT + 1:
            # (A paragraph over the limit by itself has been reported already.)
            self.problem(
                f"the biography runs past {limits.LONG_TEXT:,} characters, the most a "
                "biography may hold (docs/limits.md)",
                paragraph.line_start,
            )

    def _finish_author(self) -> Iterator[AuthorEntry]:
        if self._author is None:
            return
        current, self._author = self._author, None
        author = current.entry
        author.biography = "\n".join(current.biography)
        if not author.name:
            guessed = infer_author_name(
                author.biography, [w.annotation for w in author.works if w.annotation]
            )
            author.name_inferred = True
            if guessed:
                author.name = guessed
            else:
                author.name = "Unknown author"
                self.problem(
                    "no author name given and none could be inferred; "
                    "add a heading line '# Full Name'",
                    author.line_start,
                    "warning",
                )
        yield author


def line_count(text: str) -> int:
    """How many lines the parser reads in a text: line breaks at the very end make none."""
    body = LINE_BREAK.sub("\n", text).rstrip("\n")
    return body.count("\n") + 1 if body else 0


def parse_guide(text: str) -> ParseResult:
    """Parse a guide's whole text into authors and works, with every problem found."""
    reader = GuideReader()
    authors = list(reader.authors([text.removeprefix("\ufeff")]))
    return ParseResult(GuideText(authors, reader.layout), reader.problems)
