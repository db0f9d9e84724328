"""Facets in the full-text index, and the vocabulary filed by spellings.

Each search document's facets and sample levels (search.facets) become index tokens:
a fifth FTS5 column on SQLite, a tsvector of their own with a GIN index on
PostgreSQL. A chosen facet then narrows a search inside the index, and facet counts
come from a bounded sample of the matches. The vocabulary's words are filed under
their spellings (SearchSpelling) for typo correction, which no longer needs
PostgreSQL's trigram index.

On an existing catalog this rewrites every search document once (a few minutes for
a million works) and rebuilds the SQLite index.
"""

import django.db.models.deletion
from django.db import migrations, models

from readingroom.search.facets import document_tokens
from readingroom.search.text import spellings

_OLD = "title, people, annotation, biography"
_NEW = f"{_OLD}, facets"


def _fts(columns: str) -> list[str]:
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5({columns},
            content='search_searchdocument', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')""",
        f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
            INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END""",
        f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, {columns})
            VALUES ('delete', old.id, {old}); END""",
        f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, {columns})
            VALUES ('delete', old.id, {old});
            INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new}); END""",
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


# A table SQLite remakes to add or drop a column loses its triggers.
_DROP_FTS = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE search_fts",
]

# The text's vector is computed again only when the text changes: rewriting the
# facets of a million documents should not stem a million texts.
_POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION search_document_vector()
RETURNS trigger AS $$ BEGIN
    IF TG_OP = 'INSERT' OR (NEW.title, NEW.people, NEW.annotation, NEW.biography)
            IS DISTINCT FROM (OLD.title, OLD.people, OLD.annotation, OLD.biography) THEN
        NEW.vector :=
            setweight(to_tsvector('readingroom', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('readingroom', coalesce(NEW.people, '')), 'B') ||
            setweight(to_tsvector('readingroom', coalesce(NEW.annotation, '')), 'C') ||
            setweight(to_tsvector('readingroom', coalesce(NEW.biography, '')), 'D');
    END IF;
    NEW.facet_vector := array_to_tsvector(string_to_array(coalesce(NEW.facets, ''), ' '));
    RETURN NEW;
END $$ LANGUAGE plpgsql"""
_POSTGRES_OLD_FUNCTION = """CREATE OR REPLACE FUNCTION search_document_vector()
RETURNS trigger AS $$ BEGIN
    NEW.vector :=
        setweight(to_tsvector('readingroom', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('readingroom', coalesce(NEW.people, '')), 'B') ||
        setweight(to_tsvector('readingroom', coalesce(NEW.annotation, '')), 'C') ||
        setweight(to_tsvector('readingroom', coalesce(NEW.biography, '')), 'D');
    RETURN NEW; END $$ LANGUAGE plpgsql"""

# Every document is rewritten once: its text's index is built again afterwards rather
# than kept up to date row by row.
POSTGRES_BEFORE = [
    "ALTER TABLE search_searchdocument ADD COLUMN facet_vector tsvector",
    _POSTGRES_FUNCTION,
    "DROP INDEX search_term_trigram",
    "DROP INDEX search_document_vector",
]
POSTGRES_AFTER = [
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_document_facets ON search_searchdocument USING gin (facet_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX search_document_facets",
    _POSTGRES_OLD_FUNCTION,
    "ALTER TABLE search_searchdocument DROP COLUMN facet_vector",
    "CREATE INDEX search_term_trigram ON search_searchterm USING gin (term gin_trgm_ops)",
]
_BATCH = 5_000


def _fill_facets(cursor) -> None:
    """Every document's facet tokens, a batch at a time in id order."""
    last = 0
    while True:
        cursor.execute(
            "SELECT id, kind, work_id, author_id, facet_author_id, year, pages"
            " FROM search_searchdocument WHERE id > %s ORDER BY id LIMIT %s",
            [last, _BATCH],
        )
        rows = cursor.fetchall()
        if not rows:
            return
        cursor.executemany(
            "UPDATE search_searchdocument SET facets = %s WHERE id = %s",
            [
                (document_tokens(kind, work or author, *facet), doc_id)
                for doc_id, kind, work, author, *facet in rows
            ],
        )
        last = rows[-1][0]


def _file_spellings(cursor) -> None:
    cursor.execute("SELECT id, term FROM search_searchterm")
    rows = [(s, term_id) for term_id, term in cursor.fetchall() for s in spellings(term)]
    cursor.executemany(
        "INSERT INTO search_searchspelling (spelling, term_id) VALUES (%s, %s)", rows
    )


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    before, after = {
        "sqlite": (_DROP_FTS, _fts(_NEW)),
        "postgresql": (POSTGRES_BEFORE, POSTGRES_AFTER),
    }.get(vendor, ([], []))
    for statement in before:
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        _fill_facets(cursor)
        _file_spellings(cursor)
    for statement in after:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {
        "sqlite": _DROP_FTS + _fts(_OLD),
        "postgresql": POSTGRES_REVERSE,
    }.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facets",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.CreateModel(
            name="SearchSpelling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("spelling", models.CharField(max_length=7)),
                (
                    "term",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="search.searchterm",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["spelling", "term"], name="search_spelling_term")],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
