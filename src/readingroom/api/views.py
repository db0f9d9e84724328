"""The API's resources: authors, works and guides by slug, search, duplicates, exports.

Lists come a page at a time in a stable order (pagination.py); a renamed record's
old slug answers 301 with the new address, as the site's pages do. Writes are an
editor's (permissions.py), checked and stamped as the admin does (serializers.py),
and made in one transaction: a write that fails leaves nothing behind. An author or
a work also takes `merge/` and `not-same/` (the admin's "Likely duplicates" actions),
run by catalog/merging.py under the catalog's write lock.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, ParseError, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from readingroom.catalog.duplicates import duplicates
from readingroom.catalog.exports import FORMATS, ExportRefused, NothingToExport, export
from readingroom.catalog.locking import CatalogLocked, write_transaction
from readingroom.catalog.merging import (
    MERGEABLE,
    MergeRefused,
    mark_not_same,
    merge_authors,
    merge_works,
)
from readingroom.catalog.models import (
    Author,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    MergedRecord,
    NotSame,
    SlugRedirect,
    Work,
)
from readingroom.search.engine import search as run_search
from readingroom.web.middleware import RETRY_AFTER_SECONDS

from . import serializers as api
from .permissions import EditorsResolveDuplicates

SLUG_PATTERN = "[-a-zA-Z0-9_]+"
_READ = ["get", "head"]
_WRITE = ["get", "post", "put", "patch", "delete", "head"]


class _Moved(Exception):
    def __init__(self, url: str) -> None:
        self.url = url


_MOVED = OpenApiResponse(description="Renamed: the Location header gives its new address.")


def _credits() -> Prefetch[Any]:
    """Works' contributions with their authors, without the authors' biographies."""
    rows = Contribution.objects.select_related("author").defer("author__biography")
    return Prefetch("contributions", rows.order_by("order"))


def _editions() -> Prefetch[Any]:
    return Prefetch("editions", Edition.objects.select_related("source"))


def _works() -> QuerySet[Work]:
    works = Work.objects.select_related("source").defer("source_text")
    return works.prefetch_related(_credits(), "identifiers", _editions())


class CatalogViewSet(viewsets.ModelViewSet):
    """A kind of record by slug: listed, read, and written by editors."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    http_method_names = _WRITE
    kind: str

    def get_object(self) -> Any:
        try:
            return super().get_object()
        except Http404:
            slug = self.kwargs["slug"]
            moved = SlugRedirect.objects.filter(kind=self.kind, old_slug=slug).first()
            if moved is None or self.request.method != "GET":
                raise
            if self.action in ("works", "entries"):  # the page asked for must be one
                self.paginator.get_page_size(self.request)
                self.paginator.get_page_number(self.request, None)
            path = self.request.path.replace(f"/{slug}/", f"/{moved.new_slug}/", 1)
            query = self.request.META.get("QUERY_STRING", "")
            raise _Moved(path + (f"?{query}" if query else "")) from None

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, _Moved):
            return Response(status=301, headers={"Location": exc.url})
        return super().handle_exception(exc)

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._write(serializer.save)

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        self._write(serializer.save)

    def perform_destroy(self, instance: Any) -> None:
        self._write(instance.delete)

    @staticmethod
    def _write(save: Any) -> None:
        try:
            with transaction.atomic():
                save()
        except IntegrityError as exc:  # another writer took the slug meanwhile
            raise api.SlugTaken() from exc

    def _page(self, rows: QuerySet[Any], serializer: type[serializers.Serializer]) -> Response:
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer(page, many=True).data)


def _detail_schema(serializer: type[serializers.Serializer]) -> Any:
    """A record read by an old slug answers 301, as the site's pages do."""
    return extend_schema_view(retrieve=extend_schema(responses={200: serializer, 301: _MOVED}))


class CatalogBusy(APIException):
    status_code = 503
    default_detail = "An import is writing to the catalog; nothing was changed. Try again shortly."
    default_code = "busy"
    wait = RETRY_AFTER_SECONDS  # sent as Retry-After


def _sentence(message: str) -> str:
    return message if message.endswith(".") else message + "."


class ResolveDuplicates(CatalogViewSet):
    """Authors and works take the two actions that resolve a likely duplicate:
    `merge/` folds the body's `other` into the path's record, `not-same/` remembers
    that the two differ. Each is one transaction under the catalog's write lock (as
    an import, the command line's and the admin's merges take it), in which both
    records are looked up again and locked, so that what was checked is what is
    merged; it waits a few seconds for an import, then answers 503."""

    # Under the write lock (a 503 when an import keeps it); neither sets a slug (no 409).
    locking_actions = ("merge", "not_same")
    merge_report: type[serializers.Serializer]

    def _url(self, kind: str, slug: str) -> str:
        return self.request.build_absolute_uri(reverse(f"api-{kind}-detail", args=[slug]))

    def _locked(self, slug: str) -> Any:
        """The path's record, locked; an old slug is a 404 here, as for any write."""
        model = MERGEABLE[self.kind]
        record = model.objects.select_for_update().filter(slug=slug).first()
        if record is not None:
            return record
        moved = SlugRedirect.objects.filter(kind=self.kind, old_slug=slug).first()
        if moved is not None:
            raise NotFound(
                f"No {self.kind} has the slug '{slug}' now: it leads to '{moved.new_slug}'."
            )
        raise NotFound(f"No {self.kind} has the slug '{slug}'.")

    def _other(self, slug: str, keep: Any) -> Any:
        """The body's record, locked; an old slug names the record it leads to."""
        model = MERGEABLE[self.kind]
        moved = SlugRedirect.objects.filter(kind=self.kind, old_slug=slug).first()
        current = slug if moved is None else moved.new_slug
        other = model.objects.select_for_update().filter(slug=current).first()
        if other is None:
            raise ValidationError({"other": [f"No {self.kind} has the slug '{slug}'."]})
        if other.pk == keep.pk and slug != keep.slug:
            merged = MergedRecord.objects.filter(kind=self.kind, slug=slug, **{self.kind: keep})
            said = "was merged into" if merged.exists() else "is now"
            raise ValidationError({"other": [f"'{slug}' {said} '{keep.slug}' already."]})
        return other

    def _resolve(self, slug: str, step: Any, answer: type[serializers.Serializer]) -> Response:
        """Run ``step(keep, other)`` on the pair, in one write transaction; its result
        is the answer, through the ``answer`` serializer."""
        try:
            with write_transaction(wait=settings.WRITE_WAIT_SECONDS):
                keep = self._locked(slug)
                given = api.OtherRecordSerializer(data=self.request.data)
                given.is_valid(raise_exception=True)
                other = self._other(given.validated_data["other"], keep)
                try:
                    return Response(answer(step(keep, other)).data)
                except MergeRefused as exc:
                    raise ValidationError({"other": [_sentence(str(exc))]}) from exc
        except CatalogLocked as exc:
            raise CatalogBusy() from exc

    @action(detail=True, methods=["post"], permission_classes=[EditorsResolveDuplicates])
    def merge(self, request: Request, slug: str) -> Response:
        """Merge the record `other` names into this one, which is kept (`readingroom
        merge SLUG OTHER`): the other's slug then redirects here, its credits and guide
        entries move here, what it said is kept beside this record, and a field this
        one lacks is taken from it. Merging two authors merges the works they share by
        title too. The answer is the merge's report, with the kept record."""

        def merged(keep: Any, other: Any) -> dict[str, Any]:
            merger = merge_authors if self.kind == "author" else merge_works
            report = merger(keep, other, request.user)
            return {
                "kind": report.kind,
                "kept": report.kept,
                "merged": report.merged,
                "url": self._url(self.kind, report.kept),
                "filled": report.filled,
                "works_merged": [
                    {"kept": kept, "merged": gone, "url": self._url("work", kept)}
                    for kept, gone in report.works_merged
                ],
                "summary": report.summary(),
                "record": self.get_queryset().get(pk=keep.pk),
            }

        return self._resolve(slug, merged, self.merge_report)

    @action(
        detail=True,
        methods=["post"],
        url_path="not-same",
        permission_classes=[EditorsResolveDuplicates],
    )
    def not_same(self, request: Request, slug: str) -> Response:
        """Remember that this record and the one `other` names are different
        (`readingroom not-same`): `/api/duplicates/` no longer lists the pair. Saying
        it again changes nothing."""

        def judged(first: Any, second: Any) -> dict[str, Any]:
            mark_not_same(self.kind, first, second, request.user)
            low, high = sorted((first.pk, second.pk))
            pair = {f"first_{self.kind}_id": low, f"second_{self.kind}_id": high}
            decision = NotSame.objects.get(kind=self.kind, **pair)
            return {
                "kind": self.kind,
                "records": [
                    {"slug": r.slug, "name": str(r), "url": self._url(self.kind, r.slug)}
                    for r in (first, second)
                ],
                "decided_by": decision.decided_by_name,
                "decided_at": decision.decided_at,
            }

        return self._resolve(slug, judged, api.NotSameSerializer)


def _resolve_schema(report: type[serializers.Serializer]) -> Any:
    """The two actions' request and answers, per kind of record (schema.py adds the
    errors, 503 among them)."""
    return extend_schema_view(
        merge=extend_schema(request=api.OtherRecordSerializer, responses={200: report}),
        not_same=extend_schema(
            request=api.OtherRecordSerializer, responses={200: api.NotSameSerializer}
        ),
    )


@_detail_schema(api.AuthorSerializer)
@_resolve_schema(api.AuthorMergeReportSerializer)
class AuthorViewSet(ResolveDuplicates):
    """Authors, A to Z by sort name; each with their provenance and how many works
    credit them. `/api/authors/{slug}/works/` lists their works."""

    serializer_class = api.AuthorSerializer
    merge_report = api.AuthorMergeReportSerializer
    kind = "author"
    queryset = (
        Author.objects.select_related("source")
        .prefetch_related("identifiers")
        .annotate(work_count=Count("contributions__work", distinct=True))
        .order_by("sort_name", "slug")
    )

    @extend_schema(responses={200: api.WorkSerializer(many=True), 301: _MOVED})
    @action(detail=True, methods=["get"])
    def works(self, request: Request, slug: str) -> Response:
        """The works crediting this author, in the order of their guide."""
        author = self.get_object()
        rows = _works().filter(contributions__author=author).distinct()
        return self._page(rows.order_by("position", "pk"), api.WorkSerializer)


@_detail_schema(api.WorkSerializer)
@_resolve_schema(api.WorkMergeReportSerializer)
class WorkViewSet(ResolveDuplicates):
    """Works by title, each with its contributors in the title page's order."""

    serializer_class = api.WorkSerializer
    merge_report = api.WorkMergeReportSerializer
    kind = "work"
    queryset = _works().order_by("title", "slug")


@_detail_schema(api.GuideSerializer)
class GuideViewSet(CatalogViewSet):
    """Reading guides by title. `/api/guides/{slug}/entries/` lists a guide's entries
    in the editor's order, each with its section, note, importance and work."""

    serializer_class = api.GuideSerializer
    kind = "guide"
    queryset = (
        Guide.objects.select_related("source")
        .annotate(entry_count=Count("entries"))
        .order_by("title", "slug")
    )

    @extend_schema(responses={200: api.GuideEntrySerializer(many=True), 301: _MOVED})
    @action(detail=True, methods=["get"])
    def entries(self, request: Request, slug: str) -> Response:
        """The guide's entries in order."""
        guide = self.get_object()
        rows = (
            GuideEntry.objects.filter(guide=guide)
            .select_related("source", "work", "work__source", "edition__work", "edition__source")
            .defer("work__source_text", "edition__work__source_text")
            .prefetch_related(
                Prefetch("work__contributions", _credits().queryset),
                Prefetch("work__editions", _editions().queryset),
            )
            .order_by("order")
        )
        return self._page(rows, api.GuideEntrySerializer)


_FACETS = ("author", "decade", "length")


class SearchView(APIView):
    """Works and authors matching the words of `q`, best first, twenty a page, with
    the facets the site's search shows (authors, decades, lengths); `author`,
    `decade` and `length` narrow the results to one facet value."""

    http_method_names = _READ

    @extend_schema(
        parameters=[api.SearchQuerySerializer], responses={200: api.SearchResultsSerializer}
    )
    def get(self, request: Request) -> Response:
        params = api.SearchQuerySerializer(data=_given(request))
        params.is_valid(raise_exception=True)
        chosen = params.validated_data
        filters = {k: str(chosen[k]) for k in _FACETS if k in chosen}
        results = run_search(chosen["q"], filters, chosen["page"])
        facets = {name: [vars(v) for v in results.facets.get(name, [])] for name in _FACETS}
        document: dict[str, Any] = {
            "query": results.query,
            "corrected": results.corrected,
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "results": [
                {
                    "kind": hit.kind,
                    "slug": hit.record.slug,
                    "name": str(hit.record),
                    "snippet_html": str(hit.snippet),
                }
                for hit in results.hits
            ],
            "facets": facets,
        }
        return Response(api.SearchResultsSerializer(document).data)


class DuplicatesView(generics.ListAPIView):
    """Authors who may be one person and works that may be one work, each pair with
    the identity rules' verdict and evidence: `readingroom duplicates --json`."""

    serializer_class = api.DuplicateSerializer
    http_method_names = _READ

    def get_queryset(self) -> Any:
        return [pair.as_json() for pair in duplicates()]


class _AnyAccept(BaseContentNegotiation):
    """An export is the bytes of its format, whatever the client says it accepts."""

    def select_parser(self, request: Request, parsers: list[Any]) -> Any:
        return parsers[0] if parsers else None

    def select_renderer(
        self, request: Request, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type


MEDIA_TYPES = {
    "guide": "text/plain",
    "json": "application/json",
    "bibtex": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "csl-json": "application/vnd.citationstyles.csl+json",
    "goodreads": "text/csv",
    "marcxml": "application/marcxml+xml",
}
_BODIES = {"json": OpenApiTypes.OBJECT, "csl-json": OpenApiTypes.ANY}


class ExportQuerySerializer(serializers.Serializer):
    guide = api.StrictSlugField(required=False, max_length=255, help_text="A guide's slug.")
    author = api.StrictSlugField(required=False, max_length=255, help_text="An author's slug.")


# The JSON dump is always of the whole catalog: it has an address of its own, without
# the parameters the other formats take, so that the document says what is accepted.
_SELECTABLE = [name for name in FORMATS if name != "json"]


def _exported(
    export_format: str, author: str | None = None, guide: str | None = None
) -> HttpResponse:
    try:
        made = export(export_format, author, guide)
    except NothingToExport as exc:
        raise NotFound(exc.message) from exc
    except ExportRefused as exc:
        raise ParseError(exc.message) from exc
    content_type = MEDIA_TYPES[export_format]
    if content_type.startswith("text/") and _is_utf8(made.data):
        content_type += "; charset=utf-8"
    return HttpResponse(made.data, content_type=content_type)


class ExportView(APIView):
    """The catalog, a guide (`?guide=SLUG`) or an author's works (`?author=SLUG`; one
    of the two at most) in one format, byte for byte what `readingroom export
    --format FORMAT` writes."""

    http_method_names = _READ
    content_negotiation_class = _AnyAccept

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "export_format",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=_SELECTABLE,
                description="guide: the plain-text format; the others: the works as "
                "bibliographic records (docs/formats.md). The complete JSON dump is "
                "/api/exports/json/.",
            ),
            ExportQuerySerializer,
        ],
        responses={
            **{
                (200, MEDIA_TYPES[name]): _BODIES.get(name, OpenApiTypes.STR)
                for name in _SELECTABLE
            },
        },
    )
    def get(self, request: Request, export_format: str) -> HttpResponse:
        params = ExportQuerySerializer(data=_given(request))
        params.is_valid(raise_exception=True)
        chosen = params.validated_data
        if export_format not in _SELECTABLE:
            raise NotFound(f"no export format {export_format!r}")
        return _exported(export_format, chosen.get("author"), chosen.get("guide"))


class DumpView(APIView):
    """The complete, lossless JSON dump of the catalog: what `readingroom export
    --format json` writes, and `readingroom import` loads."""

    http_method_names = _READ
    content_negotiation_class = _AnyAccept

    @extend_schema(responses={(200, MEDIA_TYPES["json"]): _BODIES["json"]})
    def get(self, request: Request) -> HttpResponse:
        return _exported("json")


def _given(request: Request) -> dict[str, str]:
    """The query's parameters as given: as a plain dict, not DRF's form input, in which
    an optional parameter sent empty (`?author=`) counts as not sent at all."""
    return request.query_params.dict()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
