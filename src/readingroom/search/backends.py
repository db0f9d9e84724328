"""The two full-text backends: each says how to match and score; SQL does the rest.

Every query word is matched as a prefix (results appear as the reader types) and
all words must match. Scores are "higher is better" on both backends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

# Private-use characters mark highlighted words inside snippets; the view escapes
# the text and turns them into <mark> elements.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class Matching:
    """SQL that selects matching documents as `d`, with a score column expression."""

    tables: str
    condition: str
    params: list[object]
    score: str


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join(["%s"] * len(values))


def _vocabulary_scan(word: str) -> list[tuple[str, int]]:
    """Known words that start with the same letter and are about as long."""
    low, high = word[0], chr(ord(word[0]) + 1)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, frequency FROM search_searchterm"
            " WHERE term >= %s AND term < %s AND length(term) BETWEEN %s AND %s",
            [low, high, len(word) - 2, len(word) + 2],
        )
        return list(cursor.fetchall())


class SQLiteBackend:
    """FTS5 with bm25 ranking; column weights title 10, people 5, annotation 2, biography 1."""

    @staticmethod
    def _expression(words: Sequence[str]) -> str:
        return " AND ".join(f'"{w}"*' for w in words)

    def matching(self, words: Sequence[str]) -> Matching:
        return Matching(
            tables="search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid",
            condition="search_fts MATCH %s",
            params=[self._expression(words)],
            score="-bm25(search_fts, 10.0, 5.0, 2.0, 1.0)",
        )

    def snippets(self, words: Sequence[str], doc_ids: Sequence[int]) -> dict[int, str]:
        if not doc_ids:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, snippet(search_fts, -1, %s, %s, '…', 24) FROM search_fts"
                f" WHERE search_fts MATCH %s AND rowid IN ({_placeholders(doc_ids)})",
                [MARK_START, MARK_END, self._expression(words), *doc_ids],
            )
            return dict(cursor.fetchall())

    def candidates(self, word: str) -> list[tuple[str, int]]:
        return _vocabulary_scan(word)


class PostgresBackend:
    """tsvector with weights A–D (title, people, annotation, biography) and ts_rank."""

    _WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A, as ts_rank wants them

    @staticmethod
    def _query(words: Sequence[str]) -> str:
        return " & ".join(f"{w}:*" for w in words)

    def matching(self, words: Sequence[str]) -> Matching:
        return Matching(
            tables="search_searchdocument d, to_tsquery('readingroom', %s) q",
            condition="d.vector @@ q",
            params=[self._query(words)],
            score=f"ts_rank('{self._WEIGHTS}'::float4[], d.vector, q)",
        )

    def snippets(self, words: Sequence[str], doc_ids: Sequence[int]) -> dict[int, str]:
        if not doc_ids:
            return {}
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, ts_headline('readingroom',"
                " coalesce(nullif(d.annotation, ''), nullif(d.biography, ''), d.title), q, %s)"
                " FROM search_searchdocument d, to_tsquery('readingroom', %s) q"
                f" WHERE d.id IN ({_placeholders(doc_ids)})",
                [options, self._query(words), *doc_ids],
            )
            return dict(cursor.fetchall())

    def candidates(self, word: str) -> list[tuple[str, int]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, frequency FROM search_searchterm WHERE term %% %s"
                " ORDER BY similarity(term, %s) DESC LIMIT 50",
                [word, word],
            )
            similar = list(cursor.fetchall())
        return list(dict.fromkeys(similar + _vocabulary_scan(word)))


Backend = SQLiteBackend | PostgresBackend


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SQLiteBackend()
