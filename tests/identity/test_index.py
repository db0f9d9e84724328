"""Matching against an index finds what comparing every pair finds."""

from __future__ import annotations

import random

from readingroom.identity import Verdict
from readingroom.identity.index import PersonIndex
from readingroom.identity.people import Person, compare_people

CATALOG = [
    "Karl Marx",
    "Eleanor Marx",
    "Friedrich Engels",
    "E. P. Thompson",
    "Dorothy Thompson",
    "Eric Hobsbawm",
    "Rosa Luxemburg",
    "Victor Serge",
    "Simone de Beauvoir",
    "Communist Party of Great Britain",
    "Sidney Webb",
    "Beatrice Webb",
    "bell hooks",
]
INCOMING = [
    "Marx, Karl",
    "K. Marx",
    "Marx",
    "Hobsbaum, Eric",
    "Thompson, E. P.",
    "Serge",
    "CPGB",
    "Beauvoir, Simone de",
    "WEBB Sidney",
    "hooks, bell",
    "Jane Austen",
    "Anonymous",
]


def test_the_index_finds_every_match_a_full_comparison_finds() -> None:
    index: PersonIndex[str] = PersonIndex()
    for name in CATALOG:
        index.add(name, Person.of(name))
    for name in INCOMING:
        person = Person.of(name)
        everything = {other: compare_people(person, Person.of(other)).verdict for other in CATALOG}
        expected = {o for o, v in everything.items() if v is not Verdict.DIFFERENT}
        found = index.matches(person)
        assert {o for o, _ in found} == expected, name
        assert [m.verdict for _, m in found] == sorted(
            (m.verdict for _, m in found), key=lambda v: v is not Verdict.SAME
        )


def test_a_misspelt_surname_is_found() -> None:
    index: PersonIndex[int] = PersonIndex()
    index.add(1, Person.of("Eric Hobsbawm"))
    rng = random.Random(3)
    for _ in range(20):
        at = rng.randrange(1, 8)
        misspelt = "Hobsbawm"[:at] + "x" + "Hobsbawm"[at + 1 :]
        found = index.matches(Person.of(f"Eric {misspelt}"))
        assert [(i, m.verdict) for i, m in found] == [(1, Verdict.CANDIDATE)], misspelt
