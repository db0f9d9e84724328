"""The API on a real catalog (the sample guide): reads, pages, writes and exports."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from readingroom.catalog.models import Author, SlugRedirect, Work
from readingroom.cli import cli
from readingroom.search import engine

from .conftest import token_client

pytestmark = pytest.mark.django_db


def test_anyone_reads_authors_with_their_provenance(anonymous):
    data = anonymous.get("/api/authors/").json()
    assert data["count"] == Author.objects.count() == 5
    serge = anonymous.get("/api/authors/victor-serge/").json()
    assert serge["provenance"]["source"] == "sample-guide.txt"
    assert serge["provenance"]["text"].startswith("sample-guide.txt:")
    assert serge["work_count"] > 0


def test_a_guide_lists_its_entries_in_order(anonymous):
    entries = anonymous.get("/api/guides/sample-guide/entries/").json()["results"]
    assert [e["order"] for e in entries] == sorted(e["order"] for e in entries)
    assert {"section", "note", "importance", "work", "provenance"} <= set(entries[0])


def test_lists_come_a_page_at_a_time_in_a_stable_order(anonymous):
    first = anonymous.get("/api/works/?page_size=5").json()
    second = anonymous.get(first["next"]).json()
    assert first["count"] == 17
    assert len(first["results"]) == 5
    titles = [w["title"] for w in first["results"] + second["results"]]
    assert titles == sorted(titles)
    assert anonymous.get("/api/works/?page_size=201").status_code == 400
    assert anonymous.get("/api/works/?page=x").status_code == 400
    assert anonymous.get("/api/works/?page=99").status_code == 404


def test_writes_need_an_editors_token(anonymous, reader_api):
    assert (
        anonymous.patch("/api/authors/victor-serge/", {"name": "X"}, format="json").status_code
        == 401
    )
    assert (
        reader_api.patch("/api/authors/victor-serge/", {"name": "X"}, format="json").status_code
        == 403
    )
    assert Author.objects.get(slug="victor-serge").name != "X"


def test_an_editors_write_is_validated_and_stamped(editor_api, editor_token):
    response = editor_api.patch(
        "/api/authors/victor-serge/", {"name": "Victor Serge\r\nII", "slug": "serge"}, format="json"
    )
    assert response.status_code == 400  # a name is one line, as in the admin
    response = editor_api.patch(
        "/api/authors/victor-serge/", {"name": "Victor L. Serge", "slug": "serge"}, format="json"
    )
    assert response.status_code == 200, response.json()
    author = Author.objects.get(slug="serge")
    assert author.name == "Victor L. Serge"
    assert (author.edited_by, author.edited_by_name) == (editor_token.user, "ed")
    assert response.json()["edited_by"] == "ed"
    assert SlugRedirect.objects.filter(kind="author", old_slug="victor-serge").exists()
    moved = editor_api.get("/api/authors/victor-serge/")
    assert (moved.status_code, moved["Location"]) == (301, "/api/authors/serge/")


def test_bad_input_is_a_400_and_writes_nothing(editor_api):
    before = list(Work.objects.values_list("slug", "year", "year_end"))
    response = editor_api.post(
        "/api/works/", {"title": "Later", "year": 1950, "year_end": 1940}, format="json"
    )
    assert response.status_code == 400
    assert "year_end" in response.json()
    assert editor_api.post("/api/works/", {"title": 12}, format="json").status_code == 400
    assert list(Work.objects.values_list("slug", "year", "year_end")) == before


def test_a_taken_slug_is_a_conflict(editor_api):
    response = editor_api.patch("/api/works/" + Work.objects.first().slug + "/",
                                {"slug": Work.objects.last().slug}, format="json")  # fmt: skip
    assert response.status_code == 409


def test_an_editor_creates_and_deletes(editor_api):
    response = editor_api.post("/api/guides/", {"title": "New guide"}, format="json")
    assert response.status_code == 201
    assert response.json()["slug"] == "new-guide"
    assert editor_api.delete("/api/guides/new-guide/").status_code == 204


def test_a_revoked_token_is_refused(sample, editor_token):
    client = token_client(editor_token)
    assert client.get("/api/authors/").status_code == 200
    result = CliRunner().invoke(cli, ["token", "revoke", "ed"])
    assert result.exit_code == 0, result.output
    assert not Token.objects.exists()
    assert client.get("/api/authors/").status_code == 401
    assert (
        client.patch("/api/authors/victor-serge/", {"name": "X"}, format="json").status_code == 401
    )


def test_token_commands_name_an_unknown_user_without_a_traceback(db):
    result = CliRunner().invoke(cli, ["token", "create", "nobody"])
    assert result.exit_code == 1
    assert "no user called 'nobody'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("format_", "query", "args"),
    [
        ("guide", "", []),
        ("guide", "?guide=sample-guide", ["--guide", "sample-guide"]),
        ("bibtex", "?author=victor-serge", ["--author", "victor-serge"]),
        ("ris", "", []),
        ("csl-json", "?guide=sample-guide", ["--guide", "sample-guide"]),
        ("goodreads", "", []),
        ("marcxml", "?author=victor-serge", ["--author", "victor-serge"]),
        ("json", "", []),
    ],
)
def test_exports_are_the_clis_byte_for_byte(anonymous, format_, query, args):
    response = anonymous.get(f"/api/exports/{format_}/{query}")
    assert response.status_code == 200
    result = CliRunner().invoke(cli, ["export", "--format", format_, *args])
    assert result.exit_code == 0, result.output
    if format_ == "json":  # the dump is stamped with the time it was made
        assert response.json().keys() == __import__("json").loads(result.stdout_bytes).keys()
    else:
        assert response.content == result.stdout_bytes


def test_export_refusals_are_clear(anonymous):
    both = anonymous.get("/api/exports/bibtex/?guide=sample-guide&author=victor-serge")
    assert (both.status_code, both.json()["detail"]) == (400, "give --author or --guide, not both")
    assert anonymous.get("/api/exports/guide/?guide=nope").status_code == 404
    assert anonymous.get("/api/exports/pdf/").status_code == 404


def test_search_and_duplicates_answer(anonymous):
    found = anonymous.get("/api/search/?q=revolution").json()
    assert found["total"] > 0
    assert found["results"][0]["slug"]
    assert anonymous.get("/api/search/?length=huge").status_code == 400
    assert "results" in anonymous.get("/api/duplicates/").json()


def test_search_says_which_facet_counts_are_estimated(anonymous, monkeypatch):
    exact = anonymous.get("/api/search/?q=revolution").json()
    assert exact["facets"]["decade"]
    assert not any(v["estimated"] for values in exact["facets"].values() for v in values)
    monkeypatch.setattr(engine, "EXACT_COUNTS", 2)
    monkeypatch.setattr(engine, "SEEN_TO_ESTIMATE", 1)
    sampled = anonymous.get("/api/search/?q=revolution").json()
    assert sampled["total"] == exact["total"]
    assert all(v["estimated"] for values in sampled["facets"].values() for v in values)


def test_the_schema_is_served_and_valid_openapi(anonymous):
    import schemathesis

    document = anonymous.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(document).validate()
    assert anonymous.get("/api/schema/").status_code == 200
    assert anonymous.get("/api/schema/?format=json").json() == document


def test_api_errors_are_json(anonymous):
    response = anonymous.get("/api/nothing-here/")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert anonymous.get("/api/search/?q=a%00b").json()["detail"]


@pytest.mark.parametrize("query", ["author=", "guide=", "author=&guide="])
def test_an_export_of_an_empty_slug_is_refused_not_the_whole_catalog(sample, query):
    response = Client().get(f"/api/exports/bibtex/?{query}")
    assert response.status_code == 400


def test_a_search_narrowed_to_an_empty_author_is_refused(sample):
    assert Client().get("/api/search/?q=capital&author=").status_code == 400


def test_a_work_lists_its_editions_and_an_entry_the_one_it_cites(db):
    from readingroom.catalog.merging import merge_works
    from readingroom.catalog.models import Guide, Work
    from tests.catalog.test_editions import MEMOIRS_NYRB, MEMOIRS_OXFORD, _import

    _import("oxford.json", MEMOIRS_OXFORD)
    _import("nyrb.json", MEMOIRS_NYRB)
    oxford, nyrb = Work.objects.order_by("pk")
    merge_works(oxford, nyrb)
    client = APIClient()
    work = client.get(f"/api/works/{oxford.slug}/").json()
    assert [
        (e["year"], e["publisher"], e["pages"], e["reading"], e["provenance"]["source"])
        for e in work["editions"]
    ] == [
        (1963, "Oxford University Press", 401, True, "oxford.json"),
        (2012, "New York Review Books", 576, False, "nyrb.json"),
    ]
    guide = Guide.objects.get(source__name="nyrb.json")
    (entry,) = client.get(f"/api/guides/{guide.slug}/entries/").json()["results"]
    assert (entry["edition"]["publisher"], entry["edition"]["reading"]) == (
        "New York Review Books",
        False,
    )
