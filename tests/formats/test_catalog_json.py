import pytest

from readingroom.formats.catalog_json import DumpError, dumps, loads

EMPTY = {"sources": [], "authors": [], "works": [], "guides": []}


def test_empty_dump_round_trips():
    assert loads(dumps(EMPTY)) == {"format": "readingroom-catalog", "version": 1, **EMPTY}


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{"format": "readingroom-catalog",\n "version": 1,\n "sources": [', "invalid JSON", 3),
        ('{"format": "other"}', "not a readingroom catalog dump", None),
        ('{"format": "readingroom-catalog", "version": 9}', "version 9", None),
    ],
)
def test_invalid_dumps(text, message, line):
    with pytest.raises(DumpError) as caught:
        loads(text)
    assert message in caught.value.message
    assert caught.value.line == line


def test_wrong_field_type_is_named():
    with pytest.raises(DumpError, match=r"authors\[0\]\.name should be str, not int"):
        loads(dumps({**EMPTY, "authors": [{"slug": "a", "name": 5}]}))
    with pytest.raises(DumpError, match=r"authors\[0\] has no 'name'"):
        loads(dumps({**EMPTY, "authors": [{"slug": "a"}]}))
    bad = dumps(
        {
            **EMPTY,
            "works": [
                {
                    "slug": "w",
                    "title": "T",
                    "year": "1926",
                    "year_end": None,
                    "pages": None,
                    "annotation": None,
                    "source_text": "",
                    "authors": [],
                    "source": None,
                    "line_start": None,
                    "line_end": None,
                    "position": 0,
                }
            ],
        }
    )
    with pytest.raises(DumpError, match=r"works\[0\]\.year should be int or null, not str"):
        loads(bad)
