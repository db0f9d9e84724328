"""CSL-JSON, the items citation processors and Zotero exchange, to and from the core records.

An item: ``type`` (book, chapter, article-journal), ``title``, ``author``,
``editor`` and ``translator`` (``family``/``given``/``non-dropping-particle``, or
``literal`` for a body), ``issued`` (this edition) and ``original-date`` (the first
publication) as date parts, ``number-of-pages``, ``page`` (a range to read),
``publisher``, ``publisher-place``, ``container-title``, ``ISBN``, ``URL`` and the
annotation in ``annote``, in full. The importance mark and a guide's sections, which
CSL has no variables for, go in ``custom``, which CSL 1.0.2 keeps for such data.
"""

from __future__ import annotations

import json
import re
from typing import Any

from readingroom.guidetext.records import Problem

from .bibliographic import add_entries, display, name_parts, number_of, page_range, person, range_of
from .isbn import compact, is_valid
from .records import IMPORTANCE_LEVELS, Contributor, ListEntry, ListGuide, Role

DETECT = re.compile(r'^\s*\[\s*\{[^{}]*"(?:type|title|id)"\s*:', re.S)
_ROLES: tuple[tuple[str, Role], ...] = (
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("introduction", "introduction"),
)


def is_csl_json(head: str) -> bool:
    return DETECT.match(head) is not None


def _people(item: dict[str, Any]) -> list[Contributor]:
    found = []
    for key, role in _ROLES:
        for name in item.get(key) or []:
            if not isinstance(name, dict):
                continue
            if name.get("literal"):
                found.append(person(str(name["literal"]), role, corporate=True))
                continue
            family, given = str(name.get("family", "")), str(name.get("given", ""))
            particle = str(name.get("non-dropping-particle", ""))
            if family or given:
                written = f"{' '.join(p for p in (particle, family) if p)}, {given}".strip(", ")
                found.append(person(display(family, given, particle), role, written))
    return found


def _year(date: Any) -> int | None:
    if isinstance(date, dict):
        parts = date.get("date-parts") or [[]]
        if parts and parts[0] and str(parts[0][0]).lstrip("-").isdigit():
            return int(parts[0][0])
        return number_of(str(date.get("raw", ""))[:4])
    return None


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    return str(value).strip() or None if value not in (None, "") else None


def _entry(item: dict[str, Any]) -> ListEntry | None:
    title = _text(item, "title")
    if title is None:
        return None
    first, published = _year(item.get("original-date")), _year(item.get("issued"))
    page = _text(item, "page")
    part = page_range(page) if page else None
    custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
    importance = custom.get("importance") if custom else None
    sections = custom.get("sections") if custom else None
    isbn = compact(_text(item, "ISBN") or "")
    return ListEntry(
        title=" ".join(title.split()),
        contributors=_people(item),
        year=first or published,
        edition_year=published if first and published != first else None,
        pages=number_of(_text(item, "number-of-pages")) or (number_of(page) if page else None),
        part=part[0] if part else None,
        part_pages=part[1] if part else None,
        importance=importance if importance in IMPORTANCE_LEVELS else None,
        publisher=_text(item, "publisher"),
        place=_text(item, "publisher-place"),
        container=_text(item, "container-title"),
        url=_text(item, "URL"),
        isbn=isbn if is_valid(isbn) else None,
        language=_text(item, "language"),
        note=str(item["annote"]) if item.get("annote") not in (None, "") else None,
        sections=tuple(str(s) for s in sections) if isinstance(sections, list) else (),
    )


def read_csl_json(text: str) -> ListGuide:
    """Every item with a title, in order; what is not CSL-JSON is reported."""
    guide = ListGuide()
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        guide.problems.append(Problem(f"not JSON: {exc.msg}", exc.lineno, "error"))
        return guide
    if not isinstance(items, list) or not items:
        guide.problems.append(Problem("CSL-JSON is a list of items; no items here", 1, "error"))
        return guide
    add_entries(
        guide,
        items,
        _item_lines(text),
        lambda item: _entry(item) if isinstance(item, dict) else None,
        "item",
    )
    return guide


def _item_lines(text: str) -> list[tuple[int, int]]:
    """The lines each item of the top-level list spans (the JSON parser keeps none)."""
    spans: list[tuple[int, int]] = []
    depth, line, start, quoted, escaped = 0, 1, 0, False, False
    for char in text:
        line += char == "\n"
        if quoted:
            quoted = escaped or char != '"'
            escaped = not escaped and char == "\\"
            continue
        if char == '"':
            quoted = True
        elif char in "[{":
            depth += 1
            start = line if depth == 2 else start
        elif char in "]}":
            depth -= 1
            if depth == 1:
                spans.append((start, line))
    return spans


def _name(person_: Contributor) -> dict[str, str]:
    if person_.corporate:
        return {"literal": person_.name}
    given, particle, family = name_parts(person_)
    parts = {"family": family, "given": given, "non-dropping-particle": particle}
    return {key: value for key, value in parts.items() if value}


def csl_item(entry: ListEntry, number: int) -> dict[str, Any]:
    """One entry as a CSL-JSON item (its id "item-NUMBER")."""
    pages = range_of(entry.part)
    kind = "book" if not entry.container else "article-journal" if pages else "chapter"
    item: dict[str, Any] = {"id": f"item-{number}", "type": kind, "title": entry.title}
    for key, role in _ROLES:
        people = [_name(c) for c in entry.contributors if c.role == role]
        if people:
            item[key] = people
    published = entry.edition_year or entry.year
    optional: dict[str, Any] = {
        "issued": {"date-parts": [[published]]} if published else None,
        "original-date": {"date-parts": [[entry.year]]} if entry.edition_year else None,
        "number-of-pages": entry.pages,
        "page": f"{pages[0]}-{pages[1]}" if pages else None,
        "publisher": entry.publisher,
        "publisher-place": entry.place,
        "container-title": entry.container,
        "ISBN": entry.isbn,
        "URL": entry.url,
        "language": entry.language,
        "annote": entry.note,
    }
    item.update({k: v for k, v in optional.items() if v})
    custom = {"importance": entry.importance, "sections": list(entry.sections) or None}
    if any(custom.values()):
        item["custom"] = {k: v for k, v in custom.items() if v}
    return item


def write_csl_json(guide: ListGuide) -> str:
    items = [csl_item(entry, number) for number, entry in enumerate(guide.entries, 1)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
