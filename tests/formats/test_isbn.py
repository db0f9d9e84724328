"""ISBNs in lists: read, checked by their check digit, kept compact."""

from __future__ import annotations

import pytest

from readingroom.formats.citation import read_citation
from readingroom.formats.isbn import is_valid
from readingroom.formats.readinglist import read_list


@pytest.mark.parametrize(
    ("isbn", "valid"),
    [
        ("9780140445688", True),  # ISBN-13
        ("0140445684", True),  # the same book's ISBN-10
        ("080442957X", True),  # an X check digit
        ("9780140445689", False),
        ("0140445685", False),
        ("1234567890123", False),  # not a 978/979 prefix
    ],
)
def test_check_digits(isbn, valid):
    assert is_valid(isbn) is valid


def test_an_isbn_in_an_entry_is_kept_and_a_wrong_one_reported():
    cite = read_citation("Karl Marx, Capital, Volume I (1867), ISBN 978-0-14-044568-8")
    assert cite is not None
    assert (cite.title, cite.year, cite.isbn) == ("Capital, Volume I", 1867, "9780140445688")
    guide = read_list("- Karl Marx, Capital, Volume I (1867), ISBN 978-0-14-044568-9\n")
    assert guide.entries[0].isbn is None
    assert [(p.line, p.severity) for p in guide.problems] == [(1, "warning")]
    assert "wrong check digit" in guide.problems[0].message
