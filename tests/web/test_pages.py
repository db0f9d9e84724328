import json
import re

import pytest

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Author, GuideEntry, LifeEvent, Work
from readingroom.search import engine

pytestmark = pytest.mark.django_db


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_author_page_for_readers(seeded):
    response = seeded.get("/authors/serge/")
    assert response.status_code == 200
    text = _text(response)
    assert "5 works · 1,256 pages · about 23 h" in text
    assert "name incomplete" not in text
    assert "missing" not in text
    html = response.content.decode()
    assert html.count("<p>") >= 5  # the five biography paragraphs
    assert "he soon became\na committed Marxist" in html  # the hard break joins in rendering
    assert "\xa0" in html or "&nbsp;" in html


def test_author_page_for_editors_shows_what_is_missing(editor_client):
    text = _text(editor_client.get("/authors/serge/"))
    assert "name incomplete" in text
    assert text.count("annotation missing") == 3
    assert "Edit author" in text
    assert "Source: seed.txt:1–20" in text


def test_reading_time_follows_the_readers_settings(seeded):
    response = seeded.post(
        "/settings/reading/",
        {"words_per_page": 300, "words_per_minute": 200, "next": "/authors/serge/"},
    )
    assert response.status_code == 302
    assert response.url == "/authors/serge/"
    # 1,256 pages × 300 words ÷ 200 words a minute = 1,884 minutes
    assert "about 31 h" in _text(seeded.get("/authors/serge/"))


def test_reading_settings_refuse_nonsense(seeded):
    response = seeded.post("/settings/reading/", {"words_per_page": 0, "words_per_minute": "x"})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 50" in response.content.decode()


def test_reading_settings_do_not_redirect_off_site(seeded):
    response = seeded.post(
        "/settings/reading/",
        {"words_per_page": 275, "words_per_minute": 250, "next": "https://evil.example/"},
    )
    assert response.url == "/settings/reading/"


def test_work_page_with_neighbours_in_its_guide(seeded):
    text = _text(seeded.get("/works/birth-of-our-power/"))
    assert "Birth of Our Power" in text
    assert "221" in text
    assert "about 4 h" in text
    assert "Victor Serge: a reading guide" in text
    assert "← What Every Radical Should Know" in text
    assert "Midnight in the Century →" in text


def test_work_page_cites_the_work_in_the_style_chosen(seeded):
    def cited(query):
        html = seeded.get(f"/works/reform-or-revolution/{query}").content.decode()
        citation = re.search(r'<p class="citation">(.*?)</p>', html)
        assert citation is not None
        chosen = re.search(r'<strong aria-current="true">(.*?)</strong>', html)
        return citation[1], chosen[1] if chosen else None

    assert cited("") == (
        "Luxemburg, Rosa. 1899. <i>Reform or Revolution</i>.",
        "Chicago (author-date)",
    )
    assert cited("?cite=apa") == ("Luxemburg, R. (1899). <i>Reform or Revolution</i>.", "APA")
    assert cited("?cite=mla")[0] == "Luxemburg, Rosa. <i>Reform or Revolution</i>. 1899."
    assert cited("?cite=harvard")[0] == "Luxemburg, R. (1899) <i>Reform or Revolution</i>."
    assert cited("?cite=nonsense")[1] == "Chicago (author-date)"
    links = re.findall(
        r'href="\?cite=([\w-]+)#cite-heading"',
        seeded.get("/works/reform-or-revolution/").content.decode(),
    )
    assert links == ["chicago-notes", "apa", "mla", "harvard"]


def test_a_citation_shows_markup_in_a_title_as_text(seeded):
    work = Work.objects.get(slug="reform-or-revolution")
    work.title = "<script>alert(1)</script> & Revolution"
    work.save()
    html = seeded.get("/works/reform-or-revolution/").content.decode()
    assert "<script>alert(1)" not in html
    assert "<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; Revolution</i>" in html


def test_guide_page_sections_and_totals(seeded):
    response = seeded.get("/guides/sample-guide/")
    text = _text(response)
    assert "17 works · 4,934 pages" in text
    assert "Contents" in text
    assert "Foundations" in text
    assert "Economics" in text


def test_json_ld_and_open_graph(seeded):
    html = seeded.get("/authors/serge/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Person"
    assert [w["name"] for w in data["workExample"]][-1] == "The Case of Comrade Tulayev"
    assert '<meta property="og:type" content="profile">' in html
    work_html = seeded.get("/works/midnight-in-the-century/").content.decode()
    assert '"@type": "Book"' in work_html
    assert '"@type": "ItemList"' in seeded.get("/guides/sample-guide/").content.decode()


def test_feed_sitemap_robots(seeded):
    feed = seeded.get("/feeds/works.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.count(b"<entry>") == 22
    sitemap = seeded.get("/sitemap.xml").content.decode()
    assert "/authors/serge/" in sitemap
    assert "/works/the-case-of-comrade-tulayev/" in sitemap
    robots = seeded.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_not_found_page_in_the_site_style(seeded):
    response = seeded.get("/authors/nobody/")
    assert response.status_code == 404
    assert "readingroom" in response.content.decode()
    assert seeded.get("/authors/nobody.json", follow=True).status_code == 404


def test_renamed_slug_redirects(seeded):
    author = Author.objects.get(slug="serge")
    author.slug = "victor-serge-2"
    author.save()
    response = seeded.get("/authors/serge/")
    assert (response.status_code, response.url) == (301, "/authors/victor-serge-2/")
    author.slug = "victor-serge-3"
    author.save()
    assert seeded.get("/authors/serge/").url == "/authors/victor-serge-3/"


def test_markdown_is_rendered_and_sanitised(seeded):
    Work.objects.filter(slug="midnight-in-the-century").update(
        annotation='**Bold** <script>alert(1)</script> <img src=x onerror="alert(1)">'
    )
    html = seeded.get("/works/midnight-in-the-century/").content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script>alert" not in html
    assert "<img" not in html


def test_security_headers(seeded):
    response = seeded.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_forms_need_a_csrf_token(seeded):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/settings/reading/", {"words_per_page": 300, "words_per_minute": 250})
    assert response.status_code == 403


def test_no_inline_script_or_style_anywhere(seeded):
    for url in ["/", "/authors/serge/", "/works/birth-of-our-power/", "/guides/sample-guide/",
                "/search/?q=serge", "/settings/reading/"]:  # fmt: skip
        html = seeded.get(url).content.decode()
        scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
        assert all('type="application/ld+json"' in s for s in scripts), url
        assert " style=" not in html, url


def test_guide_entry_notes_show(seeded):
    GuideEntry.objects.filter(guide__slug="sample-guide", order=1).update(note="Start here.")
    assert "Start here." in _text(seeded.get("/guides/sample-guide/"))


def test_page_cache_serves_readers_until_the_catalog_changes(seeded, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE = True
    cache.clear()
    first = seeded.get("/authors/serge/")
    Work.objects.filter(slug="midnight-in-the-century").update(pages=200)  # bypasses signals
    assert seeded.get("/authors/serge/").content == first.content  # served from the cache
    work = Work.objects.get(slug="midnight-in-the-century")
    work.pages = 201
    work.save()  # an editor's save moves the catalog version on
    assert "1,258 pages" in _text(seeded.get("/authors/serge/"))
    # So does an editor's change to a life event alone.
    expelled_mark = "<title>1909: expelled from Belgium</title>"
    assert expelled_mark in seeded.get("/authors/serge/").content.decode()
    expelled = LifeEvent.objects.get(author__slug="serge", start="1909")
    expelled.hidden = True
    expelled.save()
    assert expelled_mark not in seeded.get("/authors/serge/").content.decode()


def test_server_error_page_in_the_site_style(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "/static/readingroom/site.css" in html


def test_author_page_shows_the_life_timeline(seeded):
    html = seeded.get("/authors/serge/").content.decode()
    assert '<svg class="timeline"' in html
    assert "<title>1909: expelled from Belgium</title>" in html
    assert 'id="event-1"' in html
    assert '<span class="event-sentence" id="sentence-1">' in html
    assert 'href="#sentence-1"' in html
    # Every event finds its sentence, across the seed's hard line break too.
    events = LifeEvent.objects.filter(author__slug="serge", hidden=False)
    life, times = events.exclude(kind="context").count(), events.filter(kind="context").count()
    assert life >= 24
    assert times >= 4  # the revolutions, the Kronstadt revolt, the campaign of 1920 …
    assert html.count('<li id="event-') == life
    assert html.count('class="source"') == life + times
    # The works sit on the same axis.
    assert "<title>1939: Midnight in the Century</title>" in html


def test_year_ranges_read_the_same_everywhere(seeded):
    import_guide_bytes(
        "letters.txt", "# A Writer\n\nLetters (1940–41): 12 pages\n".encode(), "Letters"
    )
    guide = _text(seeded.get("/guides/letters/"))
    assert "Letters (1940–41)" in guide
    assert "1940–41" in _text(seeded.get("/works/letters/"))
    assert "1940–41" in _text(seeded.get("/authors/a-writer/"))
    assert "Letters (1940–41)" in _text(seeded.get("/search/?q=letters"))
    assert "Letters (1940–41)" in seeded.get("/feeds/works.atom").content.decode()


def _facets(response) -> str:
    return re.search(r'<aside class="facets".*?</aside>', response.content.decode(), re.S)[0]


def test_search_says_which_facet_counts_are_estimates(seeded, monkeypatch):
    exact = _facets(seeded.get("/search/?q=revolution&length=long"))
    assert "about" not in exact
    monkeypatch.setattr(engine, "EXACT_COUNTS", 2)
    monkeypatch.setattr(engine, "SEEN_TO_ESTIMATE", 1)
    response = seeded.get("/search/?q=revolution&length=long")
    sampled = _facets(response)
    assert "Counts marked “about” are estimated from a sample of the results." in sampled
    # Lengths are counted among all the matches of "revolution", more than 2.
    lengths = re.search(r"<h2>Length</h2>.*?</ul>", sampled, re.S)[0]
    counts = re.findall(r'<span class="meta">([^<]*)</span>', lengths)
    assert counts
    assert all(re.fullmatch(r"about [\d,]+", count) for count in counts)
    # The chosen value is counted exactly: the search's own total.
    total = re.search(r'<p class="count" role="status">([\d,]+) result', response.content.decode())
    assert f"400 pages or more ({total[1]}) ✕" in sampled
