"""No URL answers 500, whatever its path segments and query parameters.

The routes come from the project's URL resolver, so a new route is probed as soon
as it exists: every slug, id or path segment a route takes (real records' pages,
found through the sitemap, as well as anything the route's pattern admits) and any
query string: the parameters the views and the admin read, absent, once or
repeated, with unicode digits, huge numbers and text, plus unknown ones. Public
routes are asked by a reader and by an editor; the admin's by an editor.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlparse

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import SlugConverter
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.catalog.models import Author

pytestmark = pytest.mark.django_db

PUBLIC_EXAMPLES = 25  # for each public route
# The admin has many routes, most of them Django's own: a few tries for each changelist
# and change view, one for each other route (about 380 examples in all).
ADMIN_EXAMPLES = 3
ADMIN_OTHER_EXAMPLES = 1

# The parameters the site's views and the admin read.
KEYS = [
    "q", "page", "author", "decade", "length", "partial", "next", "p", "o", "e", "all",
    "words_per_page", "words_per_minute", "year", "pages", "annotation", "_popup",
    "source__id__exact", "name_inferred__exact", "kind__exact", "_changelist_filters",
    "guide", "work",
]  # fmt: skip
# Numbers that int() or a database column chokes on, and other values worth a try.
ODD_NUMBERS = [
    "²", "¹²", "١٢", "１２", "9" * 20, "-" + "9" * 20, "9" * 400, "1e5", "1.5", "-1", "0",
]  # fmt: skip
ODD_VALUES = [
    "", " ", "1", "2", "300", "0x1F", "NaN", "x" * 3000, "\x00", "%00", "short", "long",
    "1890", "true", "serge", "revolution", "javascript:alert(1)", "//evil.example/", "ü🙂",
]  # fmt: skip
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Route:
    route: str  # as Django's ResolverMatch.route names it
    path: st.SearchStrategy[str]
    admin: bool

    @property
    def examples(self) -> int:
        if not self.admin:
            return PUBLIC_EXAMPLES
        changelist_or_change = re.fullmatch(
            r"admin/\w+/\w+/(<path:object_id>/change/)?", self.route
        )
        return ADMIN_EXAMPLES if changelist_or_change else ADMIN_OTHER_EXAMPLES


def _segment(converter: object, ids: list[str]) -> st.SearchStrategy[str]:
    """A value for a path converter: a record's id, anything its pattern admits, or odd."""
    odd = st.sampled_from(["0", "9" * 20, "²", "x" * 300, "-"])
    generated = st.one_of(st.from_regex(converter.regex, fullmatch=True), odd)
    return (
        generated
        if isinstance(converter, SlugConverter)
        else st.one_of(st.sampled_from(ids), generated)
    )


def _level(pattern: object, ids: list[str]) -> st.SearchStrategy[str]:
    """Paths for one level of the URL tree: a `path()` route with each <converter:name>
    filled in, or a `re_path()` regex."""
    if isinstance(pattern, RoutePattern):
        parts = re.split(r"<(?:[^>:]+:)?([^>]+)>", str(pattern))
        return st.tuples(
            *(
                _segment(pattern.converters[part], ids) if n % 2 else st.just(part)
                for n, part in enumerate(parts)
            )
        ).map("".join)
    assert isinstance(pattern, RegexPattern), pattern
    return st.from_regex(pattern.regex, fullmatch=True)


def _routes(
    patterns: list, prefix: st.SearchStrategy[str], route: str, ids: list[str]
) -> Iterator[Route]:
    for entry in patterns:
        path = st.tuples(prefix, _level(entry.pattern, ids)).map("".join)
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, path, route + str(entry.pattern), ids)
        else:
            assert isinstance(entry, URLPattern)
            full = route + str(entry.pattern)
            yield Route(full, path, full.startswith("admin/"))


def _query(known: list[str]) -> st.SearchStrategy[str]:
    """Every parameter the site reads with one odd number; or each parameter absent,
    once or repeated, with values of every kind, and unknown parameters besides."""
    odd_number = st.sampled_from(ODD_NUMBERS)
    all_at_once = odd_number.map(lambda v: [(k, v) for k in KEYS])
    value = st.one_of(
        odd_number,
        st.sampled_from(ODD_VALUES + known),
        TEXT,
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
    )
    each_key = [st.lists(value, max_size=2).map(lambda vs, k=k: [(k, v) for v in vs]) for k in KEYS]
    unknown = st.lists(st.tuples(TEXT, value), max_size=2)
    one_by_one = st.tuples(st.tuples(*each_key), unknown).map(
        lambda parts: [pair for pairs in parts[0] for pair in pairs] + parts[1]
    )
    return st.one_of(all_at_once, one_by_one).map(urlencode)


def _probe(route: Route, clients: list[Client], known: list[str]) -> Callable[[], None]:
    @settings(
        max_examples=route.examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        path=route.path,
        query=_query(known),
        client=st.sampled_from(clients[-1:] if route.admin else clients),
    )
    def probe(path: str, query: str, client: Client) -> None:
        url = "/" + quote(path, safe="/", errors="surrogatepass")
        responses = [client.get(f"{url}?{query}")]
        if not route.admin:  # the same parameters as a form, for views that take POST
            form = "application/x-www-form-urlencoded"
            responses.append(client.post(url, query, content_type=form))
        for response in responses:
            assert response.status_code < 500, (route.route, url, query, response.status_code)

    return probe


def _real_paths(client: Client) -> dict[str, list[str]]:
    """The sitemap's pages (and the home page), by the route that serves them."""
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    paths = ["/", *(urlparse(loc.text).path for loc in sitemap.iter(f"{SITEMAP}loc"))]
    by_route: dict[str, list[str]] = {}
    for path in paths:
        by_route.setdefault(resolve(path).route, []).append(path.lstrip("/"))
    return by_route


def test_no_route_answers_500(editor_client):
    real = _real_paths(editor_client)
    ids = ["1", "2", str(Author.objects.order_by("pk").last().pk)]
    known = [path.split("/")[-2] for paths in real.values() for path in paths if "/" in path]
    clients = [Client(), editor_client]
    routes = list(_routes(get_resolver().url_patterns, st.just(""), "", ids))
    assert {"search/", "authors/<slug:slug>/", "admin/catalog/work/"} <= {r.route for r in routes}
    for route in routes:
        if route.route in real:
            route.path = st.one_of(st.sampled_from(real[route.route]), route.path)
        _probe(route, clients, known + ids)()


def _result_count(response) -> str:
    return re.search(r'<p class="count" role="status">(.*?)</p>', response.content.decode())[1]


@pytest.mark.parametrize(
    "odd",
    ["author=²", "decade=²", "author=99999999999999999999", "decade=-99999999999999999999",
     "author=9" + "9" * 400, "length=²", "length=huge", "page=²", "page=99999999999999999999",
     "author=1&author=²", "partial=1&author=²"],
)  # fmt: skip
def test_an_odd_search_parameter_is_left_out(seeded, odd):
    response = seeded.get(f"/search/?q=revolution&{odd}")
    assert response.status_code == 200
    assert _result_count(response) == _result_count(seeded.get("/search/?q=revolution"))


def test_an_odd_query_or_return_address_is_left_out(seeded):
    assert (
        "has nothing to search for" not in seeded.get("/search/?q=" + "x" * 5000).content.decode()
    )
    response = seeded.get("/settings/reading/?next=" + "/x" * 2000)
    assert (response.status_code, response.context["next"]) == (200, "")
    response = seeded.get("/settings/reading/?next=/authors/serge/")
    assert response.context["next"] == "/authors/serge/"


@pytest.mark.parametrize(
    "url",
    ["/search/?q=a%00b", "/authors/serge/?page=%00", "/admin/catalog/slugredirect/?kind__exact=%00",
     "/admin/catalog/work/?source__id__exact=%00", "/?%00=1"],
)  # fmt: skip
def test_a_nul_in_a_parameter_is_refused(editor_client, url):
    assert editor_client.get(url).status_code == 400
