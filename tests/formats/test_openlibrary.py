"""Open Library dump lines read into records, as openlibrary/data/dump.py writes them."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from readingroom.formats import openlibrary as ol
from readingroom.guidetext import Problem

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from ol_dumps import write_dump

STAMP = "2021-02-05T12:52:33.907834"


def line(type_: str, key: str, data: dict[str, object], revision: int = 3) -> str:
    record = {
        **data,
        "key": key,
        "type": {"key": type_},
        "revision": revision,
        "last_modified": {"type": "/type/datetime", "value": STAMP},
    }
    return ol.dump_line(type_, key, revision, STAMP, record)


def records(text: str) -> list[ol.DumpRecord | Problem]:
    return list(ol.read_records(io.BytesIO(text.encode())))


def test_a_line_is_written_as_open_library_prints_it():
    written = line("/type/work", "/works/OL45883W", {"title": "Fantastic Mr Fox"})
    columns = written.rstrip("\n").split("\t")
    assert columns[:4] == ["/type/work", "/works/OL45883W", "3", STAMP]
    assert columns[4].startswith('{"title": "Fantastic Mr Fox", "key": "/works/OL45883W"')
    # Non-ASCII letters are escaped, as simplejson's dumps escapes them.
    assert "\\u00f3" in line("/type/work", "/works/OL1W", {"title": "Ficción"})


def test_authors_works_and_editions_as_messy_as_open_library_has_them():
    text = "".join(
        [
            line(
                "/type/author",
                "/authors/OL1A",
                {
                    "personal_name": "Ada  Byron",
                    "birth_date": "c. 1815",
                    "death_date": "1852",
                    "bio": {"type": "/type/text", "value": "Wrote the notes.\r\nIn 1843."},
                },
            ),
            line(
                "/type/work",
                "/works/OL2W",
                {
                    "title": "Notes",
                    "subtitle": "on the Engine",
                    "authors": [
                        {"type": {"key": "/type/author_role"}, "author": {"key": "/authors/OL1A"}},
                        {"type": "/type/author_role", "author": "/authors/OL9A"},
                    ],
                    "first_publish_date": "March 3, 1843",
                    "description": "On the engine.",
                },
            ),
            line(
                "/type/edition",
                "/books/OL3M",
                {
                    "works": [{"key": "/works/OL2W"}],
                    "publishers": ["", "Taylor"],
                    "publish_date": "1843?",
                    "number_of_pages": 66,
                    "isbn_10": ["0-306-40615-2"],
                    "isbn_13": ["9780306406158"],
                    "languages": [{"key": "/languages/eng"}],
                },
            ),
        ]
    )
    found = records(text)
    author, work, warning, edition = found
    assert isinstance(author, ol.Author)
    assert (author.key, author.name, author.born, author.died) == ("OL1A", "Ada Byron", 1815, 1852)
    assert author.birth_date == "c. 1815"
    assert author.biography == "Wrote the notes.\nIn 1843."
    assert isinstance(work, ol.Work)
    assert (work.title, work.year, work.authors) == ("Notes: on the Engine", 1843, ("OL1A", "OL9A"))
    assert work.description == "On the engine."
    assert isinstance(warning, Problem)
    assert warning.severity == "warning"
    assert warning.line == 3
    assert "check digit" in warning.message
    assert isinstance(edition, ol.Edition)
    assert (edition.work, edition.publisher, edition.year, edition.pages) == (
        "OL2W",
        "Taylor",
        1843,
        66,
    )
    assert (edition.isbn, edition.language, edition.line) == ("0306406152", "eng", 3)


def test_what_the_catalog_cannot_take_is_skipped_or_left_out_with_a_warning():
    found = records(
        line("/type/work", "/works/OL1W", {"subjects": ["untitled"]})
        + line("/type/edition", "/books/OL2M", {"title": "No work", "number_of_pages": 10**7})
        + line(
            "/type/edition",
            "/books/OL3M",
            {"works": [{"key": "/works/OL1W"}], "number_of_pages": 10**7},
        )
        + line("/type/language", "/languages/eng", {"name": "English"})
        + line("/type/redirect", "/authors/OL5A", {"location": "/authors/OL6A"})
        + line("/type/delete", "/works/OL7W", {})
    )
    assert [(type(r).__name__, getattr(r, "line", None)) for r in found] == [
        ("Problem", 1),
        ("Problem", 2),
        ("Problem", 3),
        ("Edition", 3),
        ("Redirect", 5),
        ("Delete", 6),
    ]
    assert "title is required" in found[0].message
    assert "names no work" in found[1].message
    assert "page count" in found[2].message
    assert found[3].pages is None
    assert (found[4].location, found[4].kind) == ("OL6A", "author")
    assert found[5].kind == "work"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/type/work\t/works/OL1W\t1\t{}\n", "5 tab-separated columns"),
        ("/type/work\t/works/OL1W\tone\t2020\t{}\n", "revision should be a number"),
        ("/type/work\t/works/OL1W\t1\t2020\t{nope\n", "not JSON"),
        ("/type/work\t/works/OL1W\t1\t2020\t[]\n", "JSON object"),
        (
            '/type/work\t/works/OL1W\t1\t2020\t{"key": "/works/OL2W", "type": {"key": '
            '"/type/work"}}\n',
            "the key column says /works/OL1W",
        ),
        (
            '/type/work\t/works/OL1W\t1\t2020\t{"key": "/works/OL1W", "type": {"key": '
            '"/type/edition"}}\n',
            "the type column says /type/work",
        ),
        (
            '/type/work\t/authors/OL1A\t1\t2020\t{"key": "/authors/OL1A", "type": {"key": '
            '"/type/work"}}\n',
            "cannot have the key",
        ),
        (
            '/type/redirect\t/works/OL1W\t1\t2020\t{"key": "/works/OL1W", "type": {"key": '
            '"/type/redirect"}, "location": "/authors/OL2A"}\n',
            "leads nowhere",
        ),
    ],
)
def test_a_line_that_is_no_dump_line_is_an_error_at_its_line(text, expected):
    [problem] = records(line("/type/work", "/works/OL9W", {"title": "Fine"})[:0] + "\n" + text)
    assert isinstance(problem, Problem)
    assert problem.severity == "error"
    assert problem.line == 2
    assert expected in problem.message


def test_gzip_or_plain_the_same_records(tmp_path):
    [gzipped] = write_dump(tmp_path, 60, every_type=True)
    plain = tmp_path / "plain.txt"
    plain.write_bytes(gzip.decompress(gzipped.read_bytes()))
    with gzipped.open("rb") as a, plain.open("rb") as b:
        assert list(ol.read_records(a)) == list(ol.read_records(b))
    assert ol.is_dump(gzipped.read_bytes()[:4096])
    assert ol.is_dump(plain.read_bytes()[:100])
    assert ol.first_type(gzipped.read_bytes()[:4096]) == "/type/author"
    assert not ol.is_dump(b"# Victor Serge\n\nMemoirs (1951): 400 pages\n")


def test_a_gzip_cut_short_is_refused(tmp_path):
    [gzipped] = write_dump(tmp_path, 200)[:1]
    cut = io.BytesIO(gzipped.read_bytes()[:-200])
    with pytest.raises(ol.DumpFileError, match="cut short"):
        list(ol.read_records(cut))


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("1818", 1818),
        ("c. 1820", 1820),
        ("3 March 1818", 1818),
        ("March 3, 1818", 1818),
        ("1818?", 1818),
        ("18th century", None),
        ("", None),
        ("500 BC", None),
        ("ca. 850", 850),
    ],
)
def test_the_year_a_date_names(written, year):
    assert ol.year_of(written) == year


def test_generated_dumps_read_without_errors(tmp_path):
    for path in write_dump(tmp_path, 300):
        with path.open("rb") as file:
            found = list(ol.read_records(file))
        assert not [p for p in found if isinstance(p, Problem) and p.severity == "error"]
        assert any(isinstance(r, ol.Record) for r in found)


def test_warnings_of_one_kind_are_shown_a_few_times_and_counted():
    warnings = ol.Warnings()
    for n in range(100):
        message = f"page count is {100_001 + n:,}; the limit is 100,000: left out"
        warnings.add("e.txt", Problem(message, n + 1, "warning"))
    assert len(warnings.shown) == ol.WARNINGS_SHOWN
    assert warnings.unshown == 100 - ol.WARNINGS_SHOWN
    assert warnings.counts == {"page count is N; the limit is N": 100}
    assert warnings.summary() == "80 more warnings not shown (100 page count is N; the limit is N)"
