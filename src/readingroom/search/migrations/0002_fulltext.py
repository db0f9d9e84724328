"""The full-text index beside the search tables, kept in step by triggers.

SQLite: an external-content FTS5 table (Porter stemming, diacritics folded, prefix
indexes) over search_searchdocument. PostgreSQL: a weighted tsvector column under a
text-search configuration that folds diacritics (unaccent) and stems English, and a
pg_trgm index on the vocabulary for typo suggestions.
"""

from django.db import migrations

_COLUMNS = "title, people, annotation, biography"

SQLITE = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5({_COLUMNS},
        content='search_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')""",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, {_COLUMNS})
        VALUES (new.id, new.title, new.people, new.annotation, new.biography); END""",
    f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, old.title, old.people, old.annotation, old.biography); END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, {_COLUMNS})
        VALUES ('delete', old.id, old.title, old.people, old.annotation, old.biography);
        INSERT INTO search_fts(rowid, {_COLUMNS})
        VALUES (new.id, new.title, new.people, new.annotation, new.biography); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER search_fts_update",
    "DROP TRIGGER search_fts_delete",
    "DROP TRIGGER search_fts_insert",
    "DROP TABLE search_fts",
]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'readingroom') THEN
            CREATE TEXT SEARCH CONFIGURATION readingroom (COPY = english);
            ALTER TEXT SEARCH CONFIGURATION readingroom
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
        END IF; END $$""",
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    """CREATE FUNCTION search_document_vector() RETURNS trigger AS $$ BEGIN
        NEW.vector :=
            setweight(to_tsvector('readingroom', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('readingroom', coalesce(NEW.people, '')), 'B') ||
            setweight(to_tsvector('readingroom', coalesce(NEW.annotation, '')), 'C') ||
            setweight(to_tsvector('readingroom', coalesce(NEW.biography, '')), 'D');
        RETURN NEW; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE ON search_searchdocument
        FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
    "CREATE INDEX search_term_trigram ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX search_term_trigram",
    "DROP TRIGGER search_document_vector ON search_searchdocument",
    "DROP FUNCTION search_document_vector()",
    "ALTER TABLE search_searchdocument DROP COLUMN vector",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
