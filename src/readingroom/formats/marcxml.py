"""MARCXML out, for library catalogs: each entry a MARC 21 bibliographic record (pymarc).

A record holds what libraries load: the main entry (100 for a person, 110 for a body),
the title (245, with its subtitle in $b), the edition's imprint (264 $a place, $b
publisher, $c year), the page count (300), the first publication's year where the
edition is later (500), the ISBN (020), added entries with their relator terms for
other authors, editors, translators and introducers (700/710 $e), the URL (856) and
the annotation, in full, as a summary (520). Only written: readingroom reads its own
formats and the catalogers' ones (BibTeX, RIS, CSL-JSON), not MARC.
"""

from __future__ import annotations

import io

from pymarc import Field, Indicators, Record, Subfield, XMLWriter

from .bibliographic import inverted
from .records import Contributor, ListEntry, ListGuide

# MARC relator terms (the Library of Congress's list) for the roles we keep.
_RELATOR = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "introduction": "author of introduction",
}
# Leader: a new record (n), language material (a), a monograph (m), Unicode (a).
_LEADER = "     nam a22     7i 4500"


def _name(tag: str, person: Contributor) -> Field:
    body = person.corporate
    return Field(
        tag=("110" if tag == "100" else "710") if body else tag,
        indicators=Indicators("2" if body else "1", " "),
        subfields=[
            Subfield("a", person.name if body else inverted(person)),
            Subfield("e", _RELATOR[person.role]),
        ],
    )


def _title(entry: ListEntry, has_main_entry: bool) -> Field:
    main, colon, subtitle = entry.title.partition(": ")
    subfields = [Subfield("a", f"{main} :" if colon else main)]
    if colon:
        subfields.append(Subfield("b", subtitle))
    return Field(
        tag="245", indicators=Indicators("1" if has_main_entry else "0", "0"), subfields=subfields
    )


def marc_record(entry: ListEntry) -> Record:
    record = Record(leader=_LEADER, force_utf8=True)
    lead = next((c for c in entry.contributors if c.role == "author"), None)
    if entry.isbn:
        record.add_field(
            Field(tag="020", indicators=Indicators(" ", " "), subfields=[Subfield("a", entry.isbn)])
        )
    if lead is not None:
        record.add_field(_name("100", lead))
    record.add_field(_title(entry, lead is not None))
    published = entry.edition_year or entry.year
    imprint = [
        Subfield(code, value)
        for code, value in (("a", entry.place), ("b", entry.publisher), ("c", str(published or "")))
        if value
    ]
    if imprint:
        record.add_field(Field(tag="264", indicators=Indicators(" ", "1"), subfields=imprint))
    if entry.pages:
        record.add_field(
            Field(
                tag="300",
                indicators=Indicators(" ", " "),
                subfields=[Subfield("a", f"{entry.pages} pages")],
            )
        )
    if entry.edition_year and entry.year and entry.edition_year != entry.year:
        note = f"First published {entry.year}."
        record.add_field(
            Field(tag="500", indicators=Indicators(" ", " "), subfields=[Subfield("a", note)])
        )
    if entry.note:
        record.add_field(
            Field(tag="520", indicators=Indicators(" ", " "), subfields=[Subfield("a", entry.note)])
        )
    for person in entry.contributors:
        if person is not lead:
            record.add_field(_name("700", person))
    if entry.url:
        record.add_field(
            Field(tag="856", indicators=Indicators("4", " "), subfields=[Subfield("u", entry.url)])
        )
    return record


def write_marcxml(guide: ListGuide) -> str:
    """Every entry as a MARC record, in one MARCXML collection."""
    out = io.BytesIO()
    writer = XMLWriter(out)
    for entry in guide.entries:
        writer.write(marc_record(entry))
    writer.close(close_fh=False)
    return out.getvalue().decode("utf-8")
