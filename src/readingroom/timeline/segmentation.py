"""Sentences and clauses: the stretches of a biography an event is read from."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

Span = tuple[int, int]

_ABBREVIATIONS = re.compile(r"\b(?:St|Dr|Mr|Mrs|Ms|Jr|Sr|Gen|Col|Lt|Capt|Prof|No|vs|etc|ca|c)\.\Z")
# A sentence ends before a capital or a number, in any script (checked in sentences()).
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?\w)")
# One branch for every boundary that starts with spaces: the engine then reads the
# spaces once at each position, not once per branch.
_CLAUSE = re.compile(
    r"[;:]|,\s+(?:and\s+|but\s+)?|\s+(?:—|where|when|whereupon|while|which|who)\s+"
)


def word_matches(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """The pattern's matches that begin a word. The pattern itself starts with its
    words, not with \\b: the regex engine skips ahead fast to a literal first letter,
    and tries a pattern that starts with \\b at every position of the text."""
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        at = match.start()
        if not at or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            yield match


def word_positions(words: Iterable[str], text: str) -> list[tuple[int, str]]:
    """Where each of the words stands as a whole word in the text, in order. A
    str.find per word: far faster than one pattern of all of them, which the regex
    engine would try at nearly every letter."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            after = at + len(word)
            if (not at or not text[at - 1].isalnum()) and (
                after == len(text) or not text[after].isalnum()
            ):
                found.append((at, word))
            at = text.find(word, after)
    return sorted(found)


def sentences(text: str) -> list[Span]:
    """Where each sentence starts and ends; an abbreviation's dot ends none."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end() : match.end() + 2].lstrip('"“‘(')[:1]
        if not (following.isupper() or following.isdigit()):
            continue
        if _ABBREVIATIONS.search(text, max(start, match.start() - 6), match.start() + 1):
            continue
        spans.append((start, match.start() + 1))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def clause(text: str, start: int, end: int, sentence: Span) -> Span:
    """The clause of the sentence around [start, end): between the punctuation or
    the conjunctions and relative words that bound it."""
    left, right = sentence
    for boundary_start, boundary_end in boundaries(text, sentence):
        if boundary_end <= start:
            left = boundary_end
        elif boundary_start >= end:
            right = boundary_start
            break
    return left, right


def next_clause(text: str, end: int, sentence: Span) -> Span | None:
    """The clause after the one that ends at `end`, if the sentence goes on."""
    for boundary_start, boundary_end in boundaries(text, sentence):
        if boundary_start >= end:
            return clause(text, boundary_end, boundary_end, sentence)
    return None


@lru_cache(maxsize=256)
def boundaries(text: str, sentence: Span) -> tuple[Span, ...]:
    return tuple(m.span() for m in _CLAUSE.finditer(text, sentence[0], sentence[1]))


def boundary_word(text: str, clause_start: int) -> str:
    """The conjunction or relative word that opens a clause ("which", "when"), if any,
    lower-cased; else the punctuation before it, or nothing at a sentence's start."""
    before = text[max(0, clause_start - 12) : clause_start].rstrip()
    last = before.rsplit(None, 1)[-1] if before else ""
    return last.lower().strip(",;:")
