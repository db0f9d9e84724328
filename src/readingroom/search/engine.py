"""Searching the catalog: ranking, facets, pagination, snippets and typo correction.

A search costs what its page costs, not what its matches do. The page is ranked
inside the full-text index (bm25 or ts_rank with LIMIT) and only its documents are
read; snippets are made for the page alone. Facet counts are exact when a search
matches at most EXACT_COUNTS documents; beyond, they are estimated from a uniform
sample of at most that many of the matches, which the index hands over as one
more token in the query (search.facets), and each estimate says so. A misspelt
word is corrected from the vocabulary's spelling index (SearchSpelling).
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.utils.safestring import SafeString, mark_safe

from readingroom.catalog.bulk import chunks
from readingroom.catalog.models import Author, Work

from .backends import MARK_END, MARK_START, Backend, Ranked, backend, fetch, placeholders
from .facets import (
    FACETS,
    LENGTH_BANDS,
    SAMPLE_BASE,
    SAMPLE_LEVELS,
    facet_values,
    sample_token,
    token_for,
)
from .models import SearchSpelling, SearchTerm
from .text import edit_distance, query_words, spellings, typo_budget

M = TypeVar("M", Work, Author)
PER_PAGE = 20
TOP_AUTHORS = 12
# Facet counts are exact for a search matching at most this many documents; beyond,
# they come from a uniform sample of between a quarter of this and this many, and a
# value is shown only when the sample holds it this often (its estimate is then
# within about 45% at one standard error: rare authors among many matches are left
# out rather than guessed).
EXACT_COUNTS = 1_000
SEEN_TO_ESTIMATE = 5


@dataclass
class Hit:
    kind: str
    record: Work | Author  # holds the fields the results show (see _hits); others load if asked
    snippet: SafeString
    byline: list[str] = field(default_factory=list)  # a work's credited names, in order


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    estimated: bool = False  # counted in a sample of the matches: "about" this many


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

    @property
    def estimated(self) -> bool:
        """Whether any facet count shown is an estimate."""
        return any(v.estimated for values in self.facets.values() for v in values)


_Key = frozenset[tuple[str, str]]  # a set of matches: the filters that narrow it


@dataclass
class _Sample:
    """The facet values of matching documents; each document stands for `scale` matches."""

    values: list[dict[str, str]]
    scale: int


def _level_for(matches: int) -> int:
    """The densest sample level that keeps at most EXACT_COUNTS of so many matches
    (level 0 keeps them all)."""
    level = 0
    while matches > EXACT_COUNTS * SAMPLE_BASE**level and level < SAMPLE_LEVELS:
        level += 1
    return level


def _samples(
    index: Backend, words: Sequence[str], wanted: dict[_Key, list[str]], matches: dict[_Key, int]
) -> dict[_Key, _Sample]:
    """For each set of matches (the words narrowed by its tokens): all its documents, or
    a uniform sample of them, bounded either way, all from one reading of the index.

    `matches` is how many each set is thought to hold. A sample level that holds more
    than it should is refused after reading a bounded number of rows, and the next
    sparser level tried; one that shows far fewer matches than were thought gives way,
    once, to counting them all.
    """
    levels = {key: _level_for(matches[key]) for key in wanted}
    counted_all: set[_Key] = set()
    while True:
        asked = {
            key: [*tokens, sample_token(levels[key])] if levels[key] else tokens
            for key, tokens in wanted.items()
        }
        limits = {key: EXACT_COUNTS * (SAMPLE_BASE if levels[key] else 1) for key in wanted}
        # Every row is in some set, so rows past the sum of the limits mean a set over
        # its own: that one is asked at a sparser level, and the others again with it.
        rows = index.sample(words, list(asked.values()), sum(limits.values()) + 1)
        samples, again = {}, False
        for key, tokens in asked.items():
            level = levels[key]
            held = [row for row in rows if set(tokens) <= set(row.tokens.split())]
            found = len(held) * SAMPLE_BASE**level
            if len(held) > limits[key] and level < SAMPLE_LEVELS:
                levels[key], again = max(level + 1, _level_for(found)), True
            elif level and found <= EXACT_COUNTS and key not in counted_all:
                levels[key], again = 0, True
                counted_all.add(key)
            else:
                samples[key] = _Sample([facet_values(*row[:4]) for row in held], SAMPLE_BASE**level)
        if not again:
            return samples


def _about(count: int) -> int:
    """An estimate to two significant figures: 1,088 is about 1,100."""
    rounding = max(1, 10 ** (len(str(count)) - 2))
    return round(count / rounding) * rounding


def _facets(
    index: Backend, words: Sequence[str], filters: dict[str, str], total: int
) -> dict[str, list[FacetValue]]:
    """Each facet's values and counts among the matches that pass the other facets'
    filters, so a reader sees what choosing another value would give."""
    sets = {name: {k: v for k, v in filters.items() if k != name} for name in FACETS}
    wanted: dict[_Key, list[str]] = {}
    matches: dict[_Key, int] = {}
    for others in sets.values():
        tokens = [token_for(k, v) for k, v in others.items()]
        key = frozenset(others.items())
        if key not in wanted and None not in tokens:  # else a filter no document passes
            wanted[key] = [t for t in tokens if t]
            # The search's own matches are counted already; others are estimated.
            matches[key] = total if others == filters else index.estimate(words, wanted[key])
    samples = _samples(index, words, wanted, matches) if wanted else {}
    counts: dict[str, Counter[str]] = {}
    scales: dict[str, int] = {}
    for name, others in sets.items():
        sample = samples.get(frozenset(others.items()), _Sample([], 1))
        counts[name] = Counter(values[name] for values in sample.values if name in values)
        if sample.scale > 1:  # a value seen a few times in a sample gives no estimate
            counts[name] = Counter({v: n for v, n in counts[name].items() if n >= SEEN_TO_ESTIMATE})
        scales[name] = sample.scale
    return _facet_values(counts, scales, filters, total)


def _facet_values(
    counts: dict[str, Counter[str]], scales: dict[str, int], filters: dict[str, str], total: int
) -> dict[str, list[FacetValue]]:
    for name, value in filters.items():
        if total:  # the chosen value's count is the search's own total, exactly
            counts[name][value] = total
    top_authors = sorted(counts["author"], key=lambda v: (-counts["author"][v], v))[:TOP_AUTHORS]
    chosen = filters.get("author", "")
    if chosen in counts["author"] and chosen not in top_authors:
        top_authors.append(chosen)  # a reader always sees, and can undo, their choice
    names = _author_names(top_authors)
    bands = {band: label for band, label, _, _ in LENGTH_BANDS}

    def values(name: str, ordered: list[str], label: Callable[[str], str]) -> list[FacetValue]:
        shown = []
        for value in ordered:
            selected = filters.get(name) == value
            estimated = scales[name] > 1 and not selected
            count = counts[name][value] * (1 if selected else scales[name])
            if count:
                count = _about(count) if estimated else count
                shown.append(FacetValue(value, label(value), count, selected, estimated))
        return shown

    return {
        "author": values("author", top_authors, lambda v: names.get(v, v)),
        "decade": values("decade", sorted(counts["decade"], key=int), lambda v: f"{v}s"),
        "length": values("length", list(bands), bands.__getitem__),
    }


def correct(words: list[str]) -> list[str]:
    """Each word, or the known word it was most likely meant to be.

    The nearest vocabulary word within the word's typo budget, the more frequent of
    equally near ones: the words it may have meant are looked up by its spellings
    (SearchSpelling), so the answer is the vocabulary's nearest word without a scan.
    """
    known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))
    misspelt = {
        word: spellings(word, typo_budget(word))
        for word in words
        if word not in known and len(word) >= 3 and word.isalpha()
    }
    filed: dict[str, set[tuple[str, int]]] = defaultdict(set)
    looked_up = sorted(set().union(*misspelt.values()))
    for chunk in chunks(looked_up):
        rows = SearchSpelling.objects.filter(spelling__in=chunk)
        for spelling, term, frequency in rows.values_list(
            "spelling", "term__term", "term__frequency"
        ):
            filed[spelling].add((term, frequency))
    return [_nearest(word, misspelt[word], filed) if word in misspelt else word for word in words]


def _nearest(word: str, its_spellings: set[str], filed: dict[str, set[tuple[str, int]]]) -> str:
    budget = typo_budget(word)
    candidates = set().union(*(filed[s] for s in its_spellings if s in filed))
    scored = [
        (distance, -frequency, term)
        for term, frequency in candidates
        if (distance := edit_distance(word, term, budget)) <= budget
    ]
    return min(scored)[2] if scored else word


def _highlight(snippet: str) -> SafeString:
    escaped = html.escape(snippet)
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def search(query: str, filters: dict[str, str] | None = None, page: int = 1) -> SearchResults:
    """Search works and authors; any query string gives an answer, never an error."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    results = SearchResults(query=query, words=query_words(query))
    if not results.words:
        return results
    index = backend()
    tokens = [token_for(name, value) for name, value in filters.items()]
    chosen = [t for t in tokens if t] if None not in tokens else None
    shown, results.total = _ranked(index, results.words, chosen, page)
    if not results.total and not (filters and index.matches_any(results.words)):
        corrected = correct(results.words)
        if corrected != results.words:
            results.words, results.corrected = corrected, " ".join(corrected)
            shown, results.total = _ranked(index, corrected, chosen, page)
    results.pages = max(1, -(-results.total // PER_PAGE))
    results.page = min(max(page, 1), results.pages)
    results.facets = _facets(index, results.words, filters, results.total)
    results.hits = _hits(shown)
    return results


def _ranked(
    index: Backend, words: list[str], tokens: list[str] | None, page: int
) -> tuple[list[Ranked], int]:
    """The page's documents and how many match; a page past the last gives the last.
    A filter no document can pass (`tokens` None) matches nothing."""
    if tokens is None:
        return [], 0
    offset = (max(page, 1) - 1) * PER_PAGE
    shown, total = index.page(words, tokens, PER_PAGE, offset)
    if total and offset >= total:
        shown, total = index.page(words, tokens, PER_PAGE, (total - 1) // PER_PAGE * PER_PAGE)
    return shown, total


def _hits(shown: list[Ranked]) -> list[Hit]:
    """The page's works and authors, made from what the page's query read of them."""
    bylines = _bylines([r.record_id for r in shown if r.kind == "work"])
    hits = []
    for r in shown:
        record: Work | Author
        if r.kind == "work":
            fields = {"slug": r.slug, "title": r.title, "year": r.year, "year_end": r.year_end}
            record = _loaded(Work, {"id": r.record_id, **fields, "pages": r.pages})
        else:
            record = _loaded(Author, {"id": r.record_id, "slug": r.slug, "name": r.title})
        byline = bylines.get(r.record_id, []) if r.kind == "work" else []
        hits.append(Hit(r.kind, record, _highlight(r.snippet), byline))
    return hits


def _loaded(model: type[M], values: dict[str, object]) -> M:
    """A record as the database gave it, with only these fields read (Model.from_db)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db("default", names, [values[name] for name in names])


def _author_names(ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = fetch(
        f"SELECT id, name FROM catalog_author WHERE id IN ({placeholders(ids)})",
        [int(pk) for pk in ids],
    )
    return {str(pk): str(name) for pk, name in rows}


def _bylines(work_ids: list[int]) -> dict[int, list[str]]:
    """Each work's credited names, in their order."""
    names: dict[int, list[str]] = defaultdict(list)
    if work_ids:
        credits = fetch(
            "SELECT c.work_id, a.name FROM catalog_contribution c"
            " JOIN catalog_author a ON a.id = c.author_id"
            f" WHERE c.work_id IN ({placeholders(work_ids)})"
            ' ORDER BY c.work_id, c."order"',
            work_ids,
        )
        for work_id, name in credits:
            names[int(str(work_id))].append(str(name))
    return names
