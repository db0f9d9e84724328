"""The catalog's records, their fields and limits, declared once.

Every door into the catalog reads these declarations: the guide parser, the JSON
dump's validation, the database models (and through them the editors' admin and
the API). So a value one door accepts, every door accepts, and SQLite (which
stores almost anything) and PostgreSQL (which refuses NULs, over-long names and
page counts beyond 2^31) accept exactly the same data. docs/limits.md lists them;
a test keeps that page true to this module.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal, get_args

from readingroom.identity.identifiers import SCHEMES
from readingroom.timeline.calendar import ends_before_start, is_calendar_date
from readingroom.timeline.kinds import KINDS

# Prose fields (a biography, an annotation, a note) hold at most this many characters.
LONG_TEXT = 4_000_000
# Search indexes this much of a long biography or annotation: PostgreSQL's tsvector
# holds at most a megabyte, and SQLite must answer as PostgreSQL does.
SEARCHED_TEXT = 200_000
# A guide file (or one source's text in a dump) is at most this many bytes.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_PAGES = 100_000
EARLIEST_YEAR, LATEST_YEAR = -3000, 9999
# Positions, orders and line numbers: PostgreSQL's integer column.
MAX_INT = 2**31 - 1
MAX_PLACES = 100

Kind = Literal[
    "text", "integer", "boolean", "choice", "slug", "timestamp", "date", "places", "span", "sha256"
]
Severity = Literal["error", "warning"]

# C0 controls other than tab, line feed, form feed and carriage return never occur in
# prose; a NUL is refused by PostgreSQL; a lone surrogate cannot be stored as UTF-8.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Field:
    """One field of a record: what it holds and the limits every door enforces.

    ``lines`` says which line breaks a text may hold: ``"one"`` none (names, titles),
    ``"lf"`` line feeds only (stored prose: the guide's own newline convention is
    the source's, applied on export), ``"any"`` whatever the file had (verbatim text).
    """

    kind: Kind
    label: str
    null: bool = False
    blank: bool = True
    max_length: int | None = None
    lines: Literal["one", "lf", "any"] = "one"
    minimum: int | None = None
    maximum: int | None = None
    choices: Mapping[str, str] = field(default_factory=dict)

    def problem(self, value: object) -> str | None:
        """What is wrong with a value for this field, or None if it may be stored."""
        if value is None:
            return None if self.null else f"{self.label} is required"
        check = _CHECKS[self.kind]
        return check(self, value)

    @property
    def type_name(self) -> str:
        return _TYPE_NAMES[self.kind] + (" or null" if self.null else "")


def _given(value: object) -> str:
    """What a wrongly typed value is, in the words of JSON."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else type(value).__name__


def _text_problem(spec: Field, value: object) -> str | None:
    if not isinstance(value, str):
        return f"{spec.label} should be text, not {_given(value)}"
    if not value and not spec.blank:
        return f"{spec.label} is empty"
    if spec.max_length is not None and len(value) > spec.max_length:
        return f"{spec.label} is {len(value):,} characters long; the limit is {spec.max_length:,}"
    return characters_problem(spec.label, value, spec.lines)


def characters_problem(label: str, value: str, lines: str = "lf") -> str | None:
    """Characters no field may hold, and line breaks where the field has none."""
    if control := CONTROL_CHARACTER.search(value):
        return f"{label} contains the control character U+{ord(control.group()):04X}"
    if surrogate := _SURROGATE.search(value):
        return f"{label} contains an unpaired surrogate U+{ord(surrogate.group()):04X}"
    if lines == "one" and ("\n" in value or "\r" in value):
        return f"{label} must be a single line"
    if lines == "lf" and "\r" in value:
        return f"{label} contains a carriage return; line breaks are stored as line feeds"
    return None


def _integer_problem(spec: Field, value: object) -> str | None:
    # bool is an int in Python; a count given as true/false is still wrong.
    if not isinstance(value, int) or isinstance(value, bool):
        return f"{spec.label} should be a whole number, not {_given(value)}"
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        return f"{spec.label} {value:,} is out of range ({low:,} to {high:,})"
    return None


def _boolean_problem(spec: Field, value: object) -> str | None:
    if isinstance(value, bool):
        return None
    return f"{spec.label} should be true or false, not {_given(value)}"


def _choice_problem(spec: Field, value: object) -> str | None:
    if isinstance(value, str) and value in spec.choices:
        return None
    if value == "" and spec.blank:
        return None
    allowed = ", ".join(repr(c) for c in spec.choices)
    return f"{spec.label} {value!r} is not one of {allowed}"


def _slug_problem(spec: Field, value: object) -> str | None:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        return f"{spec.label} {value!r} is not a slug (letters, digits, hyphens, underscores)"
    return _text_problem(spec, value)


def _timestamp_problem(spec: Field, value: object) -> str | None:
    if isinstance(value, str) and parse_timestamp(value) is not None:
        return None
    return f"{spec.label} {value!r} is not an ISO 8601 date and time (2026-11-25T12:00:00+00:00)"


def _date_problem(spec: Field, value: object) -> str | None:
    if isinstance(value, str) and is_calendar_date(value):
        return None
    return f"{spec.label} {value!r} is not an ISO date that exists (1921, 1928-03, 1928-03-14)"


def _places_problem(spec: Field, value: object) -> str | None:
    if not isinstance(value, list):
        return f"{spec.label} should be a list of place names, not {_given(value)}"
    if len(value) > MAX_PLACES:
        return f"{spec.label} has {len(value):,} places; the limit is {MAX_PLACES}"
    for place in value:
        if not isinstance(place, str) or not place.strip():
            return f"{spec.label} should hold only place names"
        if problem := _text_problem(PLACE, place):
            return problem
    return None


def _span_problem(spec: Field, value: object) -> str | None:
    shape = f"{spec.label} should be [start, end]: two offsets from 0 to {LONG_TEXT:,}, or nulls"
    if not isinstance(value, list) or len(value) != 2:
        return shape
    start, end = value
    if start is None and end is None:
        return None
    if any(_integer_problem(OFFSET, v) for v in (start, end)):
        return shape
    return f"{spec.label} ends before it starts" if end < start else None


def _sha256_problem(spec: Field, value: object) -> str | None:
    if isinstance(value, str) and _SHA256.fullmatch(value):
        return None
    return f"{spec.label} should be 64 lower-case hexadecimal digits"


_CHECKS = {
    "text": _text_problem,
    "integer": _integer_problem,
    "boolean": _boolean_problem,
    "choice": _choice_problem,
    "slug": _slug_problem,
    "timestamp": _timestamp_problem,
    "date": _date_problem,
    "places": _places_problem,
    "span": _span_problem,
    "sha256": _sha256_problem,
}
_TYPE_NAMES = {
    "text": "str",
    "integer": "int",
    "boolean": "bool",
    "choice": "str",
    "slug": "str",
    "timestamp": "str",
    "date": "str",
    "places": "list",
    "span": "list",
    "sha256": "str",
}


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 timestamp; one without a zone is UTC. None if it is not one."""
    try:
        parsed = datetime.fromisoformat(value)
        parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        # Stored in UTC: a time that has none ("0001-01-01T00:00+01:00") is no time.
        parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return parsed


def _line(label: str, max_length: int = 255, **options: object) -> Field:
    return Field("text", label, max_length=max_length, **options)  # type: ignore[arg-type]


def _prose(label: str, **options: object) -> Field:
    return Field("text", label, max_length=LONG_TEXT, lines="lf", **options)  # type: ignore[arg-type]


def _number(label: str, minimum: int, maximum: int, null: bool = False) -> Field:
    return Field("integer", label, null=null, minimum=minimum, maximum=maximum)


PLACE = _line("a place name")
OFFSET = _number("an offset", 0, LONG_TEXT)
SLUG = Field("slug", "slug", max_length=255, blank=False)
LINE_NUMBER = _number("line number", 1, MAX_INT, null=True)
POSITION = _number("position", 0, MAX_INT)
TIMESTAMP = Field("timestamp", "timestamp")

ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16-le": "UTF-16 LE",
             "utf-16-be": "UTF-16 BE"}  # fmt: skip
NEWLINES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
ROLES = {"author": "author", "editor": "editor", "translator": "translator",
         "introduction": "introduction"}  # fmt: skip
PRECISIONS = {p: p for p in ("day", "month", "year", "season", "quarter", "decade", "century")}
# TIMEX3's modifiers, as a reader says them.
MODIFIERS = {
    "APPROX": "about", "START": "early", "MID": "mid", "END": "late",
    "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after", "LESS_THAN": "less than", "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least",
}  # fmt: skip
EVENT_KINDS = KINDS
ORIGINS = {"extracted": "drawn from the biography", "editor": "added by an editor"}

SOURCE: dict[str, Field] = {
    "name": _line("file name", blank=False),
    "sha256": Field("sha256", "sha256"),
    "imported_at": TIMESTAMP,
    "encoding": Field("choice", "encoding", choices=ENCODINGS, blank=False),
    "newline": Field("choice", "newline", choices=NEWLINES, blank=False),
    "final_newline": Field("boolean", "final newline"),
    "text": Field("text", "text", max_length=MAX_FILE_BYTES, lines="any"),
}
# Provenance and edit stamps, shared by authors, works and guides.
_PLACED: dict[str, Field] = {
    "line_start": LINE_NUMBER,
    "line_end": LINE_NUMBER,
}
_EDITED: dict[str, Field] = {
    "created_at": TIMESTAMP,
    "edited_at": Field("timestamp", "edit time", null=True),
    "edited_by": _line("editor's user name", max_length=150, null=True),
}
AUTHOR: dict[str, Field] = {
    "slug": SLUG,
    "name": _line("name", blank=False),
    "sort_name": _line("sort name"),
    "name_inferred": Field("boolean", "name inferred"),
    "biography": _prose("biography"),
    **_PLACED,
    "position": POSITION,
    **_EDITED,
}
YEAR = _number("year", EARLIEST_YEAR, LATEST_YEAR, null=True)
WORK: dict[str, Field] = {
    "slug": SLUG,
    "title": _line("title", max_length=500, blank=False),
    "year": YEAR,
    "year_end": _number("end year", EARLIEST_YEAR, LATEST_YEAR, null=True),
    "pages": _number("page count", 0, MAX_PAGES, null=True),
    "annotation": _prose("annotation", null=True),
    "url": _line("URL", max_length=2000),
    "source_text": _prose("source paragraph"),
    **_PLACED,
    "position": POSITION,
    **_EDITED,
}
# What tells one edition of a work from another, as pages, the API and exports show it.
EDITION_FIELDS = ("year", "publisher", "place", "pages", "isbn", "translator", "language")
# One edition of a work (catalog.Edition): what a guide cites, or an editor adds.
EDITION: dict[str, Field] = {
    "year": _number("edition year", EARLIEST_YEAR, LATEST_YEAR, null=True),
    "publisher": _line("publisher"),
    "place": _line("place of publication"),
    "pages": _number("page count", 0, MAX_PAGES, null=True),
    "isbn": _line("ISBN", max_length=13),
    "translator": _line("translator"),
    "language": _line("language", max_length=64),
    **_PLACED,
    "position": POSITION,
}
# A record merged into another (catalog.MergedRecord): what it was, as its source said.
_MERGED: dict[str, Field] = {
    "slug": SLUG,
    "name_in_file": _line("name or title in its file", max_length=500),
    **_PLACED,
    "position": POSITION,
    "merged_at": TIMESTAMP,
    "merged_by": _line("merging editor's user name", max_length=150, null=True),
    "edited_by": _EDITED["edited_by"],
}
MERGED_AUTHOR_FIELDS = ("name", "sort_name", "name_inferred", "biography")
MERGED_WORK_FIELDS = (
    "title", "year", "year_end", "pages", "annotation", "url", "source_text",
)  # fmt: skip
MERGED_AUTHOR: dict[str, Field] = {**{k: AUTHOR[k] for k in MERGED_AUTHOR_FIELDS}, **_MERGED}
MERGED_WORK: dict[str, Field] = {**{k: WORK[k] for k in MERGED_WORK_FIELDS}, **_MERGED}
# An identifier in a public catalogue (catalog.Identifier), in its scheme's normal form.
IDENTIFIER: dict[str, Field] = {
    "scheme": Field(
        "choice", "identifier scheme", choices={s: v.label for s, v in SCHEMES.items()}
    ),
    "value": _line("identifier", max_length=64, blank=False),
}
CONTRIBUTION: dict[str, Field] = {
    "role": Field("choice", "role", choices=ROLES, blank=False),
    "order": _number("order", 0, 10_000),
}
GUIDE: dict[str, Field] = {
    "slug": SLUG,
    "title": _line("guide title", blank=False),
    "subtitle": _line("subtitle"),
    "description": _prose("description"),
    "closing": _prose("closing text"),
    "compilers": _line("compilers"),
    "date": _line("date", max_length=100),
    **_PLACED,
    **_EDITED,
}
# How much a guide asks of a reading, as reading-list systems (Talis Aspire, Leganto) mark it.
Importance = Literal["essential", "recommended", "optional", "further"]
IMPORTANCE = {
    level: "further reading" if level == "further" else level for level in get_args(Importance)
}
GUIDE_ENTRY: dict[str, Field] = {
    "order": _number("order", 1, MAX_INT),
    "section": _line("section", null=True),
    "note": _prose("note"),
    "importance": Field("choice", "importance", null=True, choices=IMPORTANCE),
    "part": _line("part to read"),
    "part_pages": _number("pages of the part to read", 0, MAX_PAGES, null=True),
    **_PLACED,
}
LIFE_EVENT: dict[str, Field] = {
    "start": Field("date", "start date", null=True),
    "end": Field("date", "end date", null=True),
    "precision": Field("choice", "precision", null=True, choices=PRECISIONS),
    "modifier": Field("choice", "modifier", null=True, choices=MODIFIERS),
    "kind": Field("choice", "kind", choices=EVENT_KINDS, blank=False),
    "label": _line("label", blank=False),
    "text": _prose("sentence"),
    "places": Field("places", "places"),
    "span": Field("span", "span"),
    "expression": _line("expression"),
    "position": POSITION,
    "origin": Field("choice", "origin", choices=ORIGINS, blank=False),
    "key": _line("key", max_length=32),
    "edited": Field("boolean", "edited"),
    "hidden": Field("boolean", "hidden"),
}


# Editors' decisions about the editorial checks (catalog.ByEditor): when, and who.
_DECIDED: dict[str, Field] = {
    "at": TIMESTAMP,
    "by": _line("editor's user name", max_length=150, null=True),
}
# A finding of the checks an editor judged no problem, by its key (checks.Finding.key).
IGNORED_FINDING: dict[str, Field] = {
    "key": _line("finding key", max_length=4_000, blank=False),
    "code": _line("check code", max_length=64, blank=False),
    "record": _line("record"),
    **_DECIDED,
}
# A word an editor added to the spelling check's dictionary.
ADDED_WORD: dict[str, Field] = {"word": _line("word", max_length=100, blank=False), **_DECIDED}


RECORDS: dict[str, dict[str, Field]] = {
    "source": SOURCE,
    "author": AUTHOR,
    "work": WORK,
    "edition": EDITION,
    "contribution": CONTRIBUTION,
    "guide": GUIDE,
    "guide entry": GUIDE_ENTRY,
    "life event": LIFE_EVENT,
    "identifier": IDENTIFIER,
    "merged author": MERGED_AUTHOR,
    "merged work": MERGED_WORK,
    "ignored finding": IGNORED_FINDING,
    "added word": ADDED_WORD,
}
_LINES = {"one": "one line", "lf": "line breaks allowed", "any": "verbatim"}


def describe(spec: Field) -> str:
    """A field's limits in words, as docs/limits.md and `readingroom limits` give them."""
    if spec.kind in ("text", "slug"):
        what = "slug" if spec.kind == "slug" else f"text, {_LINES[spec.lines]}"
        text = f"{what}, up to {spec.max_length:,} characters"
    elif spec.kind == "integer":
        text = f"whole number from {spec.minimum:,} to {spec.maximum:,}"
    elif spec.kind == "choice":
        text = "one of " + ", ".join(json.dumps(choice) for choice in spec.choices)
    else:
        text = {
            "boolean": "true or false",
            "timestamp": "ISO 8601 date and time",
            "date": "ISO date: year, month or day",
            "places": f"up to {MAX_PLACES} place names of up to 255 characters",
            "span": "[start, end] offsets into the biography",
            "sha256": "64 hexadecimal digits",
        }[spec.kind]
    return text + (", or empty" if spec.null else "")


@dataclass(frozen=True)
class RuleProblem:
    """A problem one of the cross-field rules found, and the field it belongs to."""

    field: str
    message: str
    severity: Severity = "error"


def as_sentence(message: str) -> str:
    """A problem as a form shows it: "Year 3000 is in the future." """
    return message[0].upper() + message[1:] + "."


def latest_plausible_year(today: date | None = None) -> int:
    """Years after this are typing slips rather than forthcoming books."""
    return (today or date.today()).year + 1


def work_rules(
    year: int | None, year_end: int | None, pages: int | None, today: date | None = None
) -> list[RuleProblem]:
    """What the parser, the dump and the admin all say about a work's year and pages."""
    problems = []
    latest = latest_plausible_year(today)
    for name, value in (("year", year), ("year_end", year_end)):
        if value is not None and value > latest:
            problems.append(RuleProblem(name, f"year {value} is in the future"))
    if year_end is not None and year is None:
        problems.append(RuleProblem("year_end", "an end year needs a start year"))
    elif year is not None and year_end is not None and year_end < year:
        problems.append(
            RuleProblem("year_end", f"year range ends ({year_end}) before it starts ({year})")
        )
    if pages == 0:
        problems.append(RuleProblem("pages", "page count is 0", "warning"))
    return problems


def life_event_rules(start: str | None, end: str | None) -> list[RuleProblem]:
    """An event's dates: a start for any end, and an end no earlier than the start."""
    if end and not start:
        return [RuleProblem("start", "an event with an end needs a start")]
    if start and end and ends_before_start(start, end):
        return [RuleProblem("end", "the end comes before the start")]
    return []
