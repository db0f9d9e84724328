"""Big authors and guides: pages of works and entries, totals counted in SQL."""

from __future__ import annotations

import json
import re
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from readingroom.catalog.bulk import insert_rows, insert_rows_returning_ids
from readingroom.catalog.models import Author, Contribution, Guide, GuideEntry, LifeEvent, Work

pytestmark = pytest.mark.django_db

WORK_FIELDS = ["title", "slug", "year", "pages", "source_text", "position", "created_at"]


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _works(prefix: str, count: int) -> list[int]:
    """`count` works: years 1900–1999, one in ten without a page count."""
    now = timezone.now()
    rows = [
        (f"{prefix.title()} {n:06d}", f"{prefix}-{n}", 1900 + n % 100,
         None if n % 10 == 0 else 100 + n % 7, "", n, now)
        for n in range(count)
    ]  # fmt: skip
    return insert_rows_returning_ids(Work, WORK_FIELDS, rows)


def _author(slug: str, works: int) -> Author:
    author = Author.objects.create(name=slug.title(), sort_name=slug, slug=slug)
    rows = [(work, author.pk, "author", 0) for work in _works(slug, works)]
    insert_rows(Contribution, ["work_id", "author_id", "role", "order"], rows)
    return author


def _guide(slug: str, sections: list[tuple[str | None, int]]) -> Guide:
    guide = Guide.objects.create(title=slug.title(), slug=slug)
    ids = iter(_works(slug, sum(count for _, count in sections)))
    names = [section for section, count in sections for _ in range(count)]
    rows = [(guide.pk, next(ids), order, name, "") for order, name in enumerate(names, 1)]
    insert_rows(GuideEntry, ["guide_id", "work_id", "order", "section", "note"], rows)
    return guide


def _json_ld(response) -> dict:
    html = response.content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


@pytest.fixture
def big(db):
    author = _author("big", 30_000)
    LifeEvent.objects.create(author=author, start="1890", end="1890", label="born")
    return author


def test_an_author_with_30000_works_pages_them(client, big):
    first = client.get("/authors/big/")
    assert first.status_code == 200
    text = _text(first)
    # 27,000 works of 100–106 pages: 2,780,996 pages.
    assert "30,000 works · 2,780,996 pages · about 50,985 h" in text
    assert "3,000 works without a page count are not in the totals" in text
    assert "Page 1 of 600" in text
    html = first.content.decode()
    assert html.count('<th scope="row"><a href="/works/big-') == 50
    assert '<nav class="pagination" aria-label="Pages of works">' in html
    assert 'rel="next" href="?page=2"' in html
    assert 'rel="prev"' not in html
    last = client.get("/authors/big/?page=600")
    assert last.status_code == 200
    assert "Big 029999" in _text(last)
    assert "Big 029949" not in _text(last)
    assert "30,000 works" in _text(last)
    assert 'rel="prev" href="?page=599"' in last.content.decode()
    assert '<link rel="canonical" href="http://testserver/authors/big/?page=600">' in (
        last.content.decode()
    )
    assert 'rel="next"' not in last.content.decode()
    # A page past the end shows the last one; the JSON-LD lists the page's works.
    assert "Big 029999" in _text(client.get("/authors/big/?page=999"))
    assert len(_json_ld(last)["workExample"]) == 50


def test_the_timeline_marks_each_year_once_with_its_count(client, big):
    svg = re.search(
        r'<svg class="timeline".*?</svg>', client.get("/authors/big/").content.decode(), re.S
    )[0]
    assert svg.count('class="work"') == 100
    assert "<title>1926: 300 works</title>" in svg
    assert "1 dated life event and 30,000 works from 1890 to 2000" in svg


@contextmanager
def _bound_parameters():
    """How many parameters each statement run inside binds."""
    counts: list[int] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        counts.append(max((len(p) for p in params), default=0) if many else len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counts


def test_the_author_page_costs_the_same_queries_for_3_or_30000_works(
    client, big, django_assert_max_num_queries
):
    _author("small", 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/authors/small/").status_code == 200
    for url in ("/authors/big/?page=300", "/api/authors/big/works/?page=300"):
        with (
            django_assert_max_num_queries(len(small.captured_queries)),
            _bound_parameters() as bound,
        ):
            assert client.get(url).status_code == 200
        # No statement binds a list that grows with the works (30,000 ids).
        assert max(bound) <= 2 * 50


def test_the_author_json_pages_its_works(client, big):
    """/authors/big.json?page=2 moved into the API, which pages the works."""
    moved = client.get("/authors/big.json?page=2")
    assert (moved.status_code, moved["Location"]) == (301, "/api/authors/big/works/?page=2")
    assert client.get("/api/authors/big/").json()["work_count"] == 30_000
    data = client.get(moved["Location"]).json()
    assert data["count"] == 30_000
    assert len(data["results"]) == 50
    assert data["results"][0]["title"] == "Big 000050"
    assert data["previous"] == "http://testserver/api/authors/big/works/"
    assert data["next"] == "http://testserver/api/authors/big/works/?page=3"
    last = client.get("/api/authors/big/works/?page=600").json()
    assert (len(last["results"]), last["next"]) == (50, None)


@pytest.fixture
def sections(db):
    return _guide("long-guide", [("Alpha", 75), ("Beta", 75), (None, 5), ("Gamma", 70)])


def test_a_guide_pages_its_entries_and_continues_its_sections(client, sections):
    first, second, third = (client.get(f"/guides/long-guide/?page={n}") for n in (1, 2, 3))
    assert [r.status_code for r in (first, second, third)] == [200, 200, 200]
    for response in (first, second, third):
        text = _text(response)
        assert "225 works · " in text
        # The contents list every section with its count, on every page.
        assert re.search(r"Alpha \(75\) Beta \(75\) Introduction \(5\) Gamma \(70\)", text)
    html = second.content.decode()
    assert html.count('<li>\n<a href="/works/') == 100
    assert '<h2 id="section-2-h">Beta (continued)</h2>' in html
    assert '<h2 id="section-4-h">Gamma</h2>' in html
    assert "Alpha" not in re.sub(r'<nav class="toc".*?</nav>', "", html, flags=re.S)
    # The contents link to the page and the anchor where each section starts.
    assert 'href="?page=1#section-1"' in html
    assert 'href="?page=1#section-2"' in html
    assert 'href="#section-4"' in html
    assert 'rel="prev" href="?page=1"' in html
    assert 'rel="next" href="?page=3"' in html
    assert '<h2 id="section-4-h">Gamma (continued)</h2>' in third.content.decode()
    assert third.content.decode().count('<li>\n<a href="/works/') == 25
    # The JSON-LD lists the page's items at their places in the whole guide.
    data = _json_ld(second)
    assert data["numberOfItems"] == 225
    assert [e["position"] for e in data["itemListElement"]] == list(range(101, 201))


def test_a_big_guide_costs_no_more_queries_than_a_small_one(
    client, sections, django_assert_max_num_queries
):
    _guide("short-guide", [("Alpha", 2), ("Beta", 1)])
    with CaptureQueriesContext(connection) as small:
        assert client.get("/guides/short-guide/").status_code == 200
    with django_assert_max_num_queries(len(small.captured_queries)) as big_queries:
        assert client.get("/guides/long-guide/?page=2").status_code == 200
    assert max(len(query["sql"]) for query in big_queries.captured_queries) < 5_000


def test_the_home_page_lists_the_first_authors_and_the_index_the_rest(client, db):
    now = timezone.now()
    rows = [(f"Writer {n:04d}", f"{n:04d}, Writer", f"writer-{n:04d}") for n in range(450)]
    columns = ["name", "sort_name", "slug", "biography", "name_inferred", "position", "created_at"]
    insert_rows(Author, columns, [(*row, "", False, 0, now) for row in rows])
    home = _text(client.get("/"))
    assert "450 authors" in home
    assert "Writer 0099" in home
    assert "Writer 0100" not in home
    assert "All 450 authors, A to Z" in home
    index = client.get("/authors/?page=3")
    assert index.status_code == 200
    assert "Writer 0400" in _text(index)
    assert "Writer 0399" not in _text(index)
    assert "Page 3 of 3" in _text(index)
    assert client.get("/authors/?page=²").status_code == 200
    assert "/authors/" in client.get("/sitemap.xml").content.decode()


def test_a_guide_page_counts_its_entries_once_per_catalog_change(client, sections):
    with CaptureQueriesContext(connection) as first:
        assert client.get("/guides/long-guide/").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get("/guides/long-guide/?page=2").status_code == 200
    assert not any("ROW_NUMBER" in q["sql"] for q in again.captured_queries)
    assert any("ROW_NUMBER" in q["sql"] for q in first.captured_queries)
    assert len(again.captured_queries) < len(first.captured_queries)
