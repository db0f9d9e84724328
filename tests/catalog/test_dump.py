import hashlib

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings

from readingroom.catalog.dump import catalog_dump, load_dump
from readingroom.catalog.importer import ImportRefused, import_guide_bytes
from readingroom.catalog.models import (
    Author,
    CatalogVersion,
    Contribution,
    Guide,
    GuideEntry,
    Source,
    Work,
)
from readingroom.formats import catalog_json
from readingroom.guidetext import write_guide
from tests.guidetext.test_roundtrip_properties import guides

pytestmark = pytest.mark.django_db


def _clear():
    for model in (GuideEntry, Guide, Contribution, Work, Author, Source):
        model.objects.all().delete()


def _dump():
    return catalog_json.dumps(catalog_dump())


def test_dump_load_dump_is_byte_identical(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample")
    GuideEntry.objects.filter(order=2).update(note="An editor's note — kept.")
    first = _dump()
    _clear()
    load_dump(catalog_json.loads(first))
    assert _dump() == first
    # Loading into a catalog that already holds the records changes nothing either.
    load_dump(catalog_json.loads(first))
    assert _dump() == first


def test_dump_refers_to_a_missing_author(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    document = catalog_json.loads(_dump())
    document["works"][0]["authors"][0]["author"] = "nobody"
    _clear()
    with pytest.raises(catalog_json.DumpError) as caught:
        load_dump(document)
    assert caught.value.problems == [
        "$.works[0].authors[0].author: refers to author 'nobody', which is neither in the "
        "dump nor in the catalog"
    ]
    assert Work.objects.count() == 0


def test_a_dump_may_refer_to_records_already_in_the_catalog(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample")
    document = catalog_json.loads(_dump())
    serge_works = [w for w in document["works"] if w["authors"][0]["author"] == "serge"]
    load_dump({**document, "sources": [], "authors": [], "works": serge_works, "guides": []})
    assert Author.objects.filter(slug="serge").exists()


def test_an_id_in_a_dump_never_addresses_an_existing_row(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample")
    before = _dump()
    version = CatalogVersion.current()
    document = catalog_json.loads(before)
    victim = Author.objects.exclude(slug="serge").order_by("pk").first()
    serge = next(a for a in document["authors"] if a["slug"] == "serge")
    serge["id"] = victim.pk
    text = catalog_json.dumps({k: document[k] for k in catalog_json.KINDS})
    with pytest.raises(catalog_json.DumpError) as caught:
        load_dump(catalog_json.loads(text))
    index = [a["slug"] for a in document["authors"]].index("serge")
    assert caught.value.problems == [f"$.authors[{index}]: unknown key 'id'"]
    assert (_dump(), CatalogVersion.current()) == (before, version)


def test_a_load_moves_the_catalog_version_once(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    document = catalog_json.loads(_dump())
    version = CatalogVersion.current()
    load_dump(document)
    assert CatalogVersion.current() == version + 1


def test_the_editors_name_survives_a_catalog_without_the_account(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    ann = get_user_model().objects.create_user("ann", password="a-long-editor-password")
    Author.objects.filter(slug="serge").update(edited_by=ann, edited_at="2026-11-25T12:00Z")
    first = _dump()
    assert '"edited_by": "ann"' in first
    _clear()
    ann.delete()
    load_dump(catalog_json.loads(first))
    serge = Author.objects.get(slug="serge")
    assert (serge.edited_by, serge.editor_name) == (None, "ann")
    assert _dump() == first
    # When the account exists, the record points at it again.
    get_user_model().objects.create_user("ann", password="a-long-editor-password")
    load_dump(catalog_json.loads(first))
    assert Author.objects.get(slug="serge").edited_by.get_username() == "ann"


def test_a_catalog_of_hard_wrapped_dates_and_long_names_dumps_what_loads():
    name = "N" * 126 + " " + "M" * 127  # 254 characters; its sort name 255
    guide = (
        f"# {name}\n\nBorn in March\n1900 in Paris, he moved to Berlin in\nJune 1920.\n\n"
        "T (1930): 10 pages\n"
    )
    import_guide_bytes("wrapped.txt", guide.encode())
    assert "March 1900" in Author.objects.get().life_events.values_list("expression", flat=True)
    catalog_json.loads(_dump())  # the catalog's own dump passes its own checks


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(guides)
def test_whatever_a_guide_holds_its_catalog_dumps_what_loads(guide):
    data = write_guide(guide).encode()
    name = f"g{hashlib.sha256(data).hexdigest()[:12]}.txt"
    try:
        import_guide_bytes(name, data)
    except ImportRefused:
        return
    catalog_json.loads(_dump())


def test_merged_records_and_not_the_same_survive_a_dump(seed_bytes, sample_bytes):
    from readingroom.catalog.importer import import_guide_bytes as load_guide
    from readingroom.catalog.merging import mark_not_same, merge_authors
    from readingroom.catalog.models import MergedRecord, NotSame

    load_guide("sample-guide.txt", sample_bytes, "Sample")
    load_guide("seed.txt", seed_bytes, "Seed")
    merge_authors(Author.objects.get(slug="victor-serge"), Author.objects.get(slug="serge"))
    luxemburg, goldman = Author.objects.order_by("pk")[:2]
    mark_not_same("author", goldman, luxemburg)
    first = _dump()
    assert '"slug": "serge"' in first
    _clear()
    assert not MergedRecord.objects.exists()
    assert not NotSame.objects.exists()
    load_dump(catalog_json.loads(first))
    assert _dump() == first
    assert MergedRecord.objects.count() == 4  # Serge and his three works also the sample's
    assert NotSame.objects.count() == 1
    # The seed, imported again after the load, updates what it said: nothing splits.
    works = Work.objects.count()
    load_guide("seed.txt", seed_bytes.replace(b"396 pages,", b"396 pages, a new note."), "Seed")
    assert (Author.objects.filter(name__contains="Serge").count(), Work.objects.count()) == (
        1,
        works,
    )
