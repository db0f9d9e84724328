"""Nothing an editor writes reaches a reader as live markup, whatever the output:
the Atom feed, JSON-LD and the author JSON go through the pages' Markdown + nh3."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from readingroom.catalog.models import Author, Guide, GuideEntry, Work

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    "[x](javascript:alert(1))",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[y](JaVaScRiPt:alert(1)) ![z](javascript:alert(1))",
]
PAYLOAD = "**Bold** " + " ".join(HOSTILE)
ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPTING_TAGS = {"script", "iframe", "svg", "img", "object", "embed", "math", "style", "base"}


class _Markup(HTMLParser):
    """Every element and attribute an HTML fragment holds, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


def _parse(fragment: str) -> _Markup:
    markup = _Markup()
    markup.feed(fragment)
    markup.close()
    return markup


def _assert_inert(fragment: str) -> None:
    """No element or attribute in the fragment can run script."""
    markup = _parse(fragment)
    assert not SCRIPTING_TAGS & set(markup.tags), fragment
    for name, value in markup.attributes:
        assert not name.startswith("on"), fragment
        if name in ("href", "src", "action", "formaction", "xlink:href"):
            scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            assert not scheme.startswith(("javascript:", "data:", "vbscript:")), fragment


def _assert_plain_text(text: str) -> None:
    """Plain text: nothing in it that an HTML parser would take for a tag."""
    assert _parse(text).tags == [], text


@pytest.fixture
def hostile(seeded):
    Work.objects.update(annotation=PAYLOAD)
    Author.objects.update(biography=PAYLOAD)
    Guide.objects.update(description=PAYLOAD)
    GuideEntry.objects.update(note=PAYLOAD)
    return seeded


def test_the_feed_sends_only_sanitized_html(hostile):
    response = hostile.get("/feeds/works.atom")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == 22
    for entry in entries:
        summary = entry.find(f"{ATOM}summary")
        assert summary is not None
        assert summary.get("type") == "html"
        assert "<strong>Bold</strong>" in summary.text
        _assert_inert(summary.text)


def _json_ld(client, url: str) -> dict:
    html = client.get(url).content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_json_ld_text_fields_are_plain_text_from_the_rendering(hostile):
    person = _json_ld(hostile, "/authors/serge/")
    texts = [person["description"]] + [w["abstract"] for w in person["workExample"]]
    book = _json_ld(hostile, "/works/midnight-in-the-century/")
    texts.append(book["abstract"])
    item_list = _json_ld(hostile, "/guides/sample-guide/")
    texts.append(item_list["description"])
    texts += [e["item"]["abstract"] for e in item_list["itemListElement"]]
    for text in texts:
        assert text.startswith("Bold "), text  # the Markdown is rendered, then its tags dropped
        assert "**" not in text
        _assert_plain_text(text)


def test_author_json_keeps_the_source_and_adds_sanitized_html(hostile):
    # /authors/serge.json moved into the API (docs/api.md).
    data = hostile.get("/authors/serge.json", follow=True).json()
    assert data["biography"] == PAYLOAD  # the editor's Markdown, as data
    assert "<strong>Bold</strong>" in data["biography_html"]
    _assert_inert(data["biography_html"])
    for work in hostile.get("/api/authors/serge/works/").json()["results"]:
        assert work["annotation"] == PAYLOAD
        assert "<strong>Bold</strong>" in work["annotation_html"]
        _assert_inert(work["annotation_html"])


def test_author_json_html_is_absent_where_there_is_no_text(seeded):
    Work.objects.filter(slug="midnight-in-the-century").update(annotation=None)
    [work] = [
        w for w in seeded.get("/api/authors/serge/works/").json()["results"]
        if w["slug"] == "midnight-in-the-century"
    ]  # fmt: skip
    assert (work["annotation"], work["annotation_html"]) == (None, None)


@pytest.mark.parametrize(
    "url",
    ["/authors/serge/", "/works/midnight-in-the-century/", "/guides/sample-guide/",
     "/search/?q=bold", "/"],
)  # fmt: skip
def test_pages_show_hostile_text_inert(hostile, url):
    html = hostile.get(url).content.decode()
    body = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    body = re.sub(r'<script src="[^"]+" defer></script>', "", body)
    body = re.sub(r'<svg class="timeline".*?</svg>', "", body, flags=re.S)
    _assert_inert(body)
