"""The catalog as a JSON dump (readingroom.formats.catalog_json) and back."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from readingroom.formats import catalog_json
from readingroom.formats.catalog_json import DumpError
from readingroom.guidetext.encoding import CHUNK_BYTES, encode_guide
from readingroom.guidetext.parser import line_count
from readingroom.limits import MERGED_AUTHOR_FIELDS, MERGED_WORK_FIELDS, parse_timestamp
from readingroom.search.index import rebuild
from readingroom.search.signals import search_signals_paused

from .bulk import chunks
from .locking import write_transaction
from .models import (
    AddedWord,
    Author,
    Contribution,
    Edition,
    Guide,
    GuideEntry,
    Identifier,
    IgnoredFinding,
    LifeEvent,
    MergedRecord,
    NotSame,
    Source,
    Work,
)
from .signals import catalog_changed, life_events_recomputed

_MERGED_FIELDS = {"author": MERGED_AUTHOR_FIELDS, "work": MERGED_WORK_FIELDS}


def _place(
    record: Author | Work | Edition | Guide | GuideEntry | MergedRecord, sources: dict[int, str]
) -> dict[str, Any]:
    return {
        "source": sources.get(record.source_id) if record.source_id else None,
        "line_start": record.line_start,
        "line_end": record.line_end,
    }


def _merged(records: Iterable[MergedRecord], sources: dict[int, str]) -> list[dict[str, Any]]:
    """The records merged into one, oldest first, each as its source said it."""
    return [
        {
            **{name: m.fields.get(name) for name in _MERGED_FIELDS[m.kind]},
            "slug": m.slug,
            "name_in_file": m.name_in_file,
            **_place(m, sources),
            "position": m.position,
            "merged_at": m.merged_at.isoformat(),
            "merged_by": m.merged_by_name or None,
            "edited_by": m.fields.get("edited_by_name") or None,
        }
        for m in sorted(records, key=lambda m: (m.merged_at, m.slug))
    ]


def _not_same(kind: str) -> dict[str, list[str]]:
    """For each record's slug, the slugs of those judged not the same as it: each pair
    once, on the record whose slug sorts first, so equal catalogs dump equally."""
    pairs: dict[str, list[str]] = {}
    rows = NotSame.objects.filter(kind=kind).values_list(
        f"first_{kind}__slug", f"second_{kind}__slug"
    )
    for pair in rows:
        first, second = sorted(pair)
        pairs.setdefault(first, []).append(second)
    return {slug: sorted(others) for slug, others in pairs.items()}


def _identifiers(record: Author | Work) -> list[dict[str, str]]:
    return [
        {"scheme": i.scheme, "value": i.value}
        for i in sorted(record.identifiers.all(), key=lambda i: (i.scheme, i.value))
    ]


def _edition_places() -> dict[int, int]:
    """Each edition's place in its work's list of editions: how the dump names it."""
    places: dict[int, int] = {}
    counts: dict[int, int] = {}
    for pk, work_id in Edition.objects.order_by("work", "position", "pk").values_list(
        "pk", "work_id"
    ):
        places[pk] = counts.get(work_id, 0)
        counts[work_id] = places[pk] + 1
    return places


def _editions(work: Work, sources: dict[int, str]) -> list[dict[str, Any]]:
    return [
        {
            "year": e.year,
            "publisher": e.publisher,
            "place": e.place,
            "pages": e.pages,
            "isbn": e.isbn,
            "translator": e.translator,
            "language": e.language,
            **_place(e, sources),
            "position": e.position,
        }
        for e in sorted(work.editions.all(), key=lambda e: (e.position, e.pk))
    ]


def _cited(edition_id: int | None, places: dict[int, int]) -> int | None:
    return None if edition_id is None else places[edition_id]


def _history(record: Author | Work | Guide) -> dict[str, Any]:
    return {
        "created_at": record.created_at.isoformat(),
        "edited_at": record.edited_at.isoformat() if record.edited_at else None,
        "edited_by": record.editor_name or None,
    }


def catalog_dump() -> dict[str, Any]:
    """Every record, ordered by its natural key so equal catalogs dump equally."""
    sources = dict(Source.objects.values_list("pk", "name"))
    apart = {kind: _not_same(kind) for kind in ("author", "work")}
    editions = _edition_places()
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
                        "kind": e.kind,
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
                "merged": _merged(a.merged.all(), sources),
                "not_same": [{"author": slug} for slug in apart["author"].get(a.slug, [])],
                "identifiers": _identifiers(a),
            }
            for a in Author.objects.select_related("edited_by")
            .prefetch_related("life_events", "merged", "identifiers")
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
                "url": w.url,
                "source_text": w.source_text,
                "edition": _cited(w.edition_id, editions),
                "authors": [
                    {"author": c.author.slug, "role": c.role, "order": c.order}
                    for c in sorted(w.contributions.all(), key=lambda c: (c.order, c.role))
                ],
                **_place(w, sources),
                "position": w.position,
                **_history(w),
                "merged": _merged(w.merged.all(), sources),
                "not_same": [{"work": slug} for slug in apart["work"].get(w.slug, [])],
                "identifiers": _identifiers(w),
                "editions": _editions(w, sources),
            }
            for w in works.prefetch_related("merged", "identifiers", "editions").order_by("slug")
        ],
        "guides": [
            {
                "slug": g.slug,
                "title": g.title,
                "subtitle": g.subtitle,
                "description": g.description,
                "closing": g.closing,
                "compilers": g.compilers,
                "date": g.date,
                **_place(g, sources),
                **_history(g),
                "entries": [
                    {
                        "work": e.work.slug,
                        "edition": _cited(e.edition_id, editions),
                        "order": e.order,
                        "section": e.section,
                        "note": e.note,
                        "importance": e.importance,
                        "part": e.part,
                        "part_pages": e.part_pages,
                        "line_start": e.line_start,
                        "line_end": e.line_end,
                    }
                    for e in sorted(g.entries.all(), key=lambda e: e.order)
                ],
            }
            for g in guides.order_by("slug")
        ],
        "ignored_findings": [
            {"key": i.key, "code": i.code, "record": i.record, **_decided(i)}
            for i in IgnoredFinding.objects.order_by("key")
        ],
        "added_words": [
            {"word": w.word, **_decided(w)} for w in AddedWord.objects.order_by("word")
        ],
    }


def _decided(decision: IgnoredFinding | AddedWord) -> dict[str, Any]:
    return {"at": decision.at.isoformat(), "by": decision.by_name or None}


def _existing(model: Any, key: str, values: Iterable[str]) -> dict[str, int]:
    """Which of these natural keys the catalog holds, with their ids (bounded queries)."""
    found: dict[str, int] = {}
    for chunk in chunks(sorted(set(values))):
        found.update(model.objects.filter(**{f"{key}__in": chunk}).values_list(key, "pk"))
    return found


def _check_references(document: dict[str, Any]) -> None:
    """Refuse a dump whose references point at records neither it nor the catalog holds."""
    models = {"sources": (Source, "name"), "authors": (Author, "slug"), "works": (Work, "slug")}
    problems = []
    for kind, wanted in catalog_json.references(document).items():
        model, key = models[kind]
        present = _existing(model, key, wanted)
        problems += [
            f"{path}: refers to {kind[:-1]} {value!r}, which is neither in the dump "
            "nor in the catalog"
            for value, path in wanted.items()
            if value not in present
        ]
    if problems:
        raise DumpError(problems[: catalog_json.MAX_PROBLEMS])


def _save(model: Any, key: str, rows: list[dict[str, Any]]) -> dict[str, int]:
    """Create or update records by natural key; returns every key's id."""
    ids = _existing(model, key, (row[key] for row in rows))
    new = [model(**row) for row in rows if row[key] not in ids]
    model.objects.bulk_create(new, batch_size=500)
    old = [model(pk=ids[row[key]], **row) for row in rows if row[key] in ids]
    if old:
        model.objects.bulk_update(old, list(rows[0]), batch_size=500)
    ids.update((getattr(record, key), record.pk) for record in new)
    return ids


def _replace_children(model: Any, parent: str, parent_ids: list[int], rows: list[Any]) -> None:
    for chunk in chunks(parent_ids):
        model.objects.filter(**{f"{parent}__in": chunk}).delete()
    model.objects.bulk_create(rows, batch_size=500)


def load_dump(
    document: dict[str, Any],
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Load a validated dump in one transaction, updating records that share a name or
    slug. Database ids in the catalog are never taken from the dump. Waits for the
    catalog's write lock like an import (catalog/locking.py)."""
    with write_transaction(wait, on_wait), search_signals_paused():
        _check_references(document)
        counts = _Loader(document).run()
        rebuild()
        catalog_changed()
    return counts


class _Loader:
    """Writing a checked dump: sources, then authors, works and guides with their
    nested records; each record's id comes from the catalog, by natural key."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        editors = {
            r["edited_by"]
            for kind in ("authors", "works", "guides")
            for r in document[kind]
            if r["edited_by"]
        }
        editors |= {
            r["by"]
            for kind in ("ignored_findings", "added_words")
            for r in document[kind]
            if r["by"]
        }
        self.users = _existing(get_user_model(), "username", editors)
        # What the dump refers to but does not carry: already in the catalog (checked).
        self.elsewhere = catalog_json.references(document)
        self.sources: dict[str, int] = {}
        self.cited: dict[tuple[str, int], int | None] = {}

    def _values(self, record: dict[str, Any], nested: tuple[str, ...]) -> dict[str, Any]:
        """A record's model field values: references by id, timestamps as datetimes."""
        values = {k: v for k, v in record.items() if k not in (*nested, "source")}
        values["source_id"] = self.sources[record["source"]] if record["source"] else None
        values["created_at"] = parse_timestamp(record["created_at"])
        edited = record["edited_at"]
        values["edited_at"] = parse_timestamp(edited) if edited else None
        name = values.pop("edited_by") or ""
        values["edited_by_id"] = self.users.get(name)
        values["edited_by_name"] = name
        return values

    def _save(
        self, model: Any, kind: str, nested: tuple[str, ...]
    ) -> tuple[dict[str, int], list[int]]:
        """Save one kind of record; returns every slug's id (the catalog's too) and the
        ids of the records saved, in the dump's order."""
        records = self.document[kind]
        ids = _save(model, "slug", [self._values(r, nested) for r in records])
        saved = [ids[r["slug"]] for r in records]
        ids.update(_existing(model, "slug", self.elsewhere[kind]) if kind in self.elsewhere else {})
        return ids, saved

    def sources_with_text(self) -> None:
        records = self.document["sources"]
        rows = [
            {
                **{k: v for k, v in s.items() if k != "text"},
                "imported_at": parse_timestamp(s["imported_at"]),
                "lines": line_count(s["text"]),
                "size": len(encode_guide(s["text"], s["encoding"])),
            }
            for s in records
        ]
        self.sources = _save(Source, "name", rows)
        for record in records:
            text = record["text"]
            Source(pk=self.sources[record["name"]]).replace_text(
                text[i : i + CHUNK_BYTES] for i in range(0, len(text), CHUNK_BYTES)
            )
        self.sources.update(_existing(Source, "name", self.elsewhere["sources"]))

    def authors_with_events(self) -> dict[str, int]:
        authors, saved = self._save(
            Author, "authors", ("life_events", "merged", "not_same", "identifiers")
        )
        events = [
            LifeEvent(
                author_id=authors[record["slug"]],
                **{k: v for k, v in event.items() if k != "span"},
                span_start=event["span"][0],
                span_end=event["span"][1],
            )
            for record in self.document["authors"]
            for event in record["life_events"]
        ]
        _replace_children(LifeEvent, "author_id", saved, events)
        for chunk in chunks(saved, 500):
            life_events_recomputed.send(
                sender=LifeEvent, authors=list(Author.objects.filter(pk__in=chunk))
            )
        return authors

    def works_with_credits(self, authors: dict[str, int]) -> dict[str, int]:
        works, saved = self._save(
            Work, "works", ("authors", "merged", "not_same", "identifiers", "editions", "edition")
        )
        credits = [
            Contribution(
                work_id=works[record["slug"]],
                author_id=authors[c["author"]],
                role=c["role"],
                order=c["order"],
            )
            for record in self.document["works"]
            for c in record["authors"]
        ]
        _replace_children(Contribution, "work_id", saved, credits)
        self.editions(works, saved)
        return works

    def editions(self, works: dict[str, int], saved: list[int]) -> None:
        """Each work's editions, the one its pages are from, and (for the guides)
        each edition's id by its work's slug and its place in the work's list."""
        records = self.document["works"]
        editions = [
            [
                Edition(
                    work_id=works[record["slug"]],
                    **{k: v for k, v in e.items() if k != "source"},
                    source_id=self.sources[e["source"]] if e["source"] else None,
                )
                for e in record["editions"]
            ]
            for record in records
        ]
        _replace_children(Edition, "work_id", saved, [e for held in editions for e in held])
        self.cited = {
            (record["slug"], n): edition.pk
            for record, held in zip(records, editions, strict=True)
            for n, edition in enumerate(held)
        }
        reading = [
            Work(pk=works[record["slug"]], edition_id=self.cited[record["slug"], record["edition"]])
            for record in records
            if record["edition"] is not None
        ]
        Work.objects.bulk_update(reading, ["edition"], batch_size=500)

    def guides_with_entries(self, works: dict[str, int]) -> None:
        guides, saved = self._save(Guide, "guides", ("entries",))
        entries = [
            GuideEntry(
                guide_id=guides[record["slug"]],
                work_id=works[e["work"]],
                edition_id=self.cited.get((e["work"], e["edition"])),
                **{k: v for k, v in e.items() if k not in ("work", "edition")},
                source_id=self.sources[record["source"]] if record["source"] else None,
            )
            for record in self.document["guides"]
            for e in record["entries"]
        ]
        _replace_children(GuideEntry, "guide_id", saved, entries)

    def merged_and_apart(self, kind: str, ids: dict[str, int]) -> None:
        """The records merged into each, their identifiers, and the pairs judged not the same."""
        records = self.document[f"{kind}s"]
        saved = [ids[r["slug"]] for r in records]
        merged = [
            MergedRecord(
                kind=kind,
                **{f"{kind}_id": ids[record["slug"]]},
                slug=m["slug"],
                name=m["name" if kind == "author" else "title"],
                name_in_file=m["name_in_file"],
                position=m["position"],
                fields={
                    **{name: m[name] for name in _MERGED_FIELDS[kind]},
                    "edited_by_name": m["edited_by"] or "",
                },
                source_id=self.sources[m["source"]] if m["source"] else None,
                line_start=m["line_start"],
                line_end=m["line_end"],
                merged_at=parse_timestamp(m["merged_at"]),
                merged_by_name=m["merged_by"] or "",
            )
            for record in records
            for m in record["merged"]
        ]
        _replace_children(MergedRecord, f"{kind}_id", saved, merged)
        identifiers = [
            Identifier(**{f"{kind}_id": ids[record["slug"]]}, **identifier)
            for record in records
            for identifier in record["identifiers"]
        ]
        _replace_children(Identifier, f"{kind}_id", saved, identifiers)
        apart = [
            sorted((ids[record["slug"]], ids[other[kind]]))
            for record in records
            for other in record["not_same"]
        ]
        NotSame.objects.bulk_create(
            (
                NotSame(kind=kind, **{f"first_{kind}_id": a, f"second_{kind}_id": b})
                for a, b in apart
                if a != b
            ),
            ignore_conflicts=True,
        )

    def run(self) -> dict[str, int]:
        self.sources_with_text()
        authors = self.authors_with_events()
        works = self.works_with_credits(authors)
        self.guides_with_entries(works)
        self.merged_and_apart("author", authors)
        self.merged_and_apart("work", works)
        self.decisions()
        return {kind: len(self.document[kind]) for kind in ("sources", "authors", "works")}

    def decisions(self) -> None:
        """Editors' decisions about the editorial checks: findings ignored, words added."""

        def decided(record: dict[str, Any]) -> dict[str, Any]:
            name = record["by"] or ""
            when = parse_timestamp(record["at"])
            return {"at": when, "by_id": self.users.get(name), "by_name": name}

        _save(
            IgnoredFinding,
            "digest",
            [
                {"digest": IgnoredFinding.digest_of(r["key"]), "key": r["key"], "code": r["code"],
                 "record": r["record"], **decided(r)}
                for r in self.document["ignored_findings"]
            ],
        )  # fmt: skip
        _save(
            AddedWord,
            "word",
            [{"word": r["word"], **decided(r)} for r in self.document["added_words"]],
        )
