"""An event's label: the predicate of its own clause, with its dates taken out.

"Before he was expelled from Belgium in 1909" gives "expelled from Belgium": the
verb nearest before the date, and the words after it up to a phrase boundary, so a
label is never cut inside a name or just before the word that would finish it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon

# Words a label runs to at most, past its verb, before it looks for a phrase's end.
LABEL_WORDS = 10
_PHRASE_END = re.compile(r"[,;:()]")
_QUOTES = re.compile(r"[\"“”]")


@lru_cache(maxsize=16384)
def is_verb(raw: str, first: bool = False) -> bool:
    """Whether a word is a verb's past form or participle ("expelled", "fleeing",
    "went"); a capitalised word inside a sentence is a name instead."""
    word = raw.strip(',.;:()"“”')
    lower = word.lower().rsplit("-", 1)[-1]  # co-founded
    words = lexicon()
    if lower in words.not_verbs or not lower.isalpha() or (word[:1].isupper() and not first):
        return False
    return lower in words.irregular_verbs or (
        len(lower) > 4 and (lower.endswith("ed") or lower.endswith("ing"))
    )


def is_adverb(word: str) -> bool:
    """Whether a word is an adverb in -ly ("shortly"), which stands between a subject
    and its verb without being either; "family" and "Italy" are none."""
    return word.endswith("ly") and word[:1].islower() and word.lower() not in lexicon().not_adverbs


def has_verb(text: str) -> bool:
    words = text.split()
    return bool(words) and (
        is_verb(words[0], True)
        or any(map(is_verb, words[1:]))
        or not lexicon().copulas.isdisjoint(words)
    )


def verb_index(words: list[str], cut: int) -> int | None:
    """The verb nearest before position `cut`, else the first after it."""
    for index in range(min(cut, len(words)) - 1, -1, -1):
        if _verb_at(words, index):
            return index
    for index in range(cut, len(words)):
        if _verb_at(words, index):
            return index
    # Failing any, the copula: "he was ill in Argentina".
    return next((index for index, word in enumerate(words) if word in lexicon().copulas), None)


def _verb_at(words: list[str], index: int) -> bool:
    return is_verb(words[index], index == 0) and not (
        index and words[index - 1].lower() in lexicon().modifiers
    )


def label(clause: str, position: int | None = None, name_end: int | None = None) -> str:
    """The predicate of a clause: 'expelled from Belgium'.

    The verb nearest before `position` (where the date stood) is the one the date
    belongs to; failing that, the first after. A named event that stood there
    (ending at `name_end`) is kept whole: "returned soon after the October revolution".
    """
    words = clause.split()
    cut = len(clause[:position].split()) if position is not None else 0
    chosen = verb_index(words, cut)
    if chosen is not None:
        stop = chosen + LABEL_WORDS
        if name_end is not None and cut < stop:
            stop = max(stop, len(clause[:name_end].split()))
        phrase = " ".join(words[chosen : phrase_end(words, chosen, stop)])
    else:
        phrase = _lead_removed(" ".join(words[:LABEL_WORDS]))
    # Quotation marks go ('"joined" the POUM'), and what follows a comma or a bracket.
    # The words were split and joined again, so single spaces stand between them.
    phrase = _PHRASE_END.split(_QUOTES.sub("", phrase), 1)[0].strip(" .")
    while (trimmed := without_last_word(phrase, lexicon().label_trailing)) != phrase:
        phrase = trimmed
    phrase = _first_fact(phrase)
    return phrase[:1].lower() + phrase[1:] if phrase[:2] != phrase[:2].upper() else phrase


def _first_fact(phrase: str) -> str:
    """A phrase that goes on to a second predicate ends before it: "moved to Berlin",
    not "moved to Berlin and joined the party"; but "arrested and convicted" and
    "released and settled in England" are one fact, their first verb having no
    words of its own."""
    if " and " not in phrase:
        return phrase  # the phrase's words were joined with single spaces
    words = phrase.split()
    for index in range(2, len(words) - 1):
        if words[index] != "and":
            continue
        after = index + 1
        while after < len(words) - 1 and (
            words[after] in lexicon().auxiliaries or is_adverb(words[after])
        ):
            after += 1
        if is_verb(words[after]):
            return " ".join(words[:index])
    return phrase


def _lead_removed(phrase: str) -> str:
    words = phrase.split()
    lead = lexicon().label_lead
    index = 0
    while index < len(words) and words[index].lower() in lead:
        index += 1
    return " ".join(words[index:])


def phrase_end(words: list[str], first: int, stop: int) -> int:
    """Where a label of words[first:stop] ends so as not to stop mid-phrase.

    A name runs on to its end ("the Russian Social Democratic Labour Party"), and a
    preposition at the end takes the name it governs ("the defence of Petrograd");
    a phrase that a lower-case word would continue ends before its last preposition
    or "and" instead ("born in Moscow", not "born in Moscow into an old").
    """
    stop = min(stop, len(words))
    breaks = lexicon().breaks
    if (
        stop < len(words)
        and (words[stop - 1].lower() in breaks or words[stop - 1] in lexicon().articles)
        and words[stop][:1].isupper()
        and not _PHRASE_END.search(words[stop - 1])
    ):
        stop += 1
    while stop < min(len(words), first + 12) and words[stop - 1][:1].isupper():
        if not words[stop][:1].isupper() or _PHRASE_END.search(words[stop - 1]):
            break
        stop += 1
    if _runs_on(words, stop):
        stop = next(
            (index for index in range(stop - 1, first + 1, -1) if words[index] in breaks), stop
        )
    return stop


def _runs_on(words: list[str], stop: int) -> bool:
    """Whether the phrase ending before words[stop] is cut short there."""
    last = words[stop - 1]
    if stop >= len(words) or _PHRASE_END.search(last) or last.endswith("."):
        return False
    # "with the hope | of travelling": a noun phrase that "of" continues is cut short.
    following = words[stop]
    if following[:1].isupper():
        # "from white general | Yudenich": a name the phrase stops before.
        return last[:1].islower() and last.lower() not in lexicon().breaks
    return following == "of" or (following[:1].islower() and following not in lexicon().breaks)


def without_last_word(text: str, words: frozenset[str], alone: bool = False) -> str:
    """The text without its last word if that is one of `words` (and, unless `alone`,
    not the only word). Splitting, not a regex anchored at the end: that one would be
    tried at every position of the text."""
    head, space, last = text.rpartition(" ")
    return head if (space or alone) and last.lower() in words else text


def _drop_governing(piece: str) -> str:
    """The text before a date without the prepositions that lead into it."""
    if not piece[-1:].isspace():
        return piece
    kept = piece.rstrip()
    governing = lexicon().governing
    while (head := without_last_word(kept, governing, alone=True)) != kept:
        kept = head.rstrip()
    return kept + " " if kept != piece.rstrip() else piece


def without_dates(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    """The text with the dates taken out, each with the preposition that governs it."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces.append(_drop_governing(text[position : start - offset]))
        position = end - offset
    pieces.append(text[position:])
    return "".join(pieces)
