"""Reading lists into the real database (SQLite, and PostgreSQL in the second pass)."""

from __future__ import annotations

import re

import pytest

from readingroom.catalog.importer import ImportRefused, import_guide_bytes
from readingroom.catalog.listimport import import_list
from readingroom.catalog.models import Author, Contribution, Guide, GuideEntry, Source, Work
from readingroom.formats.guidefile import read_guide_format
from readingroom.formats.readinglist import read_list

pytestmark = pytest.mark.django_db

SCHEDULE = """Labour History 101
Prepared by Ada Byron

A term of reading on strikes and unions.

Week 1 (Sept 8–12): Beginnings
Read: Eric Hobsbawm, Labouring Men (1964), pp. 1–20
Recommended: E. P. Thompson, The Making of the English Working Class (1963)

Week 2 (Sept 15–19): Strikes
Required:
  Jeremy Brecher, Strike! (1972), pp. 5–34
  Rosa Luxemburg, The Mass Strike (1906), 90 pages (optional)
  Hobsbawm, Eric and George Rudé, Captain Swing (1969), edited by Anne Smith
"""


def _import(text: str, name: str = "schedule.txt", **options):
    return import_list(name, text.encode(), text, "utf-8", read_list(text), **options)


def test_a_schedule_becomes_a_guide_in_the_lists_order():
    report = _import(SCHEDULE)
    assert report.status == "created"
    guide = Guide.objects.get()
    assert (guide.title, guide.compilers) == ("Labour History 101", "Ada Byron")
    assert guide.description == "A term of reading on strikes and unions."
    entries = list(guide.entries.order_by("order").select_related("work"))
    assert [(e.work.title, e.section, e.importance, e.part, e.part_pages) for e in entries] == [
        ("Labouring Men", "Week 1 (Sept 8–12): Beginnings", "essential", "pp. 1–20", 20),
        (
            "The Making of the English Working Class",
            "Week 1 (Sept 8–12): Beginnings",
            "recommended",
            "",
            None,
        ),
        ("Strike!", "Week 2 (Sept 15–19): Strikes", "essential", "pp. 5–34", 30),
        ("The Mass Strike", "Week 2 (Sept 15–19): Strikes", "optional", "", None),
        ("Captain Swing", "Week 2 (Sept 15–19): Strikes", "essential", "", None),
    ]
    assert [e.line_start for e in entries] == [7, 8, 12, 13, 14]
    swing = Work.objects.get(title="Captain Swing")
    credits = swing.contributions.order_by("order").values_list("author__name", "role")
    assert list(credits) == [
        ("Eric Hobsbawm", "author"),
        ("George Rudé", "author"),
        ("Anne Smith", "editor"),
    ]
    making = Work.objects.get(title__startswith="The Making")
    assert (making.year, making.edition) == (1963, None)
    # One Eric Hobsbawm, credited twice; the source keeps the list's text.
    assert Author.objects.filter(name="Eric Hobsbawm").count() == 1
    assert "".join(Source.objects.get().text_pieces()) == SCHEDULE


def test_the_same_list_again_changes_nothing_and_a_changed_one_replaces_it():
    _import(SCHEDULE)
    assert _import(SCHEDULE).status == "unchanged"
    shorter = SCHEDULE.split("Week 2")[0]
    report = _import(shorter)
    assert report.status == "updated"
    assert Work.objects.count() == 2
    assert GuideEntry.objects.count() == 2
    assert not Author.objects.filter(name="Rosa Luxemburg").exists()


def test_an_editors_change_is_never_replaced_silently():
    from django.utils import timezone

    _import(SCHEDULE)
    Work.objects.filter(title="Strike!").update(edited_at=timezone.now(), title="Strike! (2nd ed.)")
    with pytest.raises(ImportRefused, match="an editor has changed"):
        _import(SCHEDULE.replace("Ada Byron", "Ada Lovelace"))
    assert Work.objects.filter(title="Strike! (2nd ed.)").exists()


def test_a_list_the_limits_refuse_writes_nothing():
    bad = "- Karl Marx, Capital (1867), 200000 pages\n- " + "A" * 600 + " (1900)\n"
    with pytest.raises(ImportRefused) as refused:
        _import(bad, "bad.md")
    lines = sorted(p.line for p in refused.value.problems)
    assert lines == [1, 2]
    assert not Work.objects.exists()
    assert not Source.objects.exists()


def test_publishers_places_editions_and_links_are_kept():
    _import(
        "- Marx, Karl, Capital, Volume I. (Penguin, London, 1976, 1,152 pages.)\n"
        "- [Mutual Aid](https://example.org/aid) by Peter Kropotkin (1902), ISBN 0-14-044568-4\n",
        "kept.md",
    )
    capital = Work.objects.get(title="Capital, Volume I")
    # One year beside the publisher is the work's: the list does not say it is a reprint's.
    assert (capital.year, capital.pages) == (1976, 1152)
    edition = capital.edition
    assert (edition.year, edition.publisher, edition.place, edition.pages) == (
        None,
        "Penguin",
        "London",
        1152,
    )
    aid = Work.objects.get(title="Mutual Aid")
    assert (aid.url, aid.edition.isbn) == ("https://example.org/aid", "0140445684")


def test_the_work_page_shows_the_edition_and_links_only_to_the_web(client):
    _import(
        "- Marx, Karl, Capital, Volume I. (Penguin, London, 1976, 1,152 pages.)\n"
        "- [Mutual Aid](javascript:alert(1)) by Peter Kropotkin (1902)\n",
        "links.md",
    )
    capital = client.get(Work.objects.get(title="Capital, Volume I").get_absolute_url())
    assert "Penguin, London" in capital.content.decode()
    aid = client.get(Work.objects.get(title="Mutual Aid").get_absolute_url()).content.decode()
    assert "javascript:" not in aid


def test_authors_already_in_the_catalog_are_credited_not_copied(sample_bytes):
    import_guide_bytes("sample-guide.txt", sample_bytes)
    before = Author.objects.count()
    _import("- Rosa Luxemburg, *The Accumulation of Capital* (1913)\n", "more.md")
    assert Author.objects.count() == before
    rosa = Author.objects.get(name="Rosa Luxemburg")
    assert Contribution.objects.filter(author=rosa, work__title="The Accumulation of Capital")


def test_the_guide_page_shows_parts_marks_and_time_per_week(client):
    _import(SCHEDULE)
    page = client.get(f"/guides/{Guide.objects.get().slug}/")
    assert page.status_code == 200
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.content.decode()))
    assert "Week 1 (Sept 8–12): Beginnings" in text
    assert "Read pp. 1–20: 20 pages" in text
    assert "Optional" in text
    assert "George Rudé" in text
    assert "Anne Smith (editor)" in text
    # Week 2: 30 pages of Strike! and the 90-page Mass Strike; Captain Swing has none.
    assert "120 pages to read" in text


VERSION_2 = """Title: Strikes
Subtitle: A reading course
Compiled by: Sam Roe and Ada Byron
Date: Spring 2026

Four texts for the **branch**.

## Week 1

# Rosa Luxemburg

Born in Zamość in 1871.

The Mass Strike (1906): 86 pages
Read: pp. 1–40

## Week 2

Jeremy Brecher — Strike! (1972)
Importance: optional
Publisher: South End Press
ISBN: 978-0-89608-569-5

---

Ask *Sam* for the spare copies.
"""


def test_a_version_2_guide_keeps_its_header_notes_and_closing(client):
    records = read_guide_format(VERSION_2)
    report = import_list("strikes.txt", VERSION_2.encode(), VERSION_2, "utf-8", records)
    assert report.status == "created"
    guide = Guide.objects.get()
    assert (guide.title, guide.subtitle, guide.compilers, guide.date) == (
        "Strikes",
        "A reading course",
        "Sam Roe, Ada Byron",
        "Spring 2026",
    )
    assert guide.closing == "Ask *Sam* for the spare copies."
    assert Author.objects.get(name="Rosa Luxemburg").biography == "Born in Zamość in 1871."
    strike = Work.objects.get(title="Strike!")
    assert (strike.edition.publisher, strike.edition.isbn) == ("South End Press", "9780896085695")
    page = client.get(f"/guides/{guide.slug}/")
    html = page.content.decode()
    assert '<span class="subtitle">A reading course</span>' in html
    assert "Compiled by Sam Roe, Ada Byron · Spring 2026" in html
    assert "<strong>branch</strong>" in html
    assert '<footer class="closing"><p>Ask <em>Sam</em> for the spare copies.</p>' in html
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "40 pages to read" in text


def test_a_version_2_guide_with_errors_writes_nothing():
    text = VERSION_2.replace("978-0-89608-569-5", "978-0-89608-569-3")
    with pytest.raises(ImportRefused) as refused:
        import_list("strikes.txt", text.encode(), text, "utf-8", read_guide_format(text))
    assert [(p.line, p.message[:25]) for p in refused.value.problems] == [
        (22, "ISBN 978-0-89608-569-3 is")
    ]
    assert not Guide.objects.exists()
    assert not Source.objects.exists()


def test_the_guide_json_holds_sections_entries_contributors_and_parts(client):
    import_list("strikes.txt", VERSION_2.encode(), VERSION_2, "utf-8", read_guide_format(VERSION_2))
    guide = Guide.objects.get()
    data = client.get(f"/guides/{guide.slug}.json").json()
    assert (data["title"], data["subtitle"], data["compilers"], data["date"]) == (
        "Strikes",
        "A reading course",
        "Sam Roe, Ada Byron",
        "Spring 2026",
    )
    assert data["introduction_html"] == "<p>Four texts for the <strong>branch</strong>.</p>\n"
    assert data["closing"] == "Ask *Sam* for the spare copies."
    assert (data["entry_count"], data["pages_to_read"]) == (2, 40)
    assert [(s["sections"], s["count"], s["pages_to_read"]) for s in data["sections"]] == [
        (["Week 1"], 1, 40),
        (["Week 2"], 1, None),
    ]
    mass, strike = data["entries"]
    assert (mass["part"], mass["part_pages"], mass["work"]["pages"]) == ("pp. 1–40", 40, 86)
    assert mass["work"]["contributors"] == [
        {"name": "Rosa Luxemburg", "slug": "rosa-luxemburg", "role": "author"}
    ]
    assert (strike["importance"], strike["edition"]["isbn"], strike["edition"]["publisher"]) == (
        "optional",
        "9780896085695",
        "South End Press",
    )
    assert strike["provenance"] == "strikes.txt:19–22"


def test_a_name_the_identity_rules_are_sure_of_credits_the_catalogs_author():
    def load(name: str, text: str):
        return import_list(name, text.encode(), text, "utf-8", read_list(text))

    load("one.txt", "Reading\n\n1. Karl Marx, Capital, Volume I (1867)\n")
    report = load(
        "two.txt",
        "More\n\n1. K. Marx, Capital, Volume I (1867)\n"
        "2. K. Marx, The Civil War in France (1871)\n"
        "3. Engels, The Condition of the Working Class in England (1845)\n",
    )
    assert sorted(Author.objects.values_list("name", flat=True)) == ["Engels", "Karl Marx"]
    marx = Author.objects.get(name="Karl Marx")
    assert marx.works.count() == 3
    assert any("K. Marx is taken for Karl Marx" in w.message for w in report.warnings)
