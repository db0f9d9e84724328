"""Editions under works: what each guide cites, kept apart, merged along, dumped and read
back (real SQLite, and PostgreSQL in the second pass)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from readingroom.catalog.dump import catalog_dump, load_dump
from readingroom.catalog.exports import export
from readingroom.catalog.listimport import import_list
from readingroom.catalog.merging import merge_works
from readingroom.catalog.models import Edition, Guide, GuideEntry, Work
from readingroom.formats import catalog_json
from readingroom.formats.csl_json import read_csl_json

pytestmark = pytest.mark.django_db


def _item(title: str, **fields: object) -> dict[str, object]:
    return {
        "id": title,
        "type": "book",
        "title": title,
        "author": [{"family": "Serge", "given": "Victor"}],
        **fields,
    }


MEMOIRS_OXFORD = _item(
    "Memoirs of a Revolutionary",
    issued={"date-parts": [[1963]]},
    **{"original-date": {"date-parts": [[1951]]}},
    publisher="Oxford University Press",
    **{"publisher-place": "London"},
    **{"number-of-pages": 401},
    ISBN="978-1-59017-451-7",
    translator=[{"family": "Sedgwick", "given": "Peter"}],
    language="en",
    annote="Oxford's translation.",
)
MEMOIRS_NYRB = _item(
    "Memoirs of a Revolutionary",
    issued={"date-parts": [[2012]]},
    **{"original-date": {"date-parts": [[1951]]}},
    publisher="New York Review Books",
    **{"publisher-place": "New York"},
    **{"number-of-pages": 576},
    annote="The complete text.",
)
TULAYEV = _item("The Case of Comrade Tulayev", issued={"date-parts": [[1948]]})


def _import(name: str, *items: dict[str, object]):
    text = json.dumps(list(items), ensure_ascii=False, indent=1)
    return import_list(name, text.encode(), text, "utf-8", read_csl_json(text))


def test_a_cited_edition_is_kept_under_its_work_with_where_it_came_from():
    _import("oxford.json", MEMOIRS_OXFORD, TULAYEV)
    memoirs = Work.objects.get(title="Memoirs of a Revolutionary")
    edition = memoirs.editions.get()
    assert (edition.year, edition.publisher, edition.place, edition.pages) == (
        1963,
        "Oxford University Press",
        "London",
        401,
    )
    assert (edition.isbn, edition.translator, edition.language) == (
        "9781590174517",
        "Peter Sedgwick",
        "en",
    )
    assert edition.source.name == "oxford.json"
    assert edition.line_start is not None
    assert edition.line_start <= edition.line_end
    # The work reads by it (its year stays the first publication's), and the guide cites it.
    assert (memoirs.year, memoirs.pages, memoirs.edition_id) == (1951, 401, edition.pk)
    assert GuideEntry.objects.get(work=memoirs).edition_id == edition.pk
    assert str(edition) == "1963 Oxford University Press edition, ISBN 9781590174517"
    # A work the list names no edition of has none.
    tulayev = Work.objects.get(title="The Case of Comrade Tulayev")
    assert (tulayev.editions.count(), tulayev.edition_id) == (0, None)


def test_reimporting_a_changed_list_replaces_its_editions_and_adds_none():
    _import("oxford.json", MEMOIRS_OXFORD)
    _import("oxford.json", {**MEMOIRS_OXFORD, "publisher": "Writers and Readers"})
    edition = Edition.objects.get()
    assert edition.publisher == "Writers and Readers"
    assert Work.objects.get().edition_id == edition.pk


def test_merged_works_keep_each_guides_edition_and_export_it_with_that_guide():
    _import("oxford.json", MEMOIRS_OXFORD)
    _import("nyrb.json", MEMOIRS_NYRB)
    oxford, nyrb = Work.objects.order_by("pk")
    merge_works(oxford, nyrb)
    work = Work.objects.get()
    assert sorted(work.editions.values_list("publisher", "pages")) == [
        ("New York Review Books", 576),
        ("Oxford University Press", 401),
    ]
    # It still reads by its own guide's edition; each guide's entry cites its own.
    assert (work.pages, work.edition.publisher) == (401, "Oxford University Press")
    cited = {
        e.guide.source.name: e.edition.publisher
        for e in GuideEntry.objects.select_related("guide__source", "edition")
    }
    assert cited == {
        "oxford.json": "Oxford University Press",
        "nyrb.json": "New York Review Books",
    }
    nyrb_guide = Guide.objects.get(source__name="nyrb.json")
    exported = json.loads(export("csl-json", guide_slug=nyrb_guide.slug).data)
    assert [(i["publisher"], i["number-of-pages"], i["issued"], i["annote"]) for i in exported] == [
        ("New York Review Books", 576, {"date-parts": [[2012]]}, "The complete text.")
    ]


def test_a_work_reads_only_by_an_edition_of_its_own_with_the_same_page_count():
    _import("oxford.json", MEMOIRS_OXFORD, TULAYEV)
    memoirs = Work.objects.get(title="Memoirs of a Revolutionary")
    tulayev = Work.objects.get(title="The Case of Comrade Tulayev")
    tulayev.edition = memoirs.edition
    with pytest.raises(ValidationError, match="another work"):
        tulayev.full_clean()
    memoirs.pages = 400
    with pytest.raises(ValidationError, match="401 pages, not 400"):
        memoirs.full_clean()
    entry = GuideEntry.objects.get(work=tulayev)
    entry.edition = memoirs.edition
    with pytest.raises(ValidationError, match="another work"):
        entry.full_clean()


def test_an_editions_isbn_is_checked_and_kept_in_normal_form():
    _import("oxford.json", TULAYEV)
    edition = Edition(work=Work.objects.get(), isbn="0-14-118241-5")
    edition.full_clean()
    assert edition.isbn == "0141182415"
    edition.isbn = "0-14-118241-0"
    with pytest.raises(ValidationError, match="check digit"):
        edition.full_clean()


def test_the_dump_keeps_editions_and_what_cites_them():
    _import("oxford.json", MEMOIRS_OXFORD)
    _import("nyrb.json", MEMOIRS_NYRB)
    oxford, nyrb = Work.objects.order_by("pk")
    merge_works(oxford, nyrb)
    first = catalog_dump()
    (work,) = first["works"]
    assert [e["publisher"] for e in work["editions"]] == [
        "Oxford University Press",
        "New York Review Books",
    ]
    assert work["edition"] == 0
    entries = {g["source"]: g["entries"][0]["edition"] for g in first["guides"]}
    assert entries == {"oxford.json": 0, "nyrb.json": 1}
    text = catalog_json.dumps(first)
    Work.objects.all().delete()
    load_dump(catalog_json.loads(text))
    assert catalog_json.dumps(catalog_dump()) == text


def test_a_version_4_dump_gives_its_works_cited_editions():
    _import("oxford.json", MEMOIRS_OXFORD)
    document = json.loads(catalog_json.dumps(catalog_dump()))
    (work,) = document["works"]
    # What version 4 held: the cited edition's year, publisher, place and ISBN inline.
    (edition,) = work.pop("editions")
    del work["edition"]
    for entry in document["guides"][0]["entries"]:
        del entry["edition"]
    work.update(
        edition_year=edition["year"],
        publisher=edition["publisher"],
        place=edition["place"],
        isbn=edition["isbn"],
    )
    document["version"] = 4
    upgraded = catalog_json.loads(json.dumps(document))
    (work,) = upgraded["works"]
    assert work["edition"] == 0
    assert [
        (e["year"], e["publisher"], e["place"], e["pages"], e["isbn"], e["source"])
        for e in work["editions"]
    ] == [(1963, "Oxford University Press", "London", 401, "9781590174517", "oxford.json")]
    assert upgraded["guides"][0]["entries"][0]["edition"] == 0


def test_the_dump_refuses_an_edition_its_work_does_not_have():
    _import("oxford.json", MEMOIRS_OXFORD)
    document = catalog_dump()
    document["works"][0]["edition"] = 3
    document["guides"][0]["entries"][0]["edition"] = 2
    with pytest.raises(catalog_json.DumpError) as refused:
        catalog_json.loads(catalog_json.dumps(document))
    assert refused.value.problems == [
        "$.works[0].edition: the work has no edition 3 (it has 1)",
        "$.guides[0].entries[0].edition: the work has no edition 2 (it has 1)",
    ]
