"""The migration that puts facets in the index and files the vocabulary by spellings,
run on a real database from the schema before to after, and back."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from readingroom.search.backends import backend
from readingroom.search.facets import document_tokens
from readingroom.search.text import spellings

BEFORE = [("search", "0002_fulltext")]
AFTER = [("search", "0003_facets_and_spellings")]


def _apps(executor: MigrationExecutor, target: list[tuple[str, str]]):
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def _matching(words: list[str]) -> int:
    """Documents the full-text index finds, asked as the search of that schema asks."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument"
                " WHERE vector @@ to_tsquery('readingroom', %s)",
                [" & ".join(f"{w}:*" for w in words)],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
                [" AND ".join(f'"{w}"*' for w in words)],
            )
        return int(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_documents_get_their_facet_tokens_and_words_their_spellings():
    executor = MigrationExecutor(connection)
    try:
        old = _apps(executor, BEFORE)
        authors, works = old.get_model("catalog", "Author"), old.get_model("catalog", "Work")
        documents = old.get_model("search", "SearchDocument")
        terms = old.get_model("search", "SearchTerm")
        serge = authors.objects.create(name="Victor Serge", sort_name="Serge", slug="serge")
        tulayev = works.objects.create(title="The Case of Comrade Tulayev", slug="t", pages=380)
        documents.objects.create(
            kind="work", work=tulayev, title=tulayev.title, people="Victor Serge",
            facet_author=serge, year=1948, pages=380,
        )  # fmt: skip
        documents.objects.create(
            kind="author", author=serge, title="Victor Serge", people="Victor Serge",
            biography="Born in Brussels", facet_author=serge,
        )  # fmt: skip
        terms.objects.create(term="tulayev", frequency=1)
        assert _matching(["tulayev"]) == 1

        new = _apps(executor, AFTER)
        documents = new.get_model("search", "SearchDocument")
        spelt = new.get_model("search", "SearchSpelling")
        assert documents.objects.get(kind="work").facets == document_tokens(
            "work", tulayev.pk, serge.pk, 1948, 380
        )
        assert documents.objects.get(kind="author").facets == document_tokens(
            "author", serge.pk, serge.pk, None, None
        )
        assert set(spelt.objects.values_list("spelling", flat=True)) == spellings("tulayev")
        index = backend()
        assert index.count(["tulayev"], ["d1940", "l1"]) == 1
        assert index.count(["tulayev"], ["d1950"]) == 0
        assert index.count(["brussels"], []) == 1

        _apps(executor, BEFORE)
        assert _matching(["tulayev"]) == 1
        assert _matching(["brussels"]) == 1
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
