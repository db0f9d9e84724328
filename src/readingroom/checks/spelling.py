r"""Spelling: words no English dictionary knows, and commonly confused words.

The dictionary is Debian's SCOWL lists, American and British (checks/dictionary.py).
Proper names, foreign titles and historical terms are not misspellings: a word
capitalised inside a sentence is a name; a word with letters outside English's
(Zamość, Boétie) is foreign; and the guide's own vocabulary is known — its authors'
names, its titles, the gazetteer's places, the timeline's named events, and the
words an editor added (`readingroom lint --words FILE`, or the admin's "add to the
dictionary"). A capitalised word at a sentence's start is checked unless the guide
writes it capitalised elsewhere too (a name). A word is flagged only when an English
word is one slip from it (a letter dropped, added, swapped or struck for another):
a word further from any is a name, a term of another language or a coinage far more
often than a typing slip; and a text whose words are too few of English's commonest
is in another language, and left be.

Confused words come from data/confused.toml: each rule finds the wrong word only
in a context where the other is all but certain ("not adverse to" → "averse").

Examples (run by tests/checks/test_examples.py, when the word lists are installed)::

    >>> from readingroom.checks import examples
    >>> for line in examples("# Victor Serge\n\nHe recieved a letter, was not adverse to a"
    ...     " fight and payed a high price. The colour and the color.\n\nB (1931): 2 pages, b.\n",
    ...     "spelling"):
    ...     print(line)
    3:4 spelling/unknown-word 'recieved' -> 'received'
    3:31 spelling/confused-word 'adverse' -> 'averse'
    3:54 spelling/confused-word 'payed' -> 'paid'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from readingroom.timeline.gazetteers import historical_events
from readingroom.timeline.lexicon import lexicon
from readingroom.timeline.segmentation import sentences

from .dictionary import Dictionary, english
from .document import Document, Prose, own_names, texts
from .findings import Finding
from .places import gazetteer
from .rules import read_data

# A word: letters, with apostrophes and hyphens inside it (a hyphen may end a line:
# "court-\nmartialled").
_WORD = re.compile(r"[^\W\d_]+(?:(?:['’]|-\s*)[^\W\d_]+)*")
# An address, a handle or a path ("readinggroups@…", "u/cul_de_sac"): no words.
_NOT_PROSE = re.compile(r"\S*[@/_\\]\S*|\S*\d\S*")
_ENGLISH_LETTERS = re.compile(r"[A-Za-z'’-]+")
# Emphasis marks a title or a foreign phrase ("*Il Principe*"): not checked.
_EMPHASIS = re.compile(r"(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1")
# Shorter words are initials, abbreviations or Roman numerals more often than slips.
_SHORTEST = 3
_POSSESSIVE = re.compile(r"['’]s?$")
# A text of at least this many words, more than this share of them unknown, is not
# English either (a list of names, a text in a language sharing English's short words).
_FEW_WORDS = 8
_FOREIGN_SHARE = 0.25
# Prefixes a compound may begin with though no dictionary lists them alone.
_DATA = read_data("spelling.toml")
_PREFIXES = frozenset(_DATA["prefixes"].split())
_FUNCTION_WORDS = frozenset(_DATA["function_words"].split())
_ENGLISH_SHARE: float = _DATA["english_share"]
# Fewer words than this say too little of a text's language.
_FEW_FOR_LANGUAGE = 12


@dataclass(frozen=True)
class Confusion:
    pattern: re.Pattern[str]
    word: str
    why: str


@cache
def confusions() -> tuple[Confusion, ...]:
    return tuple(
        Confusion(re.compile(r["pattern"], re.IGNORECASE), r["word"], r["why"])
        for r in read_data("confused.toml")["rule"]
    )


def check(document: Document) -> Iterator[Finding]:
    dictionary = english()
    for prose in texts(document):
        yield from _confused(document, prose)
    if dictionary is None:
        return
    known = _vocabulary(document)
    names = _names(document)
    for prose in texts(document):
        yield from _unknown(document, prose, dictionary, known, names)


@cache
def _shared_vocabulary() -> frozenset[str]:
    """Names every guide may use: the gazetteer's places and the named events."""
    words = {w for name in gazetteer().known for w in name.split()}
    words |= {w for event in historical_events() for name in event.names for w in name.split()}
    return frozenset(words)


def _vocabulary(document: Document) -> frozenset[str]:
    return _shared_vocabulary() | own_names(document)


def _names(document: Document) -> frozenset[str]:
    """Words the guide writes capitalised inside a sentence: names."""
    found: set[str] = set()
    for prose in texts(document):
        value = prose.text.value
        for start, end in sentences(value):
            words = list(_WORD.finditer(value, start, end))
            found |= {_POSSESSIVE.sub("", m[0]) for m in words[1:] if m[0][:1].isupper()}
    return frozenset(found)


def _unknown(
    document: Document,
    prose: Prose,
    dictionary: Dictionary,
    known: frozenset[str],
    names: frozenset[str],
) -> Iterator[Finding]:
    value = prose.text.value
    if not _english(value):
        return
    skipped = [m.span(2) for m in _EMPHASIS.finditer(value)]
    skipped += [m.span() for m in _NOT_PROSE.finditer(value)]
    checked, unknown = 0, []
    for start, end in sentences(value):
        words = list(_WORD.finditer(value, start, end))
        for index, match in enumerate(words):
            word = _joined(match[0])
            if len(word) < _SHORTEST or not _ENGLISH_LETTERS.fullmatch(word):
                continue
            if any(a <= match.start() < b for a, b in skipped):
                continue
            bare = _POSSESSIVE.sub("", word)
            following = words[index + 1][0] if index + 1 < len(words) else ""
            if word[:1].isupper() and (
                len(word) <= _SHORTEST  # an abbreviation or a call number ("Naz")
                or index > 0
                or bare in names
                or bare != word
                or word.isupper()
                or _begins_name(following)
            ):
                continue  # a name ("Fabrice del Dongo runs", "Okonkwo's pride"), initials
            checked += 1
            if bare in known or bare in document.vocabulary or dictionary.knows(word):
                continue
            if _compound(bare, dictionary, known):
                continue
            # A word no slip from an English one is a name ("Ezinma"), a term of another
            # language ("shtetl", "nomenklatura") or a coinage, far more often than a
            # misspelling: the slips people make are one letter dropped, doubled,
            # swapped or struck for its neighbour.
            if not dictionary.one_slip_from(word):
                continue
            unknown.append(match)
    # A text with this many unknown words is not English prose: its words are not
    # misspellings of English ones.
    if checked >= _FEW_WORDS and len(unknown) > checked * _FOREIGN_SHARE:
        return
    for match in unknown:
        yield _finding(document, prose, match, dictionary)


def _joined(word: str) -> str:
    """A word hyphenated at a line's end, whole again: "court-\nmartialled"."""
    return re.sub(r"-\s+", "-", word) if "\n" in word else word


def _english(text: str) -> bool:
    """Whether a text is English: enough of its words are English's commonest."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < _FEW_FOR_LANGUAGE:
        return True
    return sum(w in _FUNCTION_WORDS for w in words) >= len(words) * _ENGLISH_SHARE


def _begins_name(following: str) -> bool:
    """Whether the word after a sentence's first word carries on a name."""
    return (following[:1].isupper() and following != "I") or following in lexicon().name_particles


def _compound(word: str, dictionary: Dictionary, known: frozenset[str]) -> bool:
    """A hyphenated word whose parts are words, names or prefixes ("pre-Columbian")."""
    parts = word.split("-")
    return len(parts) > 1 and all(
        p in _PREFIXES or p[:1].isupper() or p in known or dictionary.knows(p) for p in parts
    )


def _finding(
    document: Document, prose: Prose, match: re.Match[str], dictionary: Dictionary
) -> Finding:
    word = _joined(match[0])
    suggestions = dictionary.suggest(word)
    message = f"'{word}' is not in the English dictionary"
    if suggestions:
        message += f": did you mean {suggestions[0]}?"
        if len(suggestions) > 1:
            message += f" (or {', '.join(suggestions[1:])})"
    return document.finding_in(
        prose,
        "spelling/unknown-word",
        message,
        match.start(),
        word,
        suggestions[0] if suggestions else None,
    )


def _confused(document: Document, prose: Prose) -> Iterator[Finding]:
    value = prose.text.value
    for rule in confusions():
        for match in rule.pattern.finditer(value):
            written = match[1]
            yield document.finding_in(
                prose,
                "spelling/confused-word",
                f"'{written}' where '{rule.word}' is meant: {rule.why}",
                match.start(1),
                written,
                rule.word if written[:1].islower() else rule.word.capitalize(),
            )
