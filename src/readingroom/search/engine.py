"""Searching the catalog: ranking, facets, pagination, snippets and typo correction."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from readingroom.catalog.models import Author, Work

from .backends import MARK_END, MARK_START, Matching, backend
from .models import SearchDocument, SearchTerm
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


# Each facet: the SQL value it groups documents by, and the filter it applies.
def _length_case() -> str:
    """The length band of a document, from LENGTH_BANDS, as SQL."""
    whens = " ".join(
        f"WHEN d.pages BETWEEN {low} AND {high} THEN '{band}'"
        for band, _, low, high in LENGTH_BANDS
    )
    return f"CASE {whens} END"


# Each facet: the SQL value it groups documents by; a chosen value filters on it.
_FACET_SQL = {
    "author": "CASE WHEN d.kind = 'work' THEN d.facet_author_id END",
    "decade": "(d.year / 10) * 10",
    "length": _length_case(),
}
_FACET_NAMES = list(_FACET_SQL)
TOP_AUTHORS = 12


def _facet_condition(name: str, value: str, column: str) -> tuple[str, list[object]]:
    """A chosen facet value as a condition on a column holding that facet's value.

    A number must be one a column can hold ("²" passes isdigit(), twenty digits
    overflow a 64-bit integer): any other value matches nothing.
    """
    if name in ("author", "decade") and re.fullmatch(r"-?[0-9]{1,18}", value):
        return f"{column} = %s", [int(value)]
    if name == "length":
        return f"{column} = %s", [value]
    return "1 = 0", []


class _Query:
    """One search's SQL: the matching documents, narrowed by the chosen facets."""

    def __init__(self, matching: Matching, filters: dict[str, str]) -> None:
        self.matching = matching
        self.filters = filters

    def _fetch(self, sql: str, params: list[object]) -> list[tuple[object, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def _conditions(
        self, skip: str | None = None, on_documents: bool = False
    ) -> tuple[str, list[object]]:
        """The chosen facets as SQL: on the materialised matches' columns, or on `d`."""
        clauses, params = ["1 = 1"], []
        for name, value in self.filters.items():
            if name != skip:
                column = _FACET_SQL[name] if on_documents else name
                clause, values = _facet_condition(name, value, column)
                clauses.append(clause)
                params += values
        return " AND ".join(clauses), params

    def counts(self) -> tuple[int, dict[str, Counter[str]]]:
        """The total and every facet's counts, from one evaluation of the match.

        Each facet counts the matches that pass the other facets' filters, so a
        reader sees what choosing another value would give.
        """
        columns = ", ".join(f"{sql} AS {name}" for name, sql in _FACET_SQL.items())
        where, params = self._conditions()
        parts = [f"SELECT 'total', CAST(NULL AS TEXT), count(*) FROM m WHERE {where}"]
        for name in _FACET_NAMES:
            where, values = self._conditions(skip=name)
            limit = f" ORDER BY count(*) DESC, 2 LIMIT {TOP_AUTHORS}" if name == "author" else ""
            parts.append(
                f"SELECT * FROM (SELECT '{name}', CAST({name} AS TEXT), count(*) FROM m"
                f" WHERE {name} IS NOT NULL AND {where} GROUP BY 2{limit}) AS {name}_counts"
            )
            params += values
        rows = self._fetch(
            f"WITH m AS MATERIALIZED (SELECT {columns} FROM {self.matching.tables}"
            f" WHERE {self.matching.condition}) " + " UNION ALL ".join(parts),
            [*self.matching.params, *params],
        )
        total = 0
        facets: dict[str, Counter[str]] = {name: Counter() for name in _FACET_NAMES}
        for kind, value, count in rows:
            if kind == "total":
                total = int(str(count))
            else:
                facets[str(kind)][str(value)] = int(str(count))
        return total, facets

    def page(self, limit: int, offset: int) -> list[int]:
        where, params = self._conditions(on_documents=True)
        rows = self._fetch(
            f"SELECT d.id FROM {self.matching.tables} WHERE {self.matching.condition} AND {where}"
            f" ORDER BY {self.matching.score} DESC, d.id LIMIT %s OFFSET %s",
            [*self.matching.params, *params, limit, offset],
        )
        return [int(str(row[0])) for row in rows]


def _facets(
    counts: dict[str, Counter[str]], filters: dict[str, str]
) -> dict[str, list[FacetValue]]:
    top_authors = [value for value, _ in counts["author"].most_common(TOP_AUTHORS)]
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
        "decade": values("decade", sorted(counts["decade"], key=int), lambda v: f"{v}s"),
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
    filters = {k: v for k, v in (filters or {}).items() if k in _FACET_SQL and v}
    results = SearchResults(query=query, words=query_words(query))
    if not results.words:
        return results
    search_backend = backend()
    matching = _Query(search_backend.matching(results.words), filters)
    total, counts = matching.counts()
    if not total and not any(counts.values()):
        corrected = correct(results.words)
        if corrected != results.words:
            results.words, results.corrected = corrected, " ".join(corrected)
            matching = _Query(search_backend.matching(corrected), filters)
            total, counts = matching.counts()
    results.total = total
    results.facets = _facets(counts, filters)
    results.pages = max(1, -(-results.total // PER_PAGE))
    results.page = min(max(page, 1), results.pages)
    shown = matching.page(PER_PAGE, (results.page - 1) * PER_PAGE)
    snippets = search_backend.snippets(results.words, shown)
    results.hits = _hits(shown, snippets)
    return results


def _hits(shown: list[int], snippets: dict[int, str]) -> list[Hit]:
    documents = SearchDocument.objects.in_bulk(shown)
    work_ids = [d.work_id for d in documents.values() if d.work_id]
    author_ids = [d.author_id for d in documents.values() if d.author_id]
    works = Work.objects.prefetch_related("contributions__author").in_bulk(work_ids)
    authors = Author.objects.in_bulk(author_ids)
    hits = []
    for doc_id in shown:
        document = documents[doc_id]
        record = (
            works.get(document.work_id) if document.work_id else authors.get(document.author_id)
        )
        if record is not None:
            hits.append(Hit(document.kind, record, _highlight(snippets.get(doc_id, ""))))
    return hits
