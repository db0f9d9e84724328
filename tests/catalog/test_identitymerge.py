"""A guide file's authors the identity rules are certain of are folded into the catalog's.

The expectations here were written before the code: one author per person the rules
are sure of, every source's words kept; anything less certain left for an editor.
"""

from __future__ import annotations

import pytest
from django.test import Client

from readingroom.catalog.duplicates import duplicates
from readingroom.catalog.identitymerge import certainly_same
from readingroom.catalog.importer import ImportReport, import_guide_bytes
from readingroom.catalog.listimport import import_list
from readingroom.catalog.merging import mark_not_same
from readingroom.catalog.models import Author, GuideEntry, LifeEvent, MergedRecord, Work
from readingroom.formats.readinglist import read_list
from readingroom.identity import Verdict
from readingroom.identity.people import Person

FIRST = """# Victor Serge

Victor Serge was born in Brussels in 1890. In 1919 he arrived in Petrograd.

Memoirs of a Revolutionary (1951): 396 pages, the first guide's note on the memoirs.

Midnight in the Century (1939): 199 pages, the first guide's note on Midnight.
"""

SECOND = """# Victor Serge

He was deported to Orenburg in 1933, and left for Mexico in 1941.

Memoirs of a Revolutionary (1951): 400 pages, the second guide's note on the memoirs.

Conquered City (1932): 150 pages, the second guide's note on the city.
"""


def _import(name: str, text: str, title: str | None = None):  # type: ignore[no-untyped-def]
    return import_guide_bytes(name, text.encode(), title)


def _import_list(name: str, text: str) -> None:
    import_list(name, text.encode(), text, "utf-8", read_list(text))


def _counts() -> tuple[int, int, int]:
    return Author.objects.count(), Work.objects.count(), GuideEntry.objects.count()


# Whether two names are certainly one person: the rule itself, without a database.


def test_the_same_whole_name_with_a_work_in_common_is_certain():
    match = certainly_same(
        Person.of("Victor Serge", ["Memoirs of a Revolutionary"]),
        Person.of("Victor Serge", ["Memoirs of a Revolutionary", "Conquered City"]),
    )
    assert match is not None
    assert match.verdict is Verdict.SAME


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Serge", "Victor Serge"),  # a surname alone, even with works in common
        ("K. Marx", "Karl Marx"),  # an initial for a forename
        ("Karl Marx", "Karl May"),  # another surname
        ("Eleanor Marx", "Karl Marx"),  # another forename
        ("Victor Serge", "Victor Serges"),  # one letter apart: for an editor to confirm
    ],
)
def test_anything_short_of_the_whole_name_is_not_certain(first, second):
    shared = ["Capital"]
    assert certainly_same(Person.of(first, shared), Person.of(second, shared)) is None


def test_the_same_name_crediting_other_works_is_not_certain():
    # Two Mary Beards: one name, and each source credits other works to it.
    assert (
        certainly_same(Person.of("Mary Beard", ["SPQR"]), Person.of("Mary Beard", ["Ebb"])) is None
    )


def test_identifiers_decide_where_both_have_one_of_a_scheme():
    serge = Person.of("Victor Serge", ["Memoirs of a Revolutionary"])
    assert certainly_same(serge, serge, {"viaf": "1"}, {"viaf": "2"}) is None
    initial = Person.of("V. Serge")
    match = certainly_same(initial, serge, {"viaf": "1"}, {"viaf": "1"})
    assert match is not None
    assert match.verdict is Verdict.SAME


# On the real database.

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_the_same_author_under_two_files_is_one_author_with_both_sources():
    _import("first.txt", FIRST, "First guide")
    kept = Author.objects.get()
    report = _import("second.txt", SECOND, "Second guide")
    assert "merged 1 author into an existing record: Victor Serge" in report.summary()
    [said] = [w for w in report.warnings if "already in the catalog" in w.message]
    assert (said.line, said.severity) == (1, "warning")
    assert "Victor Serge (first.txt:1–7)" in said.message
    assert "'victor-serge' (the same name)" in said.message
    # One author, the older record, its slug; three works (the memoirs once), four entries.
    assert _counts() == (1, 3, 4)
    author = Author.objects.get()
    assert (author.pk, author.slug) == (kept.pk, "victor-serge")
    assert author.provenance == "first.txt:1–7"
    assert author.edited_at is None  # no editor did this
    # The second source's author is kept beside it: its name, biography and lines.
    merged = MergedRecord.objects.get(kind="author")
    assert (merged.author_id, merged.source.name, merged.name_in_file) == (
        kept.pk,
        "second.txt",
        "Victor Serge",
    )
    assert merged.fields["biography"] == SECOND.split("\n\n")[1]
    assert (merged.line_start, merged.line_end) == (1, 7)
    # The kept author's own biography still draws the timeline.
    assert author.biography == FIRST.split("\n\n")[1]
    assert {e.start for e in author.life_events.all()} >= {"1890", "1919"}
    # The shared work is one, with each guide's own annotation.
    memoirs = Work.objects.get(title="Memoirs of a Revolutionary")
    assert memoirs.slug == "memoirs-of-a-revolutionary"
    assert memoirs.annotation == "the first guide's note on the memoirs."
    [said] = memoirs.merged.all()
    assert (said.source.name, said.annotation) == (
        "second.txt",
        "the second guide's note on the memoirs.",
    )
    assert set(memoirs.guides.values_list("title", flat=True)) == {"First guide", "Second guide"}
    assert set(author.works.values_list("title", flat=True)) == {
        "Memoirs of a Revolutionary",
        "Midnight in the Century",
        "Conquered City",
    }
    # Nothing left for an editor to merge; the folded author's slug leads to the kept one.
    assert [d for d in duplicates() if d.kind == "author"] == []
    response = Client().get("/authors/victor-serge-2/")
    assert (response.status_code, response.url) == (301, "/authors/victor-serge/")
    page = Client().get("/works/memoirs-of-a-revolutionary/").content.decode()
    page = page[page.index("<article") :]
    assert page.index("First guide") < page.index("the first guide")
    assert page.index("Second guide") < page.index("the second guide")


@pytestmark_db
def test_reimporting_a_changed_file_updates_the_merged_record_and_never_splits():
    _import("first.txt", FIRST, "First guide")
    _import("second.txt", SECOND, "Second guide")
    before = _counts()
    changed = SECOND.replace("the second guide's note on the memoirs", "a new note").replace(
        "He was deported", "Victor Serge was deported"
    )
    report = _import("second.txt", changed, "Second guide")
    assert "merged" not in report.summary()
    assert _counts() == before
    author = Author.objects.get()
    merged = MergedRecord.objects.get(kind="author")
    assert merged.author_id == author.pk
    assert merged.fields["biography"].startswith("Victor Serge was deported")
    assert MergedRecord.objects.get(kind="work").annotation == "a new note."
    # A work the file adds is the one author's; the file's own guide lists it.
    grown = changed + "\nThe Long Dusk (1946): 350 pages, added.\n"
    _import("second.txt", grown, "Second guide")
    assert Author.objects.count() == 1
    assert "The Long Dusk" in author.works.values_list("title", flat=True)
    # The first file changes too: still one author.
    _import("first.txt", FIRST + "\nUnforgiving Years (1971): 300 pages, late.\n", "First guide")
    assert Author.objects.count() == 1
    assert Author.objects.get().works.count() == 5


@pytestmark_db
def test_the_new_biography_draws_the_timeline_of_an_author_who_had_none():
    _import_list("list.txt", "Reading\n\n1. Victor Serge, Memoirs of a Revolutionary (1951)\n")
    listed = Author.objects.get()
    assert listed.biography == ""
    report = _import("second.txt", SECOND, "Second guide")
    assert "merged 1 author into an existing record: Victor Serge" in report.summary()
    author = Author.objects.get()
    assert author.pk == listed.pk
    assert author.biography == SECOND.split("\n\n")[1]
    assert {e.start for e in author.life_events.all()} >= {"1933", "1941"}
    # Not an editor's change: the list can still be imported again.
    assert author.edited_at is None
    _import_list(
        "list.txt",
        "Reading\n\n1. Victor Serge, Memoirs of a Revolutionary (1951)\n"
        "2. Victor Serge, The Long Dusk (1946)\n",
    )
    assert Author.objects.filter(name="Victor Serge").count() == 1
    # The guide's biography changes: the author's (taken from it) follows, and the timeline.
    _import("second.txt", SECOND.replace("in 1933", "in 1934"))
    author = Author.objects.get(pk=listed.pk)
    assert "in 1934" in author.biography
    starts = set(LifeEvent.objects.filter(author=author).values_list("start", flat=True))
    assert "1934" in starts
    assert "1933" not in starts


@pytestmark_db
def test_a_biography_taken_from_the_merged_file_survives_the_kept_files_reimport():
    bare = "# Victor Serge\n\nMemoirs of a Revolutionary (1951): 396 pages, the first note.\n"
    _import("first.txt", bare, "First guide")
    _import("second.txt", SECOND, "Second guide")
    assert Author.objects.get().biography == SECOND.split("\n\n")[1]
    _import("first.txt", bare + "\nConquered City (1932): 150 pages, added.\n", "First guide")
    author = Author.objects.get()
    assert author.biography == SECOND.split("\n\n")[1]
    assert author.life_events.exists()


@pytestmark_db
def test_the_seeds_inferred_serge_stays_a_candidate_either_way(sample_bytes, seed_bytes):
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    report = import_guide_bytes("seed.txt", seed_bytes, "Serge: a guide")
    assert "merged" not in report.summary()
    assert set(Author.objects.filter(name__icontains="serge").values_list("slug", flat=True)) == {
        "victor-serge",
        "serge",
    }
    [pair] = [d for d in duplicates() if d.kind == "author"]
    assert (pair.first, pair.second) == ("victor-serge", "serge")


@pytestmark_db
def test_the_seed_first_then_the_sample_stays_two(sample_bytes, seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes, "Serge: a guide")
    report = import_guide_bytes("sample-guide.txt", sample_bytes, "Sample guide")
    assert "merged" not in report.summary()
    assert Author.objects.filter(name__icontains="serge").count() == 2


def _two_victor_serges(*order: str) -> tuple[Author, Author]:
    """The two files imported in this order, the second not yet naming the memoirs:
    the same name, each crediting other works to it, a candidate and not merged."""
    texts = {
        "first.txt": FIRST,
        "second.txt": SECOND.replace(
            "Memoirs of a Revolutionary (1951): 400 pages", "Birth (1931)"
        ),
    }
    for name in order:
        _import(name, texts[name], name.replace(".txt", " guide").capitalize())
    [pair] = [d for d in duplicates() if d.kind == "author"]
    assert pair.match.verdict is Verdict.CANDIDATE
    first, second = Author.objects.order_by("pk")
    return first, second


@pytestmark_db
def test_a_pair_an_editor_marked_not_the_same_is_never_merged():
    first, second = _two_victor_serges("first.txt", "second.txt")
    mark_not_same("author", first, second)
    # The second file now lists a work of the first's: the editor's word stands.
    report = _import("second.txt", SECOND, "Second guide")
    assert "merged" not in report.summary()
    assert Author.objects.count() == 2
    assert not MergedRecord.objects.exists()


@pytestmark_db
def test_a_candidate_that_becomes_certain_is_merged_into_the_older_record():
    older, _ = _two_victor_serges("second.txt", "first.txt")
    assert older.source.name == "second.txt"
    # The second file now shares the memoirs: the rules are certain, and the older
    # record (the second file's own, here) is kept, with its slug.
    report = _import("second.txt", SECOND, "Second guide")
    assert "merged 1 author into an existing record: Victor Serge" in report.summary()
    author = Author.objects.get()
    assert (author.pk, author.slug) == (older.pk, "victor-serge")
    assert MergedRecord.objects.get(kind="author").source.name == "first.txt"
    # The first file's re-import finds its author through the merged record.
    _import("first.txt", FIRST.replace("Midnight in the Century", "Midnight"), "First guide")
    assert Author.objects.count() == 1


@pytestmark_db
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Karl Marx", "Karl May"),
        ("Karl Marx", "Eleanor Marx"),
        ("Karl Marx", "K. Marx"),
        ("Mary Beard", "Mary Beard"),  # each file credits other works to the name
    ],
)
def test_other_people_with_names_alike_stay_apart(first, second):
    _import("first.txt", f"# {first}\n\nA life.\n\nCapital (1867): 1000 pages, a note.\n")
    shared = "Capital" if second != "Mary Beard" else "SPQR"
    report = _import(
        "second.txt", f"# {second}\n\nA life.\n\n{shared} (1867): 900 pages, a note.\n"
    )
    assert "merged" not in report.summary()
    assert Author.objects.count() == 2
    assert not MergedRecord.objects.exists()


@pytestmark_db
def test_an_author_named_twice_in_one_file_is_not_merged_by_the_import():
    both = FIRST + "\n" + SECOND  # both name the memoirs: the rules alone would merge them
    report = _import("both.txt", both, "Both")
    assert "merged" not in report.summary()
    assert Author.objects.count() == 2  # one source's own two records: for an editor


@pytestmark_db
def test_life_dates_in_one_heading_do_not_keep_the_two_apart_and_dates_that_differ_do():
    _import("first.txt", "# Ada Byron\n\nNotes (1843): 66 pages, first note.\n")
    dated = "# Ada Byron (1815–1852)\n\nNotes (1843): 70 pages, second note.\n"
    report = _import("second.txt", dated)
    assert "merged 1 author into an existing record: Ada Byron (1815–1852)" in report.summary()
    assert Author.objects.get().slug == "ada-byron"
    other = "# Ada Byron (1900–1950)\n\nNotes (1843): 10 pages, third note.\n"
    assert "merged" not in _import("third.txt", other).summary()
    assert Author.objects.count() == 2


def test_the_summary_names_ten_merged_authors_and_counts_the_rest():
    report = ImportReport("big.txt", status="created", merged=[f"Author {n}" for n in range(12)])
    assert report.summary().endswith(
        "; merged 12 authors into existing records: Author 0, Author 1, Author 2, Author 3, "
        "Author 4, Author 5, Author 6, Author 7, Author 8, Author 9 and 2 more"
    )
