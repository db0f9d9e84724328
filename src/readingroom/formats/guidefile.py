"""The plain-text guide format (docs/guide-format.md) as core records, both ways.

Version 1 is one author's biography and works, or several authors under `# Name`
headings; guidetext parses it (streaming, for files of any size) and each author's
works become entries credited to that author. Version 2 begins with a guide header
(`Title: …`) and holds a guide across authors: an introduction, nested sections,
entries that name their own contributors, parts to read, importance marks,
publishers, a closing text. It is read whole into the same records, and
:func:`write_guide_list` writes any guide's records as version 2, in the canonical
form that reads back to the same records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from readingroom import limits
from readingroom.guidetext import parse_guide, parse_work
from readingroom.guidetext.parser import check_work
from readingroom.guidetext.records import Problem, Severity, WorkEntry
from readingroom.guidetext.writer import render_work

from .citation import part_pages
from .isbn import compact, is_valid
from .lexicon import lexicon
from .names import is_corporate_name, is_person_name
from .records import IMPORTANCE_LEVELS, Contributor, ListEntry, ListGuide, ListSection, Role

# A version 2 file: its first non-blank line is the guide header's title.
_VERSION_2 = re.compile(r"\ufeff?(?:[ \t\xa0]*(?:\r\n|\r|\n))*[Tt][Ii][Tt][Ll][Ee]:[ \t\xa0]+\S")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK = re.compile(r"[ \t\xa0]*")
_FIELD = re.compile(r"(?P<key>[A-Za-z][A-Za-z. ]{0,30}?):[ \t\xa0]+(?P<value>\S.*?)[ \t\xa0]*")
# `# Name`, `## Part`, `### Week 1`; "#hashtag" is text.
_HEADING = re.compile(r"(?P<marks>#{1,6})(?:[ \t\xa0]+(?P<name>.*))?")
_RULE = re.compile(r"[ \t\xa0]*-{3,}[ \t\xa0]*")
# "Karl Marx — Capital (1867): …": the names end at the first dash set off by spaces,
# when no colon comes before it (a colon there is the title's or the annotation's).
_NAMES_END = re.compile(r"[ \t\xa0]+(?:—|--)[ \t\xa0]+")
_NO_NAMES = re.compile(r"(?:—|--)[ \t\xa0]+")
_ROLE_SUFFIX = re.compile(r"[ \t\xa0]*(?P<marker>\([^()]{1,16}\))$")
_EDITION = re.compile(r"\d{3,4}")

HEADER_FIELDS = {"title": "title", "subtitle": "subtitle", "date": "date"} | dict.fromkeys(
    ("compiled by", "compiler", "compilers"), "compilers"
)
# An entry's field lines, as the writer spells them, in the order it writes them.
CONTRIBUTOR_FIELDS: dict[Role, str] = {
    "author": "By",
    "editor": "Edited by",
    "translator": "Translated by",
    "introduction": "Introduction by",
}
DETAIL_FIELDS = {
    "part": "Read",
    "importance": "Importance",
    "publisher": "Publisher",
    "place": "Place",
    "edition_year": "Edition",
    "isbn": "ISBN",
    "url": "URL",
}
_DETAILS = {label.casefold(): name for name, label in DETAIL_FIELDS.items()}


def is_version_2(text: str) -> bool:
    """Whether the text is a version 2 guide: it opens with a `Title:` header line."""
    return _VERSION_2.match(text) is not None


def read_guide_format(text: str) -> ListGuide:
    """Read a guide-format text of either version into the core records."""
    if is_version_2(text):
        return _Version2(text).read()
    return _version_1(text)


def _version_1(text: str) -> ListGuide:
    result = parse_guide(text)
    guide = ListGuide(problems=list(result.problems))
    for author in result.guide.authors:
        credit = Contributor(author.name, "author", author.name)
        if author.biography:
            guide.author_notes[author.name] = author.biography
        section: str | None = None
        for work in author.works:
            if work.section and work.section != section:
                section = work.section
                guide.sections.append(ListSection(section, 1, work.line_start))
            guide.entries.append(_entry(work, [credit], (work.section,) if work.section else ()))
    return guide


def _entry(
    work: WorkEntry, contributors: list[Contributor], sections: tuple[str, ...]
) -> ListEntry:
    return ListEntry(
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


# --- Reading version 2 -------------------------------------------------------------


class _Phase(Enum):
    """Where the reader is: what a paragraph that is not shaped like a work becomes."""

    INTRODUCTION = "introduction"
    NOTE = "note"  # after `# Name`: the note on that author
    ENTRIES = "entries"  # after a section heading or an entry: every paragraph is one
    CLOSING = "closing"


@dataclass
class _Paragraph:
    lines: list[str]
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1


def _units(lines: list[str], first: int) -> Iterator[tuple[int, str] | _Paragraph]:
    """Heading lines (with their numbers) and paragraphs, from line ``first`` on."""
    paragraph: _Paragraph | None = None
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        heading = line.startswith("#") and _HEADING.fullmatch(line) is not None
        if not heading and not _BLANK.fullmatch(line):
            if paragraph is None:
                paragraph = _Paragraph([], number)
            paragraph.lines.append(line)
            continue
        if paragraph is not None:
            yield paragraph
            paragraph = None
        if heading:
            yield number, line
    if paragraph is not None:
        yield paragraph


class _Version2:
    def __init__(self, text: str) -> None:
        body = _LINE_BREAK.sub("\n", text.removeprefix("\ufeff")).rstrip("\n")
        self.lines = body.split("\n") if body else []
        self.guide = ListGuide()
        self.phase = _Phase.INTRODUCTION
        self.sections: list[str] = []
        self.author: str | None = None
        # The span of lines the text being gathered (introduction, a note) covers.
        self.span: tuple[int, int] | None = None

    def problem(self, message: str, line: int | None, severity: Severity = "error") -> None:
        self.guide.problems.append(Problem(message, line, severity))

    def read(self) -> ListGuide:
        after_header = self._header()
        for unit in _units(self.lines, after_header):
            if self.phase is _Phase.CLOSING:
                break
            if isinstance(unit, _Paragraph):
                self._paragraph(unit)
            else:
                self._heading(*unit)
        self._close_text()
        if not self.guide.entries:
            self.problem("no entries found; a guide lists at least one work", None)
        return self.guide

    def _header(self) -> int:
        """Read the header paragraph; the number of the line after it."""
        number = next(n for n, line in enumerate(self.lines, 1) if not _BLANK.fullmatch(line))
        seen: set[str] = set()
        while number <= len(self.lines) and not _BLANK.fullmatch(self.lines[number - 1]):
            line = self.lines[number - 1]
            self.guide.kept[number] = "header"
            match = _FIELD.fullmatch(line)
            name = HEADER_FIELDS.get(match.group("key").strip().casefold()) if match else None
            if match is None or name is None:
                self.problem(
                    f"{line[:40]!r} is not a header line; a guide header has 'Title:', "
                    "'Subtitle:', 'Compiled by:' and 'Date:' lines",
                    number,
                )
            elif name in seen:
                self.problem(f"the header gives '{match.group('key')}' twice", number)
            else:
                seen.add(name)
                self._header_field(name, match.group("value"), number)
            number += 1
        return number

    def _header_field(self, name: str, value: str, number: int) -> None:
        spec = limits.GUIDE[name]
        if name == "compilers":
            self.guide.compilers = split_names(value)
            value = ", ".join(self.guide.compilers)
        else:
            setattr(self.guide, name, value)
        if problem := spec.problem(value):
            self.problem(problem, number)

    def _heading(self, number: int, line: str) -> None:
        self.guide.kept[number] = "heading"
        self._close_text()
        match = _HEADING.fullmatch(line)
        assert match is not None  # (_units yields only headings)
        level, name = len(match.group("marks")), (match.group("name") or "").strip()
        if level == 1:
            self.author = name or None
            self.phase = _Phase.NOTE if name else _Phase.ENTRIES
            if name and (problem := limits.AUTHOR["name"].problem(name)):
                self.problem(problem, number)
            return
        # `##` is a part of the guide, `###` a section within it, and so on; a heading
        # with no name closes the sections at its depth.
        depth = level - 1
        del self.sections[depth - 1 :]
        if name:
            self.sections.append(name)
            self.guide.sections.append(ListSection(name, depth, number))
            if problem := limits.GUIDE_ENTRY["section"].problem(" › ".join(self.sections)):
                self.problem(problem, number)
        self.author, self.phase = None, _Phase.ENTRIES

    def _paragraph(self, paragraph: _Paragraph) -> None:
        if len(paragraph.lines) == 1 and _RULE.fullmatch(paragraph.lines[0]):
            self._close_text()
            self.guide.kept[paragraph.start] = "rule"
            self.phase = _Phase.CLOSING
            start = next(
                (n for n in range(paragraph.start + 1, len(self.lines) + 1)
                 if not _BLANK.fullmatch(self.lines[n - 1])),
                None,
            )  # fmt: skip
            if start is not None:
                self.span = (start, len(self.lines))
            return
        entry = _EntryReader(self, paragraph).read()
        if entry is not None:
            self._close_text()
            self.phase = _Phase.ENTRIES
            self.guide.entries.append(entry)
            return
        start = self.span[0] if self.span else paragraph.start
        self.span = (start, paragraph.end)

    def _close_text(self) -> None:
        """Keep the introduction, note or closing text gathered so far, verbatim."""
        if self.span is None:
            return
        start, end = self.span
        text = "\n".join(self.lines[start - 1 : end])
        self.span = None
        kind = self.phase.value
        self.guide.kept.update(dict.fromkeys(range(start, end + 1), kind))
        if self.phase is _Phase.INTRODUCTION:
            self.guide.introduction = text
            self.guide.introduction_lines = (start, end)
        elif self.phase is _Phase.CLOSING:
            self.guide.closing = text
        elif self.author is not None:
            notes = self.guide.author_notes
            notes[self.author] = f"{notes[self.author]}\n\n{text}" if self.author in notes else text


class _EntryReader:
    """One paragraph read as an entry: names — title and work, then field lines."""

    def __init__(self, guide: _Version2, paragraph: _Paragraph) -> None:
        self.reader, self.paragraph = guide, paragraph
        self.contributors: list[Contributor] = []
        self.details: dict[str, object] = {}

    def read(self) -> ListEntry | None:
        paragraph, reader = self.paragraph, self.reader
        body, fields = _split_fields(paragraph.lines)
        names, first = _names_prefix(body[0])
        work = _work([first, *body[1:]], reader.phase is _Phase.ENTRIES)
        if work is None:
            return None  # introduction or note text
        work.raw = "\n".join(paragraph.lines)
        work.line_start, work.line_end = paragraph.start, paragraph.end
        for problem in check_work(work):
            reader.problem(problem.message, problem.line, problem.severity)
        if not work.title.strip():
            reader.problem("the entry has no title", paragraph.start)
        self._names(names)
        for offset, (key, value) in enumerate(fields, start=paragraph.start + len(body)):
            self._field(key, value, offset)
        author = reader.author
        if names is None and author and not any(c.role == "author" for c in self.contributors):
            # No author written: the one whose heading the entry is under.
            self.contributors.insert(0, Contributor(author, "author", author))
        reader.guide.kept.update(dict.fromkeys(range(paragraph.start, paragraph.end + 1), "entry"))
        entry = _entry(work, self.contributors, tuple(reader.sections))
        for name, detail in self.details.items():
            setattr(entry, name, detail)
        if entry.part:
            entry.part_pages = part_pages(entry.part)
        return entry

    def _names(self, names: str | None) -> None:
        if names is None:
            return
        role: Role = "author"
        suffix = _ROLE_SUFFIX.search(names)
        if suffix and (marked := lexicon().roles.get(suffix.group("marker").casefold())):
            role, names = marked, names[: suffix.start()]
        self._credit(names, role, self.paragraph.start)
        people = [c.name for c in self.contributors]
        if people and not all(is_person_name(n) or is_corporate_name(n) for n in people):
            self.reader.problem(
                f"read {' and '.join(repr(n) for n in people)} as the work's contributors, "
                "from before the ' — '; if that is part of the title, begin the line "
                "with '— '",
                self.paragraph.start,
                "warning",
            )

    def _credit(self, names: str, role: Role, line: int) -> None:
        for name in split_names(names):
            self.contributors.append(Contributor(name, role, name))
            if problem := limits.AUTHOR["name"].problem(name):
                self.reader.problem(problem, line)

    def _field(self, key: str, value: str, line: int) -> None:
        label = key.strip().casefold()
        role: Role | None = "author" if label == "by" else lexicon().roles.get(label)
        if role is not None:
            self._credit(value, role, line)
            return
        name = _DETAILS[label]
        if name in self.details:
            self.reader.problem(f"the entry gives '{key}' twice", line)
            return
        parsed, problem = _detail(name, value)
        if problem:
            self.reader.problem(problem, line)
        else:
            self.details[name] = parsed


# "Capital (1867)": a year and nothing after it, colon or not.
_YEAR_ONLY = re.compile(r".*[ \t\xa0]\(\d{3,4}(?:\s*[–—-]\s*\d{2,4})?\)[ \t\xa0]*")


def _work(lines: list[str], entry: bool) -> WorkEntry | None:
    """The work a paragraph's body names: shaped as in version 1 anywhere; once the
    entries have begun (``entry``), also "Title (Year)" and a bare title, whose
    further lines are its annotation."""
    work = parse_work("\n".join(lines))
    if work is not None or not entry:
        return work
    if _YEAR_ONLY.fullmatch(lines[0]):
        work = parse_work("\n".join([f"{lines[0]}:", *lines[1:]]))
    return work or WorkEntry(lines[0].strip(), annotation="\n".join(lines[1:]) or None)


def _detail(name: str, value: str) -> tuple[object, str | None]:
    """A field line's value as the record holds it, or the problem with it."""
    if name == "importance":
        level = value.casefold().removesuffix(" reading")
        if level not in IMPORTANCE_LEVELS:
            return None, f"importance {value!r} is not one of: {', '.join(IMPORTANCE_LEVELS)}"
        return level, None
    if name == "edition_year":
        if not _EDITION.fullmatch(value):
            return None, f"edition {value!r} is not a year"
        year = int(value)
        problem = limits.WORK["edition_year"].problem(year)
        return year, problem
    if name == "isbn":
        isbn = compact(value)
        if not is_valid(isbn):
            return None, f"ISBN {value} is not valid (its check digit does not match)"
        return isbn, None
    spec = {"part": limits.GUIDE_ENTRY["part"]}.get(name) or limits.WORK[name]
    return value, spec.problem(value)


def _is_field(line: str) -> tuple[str, str] | None:
    match = _FIELD.fullmatch(line)
    if match is None:
        return None
    label = match.group("key").strip().casefold()
    if label == "by" or label in lexicon().roles or label in _DETAILS:
        return match.group("key"), match.group("value")
    return None


def _split_fields(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """The paragraph's body, and the field lines that end it (never its first line)."""
    fields: list[tuple[str, str]] = []
    end = len(lines)
    while end > 1 and (field := _is_field(lines[end - 1])) is not None:
        fields.insert(0, field)
        end -= 1
    return lines[:end], fields


def _names_prefix(line: str) -> tuple[str | None, str]:
    """The names written before ' — ' (None when there are none), and the rest."""
    if no_names := _NO_NAMES.match(line):
        return "", line[no_names.end() :]
    dash = _NAMES_END.search(line)
    if dash is None or ":" in line[: dash.start()]:
        return None, line
    return line[: dash.start()], line[dash.end() :]


def split_names(text: str) -> list[str]:
    """'A and B', 'A & B', 'A; B; C': names separated by ';', or else by 'and' / '&'."""
    pieces = text.split(";") if ";" in text else re.split(r"[ \t\xa0]+(?:and|&)[ \t\xa0]+", text)
    return [piece.strip() for piece in pieces if piece.strip()]


# --- Writing version 2 -------------------------------------------------------------


def join_names(names: list[str]) -> str:
    """Names as :func:`split_names` reads them back."""
    if len(names) == 2 and not any(re.search(r"\s(?:and|&)\s", n) for n in names):
        return " and ".join(names)
    if len(names) == 1 and not re.search(r"\s(?:and|&)\s", names[0]):
        return names[0]
    return "; ".join(names) + (";" if len(names) == 1 else "")


def _fits_prefix(names: list[str]) -> bool:
    """Whether the names can stand before ' — ' and be read back as they are."""
    if not names or any(n != n.strip() or ";" in n for n in names):
        return False
    text = join_names(names)
    suffix = _ROLE_SUFFIX.search(text)
    if suffix and suffix.group("marker").casefold() in lexicon().roles:
        return False
    return ":" not in text and _names_prefix(f"{text} — x") == (text, "x")


class _Writer:
    def __init__(self, guide: ListGuide) -> None:
        self.guide = guide
        self.blocks: list[str] = []
        self.phase = _Phase.INTRODUCTION
        self.sections: tuple[str, ...] = ()
        self.author: str | None = None
        self.notes = dict(guide.author_notes)

    def write(self) -> str:
        guide = self.guide
        header = [f"Title: {guide.title or 'Untitled guide'}"]
        header += [f"Subtitle: {guide.subtitle}"] if guide.subtitle else []
        header += [f"Compiled by: {join_names(guide.compilers)}"] if guide.compilers else []
        header += [f"Date: {guide.date}"] if guide.date else []
        self.blocks.append("\n".join(header))
        if guide.introduction:
            self.blocks.append(guide.introduction)
        for entry in guide.entries:
            self._sections(entry.sections)
            self._notes(entry)
            self.blocks.append(self._entry(entry))
            self.phase = _Phase.ENTRIES
        for name, note in self.notes.items():
            self.blocks += [f"# {name}", note]
        if guide.closing:
            self.blocks += ["---", guide.closing]
        return "\n\n".join(self.blocks) + "\n"

    def _sections(self, path: tuple[str, ...]) -> None:
        if path == self.sections:
            return
        common = 0
        while common < min(len(path), len(self.sections)) and path[common] == self.sections[common]:
            common += 1
        if common == len(path):  # back out to an enclosing section (or to none)
            self.blocks.append("#" * (common + 2))
        self.blocks += [
            f"{'#' * (depth + 2)} {name}" for depth, name in enumerate(path) if depth >= common
        ]
        self.sections, self.author, self.phase = path, None, _Phase.ENTRIES

    def _notes(self, entry: ListEntry) -> None:
        """The notes on the entry's authors, before their first entry."""
        authors = [c.name for c in entry.contributors if c.role == "author"]
        for name in authors:
            if name in self.notes:
                self.blocks += [f"# {name}", self.notes.pop(name)]
                self.author, self.phase = name, _Phase.NOTE
        if not authors and self.author is not None:
            self.blocks.append("#")
            self.author, self.phase = None, _Phase.ENTRIES

    def _entry(self, entry: ListEntry) -> str:
        authors = [c.name for c in entry.contributors if c.role == "author"]
        work = WorkEntry(entry.title, entry.year, entry.year_end, entry.pages, entry.note)
        text = self._work_text(work)
        # A dash in the title before any colon would read as the end of names.
        dashed = _names_prefix(text.split("\n", 1)[0])[0] is not None
        lines = [text]
        if authors and authors == [self.author] and not dashed:
            pass  # the author whose heading the entry is under
        elif _fits_prefix(authors):
            lines[0] = f"{join_names(authors)} — {text}"
        else:
            lines[0] = f"— {text}" if dashed else text
            lines += [f"By: {join_names(authors)}"] if authors else []
        for role, label in CONTRIBUTOR_FIELDS.items():
            named = [c.name for c in entry.contributors if c.role == role and role != "author"]
            lines += [f"{label}: {join_names(named)}"] if named else []
        for name, label in DETAIL_FIELDS.items():
            value = getattr(entry, name)
            lines += [f"{label}: {value}"] if value not in (None, "") else []
        return "\n".join(lines)

    def _work_text(self, work: WorkEntry) -> str:
        """The title and work: among the entries, a work with no page count is written
        without the version 1 marks ("Title", "Title (1867)") where that reads back
        as the same work."""
        text = render_work(work)
        if work.pages is not None or self.phase is not _Phase.ENTRIES:
            return text
        if work.year is None:
            short = "\n".join([work.title, *([work.annotation] if work.annotation else [])])
        elif not work.annotation:
            short = text.removesuffix(":")
        else:
            return text
        again = _work(short.split("\n"), entry=True)
        return short if again is not None and again.fields() == work.fields() else text


def write_guide_list(guide: ListGuide) -> str:
    """A guide's records as version 2 text, with LF line breaks and a final newline."""
    return _Writer(guide).write()
