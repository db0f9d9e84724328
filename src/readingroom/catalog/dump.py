"""The catalog as a JSON dump (readingroom.formats.catalog_json) and back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch

from readingroom.formats.catalog_json import DumpError
from readingroom.search.index import rebuild
from readingroom.search.signals import search_signals_paused

from .models import (
    Author,
    CatalogVersion,
    Contribution,
    Guide,
    GuideEntry,
    LifeEvent,
    Source,
    Work,
)


def _place(record: Author | Work | Guide | GuideEntry, sources: dict[int, str]) -> dict[str, Any]:
    return {
        "source": sources.get(record.source_id) if record.source_id else None,
        "line_start": record.line_start,
        "line_end": record.line_end,
    }


def _history(record: Author | Work | Guide) -> dict[str, Any]:
    return {
        "created_at": record.created_at.isoformat(),
        "edited_at": record.edited_at.isoformat() if record.edited_at else None,
        "edited_by": record.edited_by.get_username() if record.edited_by else None,
    }


def catalog_dump() -> dict[str, Any]:
    """Every record, ordered by its natural key so equal catalogs dump equally."""
    sources = dict(Source.objects.values_list("pk", "name"))
    works = Work.objects.select_related("edited_by").prefetch_related(
        Prefetch("contributions", Contribution.objects.select_related("author"))
    )
    guides = Guide.objects.select_related("edited_by").prefetch_related(
        Prefetch("entries", GuideEntry.objects.select_related("work"))
    )
    return {
        "sources": [
            {
                "name": s.name,
                "sha256": s.sha256,
                "imported_at": s.imported_at.isoformat(),
                "encoding": s.encoding,
                "newline": s.newline,
                "final_newline": s.final_newline,
                "text": s.text,
            }
            for s in Source.objects.defer(None).order_by("name")
        ],
        "authors": [
            {
                "slug": a.slug,
                "name": a.name,
                "sort_name": a.sort_name,
                "name_inferred": a.name_inferred,
                "biography": a.biography,
                **_place(a, sources),
                "position": a.position,
                **_history(a),
                "life_events": [
                    {
                        "start": e.start,
                        "end": e.end,
                        "precision": e.precision,
                        "modifier": e.modifier,
                        "label": e.label,
                        "text": e.text,
                        "places": e.places,
                        "span": [e.span_start, e.span_end],
                        "expression": e.expression,
                        "position": e.position,
                        "origin": e.origin,
                        "key": e.key,
                        "edited": e.edited,
                        "hidden": e.hidden,
                    }
                    for e in sorted(a.life_events.all(), key=lambda e: (e.position, e.pk))
                ],
            }
            for a in Author.objects.select_related("edited_by")
            .prefetch_related("life_events")
            .order_by("slug")
        ],
        "works": [
            {
                "slug": w.slug,
                "title": w.title,
                "year": w.year,
                "year_end": w.year_end,
                "pages": w.pages,
                "annotation": w.annotation,
                "source_text": w.source_text,
                "authors": [
                    {"author": c.author.slug, "role": c.role, "order": c.order}
                    for c in sorted(w.contributions.all(), key=lambda c: (c.order, c.role))
                ],
                **_place(w, sources),
                "position": w.position,
                **_history(w),
            }
            for w in works.order_by("slug")
        ],
        "guides": [
            {
                "slug": g.slug,
                "title": g.title,
                "description": g.description,
                **_place(g, sources),
                **_history(g),
                "entries": [
                    {
                        "work": e.work.slug,
                        "order": e.order,
                        "section": e.section,
                        "note": e.note,
                        "line_start": e.line_start,
                        "line_end": e.line_end,
                    }
                    for e in sorted(g.entries.all(), key=lambda e: e.order)
                ],
            }
            for g in guides.order_by("slug")
        ],
    }


def _resolve(records: dict[str, Any], model: Any, slug: str, where: str) -> Any:
    """A record the dump refers to: one it carries, or one already in the catalog."""
    if slug in records:
        return records[slug]
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise DumpError(f"{where} refers to {model.__name__.lower()} {slug!r}, which is not there")
    return found


def _upsert(model: Any, key: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Create or update by natural key; returns the saved records by key."""
    keys = [r[key] for r in records]
    existing = {getattr(r, key): r for r in model.objects.filter(**{f"{key}__in": keys})}
    saved: dict[str, Any] = {}
    for values in records:
        record = existing.get(values[key]) or model()
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        saved[values[key]] = record
    return saved


def load_dump(document: dict[str, Any]) -> dict[str, int]:
    """Load a validated dump in one transaction, updating records that share a name or slug."""
    with transaction.atomic(), search_signals_paused():
        counts = _load(document)
        rebuild()
        CatalogVersion.bump()
    return counts


def _load(document: dict[str, Any]) -> dict[str, int]:
    sources = _upsert(
        Source,
        "name",
        [
            {**s, "imported_at": datetime.fromisoformat(s["imported_at"])}
            for s in document["sources"]
        ],
    )

    users = {u.get_username(): u for u in get_user_model().objects.all()}

    def placed(record: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
        values = {k: v for k, v in record.items() if k not in drop}
        if "created_at" in values:
            values["created_at"] = datetime.fromisoformat(values["created_at"])
            edited = values["edited_at"]
            values["edited_at"] = datetime.fromisoformat(edited) if edited else None
            values["edited_by"] = users.get(values["edited_by"] or "")
        name = record["source"]
        if name is not None and name not in sources:
            found = Source.objects.filter(name=name).first()
            if found is None:
                raise DumpError(f"a record refers to source {name!r}, which is not there")
            sources[name] = found
        values["source"] = sources[name] if name is not None else None
        return values

    authors = _upsert(Author, "slug", [placed(a, ("life_events",)) for a in document["authors"]])
    for record in document["authors"]:
        author = authors[record["slug"]]
        author.life_events.all().delete()
        LifeEvent.objects.bulk_create(
            LifeEvent(
                author=author,
                **{k: v for k, v in event.items() if k != "span"},
                span_start=event["span"][0],
                span_end=event["span"][1],
            )
            for event in record["life_events"]
        )
    works = _upsert(Work, "slug", [placed(w, ("authors",)) for w in document["works"]])
    for index, record in enumerate(document["works"]):
        work = works[record["slug"]]
        work.contributions.all().delete()
        Contribution.objects.bulk_create(
            Contribution(
                work=work,
                author=_resolve(authors, Author, c["author"], f"works[{index}]"),
                role=c["role"],
                order=c["order"],
            )
            for c in record["authors"]
        )
    guides = _upsert(Guide, "slug", [placed(g, ("entries",)) for g in document["guides"]])
    for index, record in enumerate(document["guides"]):
        guide = guides[record["slug"]]
        guide.entries.all().delete()
        GuideEntry.objects.bulk_create(
            GuideEntry(
                guide=guide,
                work=_resolve(works, Work, e["work"], f"guides[{index}]"),
                order=e["order"],
                section=e["section"],
                note=e["note"],
                source=guide.source,
                line_start=e["line_start"],
                line_end=e["line_end"],
            )
            for e in record["entries"]
        )
    return {"sources": len(sources), "authors": len(authors), "works": len(works)}
