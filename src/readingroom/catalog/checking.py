"""The editorial checks (readingroom.checks) on what the catalog holds now: a guide's
entries, or an author's works, with the records' current fields, so that a fix an
editor applies shows at once. Every text knows the stored field it is, which is how
a suggestion is applied, and what an editor chose to ignore is remembered by the
finding's key, which no re-import changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from readingroom.checks import Document, Finding, check_document
from readingroom.checks import document as core
from readingroom.formats.guide_v2 import is_version_2
from readingroom.formats.registry import DETECT_CHARACTERS, detect_reader
from readingroom.guidetext.records import WorkEntry
from readingroom.guidetext.writer import render_work
from readingroom.timeline.calendar import year_of

from .editing import after_author_saved, before_author_saved, stamp_edit
from .models import AddedWord, Author, Guide, IgnoredFinding, Source, Work

# The stored fields a suggestion may be applied to: (kind, field) → the model.
APPLICABLE = {
    ("author", "biography"): Author,
    ("work", "annotation"): Work,
    ("work", "title"): Work,
}


def guide_document(guide: Guide) -> Document:
    entries = (
        guide.entries.select_related("work")
        .prefetch_related("work__contributions__author")
        .order_by("order")
    )
    return _document([entry.work for entry in entries], _strict(guide.source))


def author_document(author: Author) -> Document:
    works = (
        Work.objects.filter(contributions__author=author)
        .prefetch_related("contributions__author")
        .order_by("position", "pk")
        .distinct()
    )
    return _document(list(works), _strict(author.source), only=author)


def _strict(source: Source | None) -> bool:
    """Whether the records came from a guide-format file, whose grammar asks for every
    field of a work (as `readingroom lint` holds the file to)."""
    if source is None:
        return False
    head = next(source.text_pieces(), "")[:DETECT_CHARACTERS]
    return bool(head) and detect_reader(head).name == "guide" and not is_version_2(head)


def _document(works: list[Work], strict: bool, only: Author | None = None) -> Document:
    authors: dict[int, core.Author] = {}
    checked = []
    for work in works:
        leads = [c.author for c in work.contributions.all() if c.role == "author"]
        entry = _work(work, [a.name for a in leads])
        checked.append(entry)
        for author in leads:
            if only is not None and author.pk != only.pk:
                continue
            if author.pk not in authors:
                authors[author.pk] = _author(author)
            authors[author.pk].works.append(entry)
    if only is not None and only.pk not in authors:
        authors[only.pk] = _author(only)
    expected = frozenset(core.WORK_FIELDS) if strict else core.convention(checked)
    vocabulary = core.Vocabulary(AddedWord.objects.values_list("word", flat=True), catalog_knows)
    return Document(list(authors.values()), checked, expected, vocabulary=vocabulary, strict=strict)


def catalog_knows(word: str) -> bool:
    """Whether the word is in a name or a title anywhere in the catalog: the names
    other guides taught it are no misspellings in this one."""
    return (
        Author.objects.filter(name__icontains=word).exists()
        or Work.objects.filter(title__icontains=word).exists()
    )


def _author(author: Author) -> core.Author:
    biography = None
    if author.biography:
        biography = core.Text(author.biography, ref=f"author:{author.pk}:biography")
    # The life as the catalog has it: the events read from the biography, as
    # editors corrected them.
    years = {
        kind: year_of(start)
        for kind, start in author.life_events.filter(
            kind__in=("birth", "death"), hidden=False, start__isnull=False
        )
        .order_by("position")
        .values_list("kind", "start")
    }
    return core.Author(
        author.name,
        author.name_inferred,
        biography,
        line=author.line_start,
        ref=f"author:{author.pk}",
        ident=author.slug,
        birth=years.get("birth"),
        death=years.get("death"),
    )


def _work(work: Work, authors: list[str]) -> core.Work:
    fields = WorkEntry(work.title, work.year, work.year_end, work.pages, work.annotation)
    annotation = None
    if work.annotation:
        annotation = core.Text(work.annotation, ref=f"work:{work.pk}:annotation")
    return core.Work(
        title=core.Text(work.title, ref=f"work:{work.pk}:title"),
        raw=core.Text(render_work(fields)),
        year=work.year,
        year_end=work.year_end,
        pages=work.pages,
        annotation=annotation,
        authors=authors,
        line=work.line_start,
        ref=f"work:{work.pk}",
        ident=work.slug,
    )


@dataclass
class Checked:
    """A record's findings: those open, and those an editor chose to ignore."""

    open: list[Finding]
    ignored: list[tuple[Finding, IgnoredFinding]]


def checked(document: Document) -> Checked:
    found = check_document(document)
    ignores = {
        i.digest: i
        for i in IgnoredFinding.objects.filter(
            digest__in=[IgnoredFinding.digest_of(f.key) for f in found]
        )
    }
    result = Checked([], [])
    for finding in found:
        ignore = ignores.get(IgnoredFinding.digest_of(finding.key))
        if ignore is None:
            result.open.append(finding)
        else:
            result.ignored.append((finding, ignore))
    return result


def applicable(finding: Finding) -> bool:
    """Whether the suggestion can be written into the stored field it is about."""
    ref = finding.location.ref
    if finding.suggestion is None or ref is None or ref.count(":") != 2:
        return False
    kind, _, field = ref.split(":")
    return (kind, field) in APPLICABLE


class NotApplied(Exception):
    """The suggestion no longer fits the record (it changed since the page was shown)."""


def apply_suggestion(finding: Finding, user: object) -> Author | Work:
    """Write the finding's suggestion into its field, through the editors' own path:
    the record is stamped as edited (so an import keeps the change) and an author's
    life is read again from a changed biography."""
    if not applicable(finding) or finding.suggestion is None or finding.location.ref is None:
        raise NotApplied("this finding has no suggestion to apply")
    kind, pk, field = finding.location.ref.split(":")
    model = APPLICABLE[(kind, field)]
    with transaction.atomic():
        record = model.objects.select_for_update().filter(pk=int(pk)).first()
        if record is None:
            raise NotApplied("the record is no longer in the catalog")
        value: str = getattr(record, field) or ""
        start = finding.location.offset
        end = start + len(finding.flagged)
        if value[start:end] != finding.flagged:
            raise NotApplied("the text has changed since the check: look again")
        setattr(record, field, value[:start] + finding.suggestion + value[end:])
        if isinstance(record, Author):
            before_author_saved(record, [field], True)
        stamp_edit(record, user)
        record.full_clean()
        record.save()
        if isinstance(record, Author):
            after_author_saved(record, [field])
    return record


def add_word(finding: Finding, user: object) -> str:
    """Add the word a spelling finding flags to the dictionary, for every guide."""
    word = finding.flagged.replace("’", "'").removesuffix("'s")
    AddedWord.objects.get_or_create(
        word=word[:100],
        defaults={"by": user, "by_name": user.get_username()},  # type: ignore[attr-defined]
    )
    return word


def ignore(findings: Iterable[Finding], user: object) -> None:
    """Remember that an editor judged these findings no problem, by key: a re-import
    that moves the text keeps them ignored."""
    for finding in findings:
        IgnoredFinding.objects.get_or_create(
            digest=IgnoredFinding.digest_of(finding.key),
            defaults={
                "key": finding.key,
                "code": finding.code,
                "record": finding.location.record[:255],
                "by": user,
                "by_name": user.get_username(),  # type: ignore[attr-defined]
            },
        )
