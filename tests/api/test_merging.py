"""Merging and "not the same" through the API, on a real catalog: the sample guide and
two small guides whose authors (and a pair of works) `readingroom duplicates` offers."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from rest_framework.test import APIClient

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.locking import ADVISORY_KEY
from readingroom.catalog.models import Author, GuideEntry, MergedRecord, NotSame, Work

pytestmark = pytest.mark.django_db

FIRST = """# Ada Byron

Ada Byron wrote the first published program, in 1843.

Notes on the Analytical Engine (1843): 66 pages, the first guide's note on the Notes.

The Notes on the Analytical Engine (1843): 60 pages, a second printing.

Letters (1851): 200 pages, the first guide's note on the letters.
"""

THIRD = """# A. Byron

Notes on the Analytical Engine (1843): 70 pages, the third guide's note on the Notes.

Poems (1840): 30 pages, the third guide's note on the poems.
"""

AUTHORS = ("ada-byron", "a-byron")
WORKS = ("notes-on-the-analytical-engine", "the-notes-on-the-analytical-engine")


@pytest.fixture
def byrons(sample) -> None:
    import_guide_bytes("first.txt", FIRST.encode(), "First guide")
    import_guide_bytes("third.txt", THIRD.encode(), "Third guide")


def _pairs(client: APIClient) -> list[tuple[str, str, str]]:
    results = client.get("/api/duplicates/").json()["results"]
    return [(p["kind"], p["records"][0]["slug"], p["records"][1]["slug"]) for p in results]


def _merge(client: APIClient, kind: str, keep: str, other: object) -> object:
    return client.post(f"/api/{kind}s/{keep}/merge/", {"other": other}, format="json")


def test_the_pairs_are_offered_as_duplicates(byrons, anonymous):
    assert _pairs(anonymous) == [("author", *AUTHORS), ("work", *WORKS)]


def test_an_editor_merges_two_authors(byrons, editor_api, editor_token):
    response = _merge(editor_api, "author", *AUTHORS)
    assert response.status_code == 200, response.json()
    report = response.json()
    assert (report["kind"], report["kept"], report["merged"]) == ("author", *AUTHORS)
    assert report["url"] == "http://testserver/api/authors/ada-byron/"
    # The works the two share by title are merged too, the older kept.
    assert report["works_merged"] == [
        {
            "kept": "notes-on-the-analytical-engine",
            "merged": "the-notes-on-the-analytical-engine",
            "url": "http://testserver/api/works/notes-on-the-analytical-engine/",
        },
        {
            "kept": "notes-on-the-analytical-engine",
            "merged": "notes-on-the-analytical-engine-2",
            "url": "http://testserver/api/works/notes-on-the-analytical-engine/",
        },
    ]
    assert report["summary"].startswith("merged author 'a-byron' into 'ada-byron'")
    assert report["record"]["slug"] == "ada-byron"
    assert report["record"]["work_count"] == 3  # the Notes, the letters and the poems

    # One remains; the other's slug leads to it; its works are the kept author's.
    assert not Author.objects.filter(slug="a-byron").exists()
    moved = editor_api.get("/api/authors/a-byron/works/?page=1")
    assert (moved.status_code, moved["Location"]) == (301, "/api/authors/ada-byron/works/?page=1")
    works = editor_api.get("/api/authors/ada-byron/works/").json()["results"]
    assert sorted(w["slug"] for w in works) == [
        "letters",
        "notes-on-the-analytical-engine",
        "poems",
    ]
    third = GuideEntry.objects.filter(guide__title="Third guide")
    assert sorted(third.values_list("work__slug", flat=True)) == [
        "notes-on-the-analytical-engine",
        "poems",
    ]
    merged = MergedRecord.objects.get(kind="author")
    assert (merged.slug, merged.merged_by_name) == ("a-byron", editor_token.user.username)
    assert _pairs(editor_api) == []


def test_an_editor_merges_two_works(byrons, editor_api):
    response = _merge(editor_api, "work", *WORKS)
    assert response.status_code == 200, response.json()
    report = response.json()
    assert (report["kind"], report["kept"], report["merged"]) == ("work", *WORKS)
    assert report["url"] == "http://testserver/api/works/notes-on-the-analytical-engine/"
    assert report["works_merged"] == []
    assert report["record"]["title"] == "Notes on the Analytical Engine"
    assert not Work.objects.filter(slug=WORKS[1]).exists()
    moved = editor_api.get(f"/api/works/{WORKS[1]}/")
    assert (moved.status_code, moved["Location"]) == (301, f"/api/works/{WORKS[0]}/")
    first = GuideEntry.objects.filter(guide__title="First guide")
    assert list(first.values_list("work__slug", flat=True)).count(WORKS[0]) == 2
    assert ("work", *WORKS) not in _pairs(editor_api)


def test_writes_to_a_merged_slug_are_a_404_and_a_second_merge_a_400(byrons, editor_api):
    assert _merge(editor_api, "author", *AUTHORS).status_code == 200
    # The path's old slug: as for any write to an old slug (GET answers 301).
    again = _merge(editor_api, "author", "a-byron", "ada-byron")
    assert again.status_code == 404
    assert "ada-byron" in again.json()["detail"]
    # The body's old slug names the record it became: that is the kept one already.
    twice = _merge(editor_api, "author", *AUTHORS)
    assert twice.status_code == 400
    assert twice.json() == {"other": ["'a-byron' was merged into 'ada-byron' already."]}
    assert editor_api.post("/api/authors/ada-byron/not-same/", {"other": "a-byron"},
                           format="json").status_code == 400  # fmt: skip


def test_the_other_may_be_named_by_an_old_slug(byrons, editor_api):
    renamed = editor_api.patch("/api/authors/a-byron/", {"slug": "byron-a"}, format="json")
    assert renamed.status_code == 200
    response = _merge(editor_api, "author", "ada-byron", "a-byron")
    assert response.status_code == 200, response.json()
    assert response.json()["merged"] == "byron-a"
    assert list(Author.objects.filter(name__contains="Byron").values_list("slug", flat=True)) == [
        "ada-byron"
    ]


def test_merging_needs_an_editors_token(byrons, anonymous, reader_api):
    for client, status in ((anonymous, 401), (reader_api, 403)):
        for action in ("merge", "not-same"):
            response = client.post(
                f"/api/authors/ada-byron/{action}/", {"other": "a-byron"}, format="json"
            )
            assert response.status_code == status, (action, response.json())
            assert response.json()["detail"]
    assert anonymous.post("/api/authors/ada-byron/merge/").headers["WWW-Authenticate"] == "Token"
    assert Author.objects.filter(slug__in=AUTHORS).count() == 2
    assert not NotSame.objects.exists()


def test_a_record_is_not_merged_into_itself(byrons, editor_api):
    response = _merge(editor_api, "author", "ada-byron", "ada-byron")
    assert response.status_code == 400
    assert response.json() == {"other": ["'ada-byron' and 'ada-byron' are one author already."]}
    response = _merge(editor_api, "work", "poems", "poems")
    assert response.json() == {"other": ["'poems' and 'poems' are one work already."]}
    assert Author.objects.filter(slug="ada-byron").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"other": "nobody"}, "No author has the slug 'nobody'."),
        ({"other": "poems"}, "No author has the slug 'poems'."),  # a work's, not an author's
        ({"other": "not a slug"}, "Enter a slug: letters, digits, - and _."),
        ({"other": "a-byron\n"}, "Enter a slug: letters, digits, - and _."),
        ({"other": 12}, "Not a valid string."),
        ({"other": ""}, "This field may not be blank."),
        ({"other": None}, "This field may not be null."),
        ({}, "This field is required."),
    ],
)
def test_an_other_that_is_no_record_is_a_400(byrons, editor_api, body, message):
    for action in ("merge", "not-same"):
        response = editor_api.post(f"/api/authors/ada-byron/{action}/", body, format="json")
        assert (response.status_code, response.json()) == (400, {"other": [message]})
    assert Author.objects.filter(slug__in=AUTHORS).count() == 2


def test_bodies_that_are_not_an_object_or_not_json_are_refused(byrons, editor_api):
    assert (
        editor_api.post("/api/authors/ada-byron/merge/", ["a-byron"], format="json").status_code
        == 400
    )
    response = editor_api.post(
        "/api/authors/ada-byron/merge/", "other=a-byron", content_type="text/plain"
    )
    assert response.status_code == 415


def test_an_unknown_record_in_the_path_is_a_404(byrons, editor_api):
    for action in ("merge", "not-same"):
        response = editor_api.post(
            f"/api/authors/nobody/{action}/", {"other": "ada-byron"}, format="json"
        )
        assert response.status_code == 404
        assert response.json() == {"detail": "No author has the slug 'nobody'."}


def test_other_methods_on_the_actions_are_a_405(byrons, editor_api):
    for method in ("get", "put", "patch", "delete"):
        response = getattr(editor_api, method)("/api/authors/ada-byron/merge/")
        assert response.status_code == 405, method


NAMES = {
    "ada-byron": "Ada Byron",
    "a-byron": "A. Byron",
    WORKS[0]: "Notes on the Analytical Engine",
    WORKS[1]: "The Notes on the Analytical Engine",
}


@pytest.mark.parametrize(("kind", "pair"), [("author", AUTHORS), ("work", WORKS)])
def test_not_the_same_is_remembered_and_no_longer_offered(byrons, editor_api, kind, pair):
    response = editor_api.post(f"/api/{kind}s/{pair[1]}/not-same/", {"other": pair[0]},
                               format="json")  # fmt: skip
    assert response.status_code == 200, response.json()
    decided = response.json()
    assert decided.pop("decided_at")
    assert decided == {
        "kind": kind,
        "records": [
            {"slug": slug, "name": NAMES[slug], "url": f"http://testserver/api/{kind}s/{slug}/"}
            for slug in (pair[1], pair[0])
        ],
        "decided_by": "ed",
    }
    assert (kind, *pair) not in _pairs(editor_api)
    assert len(_pairs(editor_api)) == 1  # the other kind's pair is still offered
    # Both stay; saying it again changes nothing.
    assert Author.objects.filter(slug__in=AUTHORS).count() == 2
    assert Work.objects.filter(slug__in=WORKS).count() == 2
    again = editor_api.post(f"/api/{kind}s/{pair[0]}/not-same/", {"other": pair[1]},
                            format="json")  # fmt: skip
    assert again.status_code == 200
    assert NotSame.objects.filter(kind=kind).count() == 1


def test_the_document_describes_the_actions(anonymous):
    document = anonymous.get("/api/openapi.json").json()
    for kind in ("authors", "works"):
        for action in ("merge", "not-same"):
            operation = document["paths"][f"/api/{kind}/{{slug}}/{action}/"]["post"]
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            request = document["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
            assert request["required"] == ["other"]
            assert {"200", "400", "401", "403", "404", "503"} <= set(operation["responses"])
            assert {"description"} <= set(operation)
    assert "/api/guides/{slug}/merge/" not in document["paths"]


@contextmanager
def _catalog_held_by_another_writer() -> Iterator[None]:
    """The catalog's write lock, held by another connection as an import holds it."""
    if connection.vendor == "postgresql":
        other = connection.get_new_connection(connection.get_connection_params())
        other.autocommit = True
        other.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
    else:
        other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)  # the other writer must see the catalog
def test_a_merge_while_an_import_writes_is_a_503_and_writes_nothing(byrons, editor_api, settings):
    settings.WRITE_WAIT_SECONDS = 1
    with _catalog_held_by_another_writer():
        for action in ("merge", "not-same"):
            response = editor_api.post(
                f"/api/authors/ada-byron/{action}/", {"other": "a-byron"}, format="json"
            )
            assert response.status_code == 503, response.json()
            assert response["Retry-After"] == "30"
            assert response.json()["detail"].startswith("An import is writing to the catalog")
    assert Author.objects.filter(slug__in=AUTHORS).count() == 2
    assert not NotSame.objects.exists()
    assert _merge(editor_api, "author", *AUTHORS).status_code == 200
