"""Importing into the real database (SQLite, and PostgreSQL in the second pass).

Every test runs twice: with the importer's usual batches, and with a batch for
each author, so that what crosses a batch's edge is tested on small files.
"""

import io

import pytest
from django.utils import timezone

from readingroom.catalog import importer
from readingroom.catalog.exporter import export_guide, ordered_authors
from readingroom.catalog.importer import ImportRefused, import_guide_bytes, import_guide_file
from readingroom.catalog.models import (
    Author,
    CatalogVersion,
    Contribution,
    Guide,
    GuideEntry,
    Source,
    SourceChunk,
    Work,
)
from readingroom.guidetext import GuideDecodeError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["batches", "one-author-batches"])
def _batch_size(request, monkeypatch):
    if request.param == "one-author-batches":
        monkeypatch.setattr(importer, "BATCH_WORKS", 1)


GUIDE = b"""# Rosa Luxemburg

Born in Zamosc.

## Early

Reform or Revolution (1899): 96 pages, on Bernstein.

The Mass Strike (1906): 88 pages
"""


def _snapshot():
    return {
        model.__name__: sorted(model.objects.values_list(flat=False))
        for model in (Source, SourceChunk, Author, Work, Contribution, Guide, GuideEntry)
    }


def _guide(authors, works, renamed=(), dropped=()):
    """A guide of several authors; some renamed (by position), some works dropped."""
    blocks = []
    for a in range(authors):
        name = f"Renamed {a}" if a in renamed else f"Author {a}"
        blocks += [f"# {name}", f"Author {a} was born in {1800 + a}."]
        blocks += [
            f"Work {a}-{w} ({1850 + w}): {10 + w} pages, note {w}"
            for w in range(works)
            if (a, w) not in dropped
        ]
    return ("\n\n".join(blocks) + "\n").encode()


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


def test_many_authors_across_batches_update_in_place():
    import_guide_bytes("many.txt", _guide(12, 4), "Many")
    ids = dict(Work.objects.values_list("title", "pk"))
    authors = dict(Author.objects.values_list("position", "pk"))
    edited = _guide(12, 4, renamed={3, 9}, dropped={(5, 1), (11, 3)})
    report = import_guide_bytes("many.txt", edited)
    # Works after the first dropped one moved up two lines: their provenance is updated.
    assert (report.works["removed"], report.works["unchanged"], report.works["updated"]) == (
        2,
        21,
        25,
    )
    # Two renamed; authors 5 to 11 (3 and 9 apart) span other lines now.
    assert report.authors["updated"] == 8
    # Renamed authors were matched by position; every kept work by title.
    assert dict(Author.objects.values_list("position", "pk")) == authors
    assert Author.objects.get(position=3).name == "Renamed 3"
    assert {t: pk for t, pk in ids.items() if t not in ("Work 5-1", "Work 11-3")} == dict(
        Work.objects.values_list("title", "pk")
    )
    orders = list(GuideEntry.objects.order_by("order").values_list("order", "work__title"))
    assert [o for o, _ in orders] == list(range(1, 47))
    assert orders[:5] == [(1, "Work 0-0"), (2, "Work 0-1"), (3, "Work 0-2"), (4, "Work 0-3"),
                          (5, "Work 1-0")]  # fmt: skip
    assert export_guide(ordered_authors()) == edited


def test_a_renamed_author_renames_the_search_documents_of_their_works():
    from readingroom.search.engine import search

    import_guide_bytes("many.txt", _guide(3, 2))
    import_guide_bytes("many.txt", _guide(3, 2, renamed={1}))
    hits = search("renamed").hits
    assert {h.record.title for h in hits if h.kind == "work"} == {"Work 1-0", "Work 1-1"}


def test_an_import_moves_the_catalog_version_once(seed_bytes):
    import_guide_bytes("many.txt", _guide(12, 4))
    version = CatalogVersion.current()
    import_guide_bytes("many.txt", _guide(12, 4, renamed={1}, dropped={(2, 2)}))
    assert CatalogVersion.current() == version + 1
    import_guide_bytes("many.txt", _guide(12, 4, renamed={1}, dropped={(2, 2)}))
    assert CatalogVersion.current() == version + 1  # unchanged: no step


def test_a_new_title_for_the_same_file_only_retitles(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes, "Serge")
    before = _snapshot()
    report = import_guide_bytes("seed.txt", seed_bytes, "Victor Serge")
    assert (report.status, Guide.objects.get().title) == ("retitled", "Victor Serge")
    after = _snapshot()
    assert {k: v for k, v in after.items() if k != "Guide"} == {
        k: v for k, v in before.items() if k != "Guide"
    }


def test_the_source_text_is_kept_in_pieces():
    annotation = "an annotation long enough to fill the file quickly " * 20
    works = "\n\n".join(f"Work {n} (1900): 10 pages, {annotation}" for n in range(3_000))
    data = f"# Long\n\nA short biography.\n\n{works}\n".encode()
    assert 3 << 20 < len(data) < 4 << 20
    import_guide_bytes("long.txt", data)
    source = Source.objects.get()
    pieces = list(source.text_pieces())
    assert len(pieces) == 4
    assert max(len(p) for p in pieces) <= 1 << 20
    assert "".join(pieces).encode() == data
    assert (source.size, source.lines) == (len(data), 6_003)
    assert export_guide(ordered_authors()) == data


def test_slugs_stay_unique_across_batches_and_the_catalog():
    titles = ["Essays", "Essays", "Essays 2", "Essays", "Essays-3"]
    guide = "# A\n\n" + "\n\n".join(f"{t} (1900): 1 page" for t in titles) + "\n"
    import_guide_bytes("a.txt", guide.encode())
    import_guide_bytes("b.txt", guide.replace("# A", "# B").encode())
    slugs = list(Work.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs)) == 10
    assert "essays" in slugs


class _EditedMeanwhile:
    """A file that an editor saves again after its first reading."""

    def __init__(self, before: bytes, after: bytes) -> None:
        self.files = [io.BytesIO(before), io.BytesIO(after)]

    def read(self, size: int = -1) -> bytes:
        data = self.files[0].read(size)
        if not data and len(self.files) > 1:
            self.files.pop(0)  # the first reading is over: from now on, the new text
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.files[0].seek(offset, whence)

    def tell(self) -> int:
        return self.files[0].tell()


@pytest.mark.parametrize(
    "after",
    [GUIDE.replace(b"(1906)", b"(3000)"), GUIDE + b"\n# Another Author\n\nT (1900): 1 page\n"],
    ids=["an-impossible-year", "another-author"],
)
def test_a_file_changed_between_its_readings_is_not_imported(after):
    before = _snapshot()
    with pytest.raises(ImportRefused) as refused:
        import_guide_file("rosa.txt", _EditedMeanwhile(GUIDE, after))
    assert "the file changed while it was being imported" in refused.value.problems[0].message
    assert _snapshot() == before


def test_a_value_beyond_the_database_late_in_a_file_changed_meanwhile_writes_nothing():
    # Read after eleven authors' works are written (in the one-author batches), a page
    # count PostgreSQL's integers cannot hold and SQLite would store: refused alike.
    checked = _guide(12, 4)
    changed = checked.replace(b"Work 11-3 (1853): 13 pages", b"Work 11-3 (1853): 3000000000 pages")
    assert changed != checked
    before = _snapshot()
    with pytest.raises(ImportRefused) as refused:
        import_guide_file("many.txt", _EditedMeanwhile(checked, changed))
    assert "the file changed while it was being imported" in refused.value.problems[0].message
    assert _snapshot() == before


def _edit(record, **changes):
    for name, value in changes.items():
        setattr(record, name, value)
    record.edited_at = timezone.now()
    record.save()


ALPHA_BETA = (
    b"# Ann Alpha\n\nFirst Book (1900): 10 pages\n\n# Bob Beta\n\nSecond Book (1901): 20 pages\n"
)


def test_an_author_an_editor_renamed_is_still_found_by_the_files_name():
    import_guide_bytes("ab.txt", ALPHA_BETA)
    bob = Author.objects.get(name="Bob Beta")
    _edit(bob, name="Robert Beta")
    # The file gains an author before Bob: Bob is still Bob, by the file's name for him.
    grown = ALPHA_BETA.replace(
        b"# Bob Beta", b"# Cy Gamma\n\nFourth Book (1903): 40 pages\n\n# Bob Beta"
    )
    report = import_guide_bytes("ab.txt", grown)
    assert report.conflicts == []
    robert = Author.objects.get(pk=bob.pk)
    assert robert.name == "Robert Beta"
    assert [w.title for w in robert.works.all()] == ["Second Book"]
    cy = Author.objects.get(name="Cy Gamma")
    assert [w.title for w in cy.works.all()] == ["Fourth Book"]
    assert Author.objects.count() == 3


def test_a_work_an_editor_retitled_is_still_found_by_the_files_title():
    import_guide_bytes("ab.txt", ALPHA_BETA)
    second = Work.objects.get(title="Second Book")
    _edit(second, title="Second Book, revised")
    grown = ALPHA_BETA.replace(
        b"Second Book (1901)", b"Interlude (1901): 5 pages\n\nSecond Book (1901)"
    )
    report = import_guide_bytes("ab.txt", grown)
    assert report.conflicts == []
    assert Work.objects.get(pk=second.pk).title == "Second Book, revised"
    assert sorted(Work.objects.values_list("title", flat=True)) == [
        "First Book",
        "Interlude",
        "Second Book, revised",
    ]


def test_a_conflict_is_reported_once_and_names_what_the_editor_changed():
    import_guide_bytes("ab.txt", ALPHA_BETA)
    _edit(Work.objects.get(title="Second Book"), pages=22)
    changed = ALPHA_BETA.replace(b"20 pages", b"21 pages")
    [conflict] = import_guide_bytes("ab.txt", changed).conflicts
    assert "(pages)" in conflict.message
    # The next version that leaves the work alone reports nothing again.
    assert (
        import_guide_bytes("ab.txt", changed + b"\nThird Book (1902): 30 pages\n").conflicts == []
    )


def test_an_author_the_file_drops_but_another_guide_credits_is_no_longer_the_files():
    import_guide_bytes("ab.txt", ALPHA_BETA)
    import_guide_bytes("other.txt", b"# Bob Beta\n\nOther Book (1910): 5 pages\n")
    bob = Author.objects.get(name="Bob Beta", source__name="ab.txt")
    Contribution.objects.create(
        work=Work.objects.get(title="Other Book"), author=bob, role="editor"
    )
    import_guide_bytes("ab.txt", b"# Ann Alpha\n\nFirst Book (1900): 10 pages\n")
    bob.refresh_from_db()
    assert bob.source_id is None
    # A later version of the file that adds someone is not matched against Bob.
    import_guide_bytes(
        "ab.txt", b"# Ann Alpha\n\nFirst Book (1900): 10 pages\n\n# Di Delta\n\nX (1900): 1 page\n"
    )
    bob.refresh_from_db()
    assert bob.name == "Bob Beta"
    assert Author.objects.filter(name="Di Delta").exists()


def test_a_translator_an_editor_credits_does_not_take_the_work_over():
    import_guide_bytes("ab.txt", ALPHA_BETA)
    first = Work.objects.get(title="First Book")
    bob = Author.objects.get(name="Bob Beta")
    credit = Contribution.objects.create(work=first, author=bob, role="translator")
    assert credit.order == 1  # after the lead author, not beside her
    grown = ALPHA_BETA + b"\nThird Book (1902): 30 pages\n"
    import_guide_bytes("ab.txt", grown)
    assert Work.objects.get(pk=first.pk).title == "First Book"
    assert [w.title for w in Author.objects.get(name="Ann Alpha").works.all()] == ["First Book"]
    assert export_guide(ordered_authors()) == grown


def test_an_entry_an_editor_added_to_the_guide_stays_after_a_reimport():
    import_guide_bytes("ab.txt", ALPHA_BETA, "AB")
    import_guide_bytes("other.txt", b"# Di Delta\n\nElsewhere (1910): 5 pages\n")
    guide = Guide.objects.get(title="AB")
    elsewhere = Work.objects.get(title="Elsewhere")
    GuideEntry.objects.create(guide=guide, work=elsewhere, order=3, note="Read last.")
    import_guide_bytes("ab.txt", ALPHA_BETA + b"\nThird Book (1902): 30 pages\n")
    assert list(guide.entries.values_list("order", "work__title", "note")) == [
        (1, "First Book", ""),
        (2, "Second Book", ""),
        (3, "Third Book", ""),
        (4, "Elsewhere", "Read last."),
    ]


def test_overwrite_edits_takes_the_files_version_even_of_an_unchanged_file():
    import_guide_bytes("ab.txt", ALPHA_BETA)
    second = Work.objects.get(title="Second Book")
    _edit(second, pages=99)
    assert import_guide_bytes("ab.txt", ALPHA_BETA).status == "unchanged"
    assert Work.objects.get(pk=second.pk).pages == 99
    import_guide_bytes("ab.txt", ALPHA_BETA, overwrite_edits=True)
    second.refresh_from_db()
    assert (second.pages, second.edited_at) == (20, None)


def test_a_write_waits_as_long_for_another_writer_on_either_database():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "5s"
        else:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 5000
