"""Merging two records into one, on the real database: nothing lost, nothing split."""

from __future__ import annotations

import pytest
from django.test import Client

from readingroom.catalog.duplicates import duplicates
from readingroom.catalog.exporter import export_guide_list
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.listimport import import_list
from readingroom.catalog.merging import MergeRefused, mark_not_same, merge_authors, merge_works
from readingroom.catalog.models import Author, Guide, GuideEntry, MergedRecord, Work
from readingroom.formats.readinglist import read_list
from readingroom.search.engine import search

pytestmark = pytest.mark.django_db

FIRST = """# Ada Byron

Ada Byron wrote the first published program, in 1843.

Notes on the Analytical Engine (1843): 66 pages, the first guide's note on the Notes.

Letters (1851): 200 pages, the first guide's note on the letters.
"""

SECOND = """# Augusta Ada King

Countess of Lovelace.

Notes on the Analytical Engine (1843): 70 pages, the second guide's note on the Notes.

Poems (1840): 30 pages, the second guide's note on the poems.
"""


def _import(name: str, text: str, title: str) -> None:
    import_guide_bytes(name, text.encode(), title)


def _two_guides() -> tuple[Author, Author]:
    _import("first.txt", FIRST, "First guide")
    _import("second.txt", SECOND, "Second guide")
    return Author.objects.get(slug="ada-byron"), Author.objects.get(slug="augusta-ada-king")


def _counts() -> tuple[int, int, int]:
    return Author.objects.count(), Work.objects.count(), GuideEntry.objects.count()


def test_merging_two_authors_merges_their_shared_works_and_keeps_both_guides():
    keep, other = _two_guides()
    report = merge_authors(keep, other)
    assert report.works_merged == [
        ("notes-on-the-analytical-engine", "notes-on-the-analytical-engine-2")
    ]
    assert _counts() == (1, 3, 4)
    author = Author.objects.get()
    assert author.name == "Ada Byron"
    assert sorted(author.works.values_list("title", flat=True)) == [
        "Letters",
        "Notes on the Analytical Engine",
        "Poems",
    ]
    notes = Work.objects.get(slug="notes-on-the-analytical-engine")
    assert notes.pages == 66  # the kept record wins where the two disagree
    assert set(notes.guides.values_list("title", flat=True)) == {"First guide", "Second guide"}
    merged = {m.kind: m for m in MergedRecord.objects.all()}
    assert merged["author"].name == "Augusta Ada King"
    assert merged["author"].provenance == "second.txt:1–7"
    assert merged["work"].annotation == "the second guide's note on the Notes."
    assert merged["work"].provenance == "second.txt:5–5"


def test_old_slugs_redirect_and_search_finds_each_work_once():
    keep, other = _two_guides()
    merge_authors(keep, other)
    client = Client()
    response = client.get("/authors/augusta-ada-king/")
    assert (response.status_code, response["Location"]) == (301, "/authors/ada-byron/")
    response = client.get("/works/notes-on-the-analytical-engine-2/")
    assert response["Location"] == "/works/notes-on-the-analytical-engine/"
    hits = [h.record.slug for h in search("analytical engine").hits if h.kind == "work"]
    assert hits == ["notes-on-the-analytical-engine"]


def test_the_work_page_shows_each_guides_annotation_with_its_guide():
    keep, other = _two_guides()
    merge_authors(keep, other)
    page = Client().get("/works/notes-on-the-analytical-engine/").content.decode()
    page = page[page.index("<article") :]
    # Each annotation follows the name of the guide that wrote it.
    first_note, second_note = page.index("the first guide"), page.index("the second guide")
    assert page.index("First guide") < first_note
    assert first_note < page.index("Second guide") < second_note


def test_each_guide_exports_as_it_wrote_its_entries():
    keep, other = _two_guides()
    merge_authors(keep, other)
    second = export_guide_list(Guide.objects.get(title="Second guide")).decode()
    assert "the second guide's note on the Notes." in second
    assert "the first guide's note on the Notes." not in second


def test_reimporting_the_merged_source_updates_it_and_never_splits():
    keep, other = _two_guides()
    merge_authors(keep, other)
    before = _counts()
    changed = SECOND.replace("second guide's note on the Notes", "second guide's new note")
    _import("second.txt", changed, "Second guide")
    assert _counts() == before
    merged = MergedRecord.objects.get(kind="work")
    assert merged.annotation == "the second guide's new note."
    assert Work.objects.get(slug="notes-on-the-analytical-engine").annotation == (
        "the first guide's note on the Notes."
    )
    # A work the file adds is the kept author's; one it drops goes, with its merged record.
    grown = changed.replace("Poems (1840)", "Sketches (1842): 12 pages, new.\n\nPoems (1840)")
    shrunk = grown.replace("Notes on the Analytical Engine (1843): 70 pages,", "Drop (1843):")
    shrunk = shrunk.replace("Drop (1843): the second guide's new note.\n\n", "")
    _import("second.txt", shrunk, "Second guide")
    author = Author.objects.get()
    assert "Sketches" in author.works.values_list("title", flat=True)
    assert not MergedRecord.objects.filter(kind="work").exists()
    assert author.provenance == "first.txt:1–7"  # the kept author's own source, untouched
    _import("first.txt", FIRST + "\nMore (1850): 1 pages, more.\n", "First guide")
    assert Author.objects.count() == 1


def test_an_author_dropped_from_the_merged_source_leaves_the_kept_one_whole():
    keep, other = _two_guides()
    merge_authors(keep, other)
    _import("second.txt", "# Someone Else\n\nBook (1900): 10 pages, a book.\n", "Second guide")
    assert not MergedRecord.objects.filter(kind="author").exists()
    kept = Author.objects.get(slug="ada-byron")
    assert kept.provenance == "first.txt:1–7"
    assert "Notes on the Analytical Engine" in kept.works.values_list("title", flat=True)


def test_an_empty_field_is_filled_from_the_other_and_the_keep_is_marked_edited():
    _import("first.txt", "# Ada Byron\n\nA (1843): 66 pages, a.\n", "First guide")
    _import("second.txt", "# Ada Byron\n\nShe wrote in 1843.\n\nB (1840): 1 pages, b.\n", "Second")
    keep, other = Author.objects.order_by("pk")
    report = merge_authors(keep, other)
    assert report.filled == ["biography"]
    kept = Author.objects.get()
    assert kept.biography == "She wrote in 1843."
    assert kept.edited_at is not None
    assert kept.life_events.exists()


def test_not_the_same_is_remembered():
    keep, _ = _two_guides()
    _import("third.txt", "# A. Byron\n\nNotes on the Analytical Engine (1843): 1 pages, x.\n", "T")
    pairs = [d for d in duplicates() if d.kind == "author"]
    assert [(p.first, p.second) for p in pairs] == [("ada-byron", "a-byron")]
    mark_not_same("author", Author.objects.get(slug="a-byron"), keep)
    assert [d for d in duplicates() if d.kind == "author"] == []


def test_a_record_is_not_merged_into_itself():
    keep, _ = _two_guides()
    with pytest.raises(MergeRefused, match="one author already"):
        merge_authors(keep, keep)
    work = Work.objects.first()
    with pytest.raises(MergeRefused, match="one work already"):
        merge_works(work, work)


def test_two_works_merge_alone_and_a_list_reimport_never_splits():
    _import("first.txt", FIRST, "First guide")
    text = (
        "Reading\n\n1. Ada Byron, Notes on the Analytical Engine (1843)\n2. Ada Byron, X (1900)\n"
    )
    import_list("list.txt", text.encode(), text, "utf-8", read_list(text))
    keep = Work.objects.get(slug="notes-on-the-analytical-engine")
    other = Work.objects.get(slug="notes-on-the-analytical-engine-2")
    merge_works(keep, other)
    before = _counts()
    again = text.replace("X (1900)", "X (1901)")
    import_list("list.txt", again.encode(), again, "utf-8", read_list(again))
    assert _counts() == before
    assert Work.objects.filter(title="Notes on the Analytical Engine").count() == 1
    guide = Guide.objects.get(source__name="list.txt")
    assert list(guide.entries.values_list("work__slug", flat=True)) == [
        "notes-on-the-analytical-engine",
        "x",
    ]


def test_the_seeds_serge_and_the_samples_victor_serge_become_one(sample_bytes, seed_bytes):
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    import_guide_bytes("seed.txt", seed_bytes, "Serge: a guide")
    report = merge_authors(
        Author.objects.get(slug="victor-serge"), Author.objects.get(slug="serge")
    )
    assert sorted(kept for kept, _ in report.works_merged) == [
        "memoirs-of-a-revolutionary",
        "midnight-in-the-century",
        "the-case-of-comrade-tulayev",
    ]
    serge = Author.objects.get(name="Victor Serge")
    assert serge.works.count() == 5
    assert Author.objects.filter(name__icontains="serge").count() == 1
    for slug, _ in report.works_merged:
        work = Work.objects.get(slug=slug)
        assert set(work.guides.values_list("title", flat=True)) == {
            "Sample guide",
            "Serge: a guide",
        }
        assert {m.source.name for m in work.merged.all()} == {"seed.txt"}


def test_the_admin_duplicates_page_merges_and_remembers_not_the_same(editor):
    keep, other = _two_guides()
    _import("third.txt", "# A. Byron\n\nNotes on the Analytical Engine (1843): 1 pages, x.\n", "T")
    merge_authors(keep, other)
    client = Client()
    client.force_login(editor)
    page = client.get("/admin/catalog/author/duplicates/")
    assert page.status_code == 200
    assert b"names that agree; 1 work in common" in page.content
    answer = client.post(
        "/admin/catalog/author/duplicates/",
        {"kind": "author", "keep": "ada-byron", "other": "a-byron", "action": "not-same"},
    )
    assert answer.status_code == 302
    assert b"No likely duplicates" in client.get("/admin/catalog/author/duplicates/").content
    gone = client.post(
        "/admin/catalog/author/duplicates/",
        {"kind": "author", "keep": "ada-byron", "other": "nobody", "action": "merge"},
        follow=True,
    )
    assert b"no longer in the catalog; nothing was changed" in gone.content


def test_the_duplicates_page_is_for_editors_only(editor):
    reader = Client()
    assert reader.get("/admin/catalog/author/duplicates/").status_code == 302  # to log in
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.create_user("staff", password="x" * 20, is_staff=True)
    reader.force_login(staff)
    assert reader.get("/admin/catalog/author/duplicates/").status_code == 403
    posted = reader.post(
        "/admin/catalog/author/duplicates/",
        {"kind": "author", "keep": "a", "other": "b", "action": "merge"},
    )
    assert posted.status_code == 403
