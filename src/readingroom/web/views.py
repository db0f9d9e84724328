"""The public website: home, author, work and guide pages, search, reading settings."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.db.models import Count, Model, Prefetch, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from readingroom.catalog.models import (
    Author,
    Contribution,
    Guide,
    GuideEntry,
    SlugRedirect,
    Work,
)
from readingroom.catalog.timelines import timeline
from readingroom.reading import ReadingSpeed, format_duration, reading_minutes
from readingroom.search.engine import search as run_search

from . import jsonld
from .cache import cached_for_readers
from .markdown import render_markdown
from .params import BackParams, SearchParams, valid_params
from .reading import ReadingSpeedForm, reading_speed, save_reading_speed
from .timeline import mark_sentences, timeline_svg


def _get_or_redirect(model: type[Model], slug: str, view: str, suffix: str = "") -> Any:
    """The record with this slug; an old slug redirects permanently to the current one."""
    record = model.objects.filter(slug=slug).first()
    if record is not None:
        return record
    kind = model.__name__.lower()
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


def _works_of(author: Author) -> list[Work]:
    return list(
        Work.objects.filter(contributions__author=author)
        .prefetch_related(Prefetch("contributions", Contribution.objects.select_related("author")))
        .order_by("position", "title")
        .distinct()
    )


@cached_for_readers
def home(request: HttpRequest) -> HttpResponse:
    guides = Guide.objects.annotate(
        work_count=Count("entries"), page_count=Sum("entries__work__pages")
    ).order_by("title")
    authors = Author.objects.annotate(work_count=Count("contributions")).order_by("sort_name")
    return render(
        request,
        "web/home.html",
        {
            "guides": guides,
            "authors": authors,
            "counts": {"authors": authors.count(), "works": Work.objects.count()},
        },
    )


@cached_for_readers
@_follow_redirects
def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = _get_or_redirect(Author, slug, "author")
    works = _works_of(author)
    pages = sum(w.pages or 0 for w in works)
    events = timeline(author)
    biography, sentence_of = mark_sentences(str(render_markdown(author.biography)), events)
    return render(
        request,
        "web/author.html",
        {
            "author": author,
            "works": works,
            "biography": biography,
            "events": [
                {"number": n, "event": e, "sentence": sentence_of.get(n)}
                for n, e in enumerate(events, 1)
            ],
            "timeline_svg": timeline_svg(events, works, author.name),
            "total_pages": pages,
            "total_time": _total_time(pages, reading_speed(request)),
            "missing_pages": sum(1 for w in works if w.pages is None),
            "jsonld": jsonld.to_script_json(jsonld.person(request, author, works)),
        },
    )


@cached_for_readers
@_follow_redirects
def author_json(request: HttpRequest, slug: str) -> JsonResponse:
    author = _get_or_redirect(Author, slug, "author-json")
    return JsonResponse(
        {
            "slug": author.slug,
            "name": author.name,
            "sort_name": author.sort_name,
            "name_inferred": author.name_inferred,
            "biography": author.biography,
            "biography_html": render_markdown(author.biography),
            "provenance": author.provenance,
            "works": [
                {
                    "slug": w.slug,
                    "title": w.title,
                    "year": w.year,
                    "year_end": w.year_end,
                    "pages": w.pages,
                    "annotation": w.annotation,
                    "annotation_html": (
                        None if w.annotation is None else render_markdown(w.annotation)
                    ),
                }
                for w in _works_of(author)
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _neighbours(entry: GuideEntry) -> dict[str, Any]:
    entries = GuideEntry.objects.filter(guide=entry.guide).select_related("work")
    return {
        "entry": entry,
        "previous": entries.filter(order__lt=entry.order).order_by("-order").first(),
        "next": entries.filter(order__gt=entry.order).order_by("order").first(),
    }


@cached_for_readers
@_follow_redirects
def work_page(request: HttpRequest, slug: str) -> HttpResponse:
    work = _get_or_redirect(Work, slug, "work")
    contributions = list(work.contributions.select_related("author").order_by("order"))
    entries = GuideEntry.objects.filter(work=work).select_related("guide")
    return render(
        request,
        "web/work.html",
        {
            "work": work,
            "contributions": contributions,
            "in_guides": [_neighbours(e) for e in entries.order_by("guide__title")],
            "jsonld": jsonld.to_script_json(jsonld.book(request, work)),
        },
    )


@cached_for_readers
@_follow_redirects
def guide_page(request: HttpRequest, slug: str) -> HttpResponse:
    guide = _get_or_redirect(Guide, slug, "guide")
    entries = list(
        guide.entries.select_related("work").prefetch_related(
            Prefetch("work__contributions", Contribution.objects.select_related("author"))
        )
    )
    sections = [
        {"name": name, "anchor": f"section-{n}", "entries": list(group)}
        for n, (name, group) in enumerate(groupby(entries, key=lambda e: e.section), 1)
    ]
    pages = sum(e.work.pages or 0 for e in entries)
    return render(
        request,
        "web/guide.html",
        {
            "guide": guide,
            "sections": sections,
            "entry_count": len(entries),
            "total_pages": pages,
            "total_time": _total_time(pages, reading_speed(request)),
            "jsonld": jsonld.to_script_json(
                jsonld.item_list(request, guide, [e.work for e in entries])
            ),
        },
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


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
