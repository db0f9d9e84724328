"""schema.org descriptions of pages, as JSON-LD for search engines and catalogs.

Text fields (description, abstract) are plain text made from the pages' own
sanitized rendering of the editor's Markdown (markdown.render_text).
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from readingroom.catalog.models import Author, Guide, Work

from .authorpages import AuthorParts
from .markdown import render_text


def to_script_json(data: dict[str, Any]) -> SafeString:
    """JSON safe to place inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)


def person(
    request: HttpRequest, author: Author, parts: AuthorParts, works: list[Work]
) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": author.name,
        "url": request.build_absolute_uri(author.get_absolute_url()),
        "description": Truncator(parts.description).chars(500),
        "workExample": [book(request, w, nested=True) for w in works],
    }


def book(request: HttpRequest, work: Work, nested: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Book",
        "name": work.title,
        "url": request.build_absolute_uri(work.get_absolute_url()),
    }
    if not nested:
        data["@context"] = "https://schema.org"
        data["author"] = [
            {"@type": "Person", "name": c.author.name} for c in work.contributions.all()
        ]
    if work.year:
        data["datePublished"] = str(work.year)
    if work.pages:
        data["numberOfPages"] = work.pages
    if work.annotation:
        data["abstract"] = render_text(work.annotation)
    return data


def item_list(
    request: HttpRequest, guide: Guide, works: list[Work], start: int, total: int
) -> dict[str, Any]:
    """The guide as a list: the works of one page, at their places in the whole guide
    (`start` works come before them), and how many the guide holds."""
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": guide.title,
        "url": request.build_absolute_uri(guide.get_absolute_url()),
        "numberOfItems": total,
        "itemListElement": [
            {"@type": "ListItem", "position": n, "item": book(request, w, nested=True)}
            for n, w in enumerate(works, start + 1)
        ],
    }
    if guide.description:
        data["description"] = render_text(guide.description)
    return data
