"""Large valid input is taken alike on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import string

import psycopg
import pytest

from readingroom.limits import LONG_TEXT

from .conftest import generated_guide


def _distinct_words(characters: int) -> str:
    """Prose of words that never repeat: the worst case for a full-text index."""
    letters = string.ascii_lowercase
    words = ("".join(w) for n in itertools.count(5) for w in itertools.product(letters, repeat=n))
    text, length = [], 0
    for word in words:
        if length + len(word) + 1 > characters:
            break
        text.append(word)
        length += len(word) + 1
    return " ".join(text)


def test_a_biography_at_the_limit_imports_on_both_databases(catalog):
    biography = _distinct_words(LONG_TEXT - 10)
    guide = catalog.write("long.txt", f"# Long\n\n{biography}.\n\nT (1900): 10 pages\n")
    result = catalog.run("import", str(guide))
    assert result.returncode == 0, result.stderr.decode()
    assert "authors: 1 created; works: 1 created" in result.stdout.decode()


def _analyzed(catalog) -> dict[str, tuple[float, object]]:
    """What the planner's statistics count of each catalog and search table, and when
    they were last brought up to date by hand."""
    with psycopg.connect(catalog.env["DATABASE_URL"]) as db:
        rows = db.execute(
            "SELECT c.relname, c.reltuples, s.last_analyze FROM pg_class c"
            " JOIN pg_stat_user_tables s ON s.relid = c.oid"
            " WHERE c.relname LIKE 'catalog_%' OR c.relname LIKE 'search_%'"
        ).fetchall()
    return {name: (counted, when) for name, counted, when in rows}


@pytest.mark.parametrize("catalog", ["postgres"], indirect=True)
def test_a_large_import_brings_the_planners_statistics_up_to_date(catalog):
    assert (
        catalog.run("import", str(catalog.write("first.txt", generated_guide(100, 10)))).returncode
        == 0
    )
    first = _analyzed(catalog)
    assert first["catalog_work"][0] == 1_000
    assert first["catalog_author"][0] == 100
    assert first["search_searchdocument"][0] == 1_100
    written = ("catalog_author", "catalog_work", "catalog_contribution", "catalog_guideentry",
               "catalog_lifeevent", "search_searchdocument", "search_searchterm")  # fmt: skip
    assert all(first[table][1] is not None for table in written)
    with psycopg.connect(catalog.env["DATABASE_URL"]) as db:
        # Every column, the search vectors' words too, for the readers' queries.
        assert db.execute(
            "SELECT most_common_elems IS NOT NULL FROM pg_stats"
            " WHERE tablename = 'search_searchdocument' AND attname = 'vector'"
        ).fetchone() == (True,)
    # Fewer new works than autovacuum waits for (50 and a tenth of 1,000): left to it.
    small = generated_guide(10, 10).replace("Work ", "Essay ").replace("Author ", "Writer ")
    assert catalog.run("import", str(catalog.write("second.txt", small))).returncode == 0
    second = _analyzed(catalog)
    assert [second[table][1] for table in written] == [first[table][1] for table in written]
