"""Sentences and clauses: the stretches of a biography an event is read from."""

from __future__ import annotations

import re
from functools import lru_cache

Span = tuple[int, int]

_ABBREVIATIONS = re.compile(r"\b(?:St|Dr|Mr|Mrs|Ms|Jr|Sr|Gen|Col|Lt|Capt|Prof|No|vs|etc|ca|c)\.\Z")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
_CLAUSE = re.compile(
    r"[;:]|,\s+(?:and\s+|but\s+)?|\s+—\s+|\s+(?:where|when|whereupon|while|which|who)\s+"
)


def sentences(text: str) -> list[Span]:
    """Where each sentence starts and ends; an abbreviation's dot ends none."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
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
