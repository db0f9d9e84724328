"""Identifiers of authors and works: checked, kept in normal form, linked out, merged, dumped."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from readingroom.catalog.dump import catalog_dump, load_dump
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.merging import merge_authors
from readingroom.catalog.models import Author, Identifier, Work
from readingroom.formats import catalog_json

pytestmark = pytest.mark.django_db

GUIDE = "# Ada Byron\n\nShe wrote in 1843.\n\nNotes (1843): 66 pages, a note.\n"


def _records() -> tuple[Author, Work]:
    import_guide_bytes("ada.txt", GUIDE.encode(), "Ada")
    return Author.objects.get(), Work.objects.get()


def _identifier(**fields: object) -> Identifier:
    identifier = Identifier(**fields)
    identifier.full_clean()
    identifier.save()
    return identifier


def test_a_pasted_url_or_number_is_kept_in_normal_form():
    author, work = _records()
    assert (
        _identifier(
            author=author, scheme="wikidata", value=" https://www.wikidata.org/wiki/Q7259 "
        ).value
        == "Q7259"
    )
    assert _identifier(work=work, scheme="isbn", value="978-0-14-044568-8").value == "9780140445688"
    assert _identifier(author=author, scheme="isni", value="0000 0001 2103 2683").value == (
        "0000000121032683"
    )


@pytest.mark.parametrize(
    ("target", "scheme", "value", "message"),
    [
        ("work", "isbn", "9780140445689", "check digit is wrong"),
        ("author", "isni", "0000000121032684", "check character is wrong"),
        ("author", "isbn", "9780140445688", "ISBN identifies works, not authors"),
        ("work", "viaf", "12345", "VIAF identifies authors, not works"),
        ("work", "wikidata", "Q0", "Wikidata item is Q and a number"),
    ],
)
def test_a_wrong_identifier_is_refused_with_its_reason(target, scheme, value, message):
    author, work = _records()
    record = {"author": author, "work": work}[target]
    with pytest.raises(ValidationError, match=message):
        _identifier(**{target: record}, scheme=scheme, value=value)
    assert not Identifier.objects.exists()


def test_pages_link_out_and_nothing_is_fetched():
    author, work = _records()
    _identifier(author=author, scheme="olid", value="OL2658453A")
    _identifier(work=work, scheme="wikidata", value="Q2002637")
    author_page = Client().get("/authors/ada-byron/").content.decode()
    assert 'href="https://openlibrary.org/OL2658453A"' in author_page
    work_page = Client().get("/works/notes/").content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q2002637"' in work_page
    assert "the guide does not say of which edition" in work_page


def test_merging_keeps_the_others_identifiers_and_a_dump_keeps_them_all():
    keep, _ = _records()
    # "A. Byron": initials, so not merged by the import (that is for an editor).
    second = GUIDE.replace("66 pages", "70 pages").replace("# Ada Byron", "# A. Byron")
    import_guide_bytes("byron.txt", second.encode(), "Byron")
    other = Author.objects.exclude(pk=keep.pk).get()
    _identifier(author=keep, scheme="wikidata", value="Q7259")
    _identifier(author=other, scheme="wikidata", value="Q7259")
    _identifier(author=other, scheme="viaf", value="51691735")
    merge_authors(keep, other)
    assert sorted(Author.objects.get().identifiers.values_list("scheme", "value")) == [
        ("viaf", "51691735"),
        ("wikidata", "Q7259"),
    ]
    first = catalog_json.dumps(catalog_dump())
    Identifier.objects.all().delete()
    load_dump(catalog_json.loads(first))
    assert catalog_json.dumps(catalog_dump()) == first
    assert Identifier.objects.count() == 2
