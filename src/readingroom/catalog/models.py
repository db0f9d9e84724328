"""The catalog: sources, authors, works and guides, each traceable to its lines.

Authors also carry the life events drawn from their biographies. A work has its
editions (each guide's cited one, and those editors add) and identifiers in public
catalogues; room is left for subjects on Work and readers' shelves pointing at Work
(docs/architecture.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone

from readingroom import limits
from readingroom.identity.identifiers import SCHEMES, BadIdentifier, normal_identifier
from readingroom.timeline.wording import human_period

from .validators import limited


class Source(models.Model):
    """One imported file, kept verbatim: the ground truth every record points back to.

    The text is stored in pieces (:class:`SourceChunk`) so that a file of hundreds of
    megabytes is written and read back without ever being held in memory whole.
    """

    name = models.CharField(unique=True, help_text="The file's name.", **limited("source", "name"))
    sha256 = models.CharField(max_length=64, **limited("source", "sha256"))
    imported_at = models.DateTimeField()
    encoding = models.CharField(max_length=16, default="utf-8", **limited("source", "encoding"))
    newline = models.CharField(max_length=2, default="\n", **limited("source", "newline"))
    final_newline = models.BooleanField(default=True)
    lines = models.PositiveIntegerField(default=0, help_text="How many lines the file has.")
    size = models.BigIntegerField(default=0, help_text="The file's size in bytes.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def text_pieces(self) -> Iterator[str]:
        """The file's text, piece by piece, in order."""
        numbers = self.chunks.order_by("number").values_list("number", flat=True)
        for number in list(numbers):
            yield self.chunks.values_list("text", flat=True).get(number=number)

    @property
    def text(self) -> str:
        """The whole text (for files small enough to hold; large ones use text_pieces)."""
        return "".join(self.text_pieces())

    def replace_text(self, pieces: Iterable[str]) -> None:
        """Store new text in place of the old, a piece at a time."""
        SourceChunk.objects.filter(source=self).delete()
        for number, piece in enumerate(pieces):
            SourceChunk.objects.create(source=self, number=number, text=piece)


class SourceChunk(models.Model):
    """A piece of a source's text, about a megabyte, in file order."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["source", "number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="source_chunk_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} #{self.number}"


class Provenance(models.Model):
    """Where a record came from: a source file and the lines it spans there."""

    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    line_start = models.PositiveIntegerField(null=True, blank=True, **limited("work", "line_start"))
    line_end = models.PositiveIntegerField(null=True, blank=True, **limited("work", "line_end"))

    class Meta:
        abstract = True

    @property
    def provenance(self) -> str:
        if self.source_id is None:
            return "entered by hand"
        return f"{self.source}:{self.line_start}–{self.line_end}"


class Edited(models.Model):
    """When a record was created, and when an editor last changed it by hand.

    An import never silently overwrites a record that an editor changed after the
    file was imported: it reports the conflict instead (catalog/importer.py).
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The editor's user name, kept when the account is not there (a dump loaded elsewhere).
    edited_by_name = models.CharField(max_length=150, blank=True, db_default="")

    class Meta:
        abstract = True

    @property
    def editor_name(self) -> str:
        return self.edited_by.get_username() if self.edited_by else self.edited_by_name


class Author(Provenance, Edited):
    name = models.CharField(**limited("author", "name"))
    sort_name = models.CharField(db_index=True, **limited("author", "sort_name"))
    slug = models.SlugField(unique=True, **limited("author", "slug"))
    name_inferred = models.BooleanField(
        default=False, help_text="The guide gave no name; this one was guessed from the text."
    )
    biography = models.TextField(
        blank=True, help_text="Verbatim, as the editor wrote it.", **limited("author", "biography")
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order within its source.", **limited("author", "position")
    )

    class Meta:
        ordering = ["sort_name", "slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("author", args=[self.slug])


class Work(Provenance, Edited):
    title = models.CharField(db_index=True, **limited("work", "title"))
    slug = models.SlugField(unique=True, **limited("work", "slug"))
    year = models.IntegerField(
        null=True, blank=True, help_text="Year of first publication.", **limited("work", "year")
    )
    year_end = models.IntegerField(
        null=True,
        blank=True,
        help_text="Last year, for works published over several years.",
        **limited("work", "year_end"),
    )
    pages = models.PositiveIntegerField(null=True, blank=True, **limited("work", "pages"))
    annotation = models.TextField(null=True, blank=True, **limited("work", "annotation"))
    edition = models.ForeignKey(
        "Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The edition its page count is from, when the guide names one.",
    )
    url = models.CharField(
        "URL",
        blank=True,
        db_default="",
        help_text="Where it can be read.",
        **limited("work", "url"),
    )
    source_text = models.TextField(
        blank=True,
        help_text="The work's paragraph exactly as it stood in the source.",
        **limited("work", "source_text"),
    )
    position = models.PositiveIntegerField(
        default=0, help_text="Order within its author.", **limited("work", "position")
    )
    authors = models.ManyToManyField(Author, through="Contribution", related_name="works")

    class Meta:
        ordering = ["title", "slug"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("work", args=[self.slug])

    def clean(self) -> None:
        """The importer's rules for years and page counts (readingroom.limits); the
        edition its pages are from is one of its own and, if it counts them, agrees."""
        raise_rule_errors(limits.work_rules(self.year, self.year_end, self.pages))
        edition = self.edition
        if edition is None:
            return
        if edition.work_id != self.pk:
            raise ValidationError({"edition": "That edition is another work's."})
        if edition.pages is not None and self.pages != edition.pages:
            raise ValidationError(
                {
                    "pages": f"The {edition} has {edition.pages:,} pages, not "
                    f"{self.pages or 0:,}: change one, or choose another edition."
                }
            )

    @property
    def link(self) -> str:
        """The URL, when it is one a reader can safely follow (http or https)."""
        return self.url if self.url.startswith(("http://", "https://")) else ""

    def merged_from(self, source_id: int | None) -> MergedRecord | None:
        """What another source said of this work, where it was merged into it from there
        (``self.merged`` is best prefetched); None for the work's own source."""
        if source_id is None or source_id == self.source_id:
            return None
        return next((m for m in self.merged.all() if m.source_id == source_id), None)


class Edition(Provenance):
    """One edition of a work: the one a guide cites (its publisher, place, year, page
    count, ISBN, translator and language), or one an editor adds. A guide entry names
    the edition it cites, and a work the one its page count, and so its reading time,
    is from; a merged work brings its editions along."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="editions")
    year = models.IntegerField(null=True, blank=True, **limited("edition", "year"))
    publisher = models.CharField(blank=True, **limited("edition", "publisher"))
    place = models.CharField(
        blank=True, help_text="Where it was published.", **limited("edition", "place")
    )
    pages = models.PositiveIntegerField(null=True, blank=True, **limited("edition", "pages"))
    isbn = models.CharField(
        "ISBN",
        blank=True,
        help_text="ISBN-13 or ISBN-10, digits only, its check digit verified.",
        **limited("edition", "isbn"),
    )
    translator = models.CharField(
        blank=True, help_text="As the edition credits them.", **limited("edition", "translator")
    )
    language = models.CharField(
        blank=True,
        help_text='Its language, as a name or a tag ("English", "de").',
        **limited("edition", "language"),
    )
    position = models.PositiveIntegerField(default=0, **limited("edition", "position"))

    class Meta:
        ordering = ["work", "position", "pk"]

    def __str__(self) -> str:
        return self.described or "edition"

    @property
    def described(self) -> str:
        """How a reader tells it apart: "1963 Oxford University Press edition"."""
        said = " ".join(str(part) for part in (self.year, self.publisher) if part)
        if not said and not self.isbn:
            return ""
        said = f"{said} edition" if said else "edition"
        return f"{said}, ISBN {self.isbn}" if self.isbn else said

    def clean(self) -> None:
        if self.isbn:
            try:
                self.isbn = normal_identifier("isbn", self.isbn)
            except BadIdentifier as exc:
                raise ValidationError({"isbn": limits.as_sentence(str(exc))}) from None


class Contribution(models.Model):
    """An author's part in a work; order keeps co-authors as the title page lists them."""

    class Role(models.TextChoices):
        AUTHOR = "author"
        EDITOR = "editor"
        TRANSLATOR = "translator"
        INTRODUCTION = "introduction"

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="contributions")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="contributions")
    role = models.CharField(
        max_length=20, choices=Role.choices, default=Role.AUTHOR, **limited("contribution", "role")
    )
    order = models.PositiveIntegerField(default=0, **limited("contribution", "order"))

    class Meta:
        ordering = ["work", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "author", "role"], name="contribution_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} ({self.role}) — {self.work}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The first place (0) is the work's lead author, whose guide entry it is; a
        # credit an editor adds goes after those already there.
        if self.pk is None and self.work_id is not None:
            taken = Contribution.objects.filter(work_id=self.work_id, order=self.order)
            if taken.exists():
                last = Contribution.objects.filter(work_id=self.work_id).aggregate(
                    last=models.Max("order")
                )["last"]
                self.order = last + 1
        super().save(*args, **kwargs)


class Guide(Provenance, Edited):
    """A reading guide: works in the editor's order, grouped in optional sections."""

    title = models.CharField(**limited("guide", "title"))
    subtitle = models.CharField(blank=True, db_default="", **limited("guide", "subtitle"))
    slug = models.SlugField(unique=True, **limited("guide", "slug"))
    description = models.TextField(
        blank=True,
        help_text="The guide's introduction (Markdown).",
        **limited("guide", "description"),
    )
    closing = models.TextField(
        blank=True,
        db_default="",
        help_text="What the guide says after its entries (Markdown).",
        **limited("guide", "closing"),
    )
    compilers = models.CharField(blank=True, db_default="", **limited("guide", "compilers"))
    date = models.CharField(
        blank=True,
        db_default="",
        help_text="As the guide dates itself.",
        **limited("guide", "date"),
    )
    works = models.ManyToManyField(Work, through="GuideEntry", related_name="guides")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide", args=[self.slug])


class GuideEntry(Provenance):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="entries")
    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="guide_entries")
    order = models.PositiveIntegerField(**limited("guideentry", "order"))
    section = models.CharField(null=True, blank=True, **limited("guideentry", "section"))
    note = models.TextField(
        blank=True,
        help_text="The guide editor's note on this entry.",
        **limited("guideentry", "note"),
    )
    importance = models.CharField(
        max_length=12,
        null=True,
        blank=True,
        choices=list(limits.IMPORTANCE.items()),
        help_text="How much the guide asks of this reading.",
    )
    part = models.CharField(
        blank=True,
        db_default="",
        help_text="The part to read, as the guide gives it: 'Chapter 2', 'pp. 12–40'.",
        **limited("guideentry", "part"),
    )
    part_pages = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Pages in the part to read; they count instead of the work's.",
        **limited("guideentry", "part_pages"),
    )
    edition = models.ForeignKey(
        Edition,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        help_text="The edition the guide cites.",
    )

    class Meta:
        ordering = ["guide", "order"]
        verbose_name_plural = "guide entries"
        constraints = [
            models.UniqueConstraint(fields=["guide", "order"], name="guide_entry_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.guide}: {self.order}. {self.work}"

    def clean(self) -> None:
        if self.edition is not None and self.edition.work_id != self.work_id:
            raise ValidationError({"edition": "That edition is another work's."})


class SlugRedirect(models.Model):
    """An old slug that still leads to its record after an editor renamed it."""

    class Kind(models.TextChoices):
        AUTHOR = "author"
        WORK = "work"
        GUIDE = "guide"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    old_slug = models.SlugField(max_length=255)
    new_slug = models.SlugField(max_length=255)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="slug_redirect_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.old_slug} → {self.new_slug}"

    @classmethod
    def point(cls, kind: str, old: str, new: str) -> None:
        """Send ``old`` (and every slug that led to it) to ``new``; ``new`` itself is a
        record's slug again, so no redirect may start from it."""
        cls.objects.filter(kind=kind, new_slug=old).update(new_slug=new)
        cls.objects.filter(kind=kind, old_slug=new).delete()
        cls.objects.update_or_create(kind=kind, old_slug=old, defaults={"new_slug": new})


class CatalogVersion(models.Model):
    """A number that changes whenever the catalog does; cached pages are keyed by it."""

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"catalog version {self.number}"

    @classmethod
    def current(cls) -> int:
        number = cls.objects.filter(pk=1).values_list("number", flat=True).first()
        return number if number is not None else 0

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(
            number=models.F("number") + 1, changed_at=timezone.now()
        )
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"number": 1})


class UnicodeJSONEncoder(DjangoJSONEncoder):
    """JSON with its letters as they are ("Zürich", not "Z\\u00fcrich"), so that
    SQLite's text search finds them as PostgreSQL's does."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "ensure_ascii": False})


class RecordKind(models.TextChoices):
    """What a merged record or a "not the same" pair is of."""

    AUTHOR = "author"
    WORK = "work"


class MergedRecord(Provenance):
    """An author or work merged into another: what it was, and where it came from.

    Merging keeps one record and folds the other into it. The other's slug then
    redirects, and this row keeps its name, its fields as they stood and its
    provenance, so nothing its source said is lost (a guide's annotation among them),
    and re-importing that source finds the record it became (catalog/importer.py).
    """

    Kind = RecordKind

    kind = models.CharField(max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.CASCADE, related_name="merged"
    )
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="merged"
    )
    slug = models.SlugField(max_length=255, help_text="Its slug, which now redirects.")
    name = models.TextField(help_text="Its name or title when it was merged.")
    name_in_file = models.TextField(
        blank=True, help_text="The name or title its source gave it: what a re-import matches."
    )
    position = models.PositiveIntegerField(default=0, help_text="Its place within its source.")
    fields = models.JSONField(
        default=dict, encoder=UnicodeJSONEncoder, help_text="Its fields as they stood."
    )
    merged_at = models.DateTimeField(default=timezone.now)
    merged_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["kind", "merged_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="author", author__isnull=False, work__isnull=True)
                    | models.Q(kind="work", work__isnull=False, author__isnull=True)
                ),
                name="merged_record_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} '{self.name}' ({self.provenance})"

    @property
    def annotation(self) -> str | None:
        value = self.fields.get("annotation")
        return value if isinstance(value, str) else None


class Identifier(models.Model):
    """An identifier of an author or a work in a public catalogue (ISBN, Open Library,
    Wikidata, VIAF, ISNI, LCCN, OCLC), kept in its scheme's normal form and linked out
    to that catalogue's page (readingroom.identity.identifiers); never fetched."""

    scheme = models.CharField(max_length=10, choices=[(s.name, s.label) for s in SCHEMES.values()])
    value = models.CharField(
        max_length=64, help_text="As pasted: a number, a prefixed one or the record's URL."
    )
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.CASCADE, related_name="identifiers"
    )
    work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta:
        ordering = ["scheme", "value"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(author__isnull=False, work__isnull=True)
                    | models.Q(work__isnull=False, author__isnull=True)
                ),
                name="identifier_one_record",
            ),
            models.UniqueConstraint(
                fields=["scheme", "value", "author"], name="identifier_unique_author"
            ),
            models.UniqueConstraint(
                fields=["scheme", "value", "work"], name="identifier_unique_work"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.value}"

    @property
    def label(self) -> str:
        return SCHEMES[self.scheme].label if self.scheme in SCHEMES else self.scheme

    @property
    def url(self) -> str:
        return SCHEMES[self.scheme].url(self.value) if self.scheme in SCHEMES else ""

    def clean(self) -> None:
        """The value in its scheme's normal form, its check digit verified; a scheme
        only for what it identifies (an ISBN is a work's, a VIAF ID an author's)."""
        scheme = SCHEMES.get(self.scheme)
        if scheme is None:
            return  # the field's choices say so
        if self.author_id is not None and not scheme.for_authors:
            raise ValidationError({"scheme": f"{scheme.label} identifies works, not authors."})
        if self.work_id is not None and not scheme.for_works:
            raise ValidationError({"scheme": f"{scheme.label} identifies authors, not works."})
        try:
            self.value = normal_identifier(self.scheme, self.value or "")
        except BadIdentifier as exc:
            raise ValidationError({"value": limits.as_sentence(str(exc))}) from None


class NotSame(models.Model):
    """Two records an editor judged to be different: never offered as duplicates again."""

    Kind = RecordKind

    kind = models.CharField(max_length=10, choices=Kind.choices)
    first_author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    second_author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    first_work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    second_work = models.ForeignKey(
        Work, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name_plural = "not the same"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "first_author", "second_author", "first_work", "second_work"],
                name="not_same_unique",
            )
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.AUTHOR:
            return f"{self.first_author} ≠ {self.second_author}"
        return f"{self.first_work} ≠ {self.second_work}"


class ByEditor(models.Model):
    """Who made an editorial decision, and when; the name kept beside the account."""

    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        abstract = True


class IgnoredFinding(ByEditor):
    """An editorial check's finding an editor judged no problem: not shown as open
    again. Keyed by the finding's key (code, record, field and the words flagged),
    which a re-import that moves the text about does not change."""

    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the key.")
    key = models.TextField(**limited("ignoredfinding", "key"))
    code = models.CharField(**limited("ignoredfinding", "code"))
    record = models.CharField(
        help_text="What the finding is about.", **limited("ignoredfinding", "record")
    )

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.code} in {self.record}"

    @staticmethod
    def digest_of(key: str) -> str:
        """The key's SHA-256: keys are too long for a unique index of their own."""
        return hashlib.sha256(key.encode()).hexdigest()


class AddedWord(ByEditor):
    """A word an editor added to the spelling check's dictionary (a name, a term of
    art): never flagged again, in any guide."""

    word = models.CharField(unique=True, **limited("addedword", "word"))

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class LifeEvent(models.Model):
    """A dated (or undated) event of an author's life, drawn from the biography.

    Extracted events are recomputed whenever the biography changes; an event an
    editor corrected, hid or added is theirs and survives that (``key`` ties an
    extracted event to its sentence and expression, so a correction finds it again).
    """

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", limits.ORIGINS["extracted"]
        EDITOR = "editor", limits.ORIGINS["editor"]

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="life_events")
    start = models.CharField(
        max_length=20,
        null=True,
        blank=True,
        help_text="ISO date: 1921, 1928-03 or 1928-03-14.",
        **limited("lifeevent", "start"),
    )
    end = models.CharField(
        max_length=20,
        null=True,
        blank=True,
        help_text="Leave empty for a single date.",
        **limited("lifeevent", "end"),
    )
    precision = models.CharField(
        max_length=10,
        null=True,
        blank=True,
        choices=list(limits.PRECISIONS.items()),
        **limited("lifeevent", "precision"),
    )
    modifier = models.CharField(
        max_length=20,
        null=True,
        blank=True,
        choices=list(limits.MODIFIERS.items()),
        help_text="How the date is qualified: about 1920, early 1920, before 1920 …",
        **limited("lifeevent", "modifier"),
    )
    kind = models.CharField(
        max_length=12,
        choices=list(limits.EVENT_KINDS.items()),
        default="other",
        help_text="What the event is about; context is a named event of the times, drawn "
        "behind the life rather than as part of it.",
        **limited("lifeevent", "kind"),
    )
    label = models.CharField(**limited("lifeevent", "label"))
    text = models.TextField(
        blank=True,
        help_text="The sentence of the biography it comes from.",
        **limited("lifeevent", "text"),
    )
    places = models.JSONField(
        default=list, blank=True, encoder=UnicodeJSONEncoder, **limited("lifeevent", "places")
    )
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    expression = models.CharField(blank=True, **limited("lifeevent", "expression"))
    position = models.PositiveIntegerField(default=0, **limited("lifeevent", "position"))
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    key = models.CharField(blank=True, db_index=True, **limited("lifeevent", "key"))
    edited = models.BooleanField(default=False, help_text="Corrected by an editor: kept as is.")
    hidden = models.BooleanField(default=False, help_text="Hidden by an editor.")

    class Meta:
        ordering = ["author", "position"]
        indexes = [models.Index(fields=["author", "start", "position"])]

    def __str__(self) -> str:
        when = human_period(self.start, self.end, self.modifier, self.precision)
        return f"{when}: {self.label}"

    def clean(self) -> None:
        """An editor's dates (each an ISO date that exists, by its field's validator): a
        start for any end, an end no earlier than the start. A start alone is a point."""
        if self.start and not self.end:
            self.end = self.start
        raise_rule_errors(limits.life_event_rules(self.start, self.end))


def raise_rule_errors(problems: list[limits.RuleProblem]) -> None:
    """Raise the rules' errors for a form to show beside their fields."""
    errors: dict[str, list[str]] = {}
    for problem in problems:
        if problem.severity == "error":
            errors.setdefault(problem.field, []).append(limits.as_sentence(problem.message))
    if errors:
        raise ValidationError(errors)


class OpenLibraryRecord(Provenance):
    """An Open Library record a dump brought (catalog/olimport.py): its key, the revision
    of it the catalog holds and when Open Library last changed it, and the dump's line.

    An author's or a work's key is also its ``olid`` :class:`Identifier`, through which
    it is found (an editor's merge moves it along); an edition is found here. A
    redirect keeps where its key now leads, and a deletion that it was deleted, so an
    older dump cannot bring either back.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author"
        WORK = "work"
        EDITION = "edition"
        REDIRECT = "redirect"
        DELETE = "delete"

    key = models.CharField(max_length=16, unique=True, help_text='Its Open Library ID: "OL45883W".')
    kind = models.CharField(max_length=10, choices=Kind.choices)
    revision = models.PositiveIntegerField()
    last_modified = models.CharField(max_length=32, blank=True)
    edition = models.ForeignKey(
        Edition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.CharField(max_length=16, blank=True, help_text="The key a redirect leads to.")
    birth_date = models.CharField(
        max_length=255, blank=True, help_text="An author's, as Open Library writes it."
    )
    death_date = models.CharField(max_length=255, blank=True)
    matched = models.BooleanField(
        default=False,
        help_text="A record from elsewhere the identity rules matched.",
    )

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key} ({self.kind}, revision {self.revision})"
