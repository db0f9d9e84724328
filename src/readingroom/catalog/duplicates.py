"""The catalog's likely duplicates: authors who may be one person, works one work.

Read-only: each pair comes with the identity rules' verdict (readingroom.identity)
and their evidence, for an editor to judge. Authors are matched through the
identity index (by surname, its misspellings and bodies' acronyms), each with the
titles of its works, so that a surname alone meets the full name whose works it
shares. Works are compared within each author, among those whose titles share a
key or a main title (a typo between two titles of one author is not looked for here:
that would compare every pair of a large author's works).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from readingroom.identity import Match, Verdict
from readingroom.identity.index import PersonIndex
from readingroom.identity.people import Person
from readingroom.identity.titles import compare_titles, title_key

from .models import Author, Contribution, NotSame, Work


@dataclass(frozen=True)
class Duplicate:
    kind: str  # "author" or "work"
    first: str  # slugs, the older record first
    second: str
    first_name: str
    second_name: str
    match: Match

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "verdict": self.match.verdict.value,
            "evidence": list(self.match.evidence),
            "records": [
                {"slug": self.first, "name": self.first_name},
                {"slug": self.second, "name": self.second_name},
            ],
        }


def not_same_pairs(kind: str) -> set[tuple[int, int]]:
    """The pairs of ``kind`` editors judged different, each as (lower id, higher id)."""
    rows = NotSame.objects.filter(kind=kind).values_list(f"first_{kind}_id", f"second_{kind}_id")
    return {(a, b) for a, b in rows if a is not None and b is not None}


def _titles_by_author() -> dict[int, list[tuple[int, str]]]:
    titles: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = Contribution.objects.filter(role=Contribution.Role.AUTHOR).values_list(
        "author_id", "work_id", "work__title"
    )
    for author_id, work_id, title in rows.iterator(chunk_size=10_000):
        titles[author_id].append((work_id, title))
    return titles


def author_duplicates(titles: dict[int, list[tuple[int, str]]]) -> list[Duplicate]:
    authors = list(Author.objects.order_by("pk").values_list("pk", "slug", "name"))
    people = {
        pk: Person.of(name, [title for _, title in titles.get(pk, [])]) for pk, _, name in authors
    }
    index: PersonIndex[int] = PersonIndex()
    found: list[Duplicate] = []
    named = {pk: (slug, name) for pk, slug, name in authors}
    excluded = not_same_pairs("author")
    for pk, slug, name in authors:  # each pair once: against the authors before it
        for other, match in index.matches(people[pk]):
            if (min(pk, other), max(pk, other)) in excluded:
                continue
            other_slug, other_name = named[other]
            found.append(Duplicate("author", other_slug, slug, other_name, name, match))
        index.add(pk, people[pk])
    return found


def work_duplicates(titles: dict[int, list[tuple[int, str]]]) -> list[Duplicate]:
    slugs = dict(Work.objects.values_list("pk", "slug"))
    found: list[Duplicate] = []
    seen = not_same_pairs("work")  # pairs already judged, or compared
    for works in titles.values():
        filed: defaultdict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
        for work_id, title in sorted(works):
            key = title_key(title)
            for place in {key.words, key.main}:
                for other_id, other_title in filed[place]:
                    pair = (min(other_id, work_id), max(other_id, work_id))
                    if pair in seen or other_id == work_id:
                        continue
                    seen.add(pair)
                    match = compare_titles(other_title, title)
                    if match.verdict is not Verdict.DIFFERENT:
                        found.append(
                            Duplicate(
                                "work", slugs[other_id], slugs[work_id], other_title, title, match
                            )
                        )
                filed[place].append((work_id, title))
    return found


def duplicates() -> list[Duplicate]:
    """Every likely duplicate, authors first, the surest first within each kind."""
    titles = _titles_by_author()
    pairs = author_duplicates(titles) + work_duplicates(titles)
    return sorted(pairs, key=lambda d: (d.kind != "author", d.match.verdict is not Verdict.SAME))
