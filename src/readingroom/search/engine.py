"""Searching the catalog: ranking, facets, pagination, snippets and typo correction."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

from readingroom.catalog.models import Author, Work

from .backends import MARK_END, MARK_START, Match, backend
from .models import SearchTerm
from .text import edit_distance, query_words, typo_budget

PER_PAGE = 20
LENGTH_BANDS = [
    ("short", "under 150 pages", 0, 149),
    ("medium", "150–399 pages", 150, 399),
    ("long", "400 pages or more", 400, 10**9),
]


@dataclass
class Hit:
    kind: str
    record: Work | Author
    snippet: SafeString


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    corrected: str | None = None  # the query that was run instead, when the typed one found nothing


def _decade(match: Match) -> str | None:
    return f"{match[3] // 10 * 10}" if match[3] is not None else None


def _length(match: Match) -> str | None:
    pages = match[4]
    if pages is None:
        return None
    return next(band for band, _, low, high in LENGTH_BANDS if low <= pages <= high)


def _author(match: Match) -> str | None:
    return str(match[2]) if match[2] is not None and match[1] == "work" else None


_FACETS: dict[str, Callable[[Match], str | None]] = {
    "author": _author,
    "decade": _decade,
    "length": _length,
}


def _passes(match: Match, filters: dict[str, str], skip: str | None = None) -> bool:
    return all(_FACETS[name](match) == value for name, value in filters.items() if name != skip)


def _facets(matches: list[Match], filters: dict[str, str]) -> dict[str, list[FacetValue]]:
    """Counts for each facet value among matches that pass the other facets' filters."""
    counts = {
        name: Counter(key(m) for m in matches if _passes(m, filters, skip=name))
        for name, key in _FACETS.items()
    }
    author_counts = counts["author"]
    top_authors = [value for value, _ in author_counts.most_common(12) if value]
    names = dict(Author.objects.filter(pk__in=top_authors).values_list("pk", "name"))
    bands = {band: label for band, label, _, _ in LENGTH_BANDS}

    def values(name: str, ordered: list[str], label: Callable[[str], str]) -> list[FacetValue]:
        return [
            FacetValue(v, label(v), counts[name][v], filters.get(name) == v)
            for v in ordered
            if counts[name][v]
        ]

    return {
        "author": values("author", top_authors, lambda v: names.get(int(v), v)),
        "decade": values("decade", sorted(v for v in counts["decade"] if v), lambda v: f"{v}s"),
        "length": values("length", list(bands), bands.__getitem__),
    }


def correct(words: list[str]) -> list[str]:
    """Each word, or the known word it was most likely meant to be."""
    known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))
    corrected = []
    search = backend()
    for word in words:
        if word in known or len(word) < 3 or not word.isalpha():
            corrected.append(word)
            continue
        budget = typo_budget(word)
        scored = [
            (distance, -frequency, term)
            for term, frequency in search.candidates(word)
            if (distance := edit_distance(word, term, budget)) <= budget
        ]
        corrected.append(min(scored)[2] if scored else word)
    return corrected


def _highlight(snippet: str) -> SafeString:
    escaped = html.escape(snippet)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def search(query: str, filters: dict[str, str] | None = None, page: int = 1) -> SearchResults:
    """Search works and authors; any query string gives an answer, never an error."""
    filters = {k: v for k, v in (filters or {}).items() if k in _FACETS and v}
    results = SearchResults(query=query, words=query_words(query))
    if not results.words:
        return results
    search_backend = backend()
    matches = search_backend.matches(results.words)
    if not matches:
        corrected = correct(results.words)
        if corrected != results.words:
            matches = search_backend.matches(corrected)
            results.words, results.corrected = corrected, " ".join(corrected)
    results.facets = _facets(matches, filters)
    selected = sorted(
        (m for m in matches if _passes(m, filters)), key=lambda m: (-m[5], m[1] != "work", m[0])
    )
    results.total = len(selected)
    results.pages = max(1, -(-results.total // PER_PAGE))
    results.page = min(max(page, 1), results.pages)
    shown = selected[(results.page - 1) * PER_PAGE : results.page * PER_PAGE]
    snippets = search_backend.snippets(results.words, [m[0] for m in shown])
    results.hits = _hits(shown, snippets)
    return results


def _hits(shown: list[Match], snippets: dict[int, str]) -> list[Hit]:
    from .models import SearchDocument

    documents = SearchDocument.objects.in_bulk([m[0] for m in shown])
    work_ids = [d.work_id for d in documents.values() if d.work_id]
    author_ids = [d.author_id for d in documents.values() if d.author_id]
    works = Work.objects.prefetch_related("contributions__author").in_bulk(work_ids)
    authors = Author.objects.in_bulk(author_ids)
    hits = []
    for match in shown:
        document = documents[match[0]]
        record = (
            works.get(document.work_id) if document.work_id else authors.get(document.author_id)
        )
        if record is not None:
            hits.append(Hit(document.kind, record, _highlight(snippets.get(match[0], ""))))
    return hits
