"""An author page's stored parts: made once per change, never stale, never in the way."""

import pytest
from django.db import connection

from readingroom.catalog.models import Author, CatalogVersion, Contribution, Work
from readingroom.web import authorpages
from readingroom.web.models import AuthorPage
from readingroom.web.stored import store_unless_busy

pytestmark = pytest.mark.django_db


def test_parts_made_while_the_catalog_changes_are_made_again(seeded, monkeypatch):
    serge = Author.objects.get(slug="serge")
    make_works = authorpages._make_works

    def an_import_commits_meanwhile(page, author, events):  # type: ignore[no-untyped-def]
        make_works(page, author, events)
        work = Work.objects.create(title="Conquered City", slug="conquered-city", pages=260)
        Contribution.objects.create(work=work, author=author)
        CatalogVersion.bump()

    monkeypatch.setattr(authorpages, "_make_works", an_import_commits_meanwhile)
    assert authorpages.author_parts(serge).work_count == 5
    monkeypatch.setattr(authorpages, "_make_works", make_works)
    assert authorpages.author_parts(serge).work_count == 6


def test_a_version_change_rewrites_the_works_parts_not_the_biography(seeded):
    serge = Author.objects.get(slug="serge")
    authorpages.author_parts(serge)
    CatalogVersion.bump()
    written: list[str] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        written.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        authorpages.author_parts(serge)
    [update] = [sql for sql in written if sql.startswith('UPDATE "web_authorpage"')]
    assert "biography_html" not in update
    assert "work_ids" in update


def _lock_wait_setting() -> object:
    sql = "SHOW lock_timeout" if connection.vendor == "postgresql" else "PRAGMA busy_timeout"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def test_storing_inside_an_import_keeps_its_lock_wait(seeded):
    from django.db import transaction

    serge = Author.objects.get(slug="serge")
    page = AuthorPage(author=serge)
    with transaction.atomic():
        before = _lock_wait_setting()
        store_unless_busy(page)
        assert _lock_wait_setting() == before
