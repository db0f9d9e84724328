"""Markdown in biographies and annotations, rendered safely.

markdown-it-py renders CommonMark with raw HTML switched off, then nh3 keeps only
harmless tags and attributes: a `<script>` or an `onerror=` written into an
annotation arrives as inert text.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False})
_TAGS = {"p", "em", "strong", "a", "code", "blockquote", "ul", "ol", "li", "br", "hr", "pre"}


def render_markdown(text: str) -> SafeString:
    html = _MARKDOWN.render(text)
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(clean)


def render_inline(text: str) -> SafeString:
    """One paragraph's Markdown without the surrounding <p>, for table cells."""
    rendered = str(render_markdown(text)).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return mark_safe(rendered)
