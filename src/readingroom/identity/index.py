"""Matching many names against a catalog's without comparing every pair.

People are filed under their surname, and under each spelling of it with one letter
left out (a symmetric-delete index), so that a misspelt surname still meets the
right one; bodies under their acronym. A name is compared only with those filed
where it would be: a catalog of any size is matched in time proportional to the
names that share a surname, not to the catalog.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

from .people import SHORTEST_MISSPELT, Person, PersonKey, compare_people
from .verdict import Match, Verdict

Id = TypeVar("Id", bound=Hashable)


def _deletes(surname: str) -> set[str]:
    return {surname[:i] + surname[i + 1 :] for i in range(len(surname))}


def _filed_under(key: PersonKey) -> Iterator[str]:
    if key.anonymous:
        return
    if key.corporate:
        yield f"body:{key.acronym}"
        return
    yield f"surname:{key.surname}"
    if key.acronym:
        yield f"body:{key.acronym}"
    if len(key.surname) >= SHORTEST_MISSPELT:
        yield f"spelling:{key.surname}"
        for variant in _deletes(key.surname):
            yield f"spelling:{variant}"


class PersonIndex(Generic[Id]):
    """People and bodies by what they are filed under."""

    def __init__(self) -> None:
        self._filed: defaultdict[str, list[tuple[Id, Person]]] = defaultdict(list)

    def add(self, ident: Id, person: Person) -> None:
        for place in _filed_under(person.key):
            self._filed[place].append((ident, person))

    def matches(self, person: Person) -> list[tuple[Id, Match]]:
        """Every indexed person that may be ``person``, most certain first."""
        seen: dict[Id, Match] = {}
        for place in _filed_under(person.key):
            for ident, other in self._filed.get(place, ()):
                if ident not in seen:
                    seen[ident] = compare_people(person, other)
        found = [(i, m) for i, m in seen.items() if m.verdict is not Verdict.DIFFERENT]
        return sorted(found, key=lambda pair: pair[1].verdict is not Verdict.SAME)
