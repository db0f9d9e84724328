"""Importing into the real database (SQLite, and PostgreSQL in the second pass)."""

import pytest

from readingroom.catalog.exporter import export_guide, ordered_authors
from readingroom.catalog.importer import ImportRefused, import_guide_bytes
from readingroom.catalog.models import Author, Contribution, Guide, GuideEntry, Source, Work
from readingroom.guidetext import GuideDecodeError

pytestmark = pytest.mark.django_db

GUIDE = b"""# Rosa Luxemburg

Born in Zamosc.

## Early

Reform or Revolution (1899): 96 pages, on Bernstein.

The Mass Strike (1906): 88 pages
"""


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list(flat=False))
        for model in (Source, Author, Work, Contribution, Guide, GuideEntry)
    }


def test_seed_import_and_export_reproduce_the_file(seed_bytes):
    report = import_guide_bytes("seed.txt", seed_bytes)
    assert report.status == "created"
    assert report.works["created"] == 5
    [author] = Author.objects.all()
    assert (author.name, author.name_inferred, author.slug) == ("Serge", True, "serge")
    assert (author.source.name, author.line_start, author.line_end) == ("seed.txt", 1, 20)
    work = Work.objects.get(title="Birth of Our Power")
    assert (work.line_start, work.line_end, work.source.name) == (16, 16, "seed.txt")
    assert export_guide(ordered_authors()) == seed_bytes


def test_same_file_twice_changes_nothing(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    before = _snapshot()
    report = import_guide_bytes("seed.txt", seed_bytes)
    assert report.status == "unchanged"
    assert _snapshot() == before


def test_edited_file_updates_in_place():
    import_guide_bytes("rosa.txt", GUIDE, "Rosa")
    ids = {w.title: (w.pk, w.slug) for w in Work.objects.all()}
    author_id = Author.objects.get().pk
    GuideEntry.objects.filter(work__title="The Mass Strike").update(note="Read second.")
    edited = (
        GUIDE.replace(b"88 pages", b"90 pages, revised.").replace(
            b"Born in Zamosc.", b"Born in Zamosc, 1871."
        )
        + b"\nThe Accumulation of Capital (1913): 475 pages\n"
    )
    report = import_guide_bytes("rosa.txt", edited)
    assert report.status == "updated"
    assert (report.works["created"], report.works["updated"]) == (1, 1)
    strike = Work.objects.get(title="The Mass Strike")
    assert (strike.pk, strike.slug) == ids["The Mass Strike"]
    assert (strike.pages, strike.annotation) == (90, "revised.")
    assert Author.objects.get().pk == author_id
    assert Author.objects.get().biography == "Born in Zamosc, 1871."
    assert GuideEntry.objects.get(work=strike).note == "Read second."
    assert Guide.objects.get().title == "Rosa"
    assert list(GuideEntry.objects.values_list("order", "work__title", "section")) == [
        (1, "Reform or Revolution", "Early"),
        (2, "The Mass Strike", "Early"),
        (3, "The Accumulation of Capital", "Early"),
    ]


def test_works_removed_from_the_file_are_removed():
    import_guide_bytes("rosa.txt", GUIDE)
    shorter = GUIDE.replace(b"\nThe Mass Strike (1906): 88 pages\n", b"")
    report = import_guide_bytes("rosa.txt", shorter)
    assert report.works["removed"] == 1
    assert list(Work.objects.values_list("title", flat=True)) == ["Reform or Revolution"]


def test_renamed_author_keeps_id_and_slug(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    author = Author.objects.get()
    import_guide_bytes("seed.txt", b"# Victor Serge\n\n" + seed_bytes)
    renamed = Author.objects.get()
    assert (renamed.pk, renamed.slug) == (author.pk, author.slug)
    assert (renamed.name, renamed.sort_name, renamed.name_inferred) == (
        "Victor Serge",
        "Serge, Victor",
        False,
    )


def test_sample_guide_imports(sample_bytes):
    report = import_guide_bytes("sample-guide.txt", sample_bytes, "Sample")
    assert report.authors["created"] == 5
    assert Work.objects.count() == 17
    assert export_guide(ordered_authors()) == sample_bytes


BAD_INPUTS = {
    "binary": b"\x7fELF\x02\x01\x01\x00\x00\x00",
    "empty": b"",
    "latin-1": "# Jos\xe9\n\nT (1900): 1 pages".encode("latin-1"),
    "truncated UTF-8": "# Serge\n\nT (1900): 1 pages, caf\u00e9".encode()[:-1],
    "truncated guide": GUIDE + b"\nThe Accumulation of Cap",
    "garbage": bytes(range(256)) * 40_000,
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_and_changes_nothing(name, seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    before = _snapshot()
    with pytest.raises((GuideDecodeError, ImportRefused)):
        import_guide_bytes("seed.txt", BAD_INPUTS[name])
    assert _snapshot() == before


def test_refusal_names_the_line():
    with pytest.raises(ImportRefused) as caught:
        import_guide_bytes("rosa.txt", BAD_INPUTS["truncated guide"])
    [problem] = caught.value.problems
    assert problem.line == 11
    assert Work.objects.count() == 0


def test_utf16_and_crlf_survive_the_catalog():
    text = GUIDE.decode().replace("\n", "\r\n")
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    import_guide_bytes("rosa16.txt", data)
    assert Source.objects.get().encoding == "utf-16-le"
    assert export_guide(ordered_authors()) == data
