"""BibTeX, RIS and CSL-JSON: exports as Zotero and EndNote write them read into the core
records; the records written back and read again keep every field each format holds,
the annotation in full; what we write is read by each format's own library."""

from __future__ import annotations

import json
import string
from dataclasses import replace
from pathlib import Path

import pytest
import rispy
from bibtexparser.entrypoint import parse_string
from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.formats.bibtex import read_bibtex, write_bibtex
from readingroom.formats.csl_json import read_csl_json, write_csl_json
from readingroom.formats.marcxml import write_marcxml
from readingroom.formats.reader_csv import read_goodreads, read_storygraph, write_goodreads
from readingroom.formats.records import Contributor, ListEntry, ListGuide, ReaderRecord
from readingroom.formats.registry import detect_reader
from readingroom.formats.ris import read_ris, write_ris

FILES = Path(__file__).parent / "bibliographic"
FORMATS = {
    "bibtex": (read_bibtex, write_bibtex),
    "ris": (read_ris, write_ris),
    "csl-json": (read_csl_json, write_csl_json),
}


def _people(entry: ListEntry) -> list[tuple[str, str]]:
    return [(c.name, c.role) for c in entry.contributors]


def test_a_zotero_bibtex_export():
    guide = read_bibtex((FILES / "zotero.bib").read_text())
    capital, essay, second = guide.entries
    assert capital.title == "Capital: A Critique of Political Economy, Volume One"
    assert _people(capital) == [("Karl Marx", "author"), ("Ben Fowkes", "translator")]
    assert (capital.year, capital.edition_year, capital.pages) == (1867, 1990, 1152)
    assert (capital.publisher, capital.place, capital.isbn) == (
        "Penguin",
        "London",
        "9780140445688",
    )
    assert capital.note == (
        "Start with Part One; the chapters on the working day are the ones groups remember."
    )
    assert (essay.container, essay.part, essay.part_pages) == (
        "Customs in Common",
        "pp. 185–258",
        74,
    )
    assert essay.sections == ("Week 3",)
    assert _people(second) == [("Simone de Beauvoir", "author"), ("Vintage Books", "editor")]
    assert second.url == "https://example.org/second-sex"
    assert [p.line for p in guide.problems] == [34]
    assert (capital.line_start, essay.line_start) == (2, 16)


def test_an_endnote_ris_export():
    making, strike = read_ris((FILES / "endnote.ris").read_text()).entries
    assert _people(making) == [("E. P. Thompson", "author")]
    assert (making.year, making.pages, making.importance) == (1963, 848, "essential")
    assert making.note == (
        'The book that made "history from below" a programme.\nIt is long: read the preface first.'
    )
    assert _people(strike) == [
        ("Rosa Luxemburg", "author"),
        ("Peter Hudis", "editor"),
        ("Kevin B. Anderson", "editor"),
    ]
    assert (strike.year, strike.edition_year, strike.part) == (1906, 2004, "pp. 168–199")
    assert strike.container == "The Rosa Luxemburg Reader"
    assert (making.line_start, making.line_end, strike.line_start) == (1, 11, 13)


def test_a_zotero_csl_json_export():
    guide = read_csl_json((FILES / "zotero.json").read_text())
    aid, souls = guide.entries
    assert (aid.title, aid.year, aid.pages, aid.place) == (
        "Mutual Aid: A Factor of Evolution",
        1902,
        348,
        "London",
    )
    assert _people(souls) == [("W. E. B. Du Bois", "author")]
    assert (souls.isbn, souls.importance) == ("0140445684", "optional")
    assert [p.message for p in guide.problems] == ["item 3 has no title; left out"]
    assert (aid.line_start, souls.line_start) == (2, 13)


@pytest.mark.parametrize(
    ("name", "reader"),
    [("zotero.bib", "bibtex"), ("endnote.ris", "ris"), ("zotero.json", "csl-json")],
)
def test_each_format_is_detected(name, reader):
    assert detect_reader((FILES / name).read_text()).name == reader


# Round trips: any entry, written and read back.

_TEXT = st.text(string.ascii_letters + "éüł ,.;:'\"()[]{}\\%@#&!?–—-", min_size=1, max_size=40)
_WORDS = st.lists(
    st.sampled_from("Capital Mutual Aid the of Revolution Ł Zürich".split()), min_size=1, max_size=6
).map(" ".join)
_NAMES = st.sampled_from(
    [
        "Karl Marx",
        "Simone de Beauvoir",
        "W. E. B. Du Bois",
        "Rosa Luxemburg",
        "Ngũgĩ wa Thiong'o",
        "Kropotkin",
    ]
)
_NOTES = st.lists(_TEXT.map(str.strip).filter(bool), min_size=1, max_size=4).map("\n\n".join)


@st.composite
def _entries(draw: st.DrawFn) -> ListEntry:
    year = draw(st.none() | st.integers(1500, 2030))
    first, last = sorted(draw(st.lists(st.integers(1, 900), min_size=2, max_size=2)))
    part = draw(st.booleans())
    return ListEntry(
        title=draw(_WORDS),
        contributors=[
            Contributor(name, role)
            for name, role in draw(
                st.lists(
                    st.tuples(
                        _NAMES, st.sampled_from(["author", "editor", "translator", "introduction"])
                    ),
                    max_size=3,
                    unique_by=lambda p: p[0],
                )
            )
        ],
        year=year,
        edition_year=draw(st.none() | st.integers(1950, 2030)) if year else None,
        pages=draw(st.none() | st.integers(1, 5000)),
        part=f"pp. {first}–{last}" if part else None,
        part_pages=last - first + 1 if part else None,
        importance=draw(
            st.none() | st.sampled_from(["essential", "recommended", "optional", "further"])
        ),
        publisher=draw(st.none() | _WORDS),
        place=draw(st.none() | st.sampled_from(["London", "New York", "Zürich"])),
        url=draw(st.none() | st.just("https://example.org/a?b=1")),
        isbn=draw(st.none() | st.just("9780140445688")),
        language=draw(st.none() | st.sampled_from(["en", "German", "pt-BR"])),
        note=draw(st.none() | _NOTES),
        sections=tuple(draw(st.lists(_WORDS, max_size=2))),
    )


_ROLE_ORDER = ["author", "editor", "translator", "introduction"]


def _held(entry: ListEntry) -> tuple[object, ...]:
    """What every format holds: the people in each role in order (not how the roles
    interleave), the first year and the edition's."""
    edition = entry.edition_year if entry.edition_year != entry.year else None
    people = sorted(_people(entry), key=lambda p: _ROLE_ORDER.index(p[1]))
    return (
        entry.title, people, entry.year, edition, entry.pages, entry.part,
        entry.part_pages, entry.importance, entry.publisher, entry.place, entry.url, entry.isbn,
        entry.language, entry.note, entry.sections,
    )  # fmt: skip


@pytest.mark.parametrize("format_name", sorted(FORMATS))
@settings(max_examples=150, deadline=None)
@given(entries=st.lists(_entries(), min_size=1, max_size=4))
def test_records_survive_a_round_trip(format_name, entries):
    read, write = FORMATS[format_name]
    guide = ListGuide(entries=entries)
    back = read(write(guide))
    assert [p for p in back.problems if p.severity == "error"] == []
    if format_name == "ris":  # SP is a book's page count or, with EP, a part: not both
        entries = [replace(e, pages=None) if e.part else e for e in entries]
    assert [_held(e) for e in back.entries] == [_held(e) for e in entries]


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_an_annotation_of_ten_thousand_characters_survives(format_name):
    note = ("Read it slowly {twice}; 100% of it \\ matters. " * 250)[:10_000].strip()
    note = (
        note[:5000].rstrip() + "\n\n" + note[5000:].lstrip()
    )  # (RIS keeps no spaces at a line's ends)
    read, write = FORMATS[format_name]
    [back] = read(write(ListGuide(entries=[ListEntry(title="Capital", note=note)]))).entries
    assert back.note == note
    assert len(back.note) >= 10_000


def test_our_files_are_read_by_each_formats_own_library():
    entries = [
        ListEntry(
            title="Capital", contributors=[Contributor("Karl Marx")], year=1867, note="A {note}"
        ),
        ListEntry(
            title="The Second Sex", contributors=[Contributor("Simone de Beauvoir")], pages=800
        ),
    ]
    guide = ListGuide(entries=entries)
    library = parse_string(write_bibtex(guide))
    assert library.failed_blocks == []
    assert [e["title"] for e in library.entries] == ["Capital", "The Second Sex"]
    assert library.entries[0]["author"] == "Marx, Karl"
    records = rispy.loads(write_ris(guide))
    assert [(r["title"], r.get("authors")) for r in records] == [
        ("Capital", ["Marx, Karl"]),
        ("The Second Sex", ["de Beauvoir, Simone"]),
    ]
    items = json.loads(write_csl_json(guide))
    assert [(i["type"], i["title"], i["author"][0]["family"]) for i in items] == [
        ("book", "Capital", "Marx"),
        ("book", "The Second Sex", "Beauvoir"),
    ]
    assert items[1]["author"][0]["non-dropping-particle"] == "de"


# Readers' exports: Goodreads and StoryGraph.


def test_a_goodreads_export():
    capital, dispossessed = read_goodreads((FILES / "goodreads.csv").read_text()).entries
    assert capital.title == "Capital: Volume 1"  # the series Goodreads adds goes
    assert [c.name for c in capital.contributors] == ["Karl Marx", "Ben Fowkes", "Ernest Mandel"]
    assert (capital.year, capital.edition_year, capital.pages, capital.isbn) == (
        1867, 1990, 1152, "9780140445688",
    )  # fmt: skip
    assert capital.note == "Slow going, but chapter 10 on the working day\nis worth the whole book."
    assert capital.reader == ReaderRecord(
        shelf="read",
        shelves=("theory", "study-group"),
        rating=5.0,
        dates_read=("2024-03-02",),
        date_added="2023-11-20",
        read_count=2,
        private_notes="borrowed from the library",
    )
    assert (capital.line_start, capital.line_end, dispossessed.line_start) == (2, 3, 4)
    assert dispossessed.isbn is None
    assert dispossessed.reader is not None
    assert (dispossessed.reader.shelf, dispossessed.reader.rating) == ("to-read", None)


def test_a_storygraph_export():
    accumulation, aid = read_storygraph((FILES / "storygraph.csv").read_text()).entries
    assert [(c.name, c.role) for c in accumulation.contributors] == [
        ("Rosa Luxemburg", "author"),
        ("Agnes Schwarzschild", "translator"),
        ("Joan Robinson", "introduction"),
    ]
    assert accumulation.isbn == "9780415304474"
    assert accumulation.note == "Hard going in the middle, clear at the end."
    assert accumulation.reader is not None
    assert accumulation.reader.dates_read == ("2023-06-01", "2023-07-30")
    assert (accumulation.reader.rating, accumulation.reader.shelves) == (
        4.5,
        ("economics", "marxism"),
    )
    assert aid.reader is not None
    assert aid.reader.shelf == "currently-reading"


@pytest.mark.parametrize(
    ("name", "reader"), [("goodreads.csv", "goodreads"), ("storygraph.csv", "storygraph")]
)
def test_readers_exports_are_detected(name, reader):
    assert detect_reader((FILES / name).read_text()).name == reader


_RECORDS = st.builds(
    ReaderRecord,
    shelf=st.sampled_from(["read", "to-read", "currently-reading"]),
    shelves=st.lists(st.sampled_from(["theory", "study-group", "novels"]), unique=True).map(tuple),
    rating=st.none() | st.sampled_from([1.0, 3.0, 5.0]),
    dates_read=st.lists(st.just("2024-03-02"), max_size=1).map(tuple),
    date_added=st.none() | st.just("2023-11-20"),
    read_count=st.none() | st.integers(1, 5),
    private_notes=st.none() | _NOTES,
)


@settings(max_examples=150, deadline=None)
@given(
    entries=st.lists(_entries(), min_size=1, max_size=4),
    records=st.lists(_RECORDS, min_size=4, max_size=4),
)
def test_what_goodreads_holds_survives_a_round_trip(entries, records):
    entries = [replace(e, reader=r) for e, r in zip(entries, records, strict=False)]
    back = read_goodreads(write_goodreads(ListGuide(entries=entries))).entries

    def held(entry: ListEntry) -> tuple[object, ...]:
        edition = entry.edition_year if entry.edition_year != entry.year else None
        names = [c.name for c in entry.contributors]  # a Goodreads export keeps no roles
        return (entry.title, names, entry.year, edition, entry.pages, entry.publisher,
                entry.isbn, entry.note, entry.reader)  # fmt: skip

    assert [held(e) for e in back] == [held(e) for e in entries]


# MARCXML, written for library catalogs and read back by pymarc.


def test_marcxml_is_read_by_pymarc_with_every_field_it_holds():
    import io

    import pymarc

    note = ("Read the chapter on the working day <first> & then the rest. " * 170).strip()
    entry = ListEntry(
        title="Capital: A Critique of Political Economy",
        contributors=[
            Contributor("Karl Marx"),
            Contributor("Ben Fowkes", "translator"),
            Contributor("Council on Foreign Relations", "editor", corporate=True),
        ],
        year=1867,
        edition_year=1990,
        pages=1152,
        publisher="Penguin",
        place="London",
        isbn="9780140445688",
        url="https://example.org/capital",
        note=note,
    )
    [record] = pymarc.parse_xml_to_array(
        io.BytesIO(write_marcxml(ListGuide(entries=[entry])).encode())
    )
    assert (record["245"]["a"], record["245"]["b"]) == (
        "Capital :",
        "A Critique of Political Economy",
    )
    assert (record["100"]["a"], record["100"]["e"]) == ("Marx, Karl", "author")
    assert [(f["a"], f["e"]) for f in record.get_fields("700", "710")] == [
        ("Fowkes, Ben", "translator"),
        ("Council on Foreign Relations", "editor"),
    ]
    assert [record["264"][c] for c in "abc"] == ["London", "Penguin", "1990"]
    assert record["300"]["a"] == "1152 pages"
    assert record["500"]["a"] == "First published 1867."
    assert record["020"]["a"] == "9780140445688"
    assert record["856"]["u"] == "https://example.org/capital"
    assert record["520"]["a"] == note
    assert len(note) >= 10_000


@pytest.mark.parametrize(
    "read", [read_bibtex, read_ris, read_csl_json, read_goodreads, read_storygraph]
)
@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=300)
    | st.lists(
        st.sampled_from(
            [
                "@book{k,",
                "title = {",
                "}",
                "TY  - BOOK",
                "TI  - ",
                "ER  - ",
                "[",
                "{",
                '"title":',
                '"annote": 5',
                "Book Id,Title,Exclusive Shelf",
                "Title,Read Status,Star Rating",
                "\r",
                "\n",
                ",",
                '"',
                "x",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_no_text_makes_a_reader_fail(read, text):
    guide = read(text)  # never raises: what it cannot read, it reports
    for entry in guide.entries:
        assert isinstance(entry.title, str)
        assert entry.note is None or isinstance(entry.note, str)
