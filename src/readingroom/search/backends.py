"""The two full-text backends: each asks its own index, and answers alike.

Every query word is matched as a prefix (results appear as the reader types) and
all words must match. Facets and sample levels are tokens in the same index
(search.facets), so a search narrowed by them is answered by the index too: no
backend reads every matching document to narrow, count or sample. Scores are
"higher is better" on both backends; ties go to the older document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import connection

from .facets import sample_token

# Private-use characters mark highlighted words inside snippets; the view escapes
# the text and turns them into <mark> elements.
MARK_START, MARK_END = "\ue000", "\ue001"


class Ranked(NamedTuple):
    """A result on the page: its search document and what the page shows of its record."""

    id: int
    kind: str  # "work" or "author"
    record_id: int
    slug: str
    title: str  # a work's title, an author's name
    year: int | None
    year_end: int | None
    pages: int | None
    snippet: str  # the best stretch of its text, matched words between MARK_START and MARK_END


class Sampled(NamedTuple):
    """What a matching document is counted by (search.facets.facet_values), and its
    facet tokens (which of the sets asked for it is in)."""

    kind: str
    facet_author_id: int | None
    year: int | None
    pages: int | None
    tokens: str


def _with_records(ranked: str, total: str, snippet: str) -> str:
    """The page's documents, best first, with their count, what the page shows of their
    works and authors, and their snippets: `ranked` is a subquery of the page's
    (id, score), so only the page's documents are read."""
    return (
        f"SELECT {total}, d.id, d.kind, coalesce(w.id, a.id), coalesce(w.slug, a.slug),"
        f" coalesce(w.title, a.name), w.year, w.year_end, w.pages, {snippet}"
        f" FROM {ranked} AS ranked JOIN search_searchdocument d ON d.id = ranked.id"
        " LEFT JOIN catalog_work w ON w.id = d.work_id"
        " LEFT JOIN catalog_author a ON a.id = d.author_id"
        " ORDER BY ranked.score DESC, ranked.id"
    )


def _page(rows: list[tuple[object, ...]], total: object) -> tuple[list[Ranked], int]:
    """Ranked rows and their count (`total` when there are no rows: past the last page,
    the count alone). A record deleted since its document was read is left out."""
    found = [Ranked(*row[1:]) for row in rows if row[3] is not None]  # type: ignore[arg-type]
    return found, int(str(rows[0][0] if rows else total))


def placeholders(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def fetch(sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
    """The rows of one statement."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


class SQLiteBackend:
    """FTS5 ranked by bm25, column weights title 10, people 5, annotation 2, biography 1.

    The query's words are held to the text columns; facet tokens to the `facets`
    column, whose weight 0 leaves the score to the words.
    """

    WEIGHTS = "10.0, 5.0, 2.0, 1.0, 0.0"

    @staticmethod
    def expression(words: Sequence[str], tokens: Sequence[str] = ()) -> str:
        """The FTS5 query: every word as a prefix in the text, every token in the facets."""
        found = " AND ".join(f'"{w}"*' for w in words)
        narrowed = "".join(f' AND facets : "{t}"' for t in tokens)
        return f"{{title people annotation biography}} : ({found}){narrowed}"

    def count(self, words: Sequence[str], tokens: Sequence[str]) -> int:
        """How many documents match, counted in the index alone."""
        [(found,)] = fetch(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH %s",
            [self.expression(words, tokens)],
        )
        return int(str(found))

    # The index counts as cheaply as it estimates.
    estimate = count

    def page(
        self, words: Sequence[str], tokens: Sequence[str], limit: int, offset: int
    ) -> tuple[list[Ranked], int]:
        """One page of the best matches, ranked in the index, and how many match."""
        match = self.expression(words, tokens)
        ranked = (
            f"(SELECT rowid AS id, -bm25(search_fts, {self.WEIGHTS}) AS score FROM search_fts"
            " WHERE search_fts MATCH %s ORDER BY score DESC, rowid LIMIT %s OFFSET %s)"
        )
        total = "(SELECT count(*) FROM search_fts WHERE search_fts MATCH %s)"
        rows = fetch(_with_records(ranked, total, "''"), [match, match, limit, offset])
        shown, found = _page(rows, self.count(words, tokens) if offset and not rows else 0)
        snippets = self._snippets(words, [r.id for r in shown])
        return [r._replace(snippet=snippets.get(r.id, "")) for r in shown], found

    def matches_any(self, words: Sequence[str]) -> bool:
        return bool(
            fetch(
                "SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT 1",
                [self.expression(words)],
            )
        )

    def sample(
        self, words: Sequence[str], sets: Sequence[Sequence[str]], limit: int
    ) -> list[Sampled]:
        """Up to `limit` documents that match the words and all the tokens of any of the
        sets, in no particular order: one reading of the words for every set."""
        either = " OR ".join(
            "facets : (" + " AND ".join(f'"{t}"' for t in tokens) + ")" for tokens in sets
        )
        match = self.expression(words) + (f" AND ({either})" if all(sets) else "")
        rows = fetch(
            "SELECT kind, facet_author_id, year, pages, facets FROM search_searchdocument"
            " WHERE id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
            [match, limit],
        )
        return [Sampled(*row) for row in rows]  # type: ignore[arg-type]

    def _snippets(self, words: Sequence[str], doc_ids: Sequence[int]) -> dict[int, str]:
        """The page's snippets, from a query of the words alone: a narrowed query's facet
        tokens would be phrases too, and their column could be the one a snippet shows.
        """
        if not doc_ids:
            return {}
        # `+rowid`: FTS5 would look each id up with the query's whole prefix expansion;
        # the query read once and its rows picked costs one expansion.
        rows = fetch(
            "SELECT rowid, snippet(search_fts, -1, %s, %s, '…', 24) FROM search_fts"
            f" WHERE search_fts MATCH %s AND +rowid IN ({placeholders(doc_ids)})",
            [MARK_START, MARK_END, self.expression(words), *doc_ids],
        )
        return {int(str(doc_id)): str(text) for doc_id, text in rows}


class PostgresBackend:
    """tsvector with weights A–D (title, people, annotation, biography) and ts_rank;
    the facet tokens in a tsvector of their own (`facet_vector`), with its own GIN index."""

    WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A, as ts_rank wants them
    _HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"

    @staticmethod
    def tsquery(words: Sequence[str]) -> str:
        """The words as to_tsquery('readingroom', …) takes them: each a prefix."""
        return " & ".join(f"{w}:*" for w in words)

    @staticmethod
    def facet_tsquery(tokens: Sequence[str]) -> str:
        """Facet tokens as a tsquery of their own: they are taken as written, never stemmed."""
        return " & ".join(f"'{t}'" for t in tokens)

    def matching(self, words: Sequence[str], tokens: Sequence[str]) -> tuple[str, list[object]]:
        """FROM … WHERE … for the documents that match, as `d` with the query as `q`."""
        sql = "FROM search_searchdocument d, to_tsquery('readingroom', %s) q WHERE d.vector @@ q"
        if not tokens:
            return sql, [self.tsquery(words)]
        return f"{sql} AND d.facet_vector @@ %s::tsquery", [
            self.tsquery(words),
            self.facet_tsquery(tokens),
        ]

    def count(self, words: Sequence[str], tokens: Sequence[str]) -> int:
        matching, params = self.matching(words, tokens)
        [(found,)] = fetch(f"SELECT count(*) {matching}", params)
        return int(str(found))

    def estimate(self, words: Sequence[str], tokens: Sequence[str]) -> int:
        """How many documents the planner expects to match, from its statistics on
        both vectors' words: a count would read every matching row (GIN rechecks)."""
        matching, params = self.matching(words, tokens)
        [(plan,)] = fetch(f"EXPLAIN (FORMAT JSON) SELECT 1 {matching}", params)
        found: Any = json.loads(plan) if isinstance(plan, str) else plan
        return int(found[0]["Plan"]["Plan Rows"])

    def page(
        self, words: Sequence[str], tokens: Sequence[str], limit: int, offset: int
    ) -> tuple[list[Ranked], int]:
        """One page of the best matches, and how many match, from one pass over them; the
        snippets are made for the page's documents only."""
        matching, params = self.matching(words, tokens)
        # OFFSET 0 keeps each match's score computed as its row is read: otherwise the
        # count's window would hold every match's whole vector until the sort.
        ranked = (
            "(SELECT id, score, count(*) OVER () AS total FROM (SELECT d.id,"
            f" ts_rank('{self.WEIGHTS}'::float4[], d.vector, q) AS score {matching} OFFSET 0)"
            " AS scored ORDER BY score DESC, id LIMIT %s OFFSET %s)"
        )
        snippet = (
            "ts_headline('readingroom', coalesce(nullif(d.annotation, ''),"
            " nullif(d.biography, ''), d.title), to_tsquery('readingroom', %s), %s)"
        )
        rows = fetch(
            _with_records(ranked, "ranked.total", snippet),
            [self.tsquery(words), self._HEADLINE, *params, limit, offset],
        )
        return _page(rows, self.count(words, tokens) if offset and not rows else 0)

    def matches_any(self, words: Sequence[str]) -> bool:
        matching, params = self.matching(words, [])
        return bool(fetch(f"SELECT 1 {matching} LIMIT 1", params))

    def sample(
        self, words: Sequence[str], sets: Sequence[Sequence[str]], limit: int
    ) -> list[Sampled]:
        """Up to `limit` documents that match the words and all the tokens of any of the
        sets, in no particular order: one reading of the words for every set.

        A quarter of all documents are in the first sample level: the index is asked
        for the sets without its token, and the rows it finds are checked for it
        (behind OFFSET 0, which keeps the planner from reading its posting list).
        """
        dense = sample_token(1)
        indexed = [[t for t in tokens if t != dense] for tokens in sets]
        matching, params = self.matching(words, [])
        columns = "d.kind, d.facet_author_id, d.year, d.pages, d.facets, d.facet_vector"
        found = f"SELECT {columns} {matching}"
        if all(indexed):
            found += " AND d.facet_vector @@ %s::tsquery"
            params.append(self._either(indexed))
        if all(sets) and indexed != sets:
            found = f"SELECT * FROM ({found} OFFSET 0) AS d WHERE d.facet_vector @@ %s::tsquery"
            params.append(self._either(sets))
        rows = fetch(f"{found} LIMIT %s", [*params, limit])
        return [Sampled(*row[:5]) for row in rows]  # type: ignore[arg-type]

    def _either(self, sets: Sequence[Sequence[str]]) -> str:
        return " | ".join(f"({self.facet_tsquery(tokens)})" for tokens in sets)


Backend = SQLiteBackend | PostgresBackend


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
