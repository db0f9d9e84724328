"""What search results are narrowed and counted by, as the full-text index holds it.

Pure Python (no Django). A document's facets — the author of a work, the decade of
its year, the length band of its pages — and its sample levels are written as
tokens in the document's `facets` text, which both full-text indexes take in beside
the words (an FTS5 column on SQLite, a tsvector of its own on PostgreSQL). So a
chosen facet narrows a search inside the index, and a bounded, uniform sample of
any search's matches is one more token in its query:

    >>> document_tokens("work", 42, 7, 1894, 320)
    'a7 d1890 l1'
    >>> [token_for("decade", "-50"), token_for("length", "long"), token_for("author", "x")]
    ['dn50', 'l2', None]

Every document is in sample level k (token `s<k>`) with chance 4**-k, by a hash of
the record it indexes, independently of its words and facets; levels nest, so the
matches of a query that carry `s3` are a uniform sample of about 1 in 64 of them.
"""

from __future__ import annotations

import hashlib
import re

LENGTH_BANDS = [
    ("short", "under 150 pages", 0, 149),
    ("medium", "150–399 pages", 150, 399),
    ("long", "400 pages or more", 400, 10**9),
]
FACETS = ("author", "decade", "length")
# Sample levels: level k keeps a document with chance SAMPLE_BASE**-k. Twelve levels
# reach 1 in 16.7 million, which leaves a sample of a search matching a billion.
SAMPLE_BASE = 4
SAMPLE_LEVELS = 12
_NUMBER = re.compile(r"-?[0-9]{1,18}")


def decade(year: int) -> int:
    """The decade of a year, rounded toward zero as SQL's integer division does (-55 → -50)."""
    return (abs(year) // 10 * 10) * (-1 if year < 0 else 1)


def length_band(pages: int) -> str | None:
    for band, _, low, high in LENGTH_BANDS:
        if low <= pages <= high:
            return band
    return None


def facet_values(
    kind: str, facet_author_id: int | None, year: int | None, pages: int | None
) -> dict[str, str]:
    """A document's facet values, as the search page shows and chooses them.

    Only works are counted by author: an author's own document is not one of their works.
    """
    values = {}
    if kind == "work" and facet_author_id is not None:
        values["author"] = str(facet_author_id)
    if year is not None:
        values["decade"] = str(decade(year))
    if pages is not None and (band := length_band(pages)) is not None:
        values["length"] = band
    return values


def token_for(name: str, value: str) -> str | None:
    """The index token of a facet value, or None for a value no document can have.

    Tokens are letters then digits, which no stemmer changes; a number must be one a
    database column can hold ("²" passes isdigit(), twenty digits overflow 64 bits).
    """
    if name in ("author", "decade") and _NUMBER.fullmatch(value):
        number = int(value)
        if name == "author":
            return f"a{number}"
        return f"dn{-number}" if number < 0 else f"d{number}"
    bands = [band for band, _, _, _ in LENGTH_BANDS]
    if name == "length" and value in bands:
        return f"l{bands.index(value)}"
    return None


def sample_token(level: int) -> str:
    return f"s{level}"


def sample_levels(kind: str, record_id: int) -> int:
    """How many sample levels a document is in: level k with chance SAMPLE_BASE**-k."""
    digest = hashlib.blake2b(f"{kind}:{record_id}".encode(), digest_size=8).digest()
    share = int.from_bytes(digest, "big") / 2**64
    levels = 0
    while levels < SAMPLE_LEVELS and share < SAMPLE_BASE ** -(levels + 1):
        levels += 1
    return levels


def document_tokens(
    kind: str, record_id: int, facet_author_id: int | None, year: int | None, pages: int | None
) -> str:
    """The `facets` text of the search document of a work or an author."""
    values = facet_values(kind, facet_author_id, year, pages)
    tokens = [token_for(name, value) for name, value in values.items()]
    tokens += [sample_token(k) for k in range(1, sample_levels(kind, record_id) + 1)]
    return " ".join(t for t in tokens if t)
