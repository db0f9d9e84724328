"""The editors' admin: find what a guide leaves open and complete it, keeping provenance.

Every change saved here stamps the record as edited (when and by whom), which is
what stops a later re-import from silently overwriting it. A form saved without a
change writes nothing (catalog/forms.py keeps unchanged text exactly as stored).

No page loads an unbounded number of rows: an author's works and life events and a
guide's entries are counted and linked from the parent's page, and edited on their
own paginated, searchable lists (``?author=ID``, ``?guide=ID``).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import admin, messages
from django.db.models import Exists, F, Max, Model, OuterRef, Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from readingroom import limits
from readingroom.limits import EDITION_FIELDS
from readingroom.timeline.wording import human_period

from .editing import after_author_saved, before_author_saved, stamp_edit
from .forms import TEXT_AS_STORED, CatalogForm, PlacesField, places_text
from .models import (
    Author,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    Identifier,
    LifeEvent,
    MergedRecord,
    NotSame,
    SlugRedirect,
    Source,
    Work,
)


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


def record_id(value: object) -> int | None:
    """A record's id as a query parameter gives it, or None for anything else ("²",
    twenty digits): the value is then ignored, never an error."""
    text = str(value) if value is not None else ""
    return int(text) if _RECORD_ID.fullmatch(text) else None


_RECORD_ID = re.compile(r"[0-9]{1,18}")


class _ParentFilter(admin.SimpleListFilter):
    """One parent's rows (``?author=ID``), as linked from the parent's change page.

    It offers only the parent chosen, never a list of every author or guide; a value
    that is not an id shows every row, as no value does.
    """

    parent: type[Model]

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        pk = record_id(self.value())
        chosen = self.parent.objects.filter(pk=pk).first() if pk is not None else None
        return [(str(pk), str(chosen))] if chosen else []

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        pk = record_id(self.value())
        if pk is None:
            return queryset
        return queryset.filter(**{f"{self.parameter_name}_id": pk})


class AuthorFilter(_ParentFilter):
    title = parameter_name = "author"
    parent = Author


class GuideFilter(_ParentFilter):
    title = parameter_name = "guide"
    parent = Guide


class WorkAuthorFilter(AuthorFilter):
    """Works an author contributed to, each once whatever their roles."""

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        pk = record_id(self.value())
        if pk is None:
            return queryset
        mine = Contribution.objects.filter(work=OuterRef("pk"), author_id=pk)
        return queryset.filter(Exists(mine))


def _checks_path(kind: str, site: admin.AdminSite) -> Any:
    """The record's "Checks" page (catalog/checksadmin.py)."""
    from functools import partial

    from django.urls import path

    from .checksadmin import checks_view

    return path(
        "<int:pk>/checks/",
        site.admin_view(partial(checks_view, kind=kind)),
        name=f"catalog_{kind}_checks",
    )


def _checks_link(kind: str, record: Model) -> str:
    if record.pk is None:
        return "—"
    url = reverse(f"admin:catalog_{kind}_checks", args=[record.pk])
    return format_html('<a href="{}">What the editorial checks find</a>', url)


def _children_link(model: type[Model], parent: Model, count: int, add: bool = True) -> str:
    """A parent's rows, counted, on their own list: "Life events (130) — edit · add"."""
    opts = model._meta
    query = f"?{type(parent).__name__.lower()}={parent.pk}"
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    link = format_html(
        '<a href="{}">{} ({}) — edit</a>',
        changelist + query,
        opts.verbose_name_plural.capitalize(),
        f"{count:,}",
    )
    if not add:
        return link
    add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    return format_html('{} · <a href="{}">add</a>', link, add_url + query)


class CatalogAdmin(admin.ModelAdmin):
    """Every catalog form: text as stored, nothing written when nothing changed."""

    form = CatalogForm
    formfield_overrides = TEXT_AS_STORED
    # A million works: one count for the page, not a second one of the whole table.
    show_full_result_count = False

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """Values from the query string; a record named by anything but an id is left out."""
        initial: dict[str, Any] = super().get_changeform_initial_data(request)
        for name in self.autocomplete_fields:
            if name in initial and record_id(initial[name]) is None:
                del initial[name]
        return initial

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and not form.has_changed():
            return  # nothing to write; saving would move the catalog version for nothing
        super().save_model(request, obj, form, change)


class EditedAdmin(CatalogAdmin):
    """Stamps edits, shows provenance read-only and links to the public page."""

    readonly_fields: tuple[str, ...] = (
        "provenance",
        "source_file",
        "created_at",
        "edited_at",
        "editor",
    )
    related: tuple[str, ...] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # The source's name in the same query, without loading the source (its text
        # can be megabytes) for each row of a list.
        return super().get_queryset(request).annotate(source_name=F("source__name"))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.related:
            return fieldsets
        return [*fieldsets[:1], ("Related records", {"fields": self.related}), *fieldsets[1:]]

    @admin.display(description="source file", ordering="source__name")
    def source_file(self, obj: Any) -> str:
        return obj.source_name or "—"

    @admin.display(description="edited by")
    def editor(self, obj: Any) -> str:
        return obj.editor_name or "—"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change and form.has_changed():
            stamp_edit(obj, request.user)
        super().save_model(request, obj, form, change)


class IdentifierInline(admin.TabularInline):
    """Identifiers in public catalogues, pasted as numbers or URLs, kept in normal form."""

    model = Identifier
    form = CatalogForm
    extra = 0
    fields = ("scheme", "value", "link")
    readonly_fields = ("link",)

    @admin.display(description="page")
    def link(self, obj: Identifier) -> str:
        if not obj.pk or not obj.url:
            return "—"
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.url, obj.url)


class MergedInline(admin.TabularInline):
    """The records merged into this one: what each was and where it came from."""

    model = MergedRecord
    extra = 0
    can_delete = False
    fields = ("name", "slug", "provenance", "merged_at", "merged_by_name")
    readonly_fields = fields
    verbose_name = "merged record"
    verbose_name_plural = "merged into this one"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Author)
class AuthorAdmin(EditedAdmin):
    inlines = (IdentifierInline, MergedInline)
    list_display = ("name", "sort_name", "name_inferred", "work_count", "source_file", "edited_at")
    list_filter = (("name_inferred", admin.BooleanFieldListFilter), "source")
    search_fields = ("name", "sort_name", "biography")
    related = ("works_link", "life_events_link", "checks_link")
    readonly_fields = (*EditedAdmin.readonly_fields, *related)
    fieldsets = (
        (None, {"fields": ("name", "sort_name", "name_inferred", "slug", "biography")}),
        ("Provenance", {"fields": EditedAdmin.readonly_fields, "classes": ("collapse",)}),
    )

    def get_urls(self) -> list[Any]:
        from django.urls import path

        from .mergeadmin import duplicates_view

        own = [
            path(
                "duplicates/",
                self.admin_site.admin_view(duplicates_view),
                name="catalog_author_duplicates",
            ),
            _checks_path("author", self.admin_site),
        ]
        return own + super().get_urls()

    @admin.display(description="works")
    def work_count(self, obj: Author) -> int:
        return obj.contributions.count()

    @admin.display(description="Works")
    def works_link(self, obj: Author) -> str:
        return _children_link(Work, obj, obj.contributions.count(), add=False)

    @admin.display(description="Life events")
    def life_events_link(self, obj: Author) -> str:
        return _children_link(LifeEvent, obj, obj.life_events.count())

    @admin.display(description="Checks")
    def checks_link(self, obj: Author) -> str:
        return _checks_link("author", obj)

    def save_model(self, request: HttpRequest, obj: Author, form: Any, change: bool) -> None:
        before_author_saved(obj, form.changed_data, change)
        super().save_model(request, obj, form, change)
        after_author_saved(obj, form.changed_data)


class WorkContributionInline(admin.TabularInline):
    """A work's few authors, editors and translators."""

    model = Contribution
    form = CatalogForm
    extra = 0
    autocomplete_fields = ("author",)
    fields = ("author", "role", "order")


class EditionInline(admin.TabularInline):
    """A work's editions: each guide's cited one, and those an editor adds."""

    model = Edition
    form = CatalogForm
    extra = 0
    fields = (*EDITION_FIELDS, "provenance")
    readonly_fields = ("provenance",)


def _own_editions(form: Any, work_id: int | None) -> Any:
    """A form whose edition can only be one of the work's own."""
    field = form.base_fields.get("edition")
    if field is not None:
        field.queryset = Edition.objects.filter(work_id=work_id)
    return form


@admin.register(Work)
class WorkAdmin(EditedAdmin):
    list_display = ("title", "year", "pages", "has_annotation", "source_file", "edited_at")
    list_filter = (WorkAuthorFilter, MissingYear, MissingPages, MissingAnnotation, "source")
    search_fields = ("title", "annotation", "contributions__author__name")
    # The primary key is indexed; sorting a million titles for every page is not cheap.
    ordering = ("-pk",)
    inlines = (WorkContributionInline, EditionInline, IdentifierInline, MergedInline)
    fieldsets = (
        (None, {"fields": ("title", "slug", "year", "year_end", "pages", "edition", "annotation")}),
        (
            "Provenance",
            {"fields": ("source_text", *EditedAdmin.readonly_fields), "classes": ("collapse",)},
        ),
    )
    readonly_fields = ("source_text", *EditedAdmin.readonly_fields)

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        return _own_editions(super().get_form(request, obj, **kwargs), obj.pk if obj else None)

    @admin.display(boolean=True, description="annotation")
    def has_annotation(self, obj: Work) -> bool:
        return bool(obj.annotation)

    def save_model(self, request: HttpRequest, obj: Work, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The importer's warnings (a page count of 0 …): saved, but worth a second look.
        for problem in limits.work_rules(obj.year, obj.year_end, obj.pages):
            if problem.severity == "warning":
                self.message_user(request, limits.as_sentence(problem.message), messages.WARNING)


@admin.register(Guide)
class GuideAdmin(EditedAdmin):
    list_display = ("title", "entry_count", "source_file", "edited_at")
    search_fields = ("title", "description")
    related = ("entries_link", "checks_link")
    readonly_fields = (*EditedAdmin.readonly_fields, *related)
    fieldsets = (
        (None, {"fields": ("title", "subtitle", "slug", "compilers", "date")}),
        ("Text", {"fields": ("description", "closing")}),
        ("Provenance", {"fields": EditedAdmin.readonly_fields, "classes": ("collapse",)}),
    )

    def get_urls(self) -> list[Any]:
        from django.urls import path

        from .listadmin import import_list_view

        own = [
            path(
                "import-list/",
                self.admin_site.admin_view(import_list_view),
                name="catalog_guide_import_list",
            ),
            _checks_path("guide", self.admin_site),
        ]
        return own + super().get_urls()

    @admin.display(description="entries")
    def entry_count(self, obj: Guide) -> int:
        return obj.entries.count()

    @admin.display(description="Entries")
    def entries_link(self, obj: Guide) -> str:
        return _children_link(GuideEntry, obj, obj.entries.count())

    @admin.display(description="Checks")
    def checks_link(self, obj: Guide) -> str:
        return _checks_link("guide", obj)


class ChildAdmin(CatalogAdmin):
    """Rows that belong to one parent, listed and edited a page at a time."""

    parent: str
    list_per_page = 50

    def get_list_display(self, request: HttpRequest) -> Any:
        """Every row of one parent's list names the same parent: no column for it."""
        columns = super().get_list_display(request)
        return [c for c in columns if c != self.parent] if self.parent in request.GET else columns

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """The parent of the list the editor came from (or of the "add" link they followed)."""
        initial: dict[str, Any] = super().get_changeform_initial_data(request)
        came_from = QueryDict(request.GET.get("_changelist_filters", ""))
        if record_id(came_from.get(self.parent)) is not None:
            initial.setdefault(self.parent, came_from[self.parent])
        return initial


class LifeEventForm(CatalogForm):
    places = PlacesField(
        required=False, help_text="One place per line, or several separated by semicolons."
    )


@admin.register(LifeEvent)
class LifeEventAdmin(ChildAdmin):
    """Correct, hide or add life events; whatever an editor touches is theirs to keep."""

    parent = "author"
    form = LifeEventForm
    # The date column words the modifier ("late 1921"); the kind is a filter: no
    # column of their own, so the list fits a phone.
    list_display = (
        "when",
        "label",
        "place_names",
        "hidden",
        "edited",
        "author",
    )
    list_display_links = ("when", "label")
    list_filter = (AuthorFilter, "kind", "hidden", "edited", "origin")
    search_fields = ("label", "text", "places")
    ordering = ("author", "start", "position")
    autocomplete_fields = ("author",)
    fields = (
        "author",
        ("start", "end"),
        ("modifier", "kind"),
        "label",
        "places",
        "hidden",
        "text",
        ("origin", "edited"),
        "expression",
    )
    readonly_fields = ("text", "origin", "edited", "expression")

    @admin.display(description="date", ordering="start")
    def when(self, obj: LifeEvent) -> str:
        return human_period(obj.start, obj.end, obj.modifier, obj.precision)

    @admin.display(description="places")
    def place_names(self, obj: LifeEvent) -> str:
        return places_text(obj.places)

    def save_model(self, request: HttpRequest, obj: LifeEvent, form: Any, change: bool) -> None:
        if not change:
            obj.origin = LifeEvent.Origin.EDITOR
        if form.has_changed():
            # Kept as the editor left it when the biography is read again.
            obj.edited = True
        super().save_model(request, obj, form, change)


@admin.register(GuideEntry)
class GuideEntryAdmin(ChildAdmin):
    parent = "guide"
    list_display = ("order", "work", "section", "short_note", "guide")
    list_display_links = ("order", "work")
    list_filter = (GuideFilter,)
    search_fields = ("work__title", "section", "note")
    ordering = ("guide", "order")
    autocomplete_fields = ("guide", "work")
    fields = (
        "guide", "order", "work", "edition", "section", "importance", "part", "part_pages", "note",
    )  # fmt: skip

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        return _own_editions(super().get_form(request, obj, **kwargs), obj.work_id if obj else None)

    @admin.display(description="note")
    def short_note(self, obj: GuideEntry) -> str:
        return Truncator(obj.note).chars(80)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """A new entry goes at the end of its guide."""
        initial = super().get_changeform_initial_data(request)
        guide = record_id(initial.get("guide"))
        if guide is not None and "order" not in initial:
            last = GuideEntry.objects.filter(guide_id=guide).aggregate(last=Max("order"))["last"]
            initial["order"] = (last or 0) + 1
        return initial


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


@admin.register(NotSame)
class NotSameAdmin(admin.ModelAdmin):
    """Pairs judged different; deleting one offers the pair as a duplicate again."""

    list_display = ("__str__", "kind", "decided_at", "decided_by_name")
    list_filter = ("kind",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.site_header = "readingroom editors"
admin.site.site_title = "readingroom editors"
admin.site.index_title = "Catalog"
