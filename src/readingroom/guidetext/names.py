"""Author names: guessing one when the editor gave none, and sorting by surname.

Guides such as the seed never state the author's name: the biography calls them
by surname ("Serge headed back to Paris"). The guess below scores capitalised
words by how a person's name behaves in prose — it is the subject of verbs and
takes a possessive — and how a place or an addressee does not: it follows
"in", "to", "with". The result is always marked inferred so an editor can
complete it.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"(?<![\w'’])([A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)('s|’s)?(?=\W|$)")
_SUBJECT_VERB = re.compile(
    r"\s+(?:was|were|had|has|is|became|went|wrote|headed|managed|returned|"
    r"left|joined|moved|died|lived|spent|soon|later|also|then|never|[a-z]+ed)\b"
)
_PREPOSITIONS = frozenset(
    "in to from at of with by on into for and or against under near via".split()
)
# Capitalised words that are never a person's name in a biography.
_NOT_NAMES = frozenset(
    """
    The A An He She They It His Her Their Its This That These Those There Then When
    While After Before During Upon From In On At Of For With Without Although Though
    Yet But And Or As By To Since Until Once Later Subsequently Finally First Born
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Russian Russia Soviet Union French France German Germany Spanish Spain Belgian Belgium
    English England British Britain American America Italian Italy Mexico Paris Berlin
    Vienna London Moscow Petrograd Marxist Marxism Bolshevik Bolsheviks Communist
    Socialist Party Revolution War Left Opposition Stalinism Stalinists Trotskyists
    International Comintern Committee Executive Third Workers Kronstadt
    """.split()
)


def _score_candidates(text: str) -> Counter[str]:
    scores: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word, possessive = match.group(1), match.group(2)
        if word in _NOT_NAMES:
            continue
        before = text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in '.!?"“'
        previous_word = before.rsplit(None, 1)[-1].lower() if before else ""
        score = 0 if sentence_start else 1
        if possessive:
            score += 2
        if _SUBJECT_VERB.match(text, match.end()):
            score += 2
        if previous_word in _PREPOSITIONS:
            score -= 2
        scores[word] += score
    return scores


def infer_author_name(biography: str, annotations: list[str]) -> str | None:
    """Guess the surname a biography and its works' annotations call the author by."""
    scores = _score_candidates(biography)
    for annotation in annotations:
        scores.update(_score_candidates(annotation))
    ranked = [(score, word) for word, score in scores.items() if score >= 3]
    if not ranked:
        return None
    return max(ranked)[1]


_PARTICLES = frozenset("de da del della der di du la le van von ten ter".split())


def sort_name(name: str) -> str:
    """'Victor Serge' → 'Serge, Victor'; 'Ludwig van Beethoven' → 'Beethoven, Ludwig van';
    'W. E. B. Du Bois' → 'Du Bois, W. E. B.' (a particle written with a capital is
    part of the surname, as English-language catalogues file it)."""
    parts = name.split()
    if len(parts) < 2 or "," in name:
        return name
    surname_start = len(parts) - 1
    while surname_start > 1 and parts[surname_start - 1].lower() in _PARTICLES:
        surname_start -= 1
    given = parts[:surname_start]
    particles = parts[surname_start:-1]
    capitalised = 0
    while capitalised < len(particles) and particles[capitalised][:1].isupper():
        capitalised += 1
    surname = " ".join([*particles[:capitalised], parts[-1]])
    return f"{surname}, {' '.join(given + particles[capitalised:])}"
