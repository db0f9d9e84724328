"""Version 2 of the plain-text guide format (docs/guide-format.md §9), both ways.

Read whole into the core records: a header, an introduction, nested sections, entries
that name their own contributors and end in field lines, notes under author headings,
a closing text. Reading never raises: whatever breaks the grammar is a Problem at its
line, and whatever the reader might be taking the wrong way (a Markdown bullet list,
names that read like a title) is a warning, so nothing is misread silently.

Written from any guide's records (:func:`write_guide_list`): an entry whose paragraph,
as the editor wrote it, still reads back as the entry is written as that paragraph;
any other in the canonical form, which reads back as the same records. What the text
cannot hold as it is — a blank line inside an annotation, an annotation line that
would read as a heading or a field line — is written so that it reads back as text,
never as structure.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from readingroom import limits
from readingroom.guidetext import parse_work
from readingroom.guidetext.parser import BLANK, LINE_BREAK, MAX_PROBLEMS, check_work
from readingroom.guidetext.records import Problem, Severity, WorkEntry
from readingroom.guidetext.writer import render_work
from readingroom.reading.counts import format_count

from .citation import part_pages
from .isbn import compact, is_valid
from .lexicon import lexicon
from .names import is_corporate_name, is_person_name, parse_names
from .records import (
    IMPORTANCE_LEVELS,
    Contributor,
    ListEntry,
    ListGuide,
    ListSection,
    Role,
    join_compilers,
)

# `Key: value`, the value possibly empty (which is then reported).
_FIELD = re.compile(r"(?P<key>[A-Za-z][A-Za-z. ]{0,30}?):(?:[ \t\xa0]+(?P<value>.*?))?[ \t\xa0]*")
# `# Name`, `## Part`, `### Week 1`; "#hashtag" is text.
_HEADING = re.compile(r"(?P<marks>#{1,6})(?:[ \t\xa0]+(?P<name>.*))?")
_RULE = re.compile(r"[ \t\xa0]*-{3,}[ \t\xa0]*")
# "Karl Marx — Capital (1867): …": the names end at the first dash set off by spaces,
# when no colon comes before it (a colon there is the title's or the annotation's).
_NAMES_END = re.compile(r"[ \t\xa0]+(?:—|--)[ \t\xa0]+")
_NO_NAMES = re.compile(r"(?:—|--)[ \t\xa0]+")
_EN_DASH = re.compile(r"[ \t\xa0]+–[ \t\xa0]+")
_ROLE_SUFFIX = re.compile(r"[ \t\xa0]*(?P<marker>\([^()]{1,16}\))$")
_EDITION = re.compile(r"\d{3,4}")
# "Capital (1867)": a year and nothing after it, colon or not.
_YEAR_ONLY = re.compile(r".*[ \t\xa0]\(\d{3,4}(?:\s*[–—-]\s*\d{2,4})?\)[ \t\xa0]*")
_BULLET = re.compile(r"(?:[-*•+]|\d{1,3}[.)])[ \t\xa0]")

HEADER_LABELS = {"title": "title", "subtitle": "subtitle", "date": "date"} | dict.fromkeys(
    ("compiled by", "compiler", "compilers"), "compilers"
)
# An entry's field lines as the writer spells them, in the order it writes them.
ROLE_LABELS: dict[Role, str] = {
    "author": "By",
    "editor": "Edited by",
    "translator": "Translated by",
    "introduction": "Introduction by",
}
DETAIL_LABELS = {
    "part": "Read",
    "importance": "Importance",
    "publisher": "Publisher",
    "place": "Place",
    "edition_year": "Edition",
    "isbn": "ISBN",
    "language": "Language",
    "url": "URL",
}
# The limits a detail's value keeps: the edition's, where it describes the edition.
_DETAIL_LIMITS = {
    "part": limits.GUIDE_ENTRY["part"],
    "publisher": limits.EDITION["publisher"],
    "place": limits.EDITION["place"],
    "language": limits.EDITION["language"],
    "url": limits.WORK["url"],
}
_DETAILS = {label.casefold(): name for name, label in DETAIL_LABELS.items()}


def is_version_2(text: str) -> bool:
    """Whether the text is a version 2 guide: its first paragraph is a guide header,
    a `Title:` line and only header lines after it (a heading may end it)."""
    lines = iter(LINE_BREAK.split(text.removeprefix("\ufeff"), 64))
    first = next((line for line in lines if not BLANK.fullmatch(line)), "")
    title = _FIELD.fullmatch(first)
    if title is None or title.group("key").casefold() != "title" or not title.group("value"):
        return False
    for line in lines:
        if BLANK.fullmatch(line) or _HEADING.fullmatch(line):
            return True
        field = _FIELD.fullmatch(line)
        if field is None or field.group("key").strip().casefold() not in HEADER_LABELS:
            return False
    return True


def read_version_2(text: str) -> ListGuide:
    return _Version2(text).read()


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
    """Heading and rule lines (with their numbers) and paragraphs, from line ``first``."""
    paragraph: _Paragraph | None = None
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        alone = _HEADING.fullmatch(line) is not None or _RULE.fullmatch(line) is not None
        if not alone and not BLANK.fullmatch(line):
            if paragraph is None:
                paragraph = _Paragraph([], number)
            paragraph.lines.append(line)
            continue
        if paragraph is not None:
            yield paragraph
            paragraph = None
        if alone:
            yield number, line
    if paragraph is not None:
        yield paragraph


class _Version2:
    def __init__(self, text: str) -> None:
        body = LINE_BREAK.sub("\n", text.removeprefix("\ufeff")).rstrip("\n")
        self.lines = body.split("\n") if body else []
        self.guide = ListGuide()
        self.phase = _Phase.INTRODUCTION
        self.sections: list[str] = []
        self.author: str | None = None
        # The span of lines the text being gathered (introduction, a note) covers.
        self.span: tuple[int, int] | None = None
        self.headings: dict[str, int] = {}  # each author heading's name, at its line
        self.dropped: Counter[Severity] = Counter()

    def problem(self, message: str, line: int | None, severity: Severity = "error") -> None:
        if len(self.guide.problems) < MAX_PROBLEMS:
            self.guide.problems.append(Problem(message, line, severity))
        else:
            self.dropped[severity] += 1

    def read(self) -> ListGuide:
        for unit in _units(self.lines, self._header()):
            if self.phase is _Phase.CLOSING:
                break
            if isinstance(unit, _Paragraph):
                self._paragraph(unit)
            elif _RULE.fullmatch(unit[1]):
                self._rule(unit[0])
            else:
                self._heading(*unit)
        self._close_text()
        self._finish()
        return self.guide

    def _finish(self) -> None:
        if not self.guide.entries:
            self.problem("no entries found; a guide lists at least one work", None)
        credited = {c.name for e in self.guide.entries for c in e.contributors}
        for name, line in self.headings.items():
            if name not in credited:
                self.problem(
                    f"no entry credits {name}, so the note under '# {name}' goes with no "
                    "work (is the '#' line part of the text above it?)",
                    line,
                    "warning",
                )
        for severity, count in sorted(self.dropped.items()):
            self.guide.problems.append(
                Problem(f"… and {format_count(count, f'more {severity}')}", None, severity)
            )

    def _header(self) -> int:
        """Read the header paragraph; the number of the line after it."""
        number = next(
            (n for n, line in enumerate(self.lines, 1) if not BLANK.fullmatch(line)),
            len(self.lines) + 1,
        )
        seen: set[str] = set()
        while number <= len(self.lines):
            line = self.lines[number - 1]
            if BLANK.fullmatch(line) or _HEADING.fullmatch(line):
                break
            self.guide.kept[number] = "header"
            match = _FIELD.fullmatch(line)
            name = HEADER_LABELS.get(match.group("key").strip().casefold()) if match else None
            if match is None or name is None:
                self.problem(
                    f"{line[:40]!r} is not a header line; a guide header has 'Title:', "
                    "'Subtitle:', 'Compiled by:' and 'Date:' lines, then a blank line",
                    number,
                )
            elif name in seen:
                self.problem(f"the header gives '{match.group('key')}' twice", number)
            elif not match.group("value"):
                self.problem(f"'{match.group('key')}:' has no value", number)
            else:
                seen.add(name)
                self._header_field(name, match.group("value"), number)
            number += 1
        return number

    def _header_field(self, name: str, value: str, number: int) -> None:
        if name == "compilers":
            self.guide.compilers = split_names(value)
            value = join_compilers(self.guide.compilers)  # as the catalog keeps them
        else:
            setattr(self.guide, name, value)
        if problem := limits.GUIDE[name].problem(value):
            self.problem(problem, number)

    def _heading(self, number: int, line: str) -> None:
        self.guide.kept[number] = "heading"
        self._close_text()
        match = _HEADING.fullmatch(line)
        assert match is not None  # (_units yields only headings and rules)
        level, name = len(match.group("marks")), (match.group("name") or "").strip()
        if level == 1:
            self.author = name or None
            self.phase = _Phase.NOTE if name else _Phase.ENTRIES
            if name:
                self.headings.setdefault(name, number)
                if problem := limits.AUTHOR["name"].problem(name):
                    self.problem(problem, number)
            return
        # `##` is a part of the guide, `###` a section within it, and so on; a heading
        # with no name closes the sections at its depth.
        depth = level - 1
        del self.sections[depth - 1 :]
        if name:
            self.sections.append(name)
            self.guide.sections.append(ListSection(name, depth, number))
        self.author, self.phase = None, _Phase.ENTRIES

    def _rule(self, number: int) -> None:
        """`---`: what follows is the closing text."""
        self._close_text()
        self.guide.kept[number] = "rule"
        self.phase = _Phase.CLOSING
        start = next(
            (n for n in range(number + 1, len(self.lines) + 1)
             if not BLANK.fullmatch(self.lines[n - 1])),
            None,
        )  # fmt: skip
        if start is not None:
            self.span = (start, len(self.lines))

    def _paragraph(self, paragraph: _Paragraph) -> None:
        entry = _EntryReader(self, paragraph).read()
        if entry is not None:
            self._close_text()
            self.phase = _Phase.ENTRIES
            self.guide.entries.append(entry)
        elif self.phase is not _Phase.ENTRIES:
            start = self.span[0] if self.span else paragraph.start
            self.span = (start, paragraph.end)

    def _close_text(self) -> None:
        """Keep the introduction, note or closing text gathered so far, verbatim."""
        if self.span is None:
            return
        start, end = self.span
        text = "\n".join(self.lines[start - 1 : end])
        self.span = None
        self.guide.kept.update(dict.fromkeys(range(start, end + 1), self.phase.value))
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

    def __init__(self, reader: _Version2, paragraph: _Paragraph) -> None:
        self.reader, self.paragraph = reader, paragraph
        self.contributors: list[Contributor] = []
        self.details: dict[str, object] = {}
        self.labels: set[str] = set()

    def read(self) -> ListEntry | None:
        """The entry, or None when the paragraph is text (an introduction, a note) or
        a mistake (reported)."""
        paragraph, reader = self.paragraph, self.reader
        among_entries = reader.phase is _Phase.ENTRIES
        if _is_field(paragraph.lines[0]):
            if among_entries:
                reader.guide.kept[paragraph.start] = "fields"
                reader.problem(
                    "field lines with no entry: they belong at the end of the entry above "
                    "them, with no blank line between",
                    paragraph.start,
                )
            return None
        body, fields = _split_fields(paragraph.lines)
        names, first = _names_prefix(body[0])
        work = _work([first, *body[1:]], among_entries)
        if work is None:
            return None
        work.raw = "\n".join(paragraph.lines)
        work.line_start, work.line_end = paragraph.start, paragraph.end
        for problem in check_work(work):
            reader.problem(problem.message, problem.line, problem.severity)
        self._check(work, body, names)
        self._names(names)
        for line, (key, value) in enumerate(fields, start=paragraph.start + len(body)):
            self._field(key, value, line)
        author = reader.author
        if names is None and author and not any(c.role == "author" for c in self.contributors):
            # No author written: the one whose heading the entry is under.
            self.contributors.insert(0, Contributor(author, "author", author))
        reader.guide.kept.update(dict.fromkeys(range(paragraph.start, paragraph.end + 1), "entry"))
        entry = ListEntry.from_work(work, self.contributors, tuple(reader.sections))
        for name, detail in self.details.items():
            setattr(entry, name, detail)
        if entry.part:
            entry.part_pages = part_pages(entry.part)
        return entry

    def _check(self, work: WorkEntry, body: list[str], names: str | None) -> None:
        """What the paragraph might mean otherwise: warned of, not guessed at."""
        start, reader = self.paragraph.start, self.reader
        if not work.title.strip():
            reader.problem("the entry has no title", start)
        if _BULLET.match(body[0]) or any(_BULLET.match(line) for line in body[1:]):
            reader.problem(
                "this entry reads as one work, but it looks like a bulleted or numbered "
                "list; entries are paragraphs with a blank line between them (or read "
                "the file as a reading list: --from list)",
                start,
                "warning",
            )
        for offset, line in enumerate(body[1:], start=1):
            if _is_field(line):
                reader.problem(
                    f"{line.split(':', 1)[0]!r} is read as part of the annotation: field "
                    "lines go together at the end of the entry",
                    start + offset,
                    "warning",
                )
        if names is None and (dash := _EN_DASH.search(body[0])):
            left = body[0][: dash.start()]
            if ":" not in left and all(is_person_name(n) for n in split_names(left)):
                reader.problem(
                    f"{left!r} before ' – ' is read as part of the title; names end at "
                    "' — ' (an em dash) or ' -- '",
                    start,
                    "warning",
                )

    def _names(self, names: str | None) -> None:
        if names is None:
            return
        role: Role = "author"
        suffix = _ROLE_SUFFIX.search(names)
        if suffix and (marked := lexicon().roles.get(suffix.group("marker").casefold())):
            role, names = marked, names[: suffix.start()]
        self._credit(names, role, self.paragraph.start)
        people = [c.name for c in self.contributors]
        doubtful = [
            n
            for n in people
            if not (is_person_name(n) or is_corporate_name(n))
            and (len(n.split()) >= 4 or any(c.isdigit() for c in n))
        ]
        if doubtful:
            self.reader.problem(
                f"read {' and '.join(repr(n) for n in doubtful)} as the work's "
                "contributors, from before the ' — '; if that is part of the title, "
                "begin the line with '— '",
                self.paragraph.start,
                "warning",
            )

    def _credit(self, names: str, role: Role, line: int) -> None:
        for written in split_names(names):
            name = display_name(written)
            self.contributors.append(Contributor(name, role, written))
            if problem := limits.AUTHOR["name"].problem(name):
                self.reader.problem(problem, line)

    def _field(self, key: str, value: str | None, line: int) -> None:
        label = key.strip().casefold()
        if label in self.labels:
            self.reader.problem(f"the entry gives '{key}' twice", line)
            return
        self.labels.add(label)
        if not value:
            self.reader.problem(f"'{key}:' has no value", line)
            return
        role: Role | None = "author" if label == "by" else lexicon().roles.get(label)
        if role is not None:
            self._credit(value, role, line)
            return
        name = _DETAILS[label]
        parsed, problem = _detail(name, value)
        if problem:
            self.reader.problem(problem, line)
        else:
            self.details[name] = parsed


def _work(lines: list[str], among_entries: bool) -> WorkEntry | None:
    """The work a paragraph's body names: shaped as in version 1 (§2) anywhere, or as
    "Title (Year)" alone on its line; among the entries, also a bare title, whose
    further lines are its annotation."""
    work = parse_work("\n".join(lines))
    if work is not None:
        return work
    if _YEAR_ONLY.fullmatch(lines[0]) and (among_entries or len(lines) == 1):
        work = parse_work("\n".join([f"{lines[0]}:", *lines[1:]]))
    if work is None and among_entries:
        work = WorkEntry(lines[0].strip(), annotation="\n".join(lines[1:]) or None)
    return work


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
        return int(value), limits.EDITION["year"].problem(int(value))
    if name == "isbn":
        isbn = compact(value)
        if not is_valid(isbn):
            return None, f"ISBN {value} is not valid (its check digit does not match)"
        return isbn, None
    spec = _DETAIL_LIMITS[name]
    return value, spec.problem(value)


def _is_field(line: str) -> tuple[str, str | None] | None:
    match = _FIELD.fullmatch(line)
    if match is None:
        return None
    label = match.group("key").strip().casefold()
    if label == "by" or label in lexicon().roles or label in _DETAILS:
        return match.group("key"), match.group("value")
    return None


def _split_fields(lines: list[str]) -> tuple[list[str], list[tuple[str, str | None]]]:
    """The paragraph's body, and the field lines that end it (never its first line)."""
    fields: list[tuple[str, str | None]] = []
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
    return [" ".join(piece.split()) for piece in pieces if piece.strip()]


def display_name(written: str) -> str:
    """A name as the catalog shows it: "Du Bois, W. E. B." is "W. E. B. Du Bois"."""
    if "," in written and (people := parse_names(written)) and len(people) == 1:
        return people[0].name
    return written


# --- Writing ---------------------------------------------------------------------

# "and" or "&" as a word anywhere in a name, even at its end ("A and"): written
# between two names, it would read as the joiner.
_AND = re.compile(r"(?:^|\s)(?:and|&)(?:\s|$)")


def join_names(names: list[str]) -> str:
    """Names as :func:`guide_v2.split_names` reads them back."""
    if len(names) == 1 and not _AND.search(names[0]):
        return names[0]
    if len(names) == 2 and not any(_AND.search(n) for n in names):
        return " and ".join(names)
    return "; ".join(names) + (";" if len(names) == 1 else "")


def _fits_before_dash(names: list[str]) -> bool:
    """Whether the names can stand before ' — ' and be read back as they are."""
    if not names or any(n != " ".join(n.split()) or ";" in n or "," in n for n in names):
        return False
    text = join_names(names)
    if text.endswith(")") and text[text.rfind("(") :].casefold() in lexicon().roles:
        return False
    return ":" not in text and _names_prefix(f"{text} — x") == (text, "x")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _annotation(text: str | None) -> str | None:
    """An annotation's lines as a paragraph holds them: no blank line; a line that
    would read as a heading, a rule or (last) a field line is set in by a space."""
    if not text:
        return text
    lines = [line for line in text.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        if _HEADING.fullmatch(line) or _RULE.fullmatch(line) or _FIELD.fullmatch(line):
            lines[index] = f" {line}"
    return "\n".join(lines)


def _same(read: ListEntry | None, entry: ListEntry) -> bool:
    if read is None:
        return False
    people = [(c.name, c.role) for c in read.contributors]
    if people != [(c.name, c.role) for c in entry.contributors]:
        return False

    def bare(e: ListEntry) -> ListEntry:
        return dataclasses.replace(e, contributors=[], raw="", line_start=0, line_end=0)

    return bare(read) == bare(entry)


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
        header = [f"Title: {_one_line(guide.title or 'Untitled guide')}"]
        header += [f"Subtitle: {_one_line(guide.subtitle)}"] if guide.subtitle else []
        header += [f"Compiled by: {join_names(guide.compilers)}"] if guide.compilers else []
        header += [f"Date: {_one_line(guide.date)}"] if guide.date else []
        self.blocks.append("\n".join(header))
        if guide.introduction:
            self.blocks.append(guide.introduction)
        for entry in guide.entries:
            self._sections(tuple(s for s in entry.sections if s.strip())[:5])
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
            f"{'#' * (depth + 2)} {_one_line(name)}"
            for depth, name in enumerate(path)
            if depth >= common
        ]
        self.sections, self.author, self.phase = path, None, _Phase.ENTRIES

    def _notes(self, entry: ListEntry) -> None:
        """The notes on the entry's contributors, before their first entry."""
        for contributor in entry.contributors:
            if contributor.name in self.notes:
                self.blocks += [f"# {contributor.name}", self.notes.pop(contributor.name)]
                self.author, self.phase = contributor.name, _Phase.NOTE
        if self.author is not None and not any(c.role == "author" for c in entry.contributors):
            self.blocks.append("#")  # ends the author: the entry is not theirs
            self.author, self.phase = None, _Phase.ENTRIES

    def _entry(self, entry: ListEntry) -> str:
        if entry.raw and _same(self._read_back(entry.raw), entry):
            return entry.raw
        authors = [c.name for c in entry.contributors if c.role == "author"]
        work = WorkEntry(
            entry.title, entry.year, entry.year_end, entry.pages, _annotation(entry.note)
        )
        text = self._work_text(work)
        # A dash in the title before any colon would read as the end of names.
        dashed = _names_prefix(text.split("\n", 1)[0])[0] is not None
        lines = [text]
        if authors and authors == [self.author] and not dashed:
            pass  # the author whose heading the entry is under
        elif _fits_before_dash(authors):
            lines[0] = f"{join_names(authors)} — {text}"
        else:
            lines[0] = f"— {text}" if dashed else text
            lines += [f"By: {join_names(authors)}"] if authors else []
        for role, label in ROLE_LABELS.items():
            named = [c.name for c in entry.contributors if c.role == role]
            lines += [f"{label}: {join_names(named)}"] if named and role != "author" else []
        for name, label in DETAIL_LABELS.items():
            value = getattr(entry, name)
            lines += [f"{label}: {_one_line(str(value))}"] if value not in (None, "") else []
        return "\n".join(lines)

    def _read_back(self, raw: str) -> ListEntry | None:
        """The entry a paragraph reads as, written here."""
        context = _Version2("")
        context.phase, context.author = self.phase, self.author
        context.sections = list(self.sections)
        read = _EntryReader(context, _Paragraph(raw.split("\n"), 1)).read()
        errors = [p for p in context.guide.problems if p.severity == "error"]
        return None if errors else read

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
        again = _work(short.split("\n"), among_entries=True)
        return short if again is not None and again.fields() == work.fields() else text


def write_guide_list(guide: ListGuide) -> str:
    """A guide's records as version 2 text, with LF line breaks and a final newline."""
    return _Writer(guide).write()
