"""Query text: words, folding, stop words and edit distance (pure Python, no Django)."""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_WORDS = 12
_WORD = re.compile(r"[^\W_]+")
# The stop words both backends drop, so SQLite and PostgreSQL answer alike: the
# Snowball English list that PostgreSQL's English configuration uses.
STOP_WORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now
    """.split()
)


def fold(text: str) -> str:
    """Lower case without diacritics: 'Zamość' → 'zamosc'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Every folded word of a text."""
    return _WORD.findall(fold(text))


def query_words(query: str) -> list[str]:
    """The words a query searches for: folded, without stop words or duplicates."""
    seen: list[str] = []
    for word in words(query[:1000]):
        if word not in STOP_WORDS and word not in seen:
            seen.append(word)
        if len(seen) == MAX_QUERY_WORDS:
            break
    return seen


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours counts once), capped at limit+1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def typo_budget(word: str) -> int:
    """How many edits a word of this length may be away from what was meant."""
    return 1 if len(word) <= 5 else 2


# The most edits typo_budget allows, and how many letters of a word its spellings keep
# (SymSpell's "prefix length"): a word is filed under a bounded number of spellings,
# however long it is.
MOST_TYPOS = 2
SPELLING_LETTERS = 7


def spellings(word: str, deletes: int = MOST_TYPOS) -> set[str]:
    """The word's first SPELLING_LETTERS letters with up to ``deletes`` of them left out.

    Symmetric deletes: two words within ``deletes`` edits of each other (insertions,
    deletions, substitutions, swaps of neighbours) share at least one spelling, since
    each edit is undone by leaving out at most one letter on each side. So the
    vocabulary words that a misspelt word may have meant are found by looking its
    spellings up, never by comparing it with every word.
    """
    found = {word[:SPELLING_LETTERS]}
    for _ in range(deletes):
        found |= {s[:i] + s[i + 1 :] for s in found for i in range(len(s))}
    return found
