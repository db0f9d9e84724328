"""A guide file's authors that the identity rules are certain of, folded into the catalog's.

Once a guide file has been written, and still in the import's transaction, each
author it wrote is compared with the catalog's authors from other sources (those
with its surname among their words). Where the rules are certain, the two
become one through ``merging.merge_authors``, as an editor's merge would make them.
Certain means one of these:

* the two hold the same identifier in a public catalogue (and none of one scheme
  that disagree);
* the whole name is the same (surname and full forenames, or two or more initials
  alike; a body's words) and the identity rules judge the two one person: no life
  dates that disagree, and not two lists of works with none in common (two Mary
  Beards).

and, either way, no name either answers to (its own, or that of a record merged
into it before) is judged another person's: a merged "Ada Byron (1815–1852)" keeps
the kept "Ada Byron" from a file's "Ada Byron (1900–1950)".

Anything less is left for an editor, as a likely duplicate (catalog/duplicates.py):
a surname alone, even with works in common (the seed's "Serge", whose name is
inferred, and the sample's "Victor Serge"); initials for forenames; a surname a
letter apart; a name inferred from the prose; two authors of one file; and a pair
an editor judged not the same.

**Which record is kept.** The older one (the lower id), whichever file it came
from: its slug is the one readers, links and feeds already know, and it stays; the
newer slug redirects to it. The other's name, biography, place and provenance are
kept in a MergedRecord, so a re-import of its file finds it there and updates it,
and never splits the two (catalog/importer.py). Their shared works are merged as
well, each guide's annotation kept with its guide.

**No editor made this merge**, so nothing is stamped as edited: a field the kept
record lacked (a biography, a work's page count) is filled from the other, and the
kept record's own source can be imported again as before. The kept author's
biography draws its timeline; where it had none, the merged file's biography is
taken, and the timeline drawn from it, and it follows that file when it changes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from readingroom.identity import Match, Verdict
from readingroom.identity.identifiers import compare_identifiers
from readingroom.identity.people import Person, PersonKey, compare_people, person_key
from readingroom.search.text import fold

from .bulk import chunks
from .duplicates import not_same_pairs
from .merging import merge_authors
from .models import Author, Contribution, Identifier, MergedRecord, Source

_LETTERS = re.compile(r"[^\W\d_]+")


def _name_key(key: PersonKey) -> tuple[str, ...] | None:
    """The whole name, for names that can be certain: None for a surname alone, a
    single initial, an anonymous author."""
    if key.anonymous:
        return None
    if key.corporate:
        return ("body", *key.words) if key.words else None
    if len(key.given) > 1 or (len(key.given) == 1 and len(key.given[0]) > 1):
        return (key.surname, *key.given)
    return None


def certainly_same(
    a: Person,
    b: Person,
    identifiers_a: Mapping[str, str] | None = None,
    identifiers_b: Mapping[str, str] | None = None,
) -> Match | None:
    """The match when ``a`` and ``b`` are certainly one person or body; else None."""
    by_identifier = compare_identifiers(identifiers_a or {}, identifiers_b or {})
    if by_identifier is not None:
        return by_identifier if by_identifier.verdict is Verdict.SAME else None
    whole = _name_key(a.key)
    if whole is None or whole != _name_key(b.key):
        return None
    match = compare_people(a, b)
    return match if match.verdict is Verdict.SAME else None


@dataclass(frozen=True)
class Folded:
    """One of the file's authors and a catalog's author from elsewhere, made one."""

    name: str  # the file's author, as it names them
    line: int | None  # where the file names them
    other: str  # the catalog's author
    where: str  # where the catalog's author came from (its provenance)
    kept: str  # the slug kept
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class _Row:
    pk: int
    name: str
    slug: str
    where: str
    line: int | None = None


def _filed_under(whole: tuple[str, ...]) -> str:
    """The word a whole name is looked for by: a person's surname, a body's first word."""
    return whole[1] if whole[0] == "body" else whole[0]


def _words(name: str) -> set[str]:
    """A name's folded words, each as the identity rules spell it ("O'Brien": "obrien")."""
    return {"".join(_LETTERS.findall(word)) for word in fold(name).split()}


def _candidates(source: Source, mine: list[_Row]) -> dict[int, list[_Row]]:
    """The catalog's authors from other sources with the whole name of one of ``mine``.

    One pass over the catalog's names (not over every pair): a name is keyed only
    when one of its words is a surname sought. Sort names would narrow it in the
    database, but not every one starts with the surname ("Ada Byron (1815–1852)")."""
    wanted: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for row in mine:
        whole = _name_key(person_key(row.name))
        if whole is not None:
            wanted[whole].append(row.pk)
    sought = {_filed_under(whole) for whole in wanted}
    found: dict[int, list[_Row]] = defaultdict(list)
    if not sought:
        return found
    names = (
        Author.objects.filter(name_inferred=False)
        .exclude(source=source)
        .order_by("pk")
        .values_list("pk", "name")
    )
    near = [(pk, name) for pk, name in names.iterator(chunk_size=10_000) if _words(name) & sought]
    for chunk in chunks(near, 1000):
        others = Author.objects.filter(pk__in=[pk for pk, _ in chunk]).select_related("source")
        for author in others.order_by("pk"):
            whole = _name_key(person_key(author.name))
            for pk in wanted.get(whole, []) if whole is not None else []:
                found[pk].append(_Row(author.pk, author.name, author.slug, author.provenance))
    return found


def _titles(ids: set[int]) -> dict[int, list[str]]:
    titles: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(ids), 1000):
        rows = Contribution.objects.filter(
            author_id__in=chunk, role=Contribution.Role.AUTHOR
        ).values_list("author_id", "work__title")
        for author_id, title in rows:
            titles[author_id].append(title)
    return titles


def _identifiers(ids: set[int]) -> dict[int, dict[str, str]]:
    held: dict[int, dict[str, str]] = defaultdict(dict)
    for chunk in chunks(sorted(ids), 1000):
        rows = Identifier.objects.filter(author_id__in=chunk).values_list(
            "author_id", "scheme", "value"
        )
        for author_id, scheme, value in rows:
            held[author_id or 0][scheme] = value
    return held


def _merged_names(ids: set[int]) -> dict[int, list[str]]:
    """The names of the records merged into each author: a name they answer to too."""
    names: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(ids), 1000):
        rows = MergedRecord.objects.filter(kind="author", author_id__in=chunk)
        for author_id, name in rows.values_list("author_id", "name"):
            names[author_id or 0].append(name)
    return names


def _against(a: list[Person], b: list[Person]) -> bool:
    """Whether any of the names of one is judged another person than any of the other's
    (a merged "Ada Byron (1815–1852)" tells the kept "Ada Byron" from one of 1900)."""
    return any(compare_people(x, y).verdict is Verdict.DIFFERENT for x in a for y in b)


def fold_certain_authors(source: Source, author_ids: Iterable[int]) -> list[Folded]:
    """Merge each of ``author_ids`` (the authors ``source`` wrote, in its order) with
    the catalog's author from another source the identity rules are certain is the
    same, the older record kept; what was merged, in the file's order."""
    order = {pk: index for index, pk in enumerate(dict.fromkeys(author_ids))}
    mine: list[_Row] = []
    for chunk in chunks(list(order), 1000):
        rows = Author.objects.filter(pk__in=chunk, source=source, name_inferred=False)
        mine += [
            _Row(pk, name, slug, "", line)
            for pk, name, slug, line in rows.values_list("pk", "name", "slug", "line_start")
        ]
    mine.sort(key=lambda row: order[row.pk])
    candidates = _candidates(source, mine) if mine else {}
    if not candidates:
        return []
    involved = set(candidates) | {o.pk for others in candidates.values() for o in others}
    titles, identifiers = _titles(involved), _identifiers(involved)
    aliases = _merged_names(involved)
    judged = not_same_pairs("author")
    folded: list[Folded] = []
    gone: set[int] = set()
    for row in mine:
        for other in candidates.get(row.pk, []):
            low, high = sorted((row.pk, other.pk))
            if other.pk in gone or (low, high) in judged:
                continue
            mine_as = [row.name, *aliases.get(row.pk, [])]
            theirs_as = [other.name, *aliases.get(other.pk, [])]
            ours = [Person.of(name, titles.get(row.pk, [])) for name in mine_as]
            theirs = [Person.of(name, titles.get(other.pk, [])) for name in theirs_as]
            match = certainly_same(
                ours[0], theirs[0], identifiers.get(row.pk), identifiers.get(other.pk)
            )
            if match is None or _against(ours, theirs):
                continue
            keep, fold = Author.objects.get(pk=low), Author.objects.get(pk=high)
            merge_authors(keep, fold, stamp=False)
            gone.add(high)
            folded.append(
                Folded(row.name, row.line, other.name, other.where, keep.slug, match.evidence)
            )
            break
    return folded
