"""Open Library's data dumps: lines read into records, and written as Open Library writes them.

A dump (https://openlibrary.org/developers/dumps) is a text file, usually gzipped, of
one record a line, as Open Library's ``openlibrary/data/dump.py`` prints them: five
tab-separated columns ::

    /type/work	/works/OL45883W	43	2021-02-05T12:52:33.907834	{"title": "Fantastic Mr Fox", ...}

the record's type, its key, its revision, when it was last modified (the ISO time
of its ``last_modified`` value) and the record itself as JSON (ASCII, non-ASCII
letters escaped as ``\\u00f3``), whose ``key``, ``type`` and ``revision`` repeat the
columns. Open Library publishes one file per type (``ol_dump_authors_…``,
``…_works_…``, ``…_editions_…``, ``…_redirects_…``) and one of every type
(``ol_dump_…``), sorted by key.

This module reads a dump a line at a time (plain or gzip, any size) and turns each
line into a record the catalog can store: :class:`Author`, :class:`Work`,
:class:`Edition`, :class:`Redirect` or :class:`Delete`. A line that is not a dump
line (the wrong number of columns, JSON that does not parse, columns that disagree
with the JSON) is an error at its line. Real dumps are messy in ways that are not
errors, and those are read as Open Library means them: a description that is
either text or ``{"type": "/type/text", "value": …}``, an author credited as
``{"author": {"key": …}}`` or as ``{"author": "/authors/…"}``, dates as people
write them ("c. 1820", "March 3, 1818"). A field the catalog's limits refuse (an
ISBN whose check digit is wrong, a page count of a million) is left out with a
warning, and a record without what the catalog needs (a work without a title) is
skipped with a warning; neither stops the import.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import orjson

from readingroom import limits
from readingroom.guidetext.records import Problem
from readingroom.identity.identifiers import BadIdentifier, normal_identifier

# Read a megabyte at a time: the file is never held whole, and a line is never split.
READ_BYTES = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"
_KINDS = {
    "/type/author": "author",
    "/type/work": "work",
    "/type/edition": "edition",
    "/type/redirect": "redirect",
    "/type/delete": "delete",
}
# The keys of the records the catalog keeps, each type with its own letter.
_KEY = re.compile(r"/(authors|works|books)/(OL[1-9]\d*[AWM])")
_KEY_LETTER = {"authors": "A", "works": "W", "books": "M"}
_TYPE_OF_KEY = {"authors": "author", "works": "work", "books": "edition"}
_FIRST_LINE = re.compile(rb"/type/[a-z_]+\t/[^\t]*\t\d+\t[^\t]*\t\{")
_YEAR = re.compile(r"(?<!\d)(\d{3,4})(?!\d)")
_FIGURES = re.compile(r"\d[\d,]*")
# A dump's warnings: this many of each kind are shown, the rest counted.
WARNINGS_SHOWN = 20
_BEFORE_CHRIST = re.compile(r"\b(?:b\.?\s?c\.?e?|before christ)\b", re.I)


class DumpFileError(Exception):
    """The file cannot be read as a dump at all (not gzip it says it is, cut short)."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(message, line)


@dataclass(frozen=True)
class Line:
    """One line of a dump: its columns, and the record as JSON, parsed."""

    number: int
    type: str
    key: str
    revision: int
    last_modified: str
    data: dict[str, Any]


@dataclass(frozen=True)
class Record:
    """What every record the catalog takes from a dump carries: its key, which
    revision of it this is, when Open Library last changed it, and its line."""

    key: str  # the Open Library ID: "OL45883W"
    revision: int
    last_modified: str
    line: int


@dataclass(frozen=True)
class Author(Record):
    name: str
    birth_date: str  # as Open Library has it: "c. 1820", "3 March 1818"
    death_date: str
    born: int | None  # the year in it
    died: int | None
    biography: str


@dataclass(frozen=True)
class Work(Record):
    title: str  # with its subtitle: "Title: Subtitle"
    year: int | None  # of first publication
    description: str | None
    authors: tuple[str, ...]  # the authors' keys ("OL34184A"), in order


@dataclass(frozen=True)
class Edition(Record):
    work: str  # the work's key
    year: int | None
    publisher: str
    place: str
    pages: int | None
    isbn: str
    language: str  # Open Library's code: "eng"


@dataclass(frozen=True)
class Redirect(Record):
    """The key now leads to another (two records merged at Open Library)."""

    location: str  # the key it leads to
    kind: str  # "author", "work" or "edition"


@dataclass(frozen=True)
class Delete(Record):
    """The record was deleted at Open Library."""

    kind: str


DumpRecord = Author | Work | Edition | Redirect | Delete


@dataclass
class Warnings:
    """A dump's warnings, which may be millions (a bad ISBN in every tenth edition): the
    first few of each kind kept, with the file they are in, and all of them counted."""

    shown: list[tuple[str, Problem]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, name: str, problem: Problem, kind: str | None = None) -> None:
        # Of a kind by its words, not its figures: "page count is 123,456; …" is one.
        kind = kind or _FIGURES.sub("N", problem.message.split(":", 1)[0].split("(", 1)[0])
        self.counts[kind.strip()] += 1
        if self.counts[kind.strip()] <= WARNINGS_SHOWN:
            self.shown.append((name, problem))

    @property
    def unshown(self) -> int:
        return sum(self.counts.values()) - len(self.shown)

    def summary(self) -> str:
        """The warnings not shown, by kind: "1,204 more warnings not shown (…)"."""
        kinds = ", ".join(f"{n:,} {kind}" for kind, n in self.counts.most_common())
        return f"{self.unshown:,} more warnings not shown ({kinds})"


# Reading the file.


def _gunzipped(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return b""


def _first_line(head: bytes) -> bytes:
    text = _gunzipped(head) if head.startswith(_GZIP_MAGIC) else head
    return text.split(b"\n", 1)[0]


def is_dump(head: bytes) -> bool:
    """Whether a file beginning with these bytes (gzipped or not) is an Open Library dump."""
    return _FIRST_LINE.match(_first_line(head)) is not None


def first_type(head: bytes) -> str | None:
    """The type of the first record of a dump beginning with these bytes ("/type/work")."""
    line = _first_line(head)
    return line.split(b"\t", 1)[0].decode() if _FIRST_LINE.match(line) else None


def _raw(file: BinaryIO) -> BinaryIO:
    """The file's dump text as bytes: gunzipped as it is read where it is gzip (a file
    read through, not seekable, is buffered, and its first bytes peeked at)."""
    if isinstance(file, io.BufferedReader):
        gzipped = file.peek(2)[:2] == _GZIP_MAGIC
    else:
        start = file.tell()
        gzipped = file.read(2) == _GZIP_MAGIC
        file.seek(start)
    if gzipped:
        return gzip.GzipFile(fileobj=file, mode="rb")  # type: ignore[return-value]
    return file


def _lines(file: BinaryIO) -> Iterator[bytes]:
    """The file's lines, without their line breaks, a megabyte of text at a time."""
    stream = _raw(file)
    rest = b""
    while True:
        try:
            piece = stream.read(READ_BYTES)
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise DumpFileError(f"the gzip file is damaged or cut short ({exc})") from None
        if not piece:
            break
        lines = (rest + piece).split(b"\n")
        rest = lines.pop()
        yield from lines
    if rest:
        yield rest


def _column_problem(columns: list[bytes]) -> str | None:
    if len(columns) != 5:
        return (
            f"a dump line has 5 tab-separated columns (type, key, revision, last modified, "
            f"JSON); this one has {len(columns)}"
        )
    if not columns[2].isdigit():
        return f"the revision should be a number, not {columns[2][:40].decode(errors='replace')!r}"
    return None


def _parse(number: int, raw: bytes) -> Line | Problem:
    columns = raw.rstrip(b"\r").split(b"\t")
    if problem := _column_problem(columns):
        return Problem(problem, number)
    try:
        type_, key, revision, modified = (c.decode() for c in columns[:4])
        data = orjson.loads(columns[4])
    except UnicodeDecodeError:
        return Problem("the line is not UTF-8", number)
    except orjson.JSONDecodeError as exc:
        return Problem(f"the record is not JSON ({exc})", number)
    if not isinstance(data, dict):
        return Problem("the record should be a JSON object", number)
    said_type = data.get("type")
    said_type = said_type.get("key") if isinstance(said_type, dict) else said_type
    if said_type != type_:
        return Problem(f"the type column says {type_}, the record {said_type!r}", number)
    if data.get("key") != key:
        return Problem(f"the key column says {key}, the record {data.get('key')!r}", number)
    if "revision" in data and data["revision"] != int(revision):
        return Problem(
            f"the revision column says {revision}, the record {data['revision']!r}", number
        )
    return Line(number, type_, key, int(revision), modified, data)


def read_lines(file: BinaryIO) -> Iterator[Line | Problem]:
    """Every line of a dump (a binary file, plain or gzip), parsed, or the error that
    makes it no dump line; raises :class:`DumpFileError` if the file cannot be read."""
    for number, raw in enumerate(_lines(file), 1):
        if raw.strip():
            yield _parse(number, raw)


# Writing, as dump.py does: what the generator of test dumps writes.


def dump_line(type_: str, key: str, revision: int, last_modified: str, data: object) -> str:
    """One record as a dump line (with its line feed), as Open Library prints it."""
    return "\t".join([type_, key, str(revision), last_modified, json.dumps(data)]) + "\n"


# Lines into records.


def year_of(text: str) -> int | None:
    """The year a date as people write it names: "c. 1820" → 1820, "March 3, 1818"
    → 1818, "1818?" → 1818; None for none, or a date before Christ."""
    match = _YEAR.search(text)
    if match is None or _BEFORE_CHRIST.search(text):
        return None
    year = int(match[1])
    return year if limits.EARLIEST_YEAR <= year <= limits.LATEST_YEAR else None


def _text(value: object) -> str:
    """A text field, plain or as ``{"type": "/type/text", "value": …}``."""
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, str) else ""


def _one_line(value: object) -> str:
    return " ".join(_text(value).split())


def _prose(value: object) -> str:
    return _text(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _first(value: object) -> str:
    """The first of a list of texts (publishers, places), on one line."""
    if isinstance(value, list):
        return next((t for t in map(_one_line, value) if t), "")
    return _one_line(value)


def _key_of(value: object) -> str | None:
    """``{"key": "/authors/OL1A"}`` or "/authors/OL1A" → "OL1A"."""
    if isinstance(value, dict):
        value = value.get("key")
    if isinstance(value, str) and (match := _KEY.fullmatch(value)):
        return match[2]
    return None


def _plainly_within(spec: limits.Field, value: object) -> bool:
    """Whether a value is certainly within the field's limits without asking them: text
    of printable characters only (no control character, surrogate or line break) and
    short enough. Most of a dump's values are; the others are asked (spec.problem)."""
    if not isinstance(value, str):
        return False
    return value.isprintable() and (spec.max_length is None or len(value) <= spec.max_length)


class _Fields:
    """One record's fields as the catalog's limits take them; what they refuse is left
    out, and said as a warning at the record's line."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.warnings: list[Problem] = []

    def keep(self, spec: limits.Field, value: Any, empty: Any = "") -> Any:
        if value is None or value == "":
            return empty
        if _plainly_within(spec, value):
            return value
        if problem := spec.problem(value):
            self.warnings.append(Problem(f"{problem}: left out", self.line, "warning"))
            return empty
        return value

    def required(self, spec: limits.Field, value: str, what: str) -> str | None:
        if value and _plainly_within(spec, value):
            return value
        if problem := spec.problem(value or None):
            self.warnings.append(Problem(f"{problem}: the {what} is skipped", self.line, "warning"))
            return None
        return value

    def isbn(self, data: dict[str, Any]) -> str:
        for scheme in ("isbn_13", "isbn_10"):
            given = data.get(scheme)
            for value in given if isinstance(given, list) else []:
                try:
                    return normal_identifier("isbn", str(value))
                except BadIdentifier as exc:
                    self.warnings.append(
                        Problem(f"{exc} ({value}): left out", self.line, "warning")
                    )
        return ""


def _author(line: Line, olid: str, fields: _Fields) -> Author | None:
    data = line.data
    name = _one_line(data.get("name")) or _one_line(data.get("personal_name"))
    if fields.required(limits.AUTHOR["name"], name, "author") is None:
        return None
    born, died = _one_line(data.get("birth_date")), _one_line(data.get("death_date"))
    biography = fields.keep(limits.AUTHOR["biography"], _prose(data.get("bio")))
    return Author(
        olid, line.revision, line.last_modified, line.number, name, born, died,
        year_of(born), year_of(died), biography,
    )  # fmt: skip


def _work_authors(value: object) -> tuple[str, ...]:
    keys: list[str] = []
    for credit in value if isinstance(value, list) else []:
        key = _key_of(credit.get("author") if isinstance(credit, dict) else None)
        if key is not None and key not in keys:
            keys.append(key)
    return tuple(keys)


def _title(data: dict[str, Any]) -> str:
    title, subtitle = _one_line(data.get("title")), _one_line(data.get("subtitle"))
    return f"{title}: {subtitle}" if title and subtitle else title


def _work(line: Line, olid: str, fields: _Fields) -> Work | None:
    data = line.data
    title = fields.required(limits.WORK["title"], _title(data), "work")
    if title is None:
        return None
    year = year_of(_one_line(data.get("first_publish_date")))
    description = fields.keep(limits.WORK["annotation"], _prose(data.get("description")), None)
    authors = _work_authors(data.get("authors"))
    return Work(
        olid, line.revision, line.last_modified, line.number, title, year, description, authors
    )


def _pages(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _language(value: object) -> str:
    first = value[0] if isinstance(value, list) and value else None
    key = first.get("key") if isinstance(first, dict) else None
    return key.rsplit("/", 1)[-1] if isinstance(key, str) else ""


def _edition(line: Line, olid: str, fields: _Fields) -> Edition | None:
    data = line.data
    works = data.get("works")
    work = _key_of(works[0]) if isinstance(works, list) and works else None
    if work is None or not work.endswith("W"):
        fields.warnings.append(
            Problem("the edition names no work: skipped", line.number, "warning")
        )
        return None
    spec = limits.EDITION
    return Edition(
        olid, line.revision, line.last_modified, line.number, work,
        year_of(_one_line(data.get("publish_date"))),
        fields.keep(spec["publisher"], _first(data.get("publishers"))),
        fields.keep(spec["place"], _first(data.get("publish_places"))),
        fields.keep(spec["pages"], _pages(data.get("number_of_pages")), None),
        fields.isbn(data),
        fields.keep(spec["language"], _language(data.get("languages"))),
    )  # fmt: skip


def read_record(line: Line) -> tuple[DumpRecord | None, list[Problem]]:
    """The record a dump line holds, with warnings; None for a record of another type
    (a list, a language, a subject page) or one the catalog cannot take (a work
    without a title)."""
    kind = _KINDS.get(line.type)
    match = _KEY.fullmatch(line.key)
    if kind is None or match is None:
        return None, []
    what, olid = match[1], match[2]
    key_kind = _TYPE_OF_KEY[what]
    if kind in ("author", "work", "edition") and kind != key_kind:
        problem = Problem(f"a {kind} cannot have the key {line.key}", line.number)
        return None, [problem]
    fields = _Fields(line.number)
    record: DumpRecord | None
    if kind == "author":
        record = _author(line, olid, fields)
    elif kind == "work":
        record = _work(line, olid, fields)
    elif kind == "edition":
        record = _edition(line, olid, fields)
    elif kind == "redirect":
        location = _key_of(line.data.get("location"))
        if location is None or location[-1] != _KEY_LETTER[what]:
            problem = Problem(f"the redirect from {line.key} leads nowhere it can", line.number)
            return None, [problem]
        record = Redirect(olid, line.revision, line.last_modified, line.number, location, key_kind)
    else:
        record = Delete(olid, line.revision, line.last_modified, line.number, key_kind)
    return record, fields.warnings


def read_records(file: BinaryIO) -> Iterator[DumpRecord | Problem]:
    """The records of a dump, in file order, each after its warnings; an error (a line
    that is not a dump line) is a Problem of severity error."""
    for parsed in read_lines(file):
        if isinstance(parsed, Problem):
            yield parsed
            continue
        record, problems = read_record(parsed)
        yield from problems
        if record is not None:
            yield record


def head_of(file: BinaryIO) -> bytes:
    """The file's first bytes, for :func:`is_dump`; the file is left where it was."""
    start = file.tell()
    head = file.read(io.DEFAULT_BUFFER_SIZE * 8)
    file.seek(start)
    return head
