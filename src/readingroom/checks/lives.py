"""An author's life as the biography tells it: the years of birth and death that the
missing-field and chronology checks measure works against.

The timeline's reading of the biography comes first (its birth event, and the last of
its death events whose label says a death); a sentence that tells of the author's
birth or death in words the timeline filed otherwise ("she drowned herself in the
River Ouse on 28 March 1941") fills what it leaves out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from readingroom.timeline.calendar import year_of
from readingroom.timeline.events import extract_events
from readingroom.timeline.segmentation import sentences

from .document import Author
from .rules import rules

_WORD = re.compile(r"[\w'’-]+")
_YEAR = re.compile(r"(?<![\d–-])(1\d{3}|20\d{2}|[1-9]\d{2})(?![\d–-]|\s*(?:pages|BCE?))")
_CLAUSE_START = re.compile(r"[;:,]\s+(?:and\s+|but\s+)?|\s+(?:and|but|where|when|while)\s+")


@dataclass(frozen=True)
class Life:
    birth: int | None
    death: int | None
    # Whether the biography tells of the death at all, dated or not.
    dies: bool


def life_of(author: Author) -> Life:
    """The life the author's biography tells (an empty one without a biography)."""
    if author.birth is not None or author.death is not None:
        return Life(author.birth, author.death, author.death is not None)
    if author.biography is None or not author.biography.value.strip():
        return Life(None, None, False)
    return _told_life(author.biography.value, author.name, author.name_inferred)


# The missing and chronology families both ask for each author's life: the timeline
# reads a biography once.
@lru_cache(maxsize=1024)
def _told_life(text: str, name: str, name_inferred: bool) -> Life:
    events = extract_events(text, None if name_inferred else name)
    birth = next((year_of(e.start) for e in events if e.kind == "birth" and e.dated), None)
    deaths = [
        year_of(e.start)
        for e in events
        if e.kind == "death" and e.dated and not e.context and e.label.startswith("died")
    ]
    names = {w.lower() for w in _WORD.findall(name)}
    if birth is None:
        birth = _told(text, rules().birth_words, names, first=True)
    # A death the timeline dates to the birth or before it took the birth's date
    # ("born in Shrewsbury in 1809 and died at Down House in 1882").
    death = max((d for d in deaths if d is not None and (birth is None or d > birth)), default=None)
    if death is None:
        death = _told(text, rules().death_words, names, first=False)
    # "where he stayed until his death": the death is told, though not dated.
    lowered = text.lower()
    dies = death is not None or any(p in lowered for p in rules().undated_death)
    return Life(birth, death, dies)


def _told(text: str, words: frozenset[str], names: set[str], first: bool) -> int | None:
    """The year of the author's birth (the first told) or death (the last told): the
    first year after one of `words` in its sentence, when the clause it stands in
    has the author for its subject."""
    found: list[int] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        for match in _WORD.finditer(sentence):
            if match[0].lower() not in words:
                continue
            clauses = _CLAUSE_START.split(sentence[: match.start()])
            before = [w.lower() for w in _WORD.findall(clauses[-1])]
            if before and all(w in rules().auxiliaries for w in before):
                # "… was born in Zamość in 1871 and was murdered in Berlin": the verb
                # shares the sentence's subject.
                before = [w.lower() for w in _WORD.findall(clauses[0])]
            if not _the_authors(before, names):
                continue
            if year := _YEAR.search(sentence, match.end()):
                found.append(int(year[1]))
                break
    if not found:
        return None
    return found[0] if first else max(found)


def _the_authors(before: list[str], names: set[str]) -> bool:
    """Whether the words before the verb make the author its subject: none ("Born in
    Brussels"), a pronoun or a word of the name; never another's ("her mother")."""
    limits = rules()
    if any(word in limits.others for word in before):
        return False
    return not before or any(w in limits.subjects or w in names for w in before)
