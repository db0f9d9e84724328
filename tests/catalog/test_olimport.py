"""Open Library dumps into the catalog: by key and revision, in one transaction, one catalog."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import (
    Author,
    CatalogVersion,
    Contribution,
    Edition,
    Identifier,
    LifeEvent,
    OpenLibraryRecord,
    Work,
)
from readingroom.catalog.olimport import DumpRefused, import_dumps
from readingroom.formats import openlibrary as ol
from readingroom.search.engine import search

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from ol_dumps import write_dump

pytestmark = pytest.mark.django_db
STAMP = "2024-01-02T03:04:05.000006"


def line(type_: str, key: str, data: dict[str, object], revision: int = 1) -> str:
    record = {
        **data,
        "key": key,
        "type": {"key": type_},
        "revision": revision,
        "last_modified": {"type": "/type/datetime", "value": STAMP},
    }
    return ol.dump_line(type_, key, revision, STAMP, record)


def author(n: int, name: str, revision: int = 1, **data: object) -> str:
    return line("/type/author", f"/authors/OL{n}A", {"name": name, **data}, revision)


def work(n: int, title: str, authors: list[int], revision: int = 1, **data: object) -> str:
    credits = [
        {"type": {"key": "/type/author_role"}, "author": {"key": f"/authors/OL{a}A"}}
        for a in authors
    ]
    return line(
        "/type/work", f"/works/OL{n}W", {"title": title, "authors": credits, **data}, revision
    )


def edition(n: int, of: int, revision: int = 1, **data: object) -> str:
    return line(
        "/type/edition", f"/books/OL{n}M", {"works": [{"key": f"/works/OL{of}W"}], **data}, revision
    )


def load(*files: tuple[str, str], overwrite_edits: bool = False):
    return import_dumps(
        [(name, io.BytesIO(gzip.compress(text.encode()))) for name, text in files],
        overwrite_edits=overwrite_edits,
    )


def found(query: str) -> list[str]:
    """The works a search finds, by title."""
    return [hit.record.title for hit in search(query).hits if hit.kind == "work"]


def olid(record: Author | Work) -> list[str]:
    return sorted(record.identifiers.filter(scheme="olid").values_list("value", flat=True))


def test_a_dump_of_three_files_with_provenance():
    report = load(
        (
            "works.txt.gz",
            work(1, "Memoirs", [1], first_publish_date="1951") + work(2, "Poems", [1, 2]),
        ),
        (
            "editions.txt.gz",
            edition(1, 1, number_of_pages=400, publishers=["Oxford"]) + edition(2, 1),
        ),
        ("authors.txt.gz", author(1, "Victor Serge") + author(2, "Ana Lima")),
    )
    assert report.files == ["authors.txt.gz", "works.txt.gz", "editions.txt.gz"]
    assert (report.authors["created"], report.works["created"], report.editions["created"]) == (
        2,
        2,
        2,
    )
    memoirs = Work.objects.get(title="Memoirs")
    assert (memoirs.year, memoirs.source.name, memoirs.line_start) == (1951, "works.txt.gz", 1)
    assert olid(memoirs) == ["OL1W"]
    # It reads by its first edition with a page count.
    assert (memoirs.pages, memoirs.edition.publisher, memoirs.edition.line_start) == (
        400,
        "Oxford",
        1,
    )
    poems = Work.objects.get(title="Poems")
    assert [c.author.name for c in poems.contributions.order_by("order")] == [
        "Victor Serge",
        "Ana Lima",
    ]
    serge = Author.objects.get(name="Victor Serge")
    assert (serge.sort_name, olid(serge), serge.line_start) == ("Serge, Victor", ["OL1A"], 1)
    record = OpenLibraryRecord.objects.get(key="OL1M")
    assert (record.kind, record.revision, record.last_modified) == ("edition", 1, STAMP)
    assert record.edition.work == memoirs
    assert found("memoirs") == ["Memoirs"]


def test_the_same_dump_again_writes_nothing():
    files = (("a.txt.gz", author(1, "Victor Serge")), ("w.txt.gz", work(1, "Memoirs", [1])))
    load(*files)
    version = CatalogVersion.current()
    report = load(*files)
    assert (report.authors["unchanged"], report.works["unchanged"]) == (1, 1)
    assert not report.works["created"]
    assert not report.works["updated"]
    assert CatalogVersion.current() == version
    assert Work.objects.count() == 1
    assert Identifier.objects.count() == 2


def test_a_newer_revision_updates_in_place_an_older_one_does_not():
    load(("a.txt.gz", author(1, "Victor Serge")), ("w.txt.gz", work(1, "Memoirs", [1], revision=2)))
    memoirs = Work.objects.get()
    report = load(("w2.txt.gz", work(1, "Memoirs of a Revolutionary", [1], revision=3)))
    assert report.works["updated"] == 1
    memoirs.refresh_from_db()
    assert (memoirs.title, memoirs.source.name) == ("Memoirs of a Revolutionary", "w2.txt.gz")
    assert OpenLibraryRecord.objects.get(key="OL1W").revision == 3
    load(("w1.txt.gz", work(1, "Old title", [1], revision=1)))
    memoirs.refresh_from_db()
    assert memoirs.title == "Memoirs of a Revolutionary"
    assert found("revolutionary") == ["Memoirs of a Revolutionary"]


def test_an_editors_change_is_kept_and_reported(django_user_model):
    load(("a.txt.gz", author(1, "Victor Serge")), ("w.txt.gz", work(1, "Memoirs", [1])))
    Work.objects.update(title="Memoirs (edited)", edited_at="2026-01-01T00:00:00Z")
    report = load(("w2.txt.gz", work(1, "Memoirs, revised", [1], revision=2)))
    assert Work.objects.get().title == "Memoirs (edited)"
    [(name, conflict)] = report.conflicts
    assert (name, conflict.line) == ("w2.txt.gz", 1)
    load(("w3.txt.gz", work(1, "Memoirs, third", [1], revision=3)), overwrite_edits=True)
    assert Work.objects.get().title == "Memoirs, third"


def test_references_before_their_records_wait_for_them():
    """In the dump of every type editions (/books/) come before their works; a file
    may credit authors that come after."""
    report = load(
        (
            "all.txt.gz",
            edition(1, 1, number_of_pages=99)
            + work(1, "Memoirs", [1, 7])
            + author(1, "Victor Serge"),
        )
    )
    memoirs = Work.objects.get()
    assert memoirs.editions.get().pages == 99
    assert memoirs.pages == 99
    assert [a.name for a in memoirs.authors.all()] == ["Victor Serge"]
    assert report.works["credits to authors in no dump"] == 1
    assert found("serge") == ["Memoirs"]  # indexed with its author's name


def test_a_line_that_is_no_dump_line_refuses_the_whole_import():
    good = author(1, "Victor Serge") + work(1, "Memoirs", [1])
    with pytest.raises(DumpRefused) as refused:
        load(
            ("a.txt.gz", good + "/type/work\t/works/OL2W\t1\t2020\n" + work(3, "Fine", [1])),
            ("b.txt.gz", "/type/author\t/authors/OL5A\t1\t2020\t{broken\n"),
        )
    assert [(name, p.line) for name, p in refused.value.problems] == [
        ("a.txt.gz", 3),
        ("b.txt.gz", 1),
    ]
    assert not Author.objects.exists()
    assert not Work.objects.exists()
    assert not OpenLibraryRecord.objects.exists()
    assert not Identifier.objects.exists()


def test_an_author_the_catalog_has_from_a_guide_is_that_author():
    guide = (
        "# Ada Lovelace\n\nAda Lovelace was born on 10 December 1815 in London. "
        "She died in 1852.\n\n"
        "Notes on the Analytical Engine (1843): 66 pages, her notes.\n"
    )
    import_guide_bytes("ada.txt", guide.encode())
    ada = Author.objects.get()
    assert LifeEvent.objects.filter(author=ada, kind="birth").exists()
    load(
        (
            "a.txt.gz",
            author(1, "Ada Lovelace", birth_date="10 December 1815")
            + author(2, "Ada Lovelace")
            + author(3, "Ada Lovelace", birth_date="1901"),
        ),
        ("w.txt.gz", work(1, "Notes on the analytical engine", [1]) + work(2, "Sketches", [1])),
    )
    # The same name and life years: one author, with the key; a name alone, or other
    # years, is someone else.
    assert olid(ada) == ["OL1A"]
    assert Author.objects.count() == 3
    notes = Work.objects.get(title="Notes on the Analytical Engine")
    assert olid(notes) == ["OL1W"]
    assert notes.source.name == "ada.txt"
    sketches = Work.objects.get(title="Sketches")
    assert [a.pk for a in sketches.authors.all()] == [ada.pk]


def test_redirects_merge_and_deletes_remove():
    load(
        ("a.txt.gz", author(1, "Victor Serge") + author(2, "V. Serge")),
        ("w.txt.gz", work(1, "Memoirs", [1]) + work(2, "Conquered City", [2])),
    )
    assert Author.objects.count() == 2
    load(
        (
            "all.txt.gz",
            line("/type/redirect", "/authors/OL2A", {"location": "/authors/OL1A"}, 2)
            + line("/type/delete", "/works/OL1W", {}, 2),
        )
    )
    [serge] = Author.objects.all()
    assert sorted(olid(serge)) == ["OL1A", "OL2A"]
    assert [w.title for w in Work.objects.all()] == ["Conquered City"]
    assert Contribution.objects.get().author == serge
    assert OpenLibraryRecord.objects.get(key="OL1W").kind == "delete"


def test_an_edition_of_a_work_in_no_dump_comes_with_it_later():
    report = load(("e.txt.gz", edition(1, 5, number_of_pages=10)))
    assert report.editions["skipped"] == 1
    assert not Edition.objects.exists()
    load(("w.txt.gz", work(5, "Later", [])), ("e.txt.gz", edition(1, 5, number_of_pages=10)))
    assert Work.objects.get().editions.get().pages == 10


def test_a_generated_dump_all_of_it(tmp_path):
    paths = write_dump(tmp_path, 300)
    with paths[0].open("rb") as a, paths[1].open("rb") as w, paths[2].open("rb") as e:
        report = import_dumps([(p.name, f) for p, f in zip(paths, (a, w, e), strict=True)])
    titled = OpenLibraryRecord.objects.filter(kind="work").count()
    assert Work.objects.count() == titled == report.works["created"]
    assert Edition.objects.count() == report.editions["created"] > 300
    assert Author.objects.count() == report.authors["created"]
    assert not Work.objects.filter(source__isnull=True).exists()
    assert Identifier.objects.filter(scheme="olid", work__isnull=False).count() == titled


def test_a_guides_records_known_by_a_key_keep_the_guides_words():
    guide = (
        "# Ada Lovelace\n\nAda Lovelace was born on 10 December 1815 in London.\n\n"
        "Notes on the Analytical Engine (1843): 66 pages, her notes.\n"
    )
    import_guide_bytes("ada.txt", guide.encode())
    load(("a.txt.gz", author(1, "Ada Lovelace", birth_date="1815")))
    # A later dump: a newer revision of her, a work of hers the guide has, and a
    # deletion of it at Open Library.
    load(("a2.txt.gz", author(1, "Augusta Ada King", 2, birth_date="1815")),
         ("w2.txt.gz", work(1, "Notes on the Analytical Engine", [1])))  # fmt: skip
    ada = Author.objects.get()
    notes = Work.objects.get()
    assert (ada.name, ada.source.name, notes.source.name) == ("Ada Lovelace", "ada.txt", "ada.txt")
    assert olid(notes) == ["OL1W"]
    load(("all.txt.gz", line("/type/delete", "/works/OL1W", {}, 2)))
    notes.refresh_from_db()
    assert olid(notes) == []
    assert notes.guide_entries.exists()


def test_an_edition_open_library_moved_to_another_work_moves():
    load(("w.txt.gz", work(1, "One", []) + work(2, "Two", [])), ("e.txt.gz", edition(1, 1)))
    load(("e2.txt.gz", edition(1, 2, 2, number_of_pages=12)))
    moved = Edition.objects.get()
    assert (moved.work.title, moved.pages, moved.source.name) == ("Two", 12, "e2.txt.gz")


def test_a_key_an_editor_gave_is_that_record():
    import_guide_bytes("serge.txt", b"# Victor Serge\n\nMemoirs (1951): 400 pages\n")
    serge = Author.objects.get()
    Identifier.objects.create(scheme="olid", value="OL7A", author=serge)
    report = load(("a.txt.gz", author(7, "V. Serge")), ("w.txt.gz", work(1, "Conquered City", [7])))
    assert report.authors["matched"] == 1
    assert Author.objects.get().name == "Victor Serge"
    assert [a.name for a in Work.objects.get(title="Conquered City").authors.all()] == [
        "Victor Serge"
    ]
