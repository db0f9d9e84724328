"""Records as the API gives and takes them, derived from the models and their limits.

Every field's type, length, range and characters come from the model field and its
declaration in readingroom.limits (through its Limit validator), so the OpenAPI
document states them and nothing here restates a number. An editor may change what
the admin lets them change; the rest (provenance, stamps, what an import brought)
is read-only. A write is checked as the admin checks it: text is kept as typed with
line feeds for line breaks (catalog/forms.py), then the model's own full_clean()
applies the importer's rules (an end year before the start is refused), so bad
input is a 400 naming the field and nothing is written.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.serializers import as_serializer_error

from readingroom import limits
from readingroom.catalog.editing import after_author_saved, before_author_saved, stamp_edit
from readingroom.catalog.forms import StoredText
from readingroom.catalog.models import (
    Author,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    Identifier,
    Work,
)
from readingroom.catalog.slugs import SlugAllocator
from readingroom.catalog.validators import Limit
from readingroom.formats.records import SECTION_SEPARATOR
from readingroom.identity import Verdict
from readingroom.limits import EDITION_FIELDS
from readingroom.search.engine import EXACT_COUNTS
from readingroom.web.markdown import render_markdown

# Characters a field may be given (limits.characters_problem, as a pattern the
# OpenAPI document states): no control characters; no line break in a one-line field.
# A carriage return in prose is taken, and stored as a line feed.
_PROSE = r"[^\x00-\x08\x0b\x0e-\x1f\x7f]"
_LINE = r"[^\x00-\x08\x0a\x0b\x0d-\x1f\x7f]"
_SOME_TEXT = r"[^\s\x00-\x1f\x7f]"  # a field that may not be blank needs one of these
# Rules beyond a field's limits that still bound it alone (limits.work_rules).
_RULE_MAXIMUM: dict[str, Callable[[], int]] = {
    "year": limits.latest_plausible_year,
    "year_end": limits.latest_plausible_year,
}


def _declared(model_field: models.Field[Any, Any]) -> limits.Field | None:
    """The field's declaration in readingroom.limits, found through its validator."""
    return next((v.field for v in model_field.validators if isinstance(v, Limit)), None)


def _characters(spec: limits.Field, blank: bool) -> RegexValidator:
    char = _LINE if spec.lines == "one" else _PROSE
    # A blank field's empty value is stated apart (the document's oneOf): not here too.
    pattern = rf"^{char}+$" if blank else rf"^{char}*{_SOME_TEXT}{char}*$"
    return RegexValidator(pattern, f"{spec.label.capitalize()} holds a character it may not.")


class StoredTextField(serializers.CharField):
    """Text exactly as sent, with line feeds for line breaks; nothing stripped
    (the editors' forms' StoredText), and a field that may not be blank is not
    taken as blanks alone."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):  # a number is not taken for its digits
            self.fail("invalid")
        value: str = super().to_internal_value(data)
        value = StoredText(required=False).to_python(value)
        if not self.allow_blank and not value.strip():
            self.fail("blank")
        return value


class StrictSlugField(serializers.SlugField):
    """A slug exactly as sent: "serge\n" is not taken for "serge", nor 12 for "12"."""

    default_error_messages = {"not_text": "Not a valid string."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs["trim_whitespace"] = False
        super().__init__(**kwargs)
        kept: list[Any] = [
            v for v in getattr(self, "validators", []) if not isinstance(v, RegexValidator)
        ]
        exact = RegexValidator(r"^[-a-zA-Z0-9_]+\Z", "Enter a slug: letters, digits, - and _.")
        self.validators = [*kept, exact]

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return str(super().to_internal_value(data))


class StrictIntegerField(serializers.IntegerField):
    """A whole number as JSON gives one: not "12", 12.0 or true."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return int(super().to_internal_value(data))


class StrictBooleanField(serializers.BooleanField):
    """true or false, not "yes" or 1."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class SlugTaken(APIException):
    status_code = 409
    default_detail = "Another record has this slug; choose another."
    default_code = "slug_taken"


class CatalogSerializer(serializers.ModelSerializer):
    """A catalog record: limits from its declaration, written as an editor's change."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StoredTextField,
        models.TextField: StoredTextField,
        models.SlugField: StrictSlugField,
        models.IntegerField: StrictIntegerField,
        models.PositiveIntegerField: StrictIntegerField,
        models.BooleanField: StrictBooleanField,
    }
    slug_fallback = "record"

    def build_standard_field(
        self, field_name: str, model_field: models.Field[Any, Any]
    ) -> tuple[type, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        spec = _declared(model_field)
        if spec is None:
            return field_class, kwargs
        if spec.kind == "text":
            if spec.max_length is not None:
                kwargs["max_length"] = spec.max_length
            blank = kwargs.get("allow_blank", False)
            kwargs["validators"] = [*kwargs.get("validators", []), _characters(spec, blank)]
        elif spec.kind == "integer":
            kwargs["min_value"] = spec.minimum
            kwargs["max_value"] = spec.maximum
            if field_name in _RULE_MAXIMUM:
                kwargs["max_value"] = min(spec.maximum or 0, _RULE_MAXIMUM[field_name]())
        return field_class, kwargs

    # -- validation: the model's own, as the admin's form runs it --------------------

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        model = self.Meta.model
        if attrs.get("slug"):  # a conflict with another record, not bad input: 409
            others = model.objects.filter(slug=attrs["slug"])
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise SlugTaken(f"Another {model._meta.model_name} has the slug {attrs['slug']!r}.")
        if self.instance is None:
            candidate = model(**attrs)
            if not attrs.get("slug"):
                text = attrs.get(self.Meta.slug_from) or ""
                attrs["slug"] = SlugAllocator(model, self.slug_fallback).allocate([text])[0]
                candidate.slug = attrs["slug"]
        else:
            candidate = copy.copy(self.instance)
            for name, value in attrs.items():
                setattr(candidate, name, value)
        try:
            candidate.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(as_serializer_error(exc)) from exc
        return attrs

    # -- saving: stamped with the editor, like the admin ------------------------------

    def _editor(self) -> Any:
        return self.context["request"].user

    def create(self, validated_data: dict[str, Any]) -> Any:
        record = self.Meta.model(**validated_data)
        stamp_edit(record, self._editor())
        self.before_save(record, list(validated_data), change=False)
        record.save()
        self.after_save(record, list(validated_data))
        return record

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:
        changed = [
            name for name, value in validated_data.items() if getattr(instance, name) != value
        ]
        if not changed:
            return instance  # nothing to write, as the admin writes nothing
        for name in changed:
            setattr(instance, name, validated_data[name])
        stamp_edit(instance, self._editor())
        self.before_save(instance, changed, change=True)
        instance.save()
        self.after_save(instance, changed)
        return instance

    def to_representation(self, instance: Any) -> dict[str, Any]:
        count = self.Meta.count_field
        if count and not hasattr(instance, count):  # a record just written: not annotated
            setattr(instance, count, self.counted(instance))
        return super().to_representation(instance)

    def counted(self, record: Any) -> int:
        """The record's count of its children (see Meta.count_field)."""
        return 0

    def before_save(self, record: Any, changed: list[str], change: bool) -> None:
        """What a record's kind does before it is saved (nothing, unless overridden)."""

    def after_save(self, record: Any, changed: list[str]) -> None:
        """What a record's kind does once it is saved (nothing, unless overridden)."""

    # -- read-only parts every record has -----------------------------------------------

    class Meta:
        model: type[models.Model]
        slug_from: str
        count_field = ""  # a count the list's query annotates (work_count, entry_count)


class ProvenanceSerializer(serializers.Serializer):
    """Where a record came from: the file and its lines, or "entered by hand"."""

    source = serializers.CharField(allow_null=True, help_text="The imported file's name.")
    line_start = serializers.IntegerField(allow_null=True)
    line_end = serializers.IntegerField(allow_null=True)
    text = serializers.CharField(help_text="As the site shows it: 'file.txt:12–20'.")


@extend_schema_field(ProvenanceSerializer)
class ProvenanceField(serializers.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record: Any) -> dict[str, Any]:
        return {
            "source": record.source.name if record.source_id is not None else None,
            "line_start": record.line_start,
            "line_end": record.line_end,
            "text": record.provenance,
        }


@extend_schema_field({"type": "string", "nullable": True})
class MarkdownField(serializers.Field):
    """A Markdown field rendered as sanitised HTML (None where the text is None)."""

    def __init__(self, source: str, **kwargs: Any) -> None:
        super().__init__(source=source, read_only=True, **kwargs)

    def to_representation(self, value: str) -> str:
        return str(render_markdown(value))


# Optional on creation (made from the name or title); its uniqueness is a 409 (SlugTaken).
_SLUG = {"slug": {"required": False, "validators": []}}
_STAMPS = ("created_at", "edited_at", "edited_by")
_EDITED_BY = serializers.CharField(
    source="editor_name", read_only=True, help_text="The editor who last changed it by hand."
)


class IdentifierSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="The record's page in that catalogue.")

    class Meta:
        model = Identifier
        fields = ("scheme", "value", "url")
        read_only_fields = fields


class EditionSerializer(serializers.ModelSerializer):
    """One edition of a work, as a guide cites it or an editor added it."""

    provenance = ProvenanceField()
    reading = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = (*EDITION_FIELDS, "reading", "provenance")
        read_only_fields = fields

    def get_reading(self, edition: Edition) -> bool:
        """Whether the work's page count, and so its reading time, is this edition's."""
        return bool(edition.work.edition_id == edition.pk)


class AuthorSerializer(CatalogSerializer):
    provenance = ProvenanceField()
    identifiers = IdentifierSerializer(many=True, read_only=True)
    edited_by = copy.deepcopy(_EDITED_BY)
    biography_html = MarkdownField("biography")
    work_count = serializers.IntegerField(read_only=True, help_text="How many works credit them.")
    slug_fallback = "author"

    class Meta:
        model = Author
        slug_from = "name"
        count_field = "work_count"
        fields = (
            "slug",
            "name",
            "sort_name",
            "name_inferred",
            "biography",
            "biography_html",
            "work_count",
            "identifiers",
            "provenance",
            *_STAMPS,
        )
        read_only_fields = ("created_at", "edited_at")
        extra_kwargs = _SLUG

    def before_save(self, record: Any, changed: list[str], change: bool) -> None:
        before_author_saved(record, changed, change)

    def after_save(self, record: Any, changed: list[str]) -> None:
        after_author_saved(record, changed)

    def counted(self, author: Author) -> int:
        return author.contributions.values("work").distinct().count()


class ContributorSerializer(serializers.ModelSerializer):
    slug = serializers.CharField(source="author.slug")
    name = serializers.CharField(source="author.name")

    class Meta:
        model = Contribution
        fields = ("slug", "name", "role")


class WorkSerializer(CatalogSerializer):
    provenance = ProvenanceField()
    identifiers = IdentifierSerializer(many=True, read_only=True)
    editions = EditionSerializer(many=True, read_only=True)
    edited_by = copy.deepcopy(_EDITED_BY)
    annotation_html = MarkdownField("annotation")
    contributors = serializers.SerializerMethodField()
    slug_fallback = "work"

    class Meta:
        model = Work
        slug_from = "title"
        count_field = ""
        # What the admin lets an editor change, then what an import brought.
        fields = (
            "slug",
            "title",
            "year",
            "year_end",
            "pages",
            "annotation",
            "annotation_html",
            "url",
            "contributors",
            "identifiers",
            "editions",
            "provenance",
            *_STAMPS,
        )
        read_only_fields = ("url", *_STAMPS[:2])
        extra_kwargs = _SLUG

    @extend_schema_field(ContributorSerializer(many=True))
    def get_contributors(self, work: Work) -> list[dict[str, Any]]:
        credits = sorted(work.contributions.all(), key=lambda c: c.order)
        return list(ContributorSerializer(credits, many=True).data)


class GuideSerializer(CatalogSerializer):
    provenance = ProvenanceField()
    edited_by = copy.deepcopy(_EDITED_BY)
    description_html = MarkdownField("description")
    closing_html = MarkdownField("closing")
    entry_count = serializers.IntegerField(read_only=True, help_text="How many entries it has.")
    slug_fallback = "guide"

    class Meta:
        model = Guide
        slug_from = "title"
        count_field = "entry_count"
        fields = (
            "slug",
            "title",
            "subtitle",
            "compilers",
            "date",
            "description",
            "description_html",
            "closing",
            "closing_html",
            "entry_count",
            "provenance",
            *_STAMPS,
        )
        read_only_fields = _STAMPS[:2]
        extra_kwargs = _SLUG

    def counted(self, guide: Guide) -> int:
        return guide.entries.count()


class GuideEntrySerializer(serializers.ModelSerializer):
    """One entry of a guide, in the editor's order, with its work."""

    sections = serializers.SerializerMethodField()
    provenance = ProvenanceField()
    edition = EditionSerializer(
        read_only=True, allow_null=True, help_text="The edition the guide cites, if it names one."
    )
    work = WorkSerializer(read_only=True)

    class Meta:
        model = GuideEntry
        fields = (
            "order",
            "section",
            "sections",
            "importance",
            "part",
            "part_pages",
            "note",
            "provenance",
            "edition",
            "work",
        )
        read_only_fields = fields

    def get_sections(self, entry: GuideEntry) -> list[str]:
        """The section and the sections it is inside, outermost first."""
        return entry.section.split(SECTION_SEPARATOR) if entry.section else []


# -- search ------------------------------------------------------------------------------


class SearchQuerySerializer(serializers.Serializer):
    """The search's query parameters, as the web search reads them (web/params.py)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")
    author = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    decade = serializers.IntegerField(required=False, min_value=-9990, max_value=9990)
    length = serializers.ChoiceField(required=False, choices=["short", "medium", "long"])
    page = serializers.IntegerField(required=False, min_value=1, max_value=1_000_000, default=1)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["work", "author"])
    slug = serializers.CharField()
    name = serializers.CharField(help_text="A work's title or an author's name.")
    snippet_html = serializers.CharField(help_text="The matching text, words in <mark>.")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(
        help_text="How many results have this value; an estimate when `estimated`."
    )
    selected = serializers.BooleanField()
    estimated = serializers.BooleanField(
        help_text="The count is estimated from a sample of the results (a search matching"
        f" more than {EXACT_COUNTS:,} documents), to two significant figures."
    )


class FacetsSerializer(serializers.Serializer):
    author = FacetValueSerializer(many=True)
    decade = FacetValueSerializer(many=True)
    length = FacetValueSerializer(many=True)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    corrected = serializers.CharField(
        allow_null=True, help_text="The query run instead, when the one typed found nothing."
    )
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()


# -- duplicates --------------------------------------------------------------------------


class DuplicateRecordSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class DuplicateSerializer(serializers.Serializer):
    """One likely duplicate, as `readingroom duplicates --json` prints it."""

    kind = serializers.ChoiceField(choices=["author", "work"])
    verdict = serializers.ChoiceField(choices=[v.value for v in Verdict])
    evidence = serializers.ListField(child=serializers.CharField())
    records = DuplicateRecordSerializer(many=True, help_text="The older record first.")


# -- merging and "not the same" ----------------------------------------------------------


class OtherRecordSerializer(serializers.Serializer):
    """The body of a merge or a "not the same": the other record of the pair."""

    other = StrictSlugField(
        max_length=255,
        help_text="The other record's slug (of the same kind; an old slug names the record "
        "it leads to).",
    )


class RecordLinkSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(help_text="An author's name or a work's title.")
    url = serializers.URLField(help_text="The record's address in the API.")


class MergedWorkSerializer(serializers.Serializer):
    kept = serializers.CharField(help_text="The kept work's slug.")
    merged = serializers.CharField(help_text="The merged work's slug, which now redirects.")
    url = serializers.URLField(help_text="The kept work's address in the API.")


class MergeReportSerializer(serializers.Serializer):
    """What a merge did: `readingroom merge`'s report, with the kept record in full."""

    kind = serializers.ChoiceField(choices=["author", "work"])
    kept = serializers.CharField(help_text="The kept record's slug.")
    merged = serializers.CharField(
        help_text="The merged record's slug: it now redirects to the kept one."
    )
    url = serializers.URLField(help_text="The kept record's address in the API.")
    filled = serializers.ListField(
        child=serializers.CharField(),
        help_text="The fields the kept record lacked and took from the merged one.",
    )
    works_merged = MergedWorkSerializer(
        many=True, help_text="An author merge's works the two shared by title, merged too."
    )
    summary = serializers.CharField(help_text="The report as `readingroom merge` prints it.")


class AuthorMergeReportSerializer(MergeReportSerializer):
    record = AuthorSerializer(read_only=True, help_text="The kept author, as it now is.")


class WorkMergeReportSerializer(MergeReportSerializer):
    record = WorkSerializer(read_only=True, help_text="The kept work, as it now is.")


class NotSameSerializer(serializers.Serializer):
    """Two records an editor judged different: `/api/duplicates/` no longer lists them."""

    kind = serializers.ChoiceField(choices=["author", "work"])
    records = RecordLinkSerializer(many=True, help_text="The two, the path's record first.")
    decided_by = serializers.CharField(help_text="The editor who first judged them different.")
    decided_at = serializers.DateTimeField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
