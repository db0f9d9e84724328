"""The dump's own validation: every problem, with its JSON path, before anything is written."""

import copy
import json

import pytest

from readingroom.formats.catalog_json import (
    FORMAT_VERSION,
    KINDS,
    DumpError,
    dumps,
    loads,
    references,
)

EMPTY = {kind: [] for kind in KINDS}
AUTHOR = {
    "slug": "victor-serge",
    "name": "Victor Serge",
    "sort_name": "Serge, Victor",
    "name_inferred": False,
    "biography": "Born in Brussels in 1890.",
    "source": None,
    "line_start": None,
    "line_end": None,
    "position": 0,
    "created_at": "2026-11-25T12:00:00+00:00",
    "edited_at": None,
    "edited_by": None,
    "life_events": [
        {
            "start": "1890",
            "end": "1890",
            "precision": "year",
            "modifier": None,
            "kind": "birth",
            "label": "born in Brussels",
            "text": "Born in Brussels in 1890.",
            "places": ["Brussels"],
            "span": [0, 25],
            "expression": "1890",
            "position": 0,
            "origin": "extracted",
            "key": "",
            "edited": False,
            "hidden": False,
        }
    ],
    "merged": [],
    "not_same": [],
    "identifiers": [{"scheme": "wikidata", "value": "Q312609"}],
}
WORK = {
    "slug": "midnight-in-the-century",
    "title": "Midnight in the Century",
    "year": 1939,
    "year_end": None,
    "pages": 199,
    "annotation": None,
    "url": "https://example.org/midnight",
    "source_text": "",
    "edition": 0,
    "editions": [
        {
            "year": 1982,
            "publisher": "Writers and Readers",
            "place": "London",
            "pages": 199,
            "isbn": "9780140445688",
            "translator": "",
            "language": "",
            "source": None,
            "line_start": None,
            "line_end": None,
            "position": 0,
        }
    ],
    "authors": [{"author": "victor-serge", "role": "author", "order": 0}],
    "merged": [],
    "not_same": [],
    "identifiers": [{"scheme": "isbn", "value": "9780140445688"}],
    "source": None,
    "line_start": None,
    "line_end": None,
    "position": 0,
    "created_at": "2026-11-25T12:00:00+00:00",
    "edited_at": None,
    "edited_by": None,
}
GUIDE = {
    "slug": "serge",
    "title": "Serge",
    "subtitle": "A reading guide",
    "description": "",
    "closing": "Thanks to the library.",
    "compilers": "Ada Byron",
    "date": "Spring 2026",
    "source": None,
    "line_start": None,
    "line_end": None,
    "created_at": "2026-11-25T12:00:00+00:00",
    "edited_at": None,
    "edited_by": None,
    "entries": [
        {
            "work": "midnight-in-the-century",
            "edition": 0,
            "order": 1,
            "section": None,
            "note": "",
            "importance": "optional",
            "part": "pp. 1–40",
            "part_pages": 40,
            "line_start": None,
            "line_end": None,
        }
    ],
}
VALID = {**EMPTY, "authors": [AUTHOR], "works": [WORK], "guides": [GUIDE]}


def _problems(document):
    with pytest.raises(DumpError) as caught:
        loads(dumps(document))
    return caught.value.problems


def _before_editions(version):
    """The valid dump as a version before 5 wrote it: the edition cited inline."""
    old = json.loads(dumps(VALID))
    old["version"] = version
    work = old["works"][0]
    (edition,) = work.pop("editions")
    del work["edition"]
    del old["guides"][0]["entries"][0]["edition"]
    work.update(
        edition_year=edition["year"],
        publisher=edition["publisher"],
        place=edition["place"],
        isbn=edition["isbn"],
    )
    return old


def _with(kind, index=0, **changes):
    document = copy.deepcopy(VALID)
    document[kind][index].update(changes)
    return document


def test_empty_and_valid_dumps_round_trip():
    assert loads(dumps(EMPTY)) == {
        "format": "readingroom-catalog",
        "version": FORMAT_VERSION,
        **EMPTY,
    }
    assert loads(dumps(VALID))["works"] == [WORK]


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{"format": "readingroom-catalog",\n "version": 1,\n "sources": [', "invalid JSON", 3),
        ('{"format": "other"}', "not a readingroom catalog dump", None),
        ('{"format": "readingroom-catalog", "version": 9}', "version 9", None),
        ("[" * 200_000 + "]" * 200_000, "nested too deeply", None),
        (
            '{"format": "readingroom-catalog", "version": 1, "sources": '
            + "[" * 200_000
            + "]" * 200_000
            + "}",
            "nested too deeply",
            None,
        ),
    ],
    ids=["truncated", "other-format", "other-version", "deep-list", "deep-inside"],
)
def test_documents_that_are_not_dumps(text, message, line):
    with pytest.raises(DumpError) as caught:
        loads(text)
    assert message in caught.value.message
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        (_with("authors", name=5), "$.authors[0].name: name should be text, not a number"),
        (
            _with("authors", slug="bad slug/../x"),
            "$.authors[0].slug: slug 'bad slug/../x' is not a slug",
        ),
        (_with("authors", id=1), "$.authors[0]: unknown key 'id'"),
        (
            _with("authors", name="N" * 1000),
            "$.authors[0].name: name is 1,000 characters long; the limit is 255",
        ),
        (
            _with("authors", name="Victor\x00Serge"),
            "$.authors[0].name: name contains the control character U+0000",
        ),
        (_with("authors", name="Victor\nSerge"), "$.authors[0].name: name must be a single line"),
        (
            _with("authors", biography="\ud800"),
            "$.authors[0].biography: biography contains an unpaired surrogate U+D800",
        ),
        (
            _with("authors", created_at="yesterday"),
            "$.authors[0].created_at: timestamp 'yesterday' is not an ISO 8601",
        ),
        (
            _with("works", pages=-5),
            "$.works[0].pages: page count -5 is out of range (0 to 100,000)",
        ),
        (_with("works", pages=2**31), "$.works[0].pages: page count 2,147,483,648 is out of range"),
        (_with("works", year=3000), "$.works[0].year: year 3000 is in the future"),
        (
            _with("works", year=10**20),
            "$.works[0].year: year 100,000,000,000,000,000,000 is out of range",
        ),
        (
            _with("works", year=True),
            "$.works[0].year: year should be a whole number, not true/false",
        ),
        (
            _with("works", year=1940, year_end=1936),
            "$.works[0].year_end: year range ends (1936) before it starts (1940)",
        ),
        (
            _with("works", line_start=9, line_end=3),
            "$.works[0].line_end: ends (3) before line_start (9)",
        ),
        (
            _with("works", authors=[{"author": "victor-serge", "role": "ghost", "order": 0}]),
            "$.works[0].authors[0].role: role 'ghost' is not one of",
        ),
        (
            _with("works", authors=[{"author": "victor-serge", "role": "author", "order": 0}] * 2),
            "$.works[0].authors[1].author: ('victor-serge', 'author') is already used by "
            "$.works[0].authors[0]",
        ),
        (
            _with("guides", entries=[GUIDE["entries"][0]] * 2),
            "$.guides[0].entries[1].order: 1 is already used by $.guides[0].entries[0]",
        ),
        (
            {**VALID, "authors": [AUTHOR, AUTHOR]},
            "$.authors[1].slug: 'victor-serge' is already used by $.authors[0]",
        ),
        ({**VALID, "extra": []}, "$: unknown key 'extra'"),
        ({**VALID, "works": {}}, "$.works: should be a list"),
    ],
    ids=lambda value: value if isinstance(value, str) and value.startswith("$") else "",
)
def test_every_field_is_checked_with_its_path(document, problem):
    problems = _problems(document)
    assert any(p.startswith(problem) for p in problems), problems


def test_life_events_are_checked():
    event = AUTHOR["life_events"][0]
    cases = {
        "$.authors[0].life_events[0].span: span should be [start, end]": {"span": [3]},
        "$.authors[0].life_events[0].start: start date '1928-02-30' is not an ISO date": {
            "start": "1928-02-30"
        },
        "$.authors[0].life_events[0].end: the end comes before the start": {
            "start": "1940",
            "end": "1936",
        },
        "$.authors[0].life_events[0].places: places should be a list of place names": {
            "places": "Paris"
        },
        "$.authors[0].life_events[0].modifier: modifier 'SOMETIME' is not one of": {
            "modifier": "SOMETIME"
        },
    }
    for problem, change in cases.items():
        problems = _problems(_with("authors", life_events=[{**event, **change}]))
        assert any(p.startswith(problem) for p in problems), (problem, problems)


def test_every_problem_is_reported_not_just_the_first():
    document = copy.deepcopy(VALID)
    document["authors"][0].update(name=5, slug="a b")
    document["works"][0].update(pages=-1, title="")
    problems = _problems(document)
    assert [p.split(":")[0] for p in problems] == [
        "$.authors[0].slug",
        "$.authors[0].name",
        "$.works[0].title",
        "$.works[0].pages",
    ]


def test_many_problems_are_counted_after_a_hundred():
    works = [{**WORK, "slug": f"w{i}", "pages": -1} for i in range(250)]
    document = {**VALID, "works": works, "guides": []}
    problems = _problems(document)
    assert len(problems) == 101
    assert problems[-1] == "… and 150 more problems"


def test_a_sources_hash_must_match_its_text():
    source = {
        "name": "g.txt",
        "sha256": "0" * 64,
        "imported_at": "2026-11-25T12:00:00+00:00",
        "encoding": "utf-8",
        "newline": "\n",
        "final_newline": True,
        "text": "T (1900): 1 page\n",
    }
    problems = _problems({**EMPTY, "sources": [source]})
    assert problems == ["$.sources[0].sha256: does not match the source's text"]


def test_references_outside_the_dump_are_listed_with_a_path():
    document = loads(dumps({**EMPTY, "works": [WORK], "guides": [GUIDE]}))
    assert references(document) == {
        "sources": {},
        "authors": {"victor-serge": "$.works[0].authors[0].author"},
        "works": {},
    }


def test_valid_json_types_only():
    # JSON numbers that are floats are not whole numbers.
    text = dumps(VALID).replace('"pages": 199', '"pages": 199.5', 1)
    with pytest.raises(DumpError) as caught:
        loads(text)
    assert caught.value.problems == [
        "$.works[0].pages: page count should be a whole number, not a number"
    ]
    assert json.loads(text)["works"][0]["pages"] == 199.5


def test_numbers_and_times_python_cannot_hold_are_refused():
    with pytest.raises(DumpError, match="a number of more than 4,300 digits"):
        loads(dumps(VALID).replace('"pages": 199', '"pages": ' + "9" * 5000))
    problems = _problems(_with("works", created_at="0001-01-01T00:00:00+01:00"))
    assert problems == [
        "$.works[0].created_at: timestamp '0001-01-01T00:00:00+01:00' is not an ISO 8601 "
        "date and time (2026-11-25T12:00:00+00:00)"
    ]


def test_a_version_1_dump_loads_with_no_importance_or_part():
    old = _before_editions(1)
    for key in ("importance", "part", "part_pages"):
        del old["guides"][0]["entries"][0][key]
    for key in ("edition_year", "publisher", "place", "url", "isbn"):
        del old["works"][0][key]
    for key in ("compilers", "date", "subtitle", "closing"):
        del old["guides"][0][key]
    loaded = loads(json.dumps(old))
    assert loaded["version"] == FORMAT_VERSION
    entry = loaded["guides"][0]["entries"][0]
    assert (entry["importance"], entry["part"], entry["part_pages"]) == (None, "", None)
    assert (loaded["works"][0]["editions"], loaded["works"][0]["edition"]) == ([], None)
    assert entry["edition"] is None
    assert loaded["guides"][0]["compilers"] == loaded["guides"][0]["closing"] == ""


def test_a_version_2_dump_loads_with_no_subtitle_or_closing():
    old = _before_editions(2)
    for key in ("subtitle", "closing"):
        del old["guides"][0][key]
    loaded = loads(json.dumps(old))
    assert loaded["version"] == FORMAT_VERSION
    assert (loaded["guides"][0]["subtitle"], loaded["guides"][0]["closing"]) == ("", "")


def test_a_version_5_dump_loads_with_events_of_no_particular_kind():
    old = json.loads(dumps(VALID))
    old["version"] = 5
    del old["authors"][0]["life_events"][0]["kind"]
    loaded = loads(json.dumps(old))
    assert loaded["version"] == FORMAT_VERSION
    assert loaded["authors"][0]["life_events"][0]["kind"] == "other"


def test_a_version_3_dump_loads_with_nothing_merged():
    old = _before_editions(3)
    for kind in ("authors", "works"):
        for key in ("merged", "not_same"):
            del old[kind][0][key]
    loaded = loads(json.dumps(old))
    assert loaded["authors"][0]["merged"] == loaded["works"][0]["not_same"] == []


def test_a_version_4_dump_gives_each_work_the_edition_it_cited():
    loaded = loads(json.dumps(_before_editions(4)))
    assert loaded == loads(dumps(VALID))


def test_a_merged_record_is_checked_like_the_record_it_was():
    merged = {
        "title": "", "year": 1939, "year_end": None, "pages": -1, "annotation": None,
        "url": "", "source_text": "", "slug": "midnight-2", "name_in_file": "Midnight",
        "source": "elsewhere.txt", "line_start": 3, "line_end": 2, "position": 0,
        "merged_at": "2026-12-02T12:00:00+00:00", "merged_by": "ed", "edited_by": None,
    }  # fmt: skip
    with pytest.raises(DumpError) as refused:
        loads(dumps(_with("works", merged=[merged])))
    assert refused.value.problems == [
        "$.works[0].merged[0].title: title is empty",
        "$.works[0].merged[0].pages: page count -1 is out of range (0 to 100,000)",
        "$.works[0].merged[0].line_end: ends (2) before line_start (3)",
    ]


def test_an_identifier_is_checked_and_kept_in_its_normal_form():
    bad = [
        {"scheme": "isbn", "value": "9780140445689"},
        {"scheme": "wikidata", "value": "https://www.wikidata.org/wiki/Q1"},
        {"scheme": "doi", "value": "10.1/x"},
    ]
    with pytest.raises(DumpError) as refused:
        loads(dumps(_with("works", identifiers=bad)))
    assert refused.value.problems == [
        "$.works[0].identifiers[0].value: the ISBN's check digit is wrong",
        "$.works[0].identifiers[1].value: 'https://www.wikidata.org/wiki/Q1' is not in its "
        "normal form",
        "$.works[0].identifiers[2].scheme: identifier scheme 'doi' is not one of 'isbn', "
        "'olid', 'wikidata', 'viaf', 'isni', 'lccn', 'oclc'",
    ]
