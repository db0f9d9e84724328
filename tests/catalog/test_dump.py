import pytest

from readingroom.catalog.dump import catalog_dump, load_dump
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Author, Contribution, Guide, GuideEntry, Source, Work
from readingroom.formats import catalog_json

pytestmark = pytest.mark.django_db


def _clear():
    for model in (GuideEntry, Guide, Contribution, Work, Author, Source):
        model.objects.all().delete()


def test_dump_load_dump_is_byte_identical(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample")
    GuideEntry.objects.filter(order=2).update(note="An editor's note — kept.")
    first = catalog_json.dumps(catalog_dump())
    _clear()
    load_dump(catalog_json.loads(first))
    assert catalog_json.dumps(catalog_dump()) == first
    # Loading into a catalog that already holds the records changes nothing either.
    load_dump(catalog_json.loads(first))
    assert catalog_json.dumps(catalog_dump()) == first


def test_dump_refers_to_a_missing_author(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    document = catalog_json.loads(catalog_json.dumps(catalog_dump()))
    document["works"][0]["authors"][0]["author"] = "nobody"
    _clear()
    with pytest.raises(catalog_json.DumpError, match="author 'nobody'"):
        load_dump(document)
    assert Work.objects.count() == 0
