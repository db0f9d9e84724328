"""The public website: home, author, work and guide pages, search, reading settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import Count, Model, Prefetch, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from readingroom.catalog.exporter import work_entry
from readingroom.catalog.models import (
    Author,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    SlugRedirect,
    Work,
)
from readingroom.citing import DEFAULT_STYLE, STYLES, bibliography
from readingroom.formats.records import SECTION_SEPARATOR
from readingroom.limits import EDITION_FIELDS
from readingroom.reading import ReadingSpeed, format_duration, reading_minutes
from readingroom.search.engine import search as run_search

from . import jsonld
from .authorpages import AuthorParts, author_parts
from .cache import cached_for_readers
from .guidepages import GuideParts, guide_parts
from .markdown import render_markdown
from .pagination import Page, page_of
from .params import BackParams, CiteParams, PageParams, SearchParams, valid_params
from .reading import ReadingSpeedForm, reading_speed, save_reading_speed
from .sections import on_page
from .splice import placeholder, splice

WORKS_PER_PAGE = 50  # on an author's page and in their JSON
ENTRIES_PER_PAGE = 100  # on a guide's page
HOME_LIST = 100  # guides and authors on the home page; the indexes list the rest
INDEX_PAGE = 200  # authors or guides on a page of their index


def _get_or_redirect(
    records: type[Model] | QuerySet[Any], slug: str, view: str, suffix: str = ""
) -> Any:
    """The record with this slug; an old slug redirects permanently to the current one."""
    queryset = records if isinstance(records, QuerySet) else records.objects.all()
    record = queryset.filter(slug=slug).first()
    if record is not None:
        return record
    kind = queryset.model.__name__.lower()
    moved = SlugRedirect.objects.filter(kind=kind, old_slug=slug).first()
    if moved is None:
        raise Http404(f"No {kind} called {slug!r}")
    raise _Redirect(reverse(view, args=[moved.new_slug]) + suffix)


class _Redirect(Exception):
    def __init__(self, url: str) -> None:
        self.url = url


def _follow_redirects(view: Any) -> Any:
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _Redirect as moved:
            return HttpResponseRedirect(moved.url, status=301)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _total_time(pages: int, speed: ReadingSpeed) -> str:
    return format_duration(reading_minutes(pages, speed)) if pages else ""


def _with_authors(rows: QuerySet[Any], path: str) -> QuerySet[Any]:
    """Rows with their works' contributions and authors, fetched in one more query
    (without the authors' biographies, which may be megabytes each)."""
    credits = Contribution.objects.select_related("author").defer("author__biography")
    return rows.prefetch_related(Prefetch(path, credits.order_by("order")))


def _guides_with_totals(guides: Iterable[Guide]) -> list[tuple[Guide, GuideParts]]:
    return [(guide, guide_parts(guide)) for guide in guides]


def _authors_with_counts(authors: QuerySet[Author]) -> list[Author]:
    """A bounded list of authors, each with how many works credit them."""
    shown = list(authors.only("name", "slug", "sort_name", "name_inferred"))
    counts = dict(
        Contribution.objects.filter(author__in=[a.pk for a in shown])
        .values("author")
        .annotate(n=Count("pk"))
        .values_list("author", "n")
    )
    for author in shown:
        author.work_count = counts.get(author.pk, 0)
    return shown


@cached_for_readers
def home(request: HttpRequest) -> HttpResponse:
    """The catalog at a glance: the first guides and authors, and where the rest are."""
    guides = Guide.objects.order_by("title", "pk")
    authors = Author.objects.order_by("sort_name", "slug")
    return render(
        request,
        "web/home.html",
        {
            "guides": _guides_with_totals(guides[:HOME_LIST]),
            "authors": _authors_with_counts(authors[:HOME_LIST]),
            "counts": {
                "guides": guides.count(),
                "authors": authors.count(),
                "works": Work.objects.count(),
            },
        },
    )


@cached_for_readers
def author_index(request: HttpRequest) -> HttpResponse:
    """Every author, A to Z, a page at a time."""
    authors = Author.objects.order_by("sort_name", "slug")
    page = page_of(authors.count(), INDEX_PAGE, valid_params(PageParams, request.GET).get("page"))
    return render(
        request,
        "web/authors.html",
        {"authors": _authors_with_counts(authors[page.start : page.stop]), "page": page},
    )


@cached_for_readers
def guide_index(request: HttpRequest) -> HttpResponse:
    """Every guide, by title, a page at a time."""
    guides = Guide.objects.order_by("title", "pk")
    page = page_of(guides.count(), INDEX_PAGE, valid_params(PageParams, request.GET).get("page"))
    return render(
        request,
        "web/guides.html",
        {"guides": _guides_with_totals(guides[page.start : page.stop]), "page": page},
    )


def _author_works(request: HttpRequest, author: Author) -> tuple[AuthorParts, Page, list[Work]]:
    """The author's stored parts, the page of works asked for, and those works."""
    parts = author_parts(author)
    page = page_of(
        parts.work_count, WORKS_PER_PAGE, valid_params(PageParams, request.GET).get("page")
    )
    ids = parts.work_ids(page.start, page.stop)
    # Only what the works table and the JSON show (not the works' source paragraphs).
    rows = Work.objects.filter(pk__in=ids).only(*_WORK_COLUMNS)
    found = rows.in_bulk()
    return parts, page, [found[pk] for pk in ids if pk in found]


# A work as the JSON pages give it (and the columns they read).
_WORK_COLUMNS = (
    "slug",
    "title",
    "year",
    "year_end",
    "pages",
    "url",
    "annotation",
)


def _work_json(work: Work) -> dict[str, Any]:
    annotation = work.annotation
    return {
        **{name: getattr(work, name) for name in _WORK_COLUMNS},
        "annotation_html": None if annotation is None else render_markdown(annotation),
    }


@cached_for_readers
@_follow_redirects
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = _get_or_redirect(Author.objects.defer("biography"), slug, "author")
    parts, page, works = _author_works(request, author)
    response = render(
        request,
        "web/author.html",
        {
            "author": author,
            "parts": parts,
            "html": {name: placeholder(name) for name in parts.html},
            "works": works,
            "page": page,
            "work_count": parts.work_count,
            "total_pages": parts.page_total,
            "total_time": _total_time(parts.page_total, reading_speed(request)),
            "missing_pages": parts.missing_pages,
            "jsonld": jsonld.to_script_json(jsonld.person(request, author, parts, works)),
        },
    )
    return splice(response, parts.html)


def _page_url(request: HttpRequest, number: int, page: Page) -> str | None:
    return request.build_absolute_uri(f"?page={number}") if 1 <= number <= page.last else None


def author_json(request: HttpRequest, slug: str) -> HttpResponse:
    """Moved into the API (docs/api.md): the author at /api/authors/SLUG/, and a page of
    their works (`?page=N`) at /api/authors/SLUG/works/."""
    page = request.GET.get("page")
    if page:
        return HttpResponsePermanentRedirect(
            reverse("api-author-works", args=[slug]) + "?" + urlencode({"page": page})
        )
    return HttpResponsePermanentRedirect(reverse("api-author-detail", args=[slug]))


def _neighbours(entry: GuideEntry) -> dict[str, Any]:
    entries = GuideEntry.objects.filter(guide=entry.guide).select_related("work")
    said = entry.work.merged_from(entry.source_id)
    return {
        "entry": entry,
        # The guide's own annotation, where the work came into it from another's.
        "annotation": said.annotation if said is not None else None,
        "previous": entries.filter(order__lt=entry.order).order_by("-order").first(),
        "next": entries.filter(order__gt=entry.order).order_by("order").first(),
    }


@cached_for_readers
@_follow_redirects
def work_page(request: HttpRequest, slug: str) -> HttpResponse:
    work = _get_or_redirect(Work.objects.select_related("edition"), slug, "work")
    contributions = list(work.contributions.select_related("author").order_by("order"))
    entries = GuideEntry.objects.filter(work=work).select_related("guide", "work", "edition")
    entries = entries.prefetch_related("work__merged")
    editions = work.editions.select_related("source").prefetch_related("entries__guide")
    merged = work.merged.exists()
    style = valid_params(CiteParams, request.GET).get("cite") or DEFAULT_STYLE
    return render(
        request,
        "web/work.html",
        {
            "work": work,
            "contributions": contributions,
            "in_guides": [_neighbours(e) for e in entries.order_by("guide__title")],
            "editions": editions,
            # Whose annotation the work's own is, when guides from elsewhere list it too.
            "own_guide": Guide.objects.filter(source_id=work.source_id).first() if merged else None,
            "jsonld": jsonld.to_script_json(jsonld.book(request, work)),
            "citation": _citation(work, style),
            "cite_style": style,
            "cite_styles": STYLES,
        },
    )


def _citation(work: Work, style: str) -> SafeString:
    """The work in one citation style, for its page's "Cite" block (one a view: citeproc
    takes some 15 ms a style)."""
    entry = replace(work_entry(work), url=work.link or None)  # a URL to the web, or none
    return mark_safe(bibliography([entry], style)[0])  # HTML cleaned by nh3


@cached_for_readers
@_follow_redirects
def guide_page(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _get_or_redirect(Guide, slug, "guide")
    parts = guide_parts(guide)
    page = page_of(
        parts.entry_count, ENTRIES_PER_PAGE, valid_params(PageParams, request.GET).get("page")
    )
    rows = guide.entries.order_by("order").select_related("work")[page.start : page.stop]
    entries = list(_with_authors(rows, "work__contributions"))
    all_sections = parts.sections(ENTRIES_PER_PAGE)
    return render(
        request,
        "web/guide.html",
        {
            "guide": guide,
            "page": page,
            "sections": all_sections,
            "page_sections": on_page(all_sections, page, entries),
            "entry_count": parts.entry_count,
            "total_pages": parts.page_total,
            "total_time": _total_time(parts.page_total, reading_speed(request)),
            "missing_pages": parts.missing_pages,
            "jsonld": jsonld.to_script_json(
                jsonld.item_list(
                    request, guide, [e.work for e in entries], page.start, parts.entry_count
                )
            ),
        },
    )


def _edition_json(edition: Edition | None) -> dict[str, Any] | None:
    return None if edition is None else {name: getattr(edition, name) for name in EDITION_FIELDS}


def _entry_json(entry: GuideEntry) -> dict[str, Any]:
    return {
        "order": entry.order,
        "sections": entry.section.split(SECTION_SEPARATOR) if entry.section else [],
        "importance": entry.importance,
        "part": entry.part,
        "part_pages": entry.part_pages,  # the pages that count for reading time
        "note": entry.note,
        "provenance": entry.provenance,
        # The edition the guide cites, else the one the work's pages are from.
        "edition": _edition_json(entry.edition or entry.work.edition),
        "work": {
            **_work_json(entry.work),
            "contributors": [
                {"name": c.author.name, "slug": c.author.slug, "role": c.role}
                for c in entry.work.contributions.all()
            ],
        },
    }


@cached_for_readers
@_follow_redirects
def guide_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The guide, its sections with the pages to read in each, and one page of its
    entries (`?page=N`) in the editor's order, each with its work and contributors."""
    guide = _get_or_redirect(Guide, slug, "guide-json")
    parts = guide_parts(guide)
    page = page_of(
        parts.entry_count, ENTRIES_PER_PAGE, valid_params(PageParams, request.GET).get("page")
    )
    rows = guide.entries.order_by("order").select_related("work__edition", "edition")
    rows = rows[page.start : page.stop]
    return JsonResponse(
        {
            "slug": guide.slug,
            "title": guide.title,
            "subtitle": guide.subtitle,
            "compilers": guide.compilers,
            "date": guide.date,
            "introduction": guide.description,
            "introduction_html": render_markdown(guide.description),
            "closing": guide.closing,
            "closing_html": render_markdown(guide.closing),
            "provenance": guide.provenance,
            "entry_count": parts.entry_count,
            "pages_to_read": parts.page_total,
            "sections": [
                {
                    "sections": s.name.split(SECTION_SEPARATOR) if s.name else [],
                    "first": s.first,
                    "count": s.count,
                    "pages_to_read": s.pages,
                    "page": s.page,
                }
                for s in parts.sections(ENTRIES_PER_PAGE)
            ],
            "page": page.number,
            "last_page": page.last,
            "previous": _page_url(request, page.number - 1, page),
            "next": _page_url(request, page.number + 1, page),
            "entries": [_entry_json(e) for e in _with_authors(rows, "work__contributions")],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@cached_for_readers
def search_page(request: HttpRequest) -> HttpResponse:
    params = valid_params(SearchParams, request.GET)
    query = params.get("q") or ""
    filters = {
        k: str(params[k]) for k in ("author", "decade", "length") if params.get(k) not in (None, "")
    }
    results = run_search(query, filters, params.get("page") or 1)
    template = "web/search_results.html" if params.get("partial") else "web/search.html"
    return render(request, template, {"results": results, "query": query, "filters": filters})


def _back(request: HttpRequest) -> str:
    """Where the settings form returns to: a page of this site, or nowhere."""
    sent, asked = (
        valid_params(BackParams, data).get("next") for data in (request.POST, request.GET)
    )
    back = sent or asked or ""
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return back
    return ""


@require_http_methods(["GET", "POST"])
def reading_settings(request: HttpRequest) -> HttpResponse:
    back = _back(request)
    speed = reading_speed(request)
    if request.method == "POST":
        form = ReadingSpeedForm(request.POST)
        if form.is_valid():
            save_reading_speed(request, ReadingSpeed(**form.cleaned_data))
            return redirect(back or "reading-settings")
    else:
        form = ReadingSpeedForm(
            initial={
                "words_per_page": speed.words_per_page,
                "words_per_minute": speed.words_per_minute,
            }
        )
    example = format_duration(reading_minutes(300, speed))
    return render(
        request, "web/reading_settings.html", {"form": form, "next": back, "example": example}
    )


@cache
def _favicon() -> bytes:
    return (Path(__file__).parent / "static" / "readingroom" / "favicon.ico").read_bytes()


def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for whatever a page links to
    (tools/make_favicon.py draws it, with the pages' icon.svg)."""
    response = HttpResponse(_favicon(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "max-age=86400"
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
