"""The editors' admin: find what a guide leaves open and complete it, keeping provenance.

Every change saved here stamps the record as edited (when and by whom), which is
what stops a later re-import from silently overwriting it. A form saved without a
change writes nothing (catalog/forms.py keeps unchanged text exactly as stored).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .forms import TEXT_AS_STORED, CatalogForm
from .models import (
    Author,
    Contribution,
    Guide,
    GuideEntry,
    LifeEvent,
    SlugRedirect,
    Source,
    Work,
)
from .timelines import recompute


class _MissingFilter(admin.SimpleListFilter):
    """Records where a field is empty: what an editor still has to fill in."""

    field: str
    parameter_name: str

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("missing", "Missing"), ("present", "Present")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        missing = Q(**{f"{self.field}__isnull": True})
        if self.field == "annotation":
            missing |= Q(annotation="")
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "present":
            return queryset.exclude(missing)
        return queryset


class MissingYear(_MissingFilter):
    title = "year"
    parameter_name = field = "year"


class MissingPages(_MissingFilter):
    title = "page count"
    parameter_name = field = "pages"


class MissingAnnotation(_MissingFilter):
    title = "annotation"
    parameter_name = field = "annotation"


class CatalogAdmin(admin.ModelAdmin):
    """Every catalog form: text as stored, nothing written when nothing changed."""

    form = CatalogForm
    formfield_overrides = TEXT_AS_STORED

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and not form.has_changed():
            return  # nothing to write; saving would move the catalog version for nothing
        super().save_model(request, obj, form, change)


class CatalogInline(admin.TabularInline):
    form = CatalogForm
    formfield_overrides = TEXT_AS_STORED


class EditedAdmin(CatalogAdmin):
    """Stamps edits, shows provenance read-only and links to the public page."""

    readonly_fields = ("provenance", "source_link", "created_at", "edited_at", "editor")

    @admin.display(description="Source file")
    def source_link(self, obj: Any) -> str:
        return obj.source.name if obj.source_id else "—"

    @admin.display(description="edited by")
    def editor(self, obj: Any) -> str:
        return obj.editor_name or "—"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and form.has_changed():
            obj.edited_at = timezone.now()
            obj.edited_by = request.user
            obj.edited_by_name = request.user.get_username()
        super().save_model(request, obj, form, change)


class ContributionInline(CatalogInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ("work",)
    fields = ("work", "role", "order")
    ordering = ("work__position",)
    verbose_name = "work"
    verbose_name_plural = "works"


class LifeEventInline(CatalogInline):
    """Correct, hide or add life events; whatever an editor touches is theirs to keep."""

    model = LifeEvent
    extra = 0
    fields = ("start", "end", "modifier", "label", "places", "hidden", "origin", "expression")
    readonly_fields = ("origin", "expression")
    ordering = ("start", "position")


@admin.register(Author)
class AuthorAdmin(EditedAdmin):
    list_display = ("name", "sort_name", "name_inferred", "work_count", "source", "edited_at")
    list_filter = (("name_inferred", admin.BooleanFieldListFilter), "source")
    search_fields = ("name", "sort_name", "biography")
    inlines = (ContributionInline, LifeEventInline)
    fieldsets = (
        (None, {"fields": ("name", "sort_name", "name_inferred", "slug", "biography")}),
        ("Provenance", {"fields": EditedAdmin.readonly_fields, "classes": ("collapse",)}),
    )

    @admin.display(description="works")
    def work_count(self, obj: Author) -> int:
        return obj.contributions.count()

    def save_model(self, request: HttpRequest, obj: Author, form: Any, change: bool) -> None:
        # Completing an inferred name is the point of editing it.
        if change and "name" in form.changed_data:
            obj.name_inferred = False
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is LifeEvent:
            for event_form in formset.forms:
                event = event_form.instance
                if event_form.has_changed():
                    if event.pk is None:
                        event.origin = LifeEvent.Origin.EDITOR
                    event.edited = True
        super().save_formset(request, form, formset, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if "biography" in form.changed_data:
            recompute([form.instance])


class WorkContributionInline(CatalogInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ("author",)
    fields = ("author", "role", "order")


@admin.register(Work)
class WorkAdmin(EditedAdmin):
    list_display = ("title", "year", "pages", "has_annotation", "source", "edited_at")
    list_filter = (MissingYear, MissingPages, MissingAnnotation, "source")
    search_fields = ("title", "annotation", "contributions__author__name")
    inlines = (WorkContributionInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "year", "year_end", "pages", "annotation")}),
        (
            "Provenance",
            {"fields": ("source_text", *EditedAdmin.readonly_fields), "classes": ("collapse",)},
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("source_text", *EditedAdmin.readonly_fields)

    @admin.display(boolean=True, description="annotation")
    def has_annotation(self, obj: Work) -> bool:
        return bool(obj.annotation)


class GuideEntryInline(CatalogInline):
    model = GuideEntry
    extra = 0
    autocomplete_fields = ("work",)
    fields = ("order", "work", "section", "note")
    ordering = ("order",)


@admin.register(Guide)
class GuideAdmin(EditedAdmin):
    list_display = ("title", "entry_count", "source", "edited_at")
    search_fields = ("title", "description")
    inlines = (GuideEntryInline,)
    fields = ("title", "slug", "description", *EditedAdmin.readonly_fields)

    @admin.display(description="entries")
    def entry_count(self, obj: Guide) -> int:
        return obj.entries.count()


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Imported files are evidence: readable, never edited by hand."""

    list_display = ("name", "imported_at", "encoding", "sha256")
    search_fields = ("name",)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(SlugRedirect)
class SlugRedirectAdmin(CatalogAdmin):
    list_display = ("kind", "old_slug", "new_slug")
    list_filter = ("kind",)
    search_fields = ("old_slug", "new_slug")


admin.site.site_header = "readingroom editors"
admin.site.site_title = "readingroom editors"
admin.site.index_title = "Catalog"
