"""Version 2 of the guide format: a guide across authors, read and written back."""

import dataclasses
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.formats.citation import part_pages
from readingroom.formats.guide_v2 import is_version_2, join_names, split_names, write_guide_list
from readingroom.formats.guidefile import read_guide_format
from readingroom.formats.records import (
    IMPORTANCE_LEVELS,
    Contributor,
    ListEntry,
    ListGuide,
)
from readingroom.formats.registry import detect_reader
from readingroom.guidetext import parse_work

SCHEDULE = """\
Title: Political Economy: A Study Course
Subtitle: Ten weeks for a union study circle
Compiled by: Ana Lima; Tom Reed
Date: Spring 2025

We meet on Tuesdays. Read the essential texts before each meeting;
the optional ones are for those with time.

## Part I: Commodities and money

### Week 1 (4 March)

Karl Marx — Capital, Volume 1 (1867): 1,152 pages, the opening chapters.
Read: pp. 125–177
Importance: essential
Translated by: Ben Fowkes
Introduction by: Ernest Mandel
Publisher: Penguin
Place: London
Edition: 1976
ISBN: 0-14-044568-4

David Harvey — A Companion to Marx's Capital (2010)
Read: Chapter 1
Importance: optional

### Week 2 (11 March)

# Rosa Luxemburg

Born in Zamość in 1871, she taught at the party school in Berlin.

Introduction to Political Economy (1925): 300 pages

The Accumulation of Capital (1913): 475 pages
Read: chapters 1 and 2

## Part II: Beyond the book

#

Workers' Inquiry: A Collection
Edited by: Notebooks Collective
URL: https://example.org/inquiry
Importance: further

— History — A Reader: ? pages

---

Thanks to the Bishopsgate library for the room.
"""


def test_a_schedule_guide_reads_as_written():
    guide = read_guide_format(SCHEDULE)
    assert [p for p in guide.problems if p.severity == "error"] == []
    assert (guide.title, guide.subtitle, guide.compilers, guide.date) == (
        "Political Economy: A Study Course",
        "Ten weeks for a union study circle",
        ["Ana Lima", "Tom Reed"],
        "Spring 2025",
    )
    assert guide.introduction == (
        "We meet on Tuesdays. Read the essential texts before each meeting;\n"
        "the optional ones are for those with time."
    )
    assert guide.closing == "Thanks to the Bishopsgate library for the room."
    assert guide.author_notes == {
        "Rosa Luxemburg": "Born in Zamość in 1871, she taught at the party school in Berlin."
    }
    assert [(s.title, s.level) for s in guide.sections] == [
        ("Part I: Commodities and money", 1),
        ("Week 1 (4 March)", 2),
        ("Week 2 (11 March)", 2),
        ("Part II: Beyond the book", 1),
    ]
    capital, harvey, intro, accumulation, inquiry, history = guide.entries
    assert capital.title == "Capital, Volume 1"
    assert (capital.year, capital.pages, capital.note) == (1867, 1152, "the opening chapters.")
    assert capital.contributors == [
        Contributor("Karl Marx", "author", "Karl Marx"),
        Contributor("Ben Fowkes", "translator", "Ben Fowkes"),
        Contributor("Ernest Mandel", "introduction", "Ernest Mandel"),
    ]
    assert (capital.part, capital.part_pages, capital.importance) == (
        "pp. 125–177",
        53,
        "essential",
    )
    assert (capital.publisher, capital.place, capital.edition_year, capital.isbn) == (
        "Penguin",
        "London",
        1976,
        "0140445684",
    )
    assert capital.sections == ("Part I: Commodities and money", "Week 1 (4 March)")
    assert (capital.line_start, capital.line_end) == (13, 21)
    # A year and no page count: still a work.
    assert (harvey.title, harvey.year, harvey.pages, harvey.part, harvey.importance) == (
        "A Companion to Marx's Capital",
        2010,
        None,
        "Chapter 1",
        "optional",
    )
    # Under an author's heading, entries that name nobody are that author's.
    assert [c.name for c in intro.contributors] == ["Rosa Luxemburg"]
    assert intro.sections == ("Part I: Commodities and money", "Week 2 (11 March)")
    assert (accumulation.part, accumulation.part_pages) == ("chapters 1 and 2", None)
    # A bare `#` ends the author; a section heading ends the week.
    assert inquiry.title == "Workers' Inquiry: A Collection"
    assert (inquiry.year, inquiry.pages) == (None, None)
    assert inquiry.contributors == [
        Contributor("Notebooks Collective", "editor", "Notebooks Collective")
    ]
    assert (inquiry.url, inquiry.importance) == ("https://example.org/inquiry", "further")
    assert inquiry.sections == ("Part II: Beyond the book",)
    # A line that begins with a dash names nobody: the dash is the title's.
    assert (history.title, history.contributors) == ("History — A Reader", [])


def test_the_schedule_is_written_back_as_it_reads():
    guide = read_guide_format(SCHEDULE)
    again = read_guide_format(write_guide_list(guide))
    assert _content(again) == _content(guide)


def test_version_2_is_told_by_its_header():
    assert is_version_2(SCHEDULE)
    assert is_version_2("\n\ntitle:  A guide\n")
    assert not is_version_2("Title:A guide\n")
    assert not is_version_2("Victor Serge was born in Brussels.\n\nTitle: x\n")
    assert detect_reader(SCHEDULE).name == "guide"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("Title: G\nDate:\n\nA (1900): 5 pages\n", "'Date:' has no value", 2),
        ("Title: G\n\nA (1900): 5 pages\nBy: X\nPublisher:\n", "'Publisher:' has no value", 5),
        ("Title: G\n\nA (1900): 5 pages\nTranslated by: X\nTranslated by: Y\n", "twice", 5),
        ("Title: G\n\nA (1900): 5 pages\n\nRead: pp. 1–5\n", "field lines with no entry", 5),
        ("Title: G\nDate: 1\nDate: 2\n\nA (1900): 5 pages\n", "gives 'Date' twice", 3),
        ("Title: G\n\nA (1900): 5 pages\nImportance: vital\n", "importance 'vital' is not", 4),
        ("Title: G\n\nA (1900): 5 pages\nISBN: 0-14-044568-2\n", "ISBN 0-14-044568-2 is", 4),
        ("Title: G\n\nA (1900): 5 pages\nEdition: soon\n", "edition 'soon' is not a year", 4),
        ("Title: G\n\nJust an introduction.\n", "no entries found", None),
        ("Title: G\n\n## S\n\nA (2999): 5 pages\n", "year 2999 is in the future", 5),
    ],
)
def test_mistakes_are_errors_at_their_line(text, message, line):
    problems = [p for p in read_guide_format(text).problems if p.severity == "error"]
    assert [(p.line, message in p.message) for p in problems] == [(line, True)]


def _warnings(text: str) -> list[tuple[int | None, str]]:
    return [
        (p.line, p.message) for p in read_guide_format(text).problems if p.severity == "warning"
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "Title: G\n\n## S\n\nThe Road to Serfdom — A Reply (1990): 5 pages\n",
            5,
            "begin the line",
        ),
        (
            "Title: G\n\n## S\n\n- Karl Marx, Capital (1867)\n- Lenin, What Is to Be Done?\n",
            5,
            "list",
        ),
        ("Title: G\n\n## S\n\nA (1900): 5 pages\nRead: pp. 1–5\nmore words\n", 6, "annotation"),
        ("Title: G\n\n## S\n\nKarl Marx – Capital (1867): 5 pages\n", 5, "em dash"),
        ("Title: G\n\nIntro.\n# Not an author\nmore intro.\n\n## S\n\nA (1900)\n", 4, "no entry"),
    ],
)
def test_what_may_be_misread_is_warned_of(text, line, words):
    assert any(n == line and words in message for n, message in _warnings(text)), _warnings(text)


def test_a_plain_list_that_opens_with_a_title_line_is_still_a_list():
    text = "Title: Summer reading\nAuthor: Ana Lima\n\n- Karl Marx, Capital (1867)\n"
    assert not is_version_2(text)
    assert detect_reader(text).name == "list"


def test_a_header_may_run_straight_into_a_heading():
    guide = read_guide_format("Title: G\n## Part\n\nA (1900): 5 pages\n")
    assert [p for p in guide.problems if p.severity == "error"] == []
    assert guide.entries[0].sections == ("Part",)


def test_works_under_an_author_heading_need_no_colon():
    guide = read_guide_format("Title: G\n\n# Rosa Luxemburg\n\nReform or Revolution (1899)\n")
    [entry] = guide.entries
    assert (entry.title, entry.year, entry.authors) == (
        "Reform or Revolution",
        1899,
        ["Rosa Luxemburg"],
    )
    assert guide.author_notes == {}


def test_inverted_names_are_shown_in_display_order():
    guide = read_guide_format("Title: G\n\nDu Bois, W. E. B. — Black Reconstruction (1935)\n")
    [person] = guide.entries[0].contributors
    assert (person.name, person.written) == ("W. E. B. Du Bois", "Du Bois, W. E. B.")


def test_a_rule_line_ends_the_entries_even_without_a_blank_line():
    guide = read_guide_format("Title: G\n\nA (1900): 5 pages\n---\nThanks.\n")
    assert (guide.entries[0].note, guide.closing) == (None, "Thanks.")


def test_paragraphs_are_written_back_as_the_editor_wrote_them():
    text = "Title: G\n\n## S\n\nKarl Marx -- Capital (1867): 1,152 pages\nISBN: 0-14-044568-4\n"
    guide = read_guide_format(text)
    assert write_guide_list(guide) == text
    guide.entries[0].pages = 1000
    assert "Karl Marx — Capital (1867): 1000 pages\nISBN: 0140445684" in write_guide_list(guide)


def test_what_text_cannot_hold_is_written_to_read_back_as_text():
    guide = read_guide_format("Title: G\n\n## S\n\nA (1900): 5 pages\n")
    guide.entries[0].note = "First.\n\n# Not a heading\nPlace: not a field"
    guide.entries[0].part = "pp. 1–5\nand 7"
    again = read_guide_format(write_guide_list(guide))
    assert again.entries[0].note == "First.\n # Not a heading\n Place: not a field"
    assert (again.entries[0].part, again.entries[0].place) == ("pp. 1–5 and 7", None)


def test_a_note_on_a_translator_is_written_before_their_work():
    guide = read_guide_format(
        "Title: G\n\n# Ben Fowkes\n\nHe translated Capital.\n\n#\n\n"
        "Capital (1867): 5 pages\nTranslated by: Ben Fowkes\n"
    )
    assert guide.author_notes == {"Ben Fowkes": "He translated Capital."}
    again = read_guide_format(write_guide_list(guide))
    assert again.author_notes == guide.author_notes
    assert [(c.name, c.role) for c in again.entries[0].contributors] == [
        ("Ben Fowkes", "translator")
    ]


def test_every_version_1_fixture_still_reads_as_version_1():
    for path in Path(__file__).resolve().parents[1].rglob("*.txt"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "Title:" not in text.split("\n", 1)[0]:
            assert not is_version_2(text), path


@pytest.mark.parametrize(
    "names",
    [["A B"], ["A B", "C D"], ["A", "B", "C"], ["Marx and Engels Institute"], ["A & B", "C"]],
)
def test_names_are_joined_as_they_split(names):
    assert split_names(join_names(names)) == names


# --- Properties ---------------------------------------------------------------------

LETTERS = string.ascii_letters + "éøßçÆ"
WORDS = st.text(LETTERS, min_size=1, max_size=8)


def _phrase(separators: str = " ") -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=1, max_size=5).flatmap(
        lambda ws: st.lists(
            st.sampled_from(separators), min_size=len(ws) - 1, max_size=len(ws) - 1
        ).map(lambda seps: "".join(w + s for w, s in zip(ws, [*seps, ""], strict=True)))
    )


NAMES = _phrase()
TITLES = _phrase(" ,:'-")
PROSE_LINE = (
    st.lists(
        st.text(LETTERS + "0123456789.,;()'\"–", min_size=1, max_size=8), min_size=1, max_size=6
    )
    .map(" ".join)
    .filter(lambda line: line[0] not in "#0123456789,;.")
)
PARAGRAPH = st.lists(PROSE_LINE, min_size=1, max_size=3).map("\n".join)
TEXT = st.lists(PARAGRAPH.filter(lambda p: parse_work(p) is None), min_size=1, max_size=2).map(
    "\n\n".join
)
YEARS = st.integers(1000, 1995)
PARTS = st.sampled_from(["pp. 12–40", "Chapter 2", "Chs. 3, 4 and 7", "pp. 1–15", "Preface"])
ISBNS = st.sampled_from(["0140445684", "9781590174517", "080701429X"])


@st.composite
def entries(draw: st.DrawFn, sections: tuple[str, ...]) -> ListEntry:
    year = draw(st.none() | YEARS)
    part = draw(st.none() | PARTS)
    contributors = [
        Contributor(name, role, name)
        for role, most in (("author", 3), ("editor", 2), ("translator", 1), ("introduction", 1))
        for name in draw(st.lists(NAMES, max_size=most))
    ]
    return ListEntry(
        title=draw(TITLES),
        contributors=contributors,
        year=year,
        year_end=year + draw(st.integers(1, 30)) if year and draw(st.booleans()) else None,
        pages=draw(st.none() | st.integers(1, 5000)),
        note=draw(st.none() | PARAGRAPH),
        part=part,
        part_pages=part_pages(part) if part else None,
        importance=draw(st.none() | st.sampled_from(IMPORTANCE_LEVELS)),
        publisher=draw(st.none() | NAMES),
        place=draw(st.none() | NAMES),
        edition_year=draw(st.none() | YEARS),
        isbn=draw(st.none() | ISBNS),
        url=draw(st.none() | WORDS.map(lambda w: f"https://example.org/{w}")),
        sections=sections,
    )


@st.composite
def guides(draw: st.DrawFn) -> ListGuide:
    found: list[ListEntry] = []
    for depth in draw(st.lists(st.integers(0, 3), min_size=1, max_size=4)):
        path = tuple(draw(st.lists(_phrase(), min_size=depth, max_size=depth)))
        found += draw(st.lists(entries(path), min_size=1, max_size=3))
    named = sorted(
        {c.name for e in found for c in e.contributors} | set(draw(st.lists(NAMES, max_size=1)))
    )
    noted = draw(st.lists(st.sampled_from(named), max_size=2, unique=True)) if named else []
    return ListGuide(
        title=draw(_phrase(" :")),
        subtitle=draw(st.none() | _phrase()),
        compilers=draw(st.lists(NAMES, max_size=3)),
        date=draw(st.none() | _phrase()),
        introduction=draw(st.just("") | TEXT),
        closing=draw(st.just("") | TEXT),
        entries=found,
        author_notes={name: draw(TEXT) for name in noted},
    )


def _content(guide: ListGuide) -> tuple[object, ...]:
    place = {"raw": "", "line_start": 0, "line_end": 0}
    return (
        guide.title,
        guide.subtitle,
        guide.compilers,
        guide.date,
        guide.introduction,
        guide.closing,
        guide.author_notes,
        [dataclasses.replace(e, **place) for e in guide.entries],
    )


@pytest.mark.parametrize(
    "names",
    [["A and", "A"], ["and A", "B"], ["Ward &", "Colin"], ["and"], ["Sidney and Beatrice Webb"]],
)
def test_names_that_hold_and_at_an_end_are_read_back_as_written(names):
    """Found by the round-trip property: "A and" beside "A" was written "A and and A"."""
    assert split_names(join_names(names)) == names


@settings(max_examples=300, deadline=None)
@given(guides())
def test_canonical_text_round_trips(guide):
    text = write_guide_list(guide)
    read = read_guide_format(text)
    assert [p for p in read.problems if p.severity == "error"] == []
    assert _content(read) == _content(guide)
    assert write_guide_list(read) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_reading_never_crashes(text):
    guide = read_guide_format("Title: A guide\n\n" + text)
    assert isinstance(guide.problems, list)
