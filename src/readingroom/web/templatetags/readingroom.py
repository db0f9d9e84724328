"""Template helpers: counts, reading time, Markdown, query strings for facets and pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict
from django.utils.safestring import SafeString

from readingroom.guidetext.writer import format_years
from readingroom.reading import ReadingSpeed, format_count, format_duration, reading_minutes
from readingroom.web.markdown import render_inline, render_markdown, render_text

register = template.Library()


@register.filter
def counted(count: int | None, nouns: str) -> str:
    """{{ n|counted:"page" }} → "1 page", "1,256 pages"; {{ n|counted:"entry,entries" }}."""
    noun, _, plural = nouns.partition(",")
    return format_count(count or 0, noun, plural or None)


@register.filter
def years(work: Any) -> str:
    """A work's year or years as the guide format writes them: "1926", "1940–41"."""
    return format_years(work.year, work.year_end) if work.year is not None else ""


@register.filter
def reading_time(pages: int | None, speed: ReadingSpeed) -> str:
    return format_duration(reading_minutes(pages, speed)) if pages else ""


@register.filter
def markdown(text: str | None) -> SafeString:
    return render_markdown(text or "")


@register.filter
def markdown_inline(text: str | None) -> SafeString:
    return render_inline(text or "")


@register.filter
def plain_text(text: str | None) -> str:
    """The Markdown's text without markup, for meta descriptions."""
    return render_text(text or "")


@register.simple_tag(takes_context=True)
def query_set(context: dict[str, Any], *pairs: Any) -> str:
    """The current query string with parameters set: key value [key value …].

    An empty value removes the parameter; any change but the page's own returns
    to the first page.
    """
    query: QueryDict = context["request"].GET.copy()
    query.pop("partial", None)
    keys = pairs[0::2]
    if "page" not in keys:
        query.pop("page", None)
    for key, value in zip(keys, pairs[1::2], strict=True):
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = value
    return "?" + query.urlencode()
