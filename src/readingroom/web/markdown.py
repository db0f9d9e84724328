"""Markdown in biographies, annotations and notes, rendered safely for every output.

markdown-it-py renders CommonMark with raw HTML switched off, then nh3 keeps only
harmless tags and attributes: a `<script>` or an `onerror=` written into an
annotation arrives as inert text. The pages, the Atom feed and the JSON all use
this rendering; JSON-LD takes its plain text (`render_text`).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False})
_TAGS = {"p", "em", "strong", "a", "code", "blockquote", "ul", "ol", "li", "br", "hr", "pre"}
# What an HTML parser would start a tag, comment or declaration at.
_TAG_LIKE = re.compile(r"<[A-Za-z!/?][^>]*>?")


def _clean(html: str) -> SafeString:
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(clean)


def render_markdown(text: str) -> SafeString:
    # Annotations are short and come back on page after page: each worker keeps the
    # renderings of the ones it has seen (a pure function of the text).
    if len(text) <= _REMEMBERED_LENGTH:
        return _remembered(text)
    return _clean(_MARKDOWN.render(text))


_REMEMBERED_LENGTH = 4_000


@lru_cache(maxsize=8_192)
def _remembered(text: str) -> SafeString:
    return _clean(_MARKDOWN.render(text))


def render_sentence(text: str) -> SafeString:
    """A sentence's inline Markdown (emphasis, links, escapes) with no blocks around it:
    the sentence as it reads inside its rendered paragraph."""
    return _clean(_MARKDOWN.renderInline(text))


def render_inline(text: str) -> SafeString:
    """One paragraph's Markdown without the surrounding <p>, for table cells."""
    rendered = str(render_markdown(text)).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return mark_safe(rendered)


@lru_cache(maxsize=8_192)
def _plain(opening: str) -> str:
    plain = html.unescape(nh3.clean(str(render_markdown(opening)), tags=set()))
    while (stripped := _TAG_LIKE.sub("", plain)) != plain:
        plain = stripped
    return " ".join(plain.split())


def render_text(text: str) -> str:
    """The opening of the rendering (its first paragraphs, about 2,000 characters) as
    plain text on one line, for descriptions: JSON-LD, a page's meta description.

    Only the opening is rendered, so a biography of megabytes costs no more than a
    short one. The rendering's tags are dropped, and so is anything in its text that
    looks like a tag (an editor's typed `<script>` shows on the pages as text): a
    consumer that takes the field for HTML still finds no markup in it.
    """
    return _plain(_opening(text))


def _opening(text: str, length: int = 2_000) -> str:
    """The text up to the end of the paragraph that reaches ``length`` characters, and
    never more than twice that."""
    if len(text) <= length:
        return text
    end = text.find("\n\n", length, 2 * length)
    return text[: end if end >= 0 else 2 * length]
