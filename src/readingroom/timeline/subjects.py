"""Whose event a clause tells: the biography's subject's, or someone else's.

A clause is the subject's when the word before its verb (past the auxiliaries and
adverbs) is a personal pronoun or one of the subject's names, when it has no subject
of its own ("Arriving in the Soviet Union in 1919, …", "… and joined the party"),
or when "who" refers back to the subject. A clause whose subject is another noun
("a deal was reached", "the campaign which started in 1920") or another person tells
the times, not the life.
"""

from __future__ import annotations

from .lexicon import lexicon

# Words between a subject and its verb that say nothing of who acts.
_BETWEEN = frozenset(
    """was were had has have been being is are also then again soon later first finally
    eventually subsequently shortly thereafter not never once still even already briefly
    himself herself itself""".split()
)
_PARTICLES = frozenset("de da di del della van von der den du la le y bin ibn al".split())


def subject_names(name: str | None) -> frozenset[str]:
    """The words of a name that stand for its bearer alone ("Rosa", "Luxemburg")."""
    if not name:
        return frozenset()
    return frozenset(
        word.strip(".,").lower()
        for word in name.replace("-", " ").split()
        if len(word.strip(".,")) > 1 and word.lower() not in _PARTICLES
    )


def about_subject(
    before_verb: list[str], opener: str, antecedent: str, names: frozenset[str]
) -> bool:
    """Whether the clause whose words before its verb are `before_verb` tells of the
    subject. `opener` is the relative word that opens the clause, if any, and
    `antecedent` the word before it."""
    words = lexicon()
    for raw in reversed(before_verb):
        word = raw.strip(",.;:()\"“”‘’'")
        lower = word.lower()
        if not word or lower in _BETWEEN or (lower.endswith("ly") and word[:1].islower()):
            continue
        if lower in words.pronouns:
            return True
        if lower == "and" or (word[:1].isupper() and _coordinated(before_verb, names)):
            # "she and Alexander Berkman were imprisoned"
            return _coordinated(before_verb, names)
        if lower.removesuffix("'s").removesuffix("’s") in names:
            return True
        if lower in words.family or lower in words.determiners:
            # "his wife", "her novel": the subject's own; "the war", "a deal": not.
            return _owned(before_verb, raw)
        if word[:1].isupper():
            return not names
        return _owned(before_verb, raw)
    if opener in ("which", "that"):
        return False
    if opener == "who":
        return antecedent.strip(",").lower() in names or not names
    return True


def _owned(before_verb: list[str], noun: str) -> bool:
    """Whether the noun phrase ending at `noun` is the subject's ("his wife")."""
    index = before_verb.index(noun)
    return any(w.lower() in ("his", "her", "their") for w in before_verb[max(0, index - 3) : index])


def _coordinated(before_verb: list[str], names: frozenset[str]) -> bool:
    """Whether the subject is the subject and someone else ("she and Berkman")."""
    lowered = [w.strip(",").lower() for w in before_verb]
    return "and" in lowered and any(
        w in lexicon().pronouns or w in names for w in lowered[: lowered.index("and") + 2]
    )


def refers_to_subject(after_verb: list[str]) -> bool:
    """Whether the words after a verb name the subject as its object ("turned her
    into an anarchist", "won his release"): the event is the subject's after all."""
    return any(w.lower().strip(",") in _OBJECTS for w in after_verb)


_OBJECTS = frozenset("him her his them himself herself".split())
