"""Whether two names, as guides write them, are one person or one body.

A name is reduced to a key: its life dates and role marks taken off, read into
display order by the list reader's name parser ("Marx, Karl", "MARX Karl" → "Karl
Marx"), folded (case and diacritics aside), then split into a surname (particles
aside: "de Beauvoir" is filed under "beauvoir") and forenames, each full or an
initial. Bodies keep their words and the acronym they make.

The rules, precision first: life dates that disagree, forenames that conflict or
different surnames mean two people (a surname one letter apart, with the same full
forenames, is a likely misspelling, for an editor to confirm). The same full name is
one person. A name that only could be the same — a surname alone, initials against
forenames, a middle name left out — is one person when the two share a work, and a
candidate otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from readingroom.formats.names import is_corporate_name, parse_names
from readingroom.search.text import edit_distance, fold

from .lexicon import identity_lexicon
from .titles import title_key
from .verdict import Match

_LIFE_DATES = re.compile(
    r"\s*(?:\(\s*(?P<paren>[^()]*?\d{3,4}[^()]*?)\s*\)|,\s*(?P<bare>\d{3,4}\s*[–—-]\s*\d{2,4}))\s*$"
)
_YEAR = re.compile(r"\d{3,4}")
_ROLE = re.compile(
    r"[,\s]*\(?\b(?:eds?|editors?|trans|tr|transl|translator|intro|comp|compiler)\.?\)?\s*$", re.I
)
_NAME_PART = re.compile(r"[^\W\d_]+")
# Shorter surnames a letter apart are as often two names ("Lee", "Lea") as one misspelt.
SHORTEST_MISSPELT = 5


@dataclass(frozen=True)
class PersonKey:
    """A name as the rules compare it."""

    written: str
    surname: str = ""
    given: tuple[str, ...] = ()  # forenames in order; an initial is one letter
    corporate: bool = False
    anonymous: bool = False
    words: tuple[str, ...] = ()  # a body's words, folded
    acronym: str = ""  # a body's initials, or a name written as an acronym ("CPGB")
    born: int | None = None
    died: int | None = None


@dataclass(frozen=True)
class Person:
    """A name with what else is known of its bearer: the works credited to it (as
    title keys) and life years given apart from the name."""

    key: PersonKey
    works: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls, name: str, works: Iterable[str] = (), born: int | None = None, died: int | None = None
    ) -> Person:
        key = person_key(name)
        if born is not None or died is not None:
            key = replace(key, born=born or key.born, died=died or key.died)
        return cls(key, frozenset(title_key(t).text for t in works if t.strip()))


def _life_years(text: str) -> tuple[str, int | None, int | None]:
    match = _LIFE_DATES.search(text)
    if match is None:
        return text, None, None
    dates = match["paren"] or match["bare"] or ""
    years = [int(y) for y in _YEAR.findall(dates)]
    if not years:
        return text, None, None
    died_only = re.match(r"\s*(?:d\.|died)", dates)
    born_only = re.match(r"\s*(?:b\.|born)", dates) or (len(years) == 1 and not died_only)
    born = None if died_only else years[0]
    died = years[-1] if died_only else (None if born_only else years[-1])
    return text[: match.start()], born, died


def _acronym(words: Iterable[str]) -> str:
    small = identity_lexicon().corporate_small
    return "".join(w[0] for w in words if w not in small)


@lru_cache(maxsize=1 << 17)
def person_key(written: str) -> PersonKey:
    text, born, died = _life_years(written.strip())
    text = _ROLE.sub("", text).strip(" ,;.")
    vocab = identity_lexicon()
    folded = " ".join(_NAME_PART.findall(fold(text)))
    if not folded or folded in vocab.anonymous:
        return PersonKey(written, anonymous=True, born=born, died=died)
    if is_corporate_name(text):
        words = tuple(_NAME_PART.findall(fold(text.replace("&", " and "))))
        acronym = _acronym(words)
        return PersonKey(
            written, corporate=True, words=words, acronym=acronym, born=born, died=died
        )
    display = _display_order(text)
    tokens = display.split()
    folded_tokens = fold(display).split()
    if len(folded_tokens) != len(tokens):  # a letter that folds into a space
        folded_tokens = [fold(token) for token in tokens]
    acronym = tokens[0] if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) <= 6 else ""
    surname = "".join(_NAME_PART.findall(folded_tokens[-1]))
    given: list[str] = []
    for at, (token, folded_token) in enumerate(zip(tokens[:-1], folded_tokens, strict=False)):
        parts = _NAME_PART.findall(folded_token)
        if "".join(parts) in vocab.particles and (not token[:1].isupper() or at == len(tokens) - 2):
            continue  # "Simone de Beauvoir", "W. E. B. Du Bois": filed with neither name
        given.extend(parts)
    return PersonKey(written, surname, tuple(given), acronym=fold(acronym), born=born, died=died)


def _display_order(text: str) -> str:
    """ "Marx, Karl", "MARX Karl", "hooks, bell" → forenames first."""
    first = text.split(maxsplit=1)[0]
    if "," not in text and not (first.isupper() and len(first) > 1 and " " in text):
        return text  # already in display order (the parser would say the same)
    people = parse_names(text)
    if people is not None and len(people) == 1:
        return people[0].name
    if people is None and text.count(",") == 1:  # "hooks, bell": inverted all the same
        surname, given = (part.strip() for part in text.split(","))
        return f"{given} {surname}"
    return text


def _forenames(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """'equal' (all full and the same), 'compatible' (initials for forenames, a
    middle name left out) or 'conflict'."""
    for x, y in zip(a, b, strict=False):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            continue
        return "conflict"
    if a == b and (all(len(name) > 1 for name in a) or len(a) > 1):
        return "equal"  # the same forenames, or the same two or more initials
    return "compatible"


def compare_people(a: Person, b: Person) -> Match:
    """Whether ``a`` and ``b`` name the same person or body."""
    ka, kb = a.key, b.key
    if ka.anonymous or kb.anonymous:
        return Match.different("no author named")
    for year_a, year_b, what in ((ka.born, kb.born, "born"), (ka.died, kb.died, "died")):
        if year_a is not None and year_b is not None and abs(year_a - year_b) > 1:
            return Match.different(f"{what} {year_a}, and {year_b}")
    shared = len(a.works & b.works)
    in_common = f"{shared} work{'s' if shared != 1 else ''} in common"
    if ka.corporate or kb.corporate:
        return _bodies(ka, kb)
    if ka.surname != kb.surname:
        return _misspelt(ka, kb)
    forenames = _forenames(ka.given, kb.given)
    if forenames == "conflict":
        return Match.different("forenames differ")
    if forenames == "equal":
        if a.works and b.works and not shared:
            # Two Mary Beards: one name, and each guide credits other works to it.
            return Match.candidate("the same name", "no work in common")
        return Match.same("the same name")
    if not ka.given or not kb.given:
        if shared:
            return Match.same("the same surname", in_common)
        if a.works and b.works:
            return Match.different("a surname alone", "no work in common")
        return Match.candidate("a surname alone")
    if shared:
        return Match.same("names that agree", in_common)
    return Match.candidate("names that agree (initials or a middle name)")


def _bodies(ka: PersonKey, kb: PersonKey) -> Match:
    if ka.corporate and kb.corporate:
        if ka.words == kb.words:
            return Match.same("the same body")
        if ka.acronym and ka.acronym == kb.acronym:
            return Match.candidate("the same initials")
        return Match.different("different bodies")
    body, other = (ka, kb) if ka.corporate else (kb, ka)
    if other.acronym and other.acronym == body.acronym:
        return Match.candidate(f"{other.written} is {body.written}'s acronym")
    return Match.different("a body and a person")


def _misspelt(ka: PersonKey, kb: PersonKey) -> Match:
    full = ka.given and ka.given == kb.given and all(len(n) > 1 for n in ka.given)
    long_enough = min(len(ka.surname), len(kb.surname)) >= SHORTEST_MISSPELT
    if full and long_enough and edit_distance(ka.surname, kb.surname, 1) <= 1:
        return Match.candidate("surnames one letter apart")
    return Match.different("different surnames")
