"""What a timeline event is about: the kinds of life event, and context.

A kind is the event's role in the life, fixed when it is extracted, so that the
timeline, its picture and editors' corrections never have to read a label's words
again. ``context`` is not a life event at all: a named event or period the text
mentions (a war, a revolution, a purge), drawn as a background band behind the life.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .lexicon import lexicon
from .segmentation import word_matches

# Kind → how a reader names it. Order is the order an editor's menu lists them.
KINDS: dict[str, str] = {
    "birth": "birth",
    "death": "death",
    "family": "family",
    "education": "education",
    "residence": "residence",
    "travel": "travel",
    "exile": "exile or expulsion",
    "arrest": "arrest or imprisonment",
    "membership": "membership",
    "work": "work",
    "other": "other",
    "context": "context (not the subject's life)",
}
LIFE_KINDS = frozenset(KINDS) - {"context"}


def kind_of(label: str, clause: str = "") -> str:
    """The kind of life event a label tells, from the words that begin its words
    (data/lexicon.toml's [kinds]); failing the label, its clause's; else "other"."""
    verb, _, rest = label.lower().partition(" ")
    order = _pattern()[1]
    # The verb first ("expelled from the party" is an expulsion), then the rest.
    for text in (verb, rest, clause.lower()):
        found = {kind for kind in set().union(*map(_kinds_in, text.split())) if kind}
        if found:
            return min(found, key=order.__getitem__)
    return "other"


@lru_cache(maxsize=16384)
def _kinds_in(word: str) -> frozenset[str | None]:
    """The kinds whose beginnings begin the (lowered) word or a part of it ("co-founded"
    holds "found"). No beginning holds a space, so the words of a text, looked up
    one by one, find what the pattern finds in the whole text; and a word's kinds are
    a fact of the word, kept for the next time it comes."""
    return frozenset(match.lastgroup for match in word_matches(_pattern()[0], word))


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every kind's word beginnings, each kind a named group, and the
    order the kinds are preferred in."""
    kinds = lexicon().kinds
    groups = (
        f"(?P<{kind}>" + "|".join(map(re.escape, beginnings)) + ")" for kind, beginnings in kinds
    )
    pattern = re.compile("|".join(groups))
    return pattern, {kind: index for index, (kind, _) in enumerate(kinds)}
