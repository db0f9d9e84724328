"""BibTeX and BibLaTeX, as Zotero and JabRef export them, to and from the core records.

Read and written through bibtexparser 2. A work is an entry: ``author``, ``editor``
and ``translator`` (names joined by "and", "Last, First"), ``title``, ``year`` or
``date`` (with ``origdate``, the first publication), ``pagetotal`` (or a single
number in ``pages``), ``pages`` as a range (the part to read), ``publisher``,
``address`` or ``location``, ``isbn``, ``url``, ``journaltitle``/``journal`` or
``booktitle`` (what holds it), and the annotation in ``annote`` (or ``annotation``),
in full. What BibTeX has no field for — the importance mark, a guide's sections — is
kept in ``importance`` and ``keywords``, which BibTeX tools ignore. Braces and
backslashes in the text are escaped, so any annotation survives.
"""

from __future__ import annotations

import re

from bibtexparser import middlewares
from bibtexparser.entrypoint import parse_string, write_string
from bibtexparser.library import Library
from bibtexparser.model import Entry, Field

from readingroom.guidetext.records import Problem

from .bibliographic import display, inverted, number_of, page_range, person, range_of, year_of
from .isbn import compact, is_valid
from .records import IMPORTANCE_LEVELS, SECTION_SEPARATOR, Contributor, ListEntry, ListGuide, Role

DETECT = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]\s*[^\s,{}()]*\s*,", re.M)
_ROLES: tuple[tuple[str, Role], ...] = (
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("foreword", "introduction"),
    ("introduction", "introduction"),
)
_ROLE_FIELD: dict[Role, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "introduction": "introduction",
}
_BACKSLASH = "\\textbackslash{}"


def is_bibtex(head: str) -> bool:
    return DETECT.search(head) is not None


def _escaped(text: str) -> str:
    """Braces, backslashes and "@" (which bibtexparser takes for a new entry's start,
    even inside a field) escaped as LaTeX writes them."""
    text = text.replace("\\", "\0").replace("{", "\\{").replace("}", "\\}")
    return text.replace("@", "\\@").replace("\0", _BACKSLASH)


def _plain(text: str) -> str:
    """A field's text: escapes undone, grouping braces ("Das {Kapital}") taken away."""
    text = text.replace(_BACKSLASH, "\0").replace("\\{", "\1").replace("\\}", "\2")
    text = re.sub(r"(?<!\\)[{}]", "", text).replace("\\@", "@")
    return text.replace("\1", "{").replace("\2", "}").replace("\0", "\\")


def _people(entry: Entry, field: str, role: Role) -> list[Contributor]:
    if field not in entry.fields_dict:
        return []
    found = []
    for written in re.split(r"\s+and\s+", entry[field].strip()):
        if written.startswith("{") and written.endswith("}"):
            found.append(person(_plain(written), role, corporate=True))  # "{Council on …}"
            continue
        parts = middlewares.names.parse_single_name_into_parts(written)
        name = display(" ".join(parts.last), " ".join(parts.first), " ".join(parts.von))
        name = f"{name} {' '.join(parts.jr)}".strip()
        found.append(person(_plain(name), role, _plain(written)))
    return found


def _field(entry: Entry, *names: str) -> str | None:
    for name in names:
        if name in entry.fields_dict and str(entry[name]).strip():
            return _plain(str(entry[name])).strip()
    return None


def _entry(entry: Entry) -> ListEntry | None:
    title = _field(entry, "title")
    if title is None:
        return None
    first = year_of(_field(entry, "origdate", "origyear"))
    published = year_of(_field(entry, "year", "date"))
    pages_field = _field(entry, "pages")
    pages = number_of(_field(entry, "pagetotal", "numpages")) or number_of(pages_field)
    part = page_range(pages_field) if pages_field else None
    isbn = compact(_field(entry, "isbn") or "")
    importance = _field(entry, "importance")
    keywords = _field(entry, "keywords")
    return ListEntry(
        title=" ".join(title.split()),
        contributors=[c for field, role in _ROLES for c in _people(entry, field, role)],
        year=first or published,
        edition_year=published if first and published != first else None,
        pages=pages,
        part=part[0] if part else None,
        part_pages=part[1] if part else None,
        importance=importance if importance in IMPORTANCE_LEVELS else None,
        publisher=_field(entry, "publisher"),
        place=_field(entry, "address", "location"),
        container=_field(entry, "journaltitle", "journal", "booktitle"),
        url=_field(entry, "url"),
        isbn=isbn if is_valid(isbn) else None,
        language=_field(entry, "language", "langid"),
        note=_field(entry, "annote", "annotation"),
        sections=tuple(keywords.split(SECTION_SEPARATOR)) if keywords else (),
        raw=entry.raw or "",
    )


def read_bibtex(text: str) -> ListGuide:
    """Every entry of a BibTeX file that has a title, in the file's order; blocks the
    parser could not read are reported at their lines."""
    library = parse_string(text)
    guide = ListGuide()
    for block in library.blocks:
        if not isinstance(block, Entry):
            continue
        entry = _entry(block)
        line = (block.start_line or 0) + 1
        if entry is None:
            guide.problems.append(
                Problem(
                    f"@{block.entry_type}{{{block.key}}} has no title; left out", line, "warning"
                )
            )
            continue
        entry.line_start, entry.line_end = line, line + (block.raw or "").count("\n")
        guide.entries.append(entry)
    if not guide.entries and not library.failed_blocks and text.strip():
        guide.problems.append(Problem("no BibTeX entries in this text", 1, "warning"))
    for failed in library.failed_blocks:
        line = (failed.start_line or 0) + 1
        guide.problems.append(Problem(f"not read as BibTeX: {failed.error}", line, "warning"))
    return guide


def _key(entry: ListEntry, taken: set[str]) -> str:
    lead = entry.contributors[0].name.split()[-1] if entry.contributors else "anon"
    word = next((w for w in re.findall(r"[^\W\d_]+", entry.title) if len(w) > 3), "work")
    base = re.sub(r"[^a-z0-9]", "", f"{lead}{entry.year or ''}{word}".casefold()) or "work"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}{number}"
    taken.add(key)
    return key


def _bibtex_entry(entry: ListEntry, key: str) -> Entry:
    fields: list[tuple[str, str | None]] = []
    for role, name in _ROLE_FIELD.items():
        people = [c for c in entry.contributors if c.role == role]
        written = [
            f"{{{_escaped(c.name)}}}" if c.corporate else _escaped(inverted(c)) for c in people
        ]
        fields.append((name, " and ".join(written) or None))
    pages = range_of(entry.part)
    fields += [
        ("title", entry.title),
        ("year", str(entry.edition_year or entry.year or "") or None),
        ("origdate", str(entry.year) if entry.edition_year and entry.year else None),
        ("pagetotal", str(entry.pages) if entry.pages else None),
        ("pages", f"{pages[0]}--{pages[1]}" if pages else None),
        ("publisher", entry.publisher),
        ("address", entry.place),
        ("booktitle" if entry.part and not pages else "journaltitle", entry.container),
        ("isbn", entry.isbn),
        ("url", entry.url),
        ("language", entry.language),
        ("annote", entry.note),
        ("importance", entry.importance),
        ("keywords", SECTION_SEPARATOR.join(entry.sections) or None),
    ]
    kind = "article" if entry.container and pages else "incollection" if entry.container else "book"
    names = set(_ROLE_FIELD.values())  # escaped name by name above
    kept = [Field(n, v if n in names else _escaped(v)) for n, v in fields if v]
    return Entry(kind, key, kept)


def write_bibtex(guide: ListGuide) -> str:
    """A guide's entries as BibTeX (BibLaTeX's fields where BibTeX has none)."""
    library = Library()
    taken: set[str] = set()
    for entry in guide.entries:
        library.add(_bibtex_entry(entry, _key(entry, taken)))
    return write_string(library)
