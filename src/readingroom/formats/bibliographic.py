"""What the bibliographic formats (BibTeX, RIS, CSL-JSON) share: names in the inverted
order they keep ("Beauvoir, Simone de"), page ranges as parts to read, and years."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from readingroom.guidetext.records import Problem

from .citation import part_pages
from .lexicon import lexicon
from .records import Contributor, ListEntry, ListGuide, Role

T = TypeVar("T")

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-{1,2}|–|—)\s*(\d+)\s*$")
_FIRST_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def name_parts(person: Contributor) -> tuple[str, str, str]:
    """A person's forenames, particle and surname ("Simone", "de", "Beauvoir"); a
    body's or a single word's name is all surname."""
    words = person.name.split()
    if person.corporate or len(words) < 2:
        return "", "", person.name
    at = len(words) - 1
    while at > 1 and words[at - 1] in lexicon().name_particles:
        at -= 1
    return " ".join(words[:at]), " ".join(words[at:-1]), words[-1]


def inverted(person: Contributor) -> str:
    """ "Simone de Beauvoir" → "de Beauvoir, Simone"; a body as it is."""
    given, particle, family = name_parts(person)
    surname = f"{particle} {family}".strip()
    return f"{surname}, {given}" if given else surname


def display(family: str, given: str, particle: str = "") -> str:
    """The name in display order from its inverted parts."""
    return " ".join(part for part in (given, particle, family) if part)


def person(name: str, role: Role, written: str = "", corporate: bool = False) -> Contributor:
    return Contributor(" ".join(name.split()), role, written or name, corporate)


def page_range(text: str) -> tuple[str, int | None] | None:
    """ "12--40" → ("pp. 12–40", 29): a range to read, and how many pages it covers."""
    match = _RANGE.match(text)
    if match is None:
        return None
    part = f"pp. {match[1]}–{match[2]}"
    return part, part_pages(part)


def range_of(part: str | None) -> tuple[int, int] | None:
    """The first and last page of a part to read written as a range ("pp. 12–40")."""
    match = re.fullmatch(r"pp?\.\s*(\d+)\s*[–—-]\s*(\d+)", part or "")
    return (int(match[1]), int(match[2])) if match else None


def year_of(text: str | None) -> int | None:
    match = _FIRST_YEAR.search(text or "")
    return int(match[1]) if match else None


def number_of(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def add_entries(
    guide: ListGuide,
    records: Sequence[T],
    spans: Sequence[tuple[int, int]],
    read: Callable[[T], ListEntry | None],
    what: str,
) -> None:
    """Each record read into an entry, with the lines it spans (where known); one that
    makes no entry (it has no title) is reported at its line."""
    for number, record in enumerate(records, 1):
        entry = read(record)
        start, end = spans[number - 1] if number <= len(spans) else (0, 0)
        if entry is None:
            message = f"{what} {number} has no title; left out"
            guide.problems.append(Problem(message, start or None, "warning"))
            continue
        entry.line_start, entry.line_end = start, end
        guide.entries.append(entry)
