"""Merging two records of one author (or one work) into one, and keeping "not the same".

A merge keeps one record and folds the other into it, in one transaction under the
catalog's write lock. Nothing the other said is lost: its name, fields and provenance
stay in a :class:`MergedRecord` (a guide's annotation is shown with its guide from
there), its slug redirects to the kept one, its credits, guide entries and the
events an editor made are moved over, and a field the kept record lacks is taken
from it. Where the two records disagree the kept one wins: it is the editor's choice.

Merging two authors also merges the works they turn out to share (those whose
titles the identity rules judge the same), as an editor would expect of "one
Victor Serge with his works".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q
from django.utils import timezone

from readingroom.guidetext.parser import GuideReader
from readingroom.identity import Verdict
from readingroom.identity.titles import compare_titles
from readingroom.limits import MERGED_AUTHOR_FIELDS, MERGED_WORK_FIELDS
from readingroom.search.index import reindex

from .duplicates import not_same_pairs
from .importer import title_in_file
from .locking import write_transaction
from .models import (
    Author,
    Contribution,
    Edited,
    Edition,
    GuideEntry,
    Identifier,
    LifeEvent,
    MergedRecord,
    NotSame,
    SlugRedirect,
    Work,
)
from .signals import catalog_changed, work_merged
from .timelines import recompute

# The fields a kept record takes from the other when it has none of its own.
_AUTHOR_FILLS = ("biography",)
_WORK_FILLS = ("year", "year_end", "url")
# What a merged record remembers of itself (besides its name and provenance).
_AUTHOR_KEPT = (*MERGED_AUTHOR_FIELDS, "edited_by_name")
_WORK_KEPT = (*MERGED_WORK_FIELDS, "edited_by_name")


# What can be merged, by the name its commands and pages use.
MERGEABLE: dict[str, type[Author] | type[Work]] = {"author": Author, "work": Work}


class MergeRefused(Exception):
    """The two records cannot be merged (the message says why); nothing was written."""


@dataclass
class MergeReport:
    kind: str
    kept: str  # slugs
    merged: str
    works_merged: list[tuple[str, str]] = field(default_factory=list)  # (kept, merged)
    filled: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"merged {self.kind} '{self.merged}' into '{self.kept}'"]
        if self.filled:
            lines.append(f"  taken from '{self.merged}': {', '.join(self.filled)}")
        lines += [f"  merged work '{other}' into '{kept}'" for kept, other in self.works_merged]
        return "\n".join(lines)


def _editor(user: Any) -> str:
    return user.get_username() if user is not None else ""


def _snapshot(record: Author | Work, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def _name_in_file(author: Author) -> str:
    """The name the author's source gave them (an editor may have renamed them since)."""
    if author.source is None or author.edited_at is None:
        return author.name
    reader = GuideReader()
    for position, entry in enumerate(reader.authors(author.source.text_pieces())):
        if position == author.position:
            return entry.name
    return author.name


def _fill(kept: Edited, other: Edited, names: tuple[str, ...]) -> list[str]:
    filled = []
    for name in names:
        if getattr(kept, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(kept, name, getattr(other, name))
            filled.append(name)
    return filled


def _fill_pages(kept: Work, other: Work) -> list[str]:
    """A kept work without a page count reads by the other's, and the edition it is of."""
    if kept.pages is not None or other.pages is None:
        return []
    kept.pages, kept.edition_id = other.pages, other.edition_id
    return ["pages"]


def _mark_edited(record: Edited, user: Any) -> None:
    record.edited_at = timezone.now()
    record.edited_by = user
    record.edited_by_name = _editor(user)


def _move_contributions(keep: Q, other: Q, moved: dict[str, int], key: str) -> None:
    """Credits of the other record move to the kept one, but never twice in one role."""
    taken = set(Contribution.objects.filter(keep).values_list(key, "role"))
    last = Contribution.objects.filter(keep).aggregate(last=Max("order"))["last"]
    order = -1 if last is None else last
    for credit in Contribution.objects.filter(other).order_by("order", "pk"):
        if (getattr(credit, key), credit.role) in taken:
            credit.delete()
            continue
        taken.add((getattr(credit, key), credit.role))
        for name, value in moved.items():
            setattr(credit, name, value)
        if key == "author_id":  # a work's credits keep their order after the kept ones
            order += 1
            credit.order = order
        credit.save()


def _move_identifiers(kind: str, keep: Author | Work, other: Author | Work) -> None:
    """The other's identifiers the kept record lacks are the kept record's now."""
    held = set(Identifier.objects.filter(**{kind: keep}).values_list("scheme", "value"))
    for identifier in Identifier.objects.filter(**{kind: other}):
        if (identifier.scheme, identifier.value) not in held:
            Identifier.objects.filter(pk=identifier.pk).update(**{kind: keep})


def _remember_not_same(kind: str, first: int, second: int, user: Any) -> None:
    low, high = sorted((first, second))
    NotSame.objects.get_or_create(
        kind=kind,
        **{f"first_{kind}_id": low, f"second_{kind}_id": high},
        defaults={"decided_by_name": _editor(user)},
    )


def _remember(
    kind: str,
    keep: Author | Work,
    other: Author | Work,
    name: str,
    name_in_file: str,
    kept: tuple[str, ...],
    user: Any,
) -> None:
    """Keep what ``other`` was, and where it came from, beside the record it becomes."""
    MergedRecord.objects.create(
        kind=kind,
        **{kind: keep},
        slug=other.slug,
        name=name,
        name_in_file=name_in_file,
        position=other.position,
        fields=_snapshot(other, kept),
        source=other.source,
        line_start=other.line_start,
        line_end=other.line_end,
        merged_by_name=_editor(user),
    )


def _merge_works(keep: Work, other: Work, user: Any, stamp: bool = True) -> None:
    _remember("work", keep, other, other.title, title_in_file(other), _WORK_KEPT, user)
    MergedRecord.objects.filter(work=other).update(work=keep)
    _move_identifiers("work", keep, other)
    Edition.objects.filter(work=other).update(work=keep)
    GuideEntry.objects.filter(work=other).update(work=keep)
    _move_contributions(Q(work=keep), Q(work=other), {"work_id": keep.pk}, "author_id")
    filled = _fill(keep, other, _WORK_FILLS) + _fill_pages(keep, other)
    if filled and stamp:
        _mark_edited(keep, user)
    work_merged.send(sender=Work, keep=keep, other=other)
    other_slug = other.slug
    other.delete()
    keep.save()
    SlugRedirect.point("work", other_slug, keep.slug)


def _shared_works(author: Author) -> list[tuple[Work, Work]]:
    """Pairs of this author's works the identity rules judge one work: the older kept."""
    works = list(author.works.filter(contributions__role="author").distinct().order_by("pk"))
    excluded = not_same_pairs("work")
    pairs: list[tuple[Work, Work]] = []
    gone: set[int] = set()
    for index, keep in enumerate(works):
        if keep.pk in gone:
            continue
        for other in works[index + 1 :]:
            if other.pk in gone or (keep.pk, other.pk) in excluded:
                continue
            if compare_titles(keep.title, other.title).verdict is Verdict.SAME:
                pairs.append((keep, other))
                gone.add(other.pk)
    return pairs


def _refuse_self(kind: str, keep: Author | Work, other: Author | Work) -> None:
    if keep.pk == other.pk:
        raise MergeRefused(f"'{keep.slug}' and '{other.slug}' are one {kind} already")


def merge_authors(
    keep: Author, other: Author, user: Any = None, *, stamp: bool = True
) -> MergeReport:
    """Fold ``other`` into ``keep``, with the works they turn out to share.

    A field the kept record takes from the other stamps it as edited: an editor's
    merge is an editor's change. An import's merge (``stamp=False``,
    catalog/identitymerge.py) is no one's, and stamps nothing, so the kept record's
    own source can still be imported again as before."""
    _refuse_self("author", keep, other)
    report = MergeReport("author", keep.slug, other.slug)
    with write_transaction():
        keep = Author.objects.select_for_update().get(pk=keep.pk)
        other = Author.objects.select_related("source").get(pk=other.pk)
        _remember("author", keep, other, other.name, _name_in_file(other), _AUTHOR_KEPT, user)
        MergedRecord.objects.filter(author=other).update(author=keep)
        _move_identifiers("author", keep, other)
        work_ids = list(other.contributions.values_list("work_id", flat=True))
        _move_contributions(Q(author=keep), Q(author=other), {"author_id": keep.pk}, "work_id")
        # The events an editor made or corrected are theirs; extracted ones come again.
        LifeEvent.objects.filter(author=other).filter(
            Q(origin=LifeEvent.Origin.EDITOR) | Q(edited=True) | Q(hidden=True)
        ).update(author=keep)
        report.filled = _fill(keep, other, _AUTHOR_FILLS)
        if keep.name_inferred and not other.name_inferred:
            keep.name, keep.sort_name, keep.name_inferred = other.name, other.sort_name, False
            report.filled.append("name")
        if report.filled and stamp:
            _mark_edited(keep, user)
        other_pk, other_slug = other.pk, other.slug
        other.delete()
        keep.save()
        SlugRedirect.point("author", other_slug, keep.slug)
        for kept_work, other_work in _shared_works(keep):
            report.works_merged.append((kept_work.slug, other_work.slug))
            _merge_works(kept_work, other_work, user, stamp)
        if "biography" in report.filled:
            recompute([keep])
        work_ids += list(keep.works.values_list("pk", flat=True))
        reindex(work_ids, [keep.pk, other_pk])
        catalog_changed()
    return report


def merge_works(keep: Work, other: Work, user: Any = None) -> MergeReport:
    """Fold ``other`` into ``keep``: its guides' entries then list the kept work."""
    _refuse_self("work", keep, other)
    report = MergeReport("work", keep.slug, other.slug)
    with write_transaction():
        keep = Work.objects.select_for_update().get(pk=keep.pk)
        other = Work.objects.select_related("source").get(pk=other.pk)
        other_pk = other.pk
        _merge_works(keep, other, user)
        reindex([keep.pk, other_pk], keep.contributions.values_list("author_id", flat=True))
        catalog_changed()
    return report


def mark_not_same(kind: str, first: Author | Work, second: Author | Work, user: Any = None) -> None:
    """Remember that the two are different: they are not offered as duplicates again."""
    _refuse_self(kind, first, second)
    with write_transaction():
        _remember_not_same(kind, first.pk, second.pk, user)
