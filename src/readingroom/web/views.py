"""Author pages for people and for programs; the full website builds on these."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from readingroom.catalog.models import Author, Guide, Work


def _author_works(author: Author) -> list[Work]:
    return list(Work.objects.filter(contributions__author=author).order_by("position", "title"))


def home(request: HttpRequest) -> HttpResponse:
    authors = Author.objects.annotate(work_count=Count("works")).order_by("sort_name")
    guides = Guide.objects.annotate(work_count=Count("entries")).order_by("title")
    return render(request, "web/home.html", {"authors": authors, "guides": guides})


def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author, slug=slug)
    works = _author_works(author)
    total_pages = Work.objects.filter(pk__in=[w.pk for w in works]).aggregate(total=Sum("pages"))[
        "total"
    ]
    return render(
        request,
        "web/author.html",
        {
            "author": author,
            "paragraphs": [p for p in author.biography.split("\n\n") if p.strip()],
            "works": works,
            "total_pages": total_pages or 0,
        },
    )


def author_json(request: HttpRequest, slug: str) -> JsonResponse:
    author = get_object_or_404(Author, slug=slug)
    return JsonResponse(
        {
            "slug": author.slug,
            "name": author.name,
            "sort_name": author.sort_name,
            "name_inferred": author.name_inferred,
            "biography": author.biography,
            "provenance": author.provenance,
            "works": [
                {
                    "slug": w.slug,
                    "title": w.title,
                    "year": w.year,
                    "year_end": w.year_end,
                    "pages": w.pages,
                    "annotation": w.annotation,
                }
                for w in _author_works(author)
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
