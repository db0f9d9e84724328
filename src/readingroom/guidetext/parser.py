"""Parsing the plain-text guide format (docs/guide-format.md) into records.

The parser never raises on text: whatever it cannot read becomes a
:class:`Problem` with its line number, so one bad paragraph is reported with
every other one rather than stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from .names import infer_author_name
from .records import AuthorEntry, GuideText, ParseResult, Problem, TextLayout, WorkEntry

_BLANK = re.compile(r"[ \t\xa0]*")
_AUTHOR_HEADING = re.compile(r"# (?P<name>.*)")
_SECTION_HEADING = re.compile(r"##(?: (?P<name>.*))?")
_SPACE = r"[ \t\xa0]"
# Titles are one line and bounded, so a 10 MB line of garbage cannot make the
# lazy title scan quadratic.
_TITLE = r"(?P<title>[^\n]{1,500}?)"
_YEAR = r"\((?P<year>\d{3,4})(?:\s*[–—-]\s*(?P<year_end>\d{2,4}))?\)"
_PAGES = r"(?P<pages>\?|\d{1,3}(?:,\d{3})+|\d+)" + _SPACE + r"*(?:pages|page|pp\.|p\.)"
_REST = r"(?P<rest>.*)"
_WORK_WITH_YEAR = re.compile(rf"{_TITLE}{_SPACE}+{_YEAR}:(?:{_SPACE}+{_PAGES})?{_REST}", re.DOTALL)
_WORK_WITH_PAGES = re.compile(rf"{_TITLE}:{_SPACE}+{_PAGES}{_REST}", re.DOTALL)
_ANNOTATION = re.compile(r"[,;.]?(?:\s|\xa0)*(?P<annotation>.*)", re.DOTALL)

# Years after this are taken to be typing slips rather than forthcoming books.
_LATEST_PLAUSIBLE_YEAR = date.today().year + 1


@dataclass(frozen=True)
class _Paragraph:
    text: str
    line_start: int
    line_end: int


def _split_newlines(text: str) -> tuple[str, TextLayout, list[Problem]]:
    """Normalise line breaks to LF, remembering the file's own convention."""
    problems: list[Problem] = []
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    newline = "\r\n" if crlf and crlf >= lone_lf else "\n"
    if (crlf and lone_lf) or lone_cr:
        problems.append(
            Problem(
                "mixed line endings; the file will be written back with "
                + ("CRLF" if newline == "\r\n" else "LF"),
                severity="warning",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    final_newline = text.endswith("\n")
    if text.endswith("\n\n"):
        problems.append(
            Problem("blank lines at the end of the file are dropped", severity="warning")
        )
    return text.rstrip("\n"), TextLayout(newline, final_newline), problems


def _paragraphs(text: str) -> Iterator[_Paragraph]:
    """Yield runs of non-blank lines; headings stand alone even without a blank line."""
    lines: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        heading = line.startswith("# ") or line.startswith("##")
        if _BLANK.fullmatch(line) or heading:
            if lines:
                yield _Paragraph("\n".join(lines), start, number - 1)
                lines = []
            if heading:
                yield _Paragraph(line, number, number)
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        yield _Paragraph("\n".join(lines), start, start + len(lines) - 1)


def _count(digits: str) -> int:
    return int(digits.replace(",", ""))


def _expand_year_end(year: int, end: str) -> int:
    """'1926–27' ends in 1927: a short end year borrows the start year's century."""
    if len(end) >= len(str(year)):
        return int(end)
    base = int(10 ** len(end))
    return year - year % base + int(end)


def parse_work(text: str) -> WorkEntry | None:
    """Read one paragraph as a work, or return None if it is not shaped like one."""
    match = _WORK_WITH_YEAR.fullmatch(text) or _WORK_WITH_PAGES.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    year_end = (
        _expand_year_end(year, groups["year_end"])
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


def _check_work(work: WorkEntry) -> Iterator[Problem]:
    line = work.line_start
    for year in (work.year, work.year_end):
        if year is not None and year > _LATEST_PLAUSIBLE_YEAR:
            yield Problem(f"year {year} is in the future", line, "warning")
    if work.year and work.year_end is not None and work.year_end < work.year:
        yield Problem(
            f"year range ends ({work.year_end}) before it starts ({work.year})", line, "warning"
        )
    if work.pages == 0:
        yield Problem("page count is 0", line, "warning")
    if work.title != work.title.strip():
        yield Problem("title has spaces at its start or end", line, "warning")


class _GuideBuilder:
    """Walks the paragraphs once, keeping the state the format depends on."""

    def __init__(self) -> None:
        self.authors: list[AuthorEntry] = []
        self.problems: list[Problem] = []
        self.section: str | None = None
        self.bio_paragraphs: list[_Paragraph] = []

    @property
    def author(self) -> AuthorEntry | None:
        return self.authors[-1] if self.authors else None

    def start_author(self, paragraph: _Paragraph, name: str) -> None:
        # Sections group one author's works; a new author starts outside any.
        self.section = None
        name = name.strip()
        if not name:
            self.problems.append(
                Problem("author heading has no name", paragraph.line_start, "warning")
            )
        self.authors.append(
            AuthorEntry(
                name=name,
                has_heading=True,
                line_start=paragraph.line_start,
                line_end=paragraph.line_end,
            )
        )

    def add_paragraph(self, paragraph: _Paragraph) -> None:
        author = self.author
        if author is None:
            author = AuthorEntry(name="", has_heading=False, line_start=paragraph.line_start)
            self.authors.append(author)
        work = parse_work(paragraph.text)
        if work is None:
            if author.works:
                self.problems.append(
                    Problem(
                        "expected a work 'Title (Year): N pages, annotation' "
                        "(biography paragraphs come before an author's works)",
                        paragraph.line_start,
                    )
                )
            else:
                self.bio_paragraphs.append(paragraph)
            author.line_end = paragraph.line_end
            return
        work.section = self.section
        work.line_start, work.line_end = paragraph.line_start, paragraph.line_end
        self.problems.extend(_check_work(work))
        author.works.append(work)
        author.line_end = paragraph.line_end

    def finish_author(self, text_lines: list[str]) -> None:
        author = self.author
        if author is None:
            return
        if self.bio_paragraphs:
            first, last = self.bio_paragraphs[0], self.bio_paragraphs[-1]
            author.biography = "\n".join(text_lines[first.line_start - 1 : last.line_end])
        self.bio_paragraphs = []
        if not author.name:
            guessed = infer_author_name(
                author.biography, [w.annotation for w in author.works if w.annotation]
            )
            author.name_inferred = True
            if guessed:
                author.name = guessed
            else:
                author.name = "Unknown author"
                self.problems.append(
                    Problem(
                        "no author name given and none could be inferred; "
                        "add a heading line '# Full Name'",
                        author.line_start,
                        "warning",
                    )
                )


def parse_guide(text: str) -> ParseResult:
    """Parse a guide's text into authors and works, with every problem found."""
    body, layout, problems = _split_newlines(text.removeprefix("\ufeff"))
    lines = body.split("\n")
    builder = _GuideBuilder()
    builder.problems.extend(problems)
    for paragraph in _paragraphs(body):
        author_heading = _AUTHOR_HEADING.fullmatch(paragraph.text)
        section_heading = _SECTION_HEADING.fullmatch(paragraph.text)
        if author_heading:
            builder.finish_author(lines)
            builder.start_author(paragraph, author_heading.group("name"))
        elif section_heading:
            builder.section = (section_heading.group("name") or "").strip() or None
        else:
            builder.add_paragraph(paragraph)
    builder.finish_author(lines)
    guide = GuideText(builder.authors, layout)
    if not guide.works:
        builder.problems.append(
            Problem(
                "no works found; expected paragraphs like "
                "'Title (Year): N pages, annotation' after the biography",
                None,
            )
        )
    return ParseResult(guide, builder.problems)
