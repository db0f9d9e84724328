"""The extractor's word lists, read once from data/lexicon.toml.

Keeping the words in data lets an editor of the lists see them all together, and a
test check them (tests/timeline/test_lexicon.py), without reading the algorithm.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    irregular_verbs: frozenset[str]
    not_verbs: frozenset[str]
    not_adverbs: frozenset[str]
    label_lead: frozenset[str]
    articles: frozenset[str]
    copulas: frozenset[str]
    modifiers: frozenset[str]
    auxiliaries: frozenset[str]
    gerund_prepositions: frozenset[str]
    between: frozenset[str]
    name_particles: frozenset[str]
    after_object: frozenset[str]
    label_trailing: frozenset[str]
    breaks: frozenset[str]
    governing: frozenset[str]
    undated_triggers: frozenset[str]
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    event_nouns: frozenset[str]
    publishing: frozenset[str]
    joint: frozenset[str]
    relatives: frozenset[str]
    family: frozenset[str]
    people: frozenset[str]
    collectives: frozenset[str]
    determiners: frozenset[str]
    dating_named_events: frozenset[str]
    dating_before_of: frozenset[str]
    adverbial_openers: frozenset[str]
    # (kind, word beginnings) in the order the kinds are tried.
    kinds: tuple[tuple[str, tuple[str, ...]], ...]


def words(value: str) -> list[str]:
    """A list written in the data file as words separated by white space."""
    return value.split()


def raw() -> dict[str, dict[str, str]]:
    text = resources.files("readingroom.timeline").joinpath("data/lexicon.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def lexicon() -> Lexicon:
    data = raw()

    def listed(section: str, key: str) -> frozenset[str]:
        return frozenset(words(data[section][key]))

    return Lexicon(
        irregular_verbs=listed("verbs", "irregular"),
        not_verbs=listed("verbs", "not_verbs"),
        not_adverbs=listed("verbs", "not_adverbs"),
        label_lead=listed("labels", "lead"),
        articles=listed("labels", "articles"),
        copulas=listed("labels", "copulas"),
        modifiers=listed("labels", "modifiers"),
        auxiliaries=listed("labels", "auxiliaries"),
        gerund_prepositions=listed("labels", "gerund_prepositions"),
        between=listed("subjects", "between"),
        name_particles=listed("subjects", "name_particles"),
        after_object=listed("subjects", "after_object"),
        label_trailing=listed("labels", "trailing"),
        breaks=listed("labels", "breaks"),
        governing=listed("labels", "governing"),
        undated_triggers=listed("undated", "triggers"),
        masculine=tuple(words(data["subjects"]["masculine"])),
        feminine=tuple(words(data["subjects"]["feminine"])),
        event_nouns=listed("subjects", "event_nouns"),
        publishing=listed("subjects", "publishing"),
        joint=listed("subjects", "joint"),
        relatives=listed("subjects", "relatives"),
        family=listed("subjects", "family"),
        people=listed("subjects", "people"),
        collectives=listed("subjects", "collectives"),
        determiners=listed("subjects", "determiners"),
        dating_named_events=listed("named_events", "dating"),
        dating_before_of=listed("named_events", "dating_before_of"),
        adverbial_openers=listed("named_events", "adverbial_openers"),
        kinds=tuple((kind, tuple(words(value))) for kind, value in data["kinds"].items()),
    )
