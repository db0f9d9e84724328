"""Keeping the search index in step (search/index.py), on the real database."""

import pytest

from readingroom.catalog.importer import import_guide_bytes
from readingroom.search.engine import search
from readingroom.search.models import SearchTerm

pytestmark = pytest.mark.django_db


def test_the_vocabulary_keeps_the_words_it_has_and_takes_new_ones():
    import_guide_bytes("a.txt", b"# Ann Alpha\n\nRevolution Betrayed (1936): 10 pages\n")
    first = dict(SearchTerm.objects.values_list("term", "pk"))
    assert {"ann", "alpha", "revolution", "betrayed"} <= set(first)
    # A second guide with words the vocabulary has and words it has not.
    import_guide_bytes("b.txt", b"# Bob Beta\n\nRevolution and Zapata (1950): 20 pages\n")
    second = dict(SearchTerm.objects.values_list("term", "pk"))
    assert {term: second[term] for term in first} == first
    assert {"bob", "beta", "zapata"} <= set(second)
    assert search("zapatta").corrected == "zapata"
