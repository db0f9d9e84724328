"""The editors' admin: saves keep the catalog's text exactly, every page stays bounded."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Max
from django.test import Client
from django.utils import timezone

from readingroom.catalog.bulk import insert_rows, insert_rows_returning_ids
from readingroom.catalog.exporter import export_guide, ordered_authors
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Author, Contribution, Guide, GuideEntry, LifeEvent, Work
from tests.adminform import change_form

pytestmark = pytest.mark.django_db

CRLF = "\r\n"
# A biography and an annotation that end with a no-break space, as typed by their editor.
NBSP_GUIDE = (
    "# Ann Example\n\nBorn in Paris in 1900, she moved to Lyon in 1921.\n"
    "She wrote in 1930.\u00a0\n\nA Book (1930): 100 pages, fine.\u00a0\n"
).encode()


def _url(record: object) -> str:
    return f"/admin/catalog/{type(record).__name__.lower()}/{record.pk}/change/"  # type: ignore[attr-defined]


def _row(record: object) -> dict[str, object]:
    model = type(record)
    return model.objects.filter(pk=record.pk).values().get()  # type: ignore[attr-defined]


def _serge_export() -> bytes:
    return export_guide(ordered_authors(Author.objects.filter(slug="serge")))


def test_saving_an_unchanged_author_keeps_the_text_and_the_export(editor_client, seed_bytes):
    author = Author.objects.get(slug="serge")
    before, events = _row(author), list(author.life_events.values_list("pk", flat=True))
    assert "\n" in author.biography
    assert _serge_export() == seed_bytes
    form = change_form(editor_client, _url(author), newline=CRLF)
    assert CRLF in form["biography"]
    response = editor_client.post(_url(author), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _row(author) == before
    assert (before["edited_at"], before["edited_by_id"], before["edited_by_name"]) == (
        None,
    ) * 2 + ("",)
    # Not recomputed: the same event rows.
    assert list(author.life_events.values_list("pk", flat=True)) == events
    assert _serge_export() == seed_bytes


def _records() -> dict[str, object]:
    serge = Author.objects.get(slug="serge")
    return {
        "author": serge,
        "work": Work.objects.get(slug="memoirs-of-a-revolutionary"),  # no annotation at all
        "guide": Guide.objects.get(title="Victor Serge: a reading guide"),
        "lifeevent": serge.life_events.exclude(modifier=None).first(),
        "guideentry": GuideEntry.objects.filter(guide__title="Sample guide").last(),
    }


@pytest.mark.parametrize("kind", ["author", "work", "guide", "lifeevent", "guideentry"])
def test_every_form_saved_unchanged_changes_nothing(editor_client, kind):
    record = _records()[kind]
    before = _row(record)
    form = change_form(editor_client, _url(record), newline=CRLF)
    response = editor_client.post(_url(record), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _row(record) == before


def test_text_keeps_its_last_characters_and_takes_line_feeds(editor_client, editor):
    import_guide_bytes("nbsp.txt", NBSP_GUIDE)
    author, work = Author.objects.get(slug="ann-example"), Work.objects.get(slug="a-book")
    assert author.biography.endswith("\u00a0")
    assert work.annotation.endswith("\u00a0")
    for record in (author, work):
        before = _row(record)
        response = editor_client.post(_url(record), change_form(editor_client, _url(record)))
        assert response.status_code == 302, response.content.decode()[:3000]
        assert _row(record) == before
    events = set(author.life_events.values_list("pk", flat=True))
    form = change_form(editor_client, _url(author), newline=CRLF)
    form["biography"] += CRLF + CRLF + "She died in 1990.\u00a0"
    assert editor_client.post(_url(author), form).status_code == 302
    author.refresh_from_db()
    assert author.biography == (
        "Born in Paris in 1900, she moved to Lyon in 1921.\nShe wrote in 1930.\u00a0"
        "\n\nShe died in 1990.\u00a0"
    )
    assert (author.edited_by, author.edited_by_name) == (editor, "ed")
    assert author.edited_at is not None
    assert set(author.life_events.values_list("pk", flat=True)) != events
    assert author.life_events.filter(start="1990").exists()


def _works(count: int, author: Author | None = None) -> list[int]:
    """``count`` new works (by ``author``), inserted in bulk."""
    now = timezone.now()
    ids = insert_rows_returning_ids(
        Work,
        ["title", "slug", "created_at", "source_text", "position", "pages"],
        [(f"Work {n}", f"bulk-work-{n}", now, "", n, 100) for n in range(count)],
    )
    if author is not None:
        insert_rows(
            Contribution,
            ["work_id", "author_id", "role", "order"],
            [(pk, author.pk, "author", 0) for pk in ids],
        )
    return ids


def _entries(guide: Guide, work_ids: list[int]) -> None:
    first = (guide.entries.aggregate(last=Max("order"))["last"] or 0) + 1
    insert_rows(
        GuideEntry,
        ["guide_id", "work_id", "order", "note"],
        [(guide.pk, pk, first + n, f"note {n}") for n, pk in enumerate(work_ids)],
    )


def _save_changed(client: Client, record: Any, **changes: str) -> str:
    """Save the record's form as a browser would, with these changes; its page after."""
    form = change_form(client, _url(record), newline=CRLF)
    response = client.post(_url(record), {**form, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    for name, value in changes.items():
        assert getattr(record, name) == value.replace(CRLF, "\n")
    return str(client.get(_url(record)).content.decode())


def test_an_author_with_130_life_events_saves(editor_client):
    biography = " ".join(f"In {1800 + n} she moved to Lyon." for n in range(460))
    author = Author.objects.create(name="Ann Many", sort_name="Many, Ann", slug="ann-many",
                                   biography=biography)  # fmt: skip
    LifeEvent.objects.bulk_create(
        LifeEvent(author=author, start=str(1800 + n), end=str(1800 + n), label=f"moved {n}",
                  places=["Lyon"], position=n)
        for n in range(130)
    )  # fmt: skip
    assert len(biography) > 12_000
    html = _save_changed(editor_client, author, name="Ann Many-Events")
    assert author.life_events.count() == 130
    assert f'href="/admin/catalog/lifeevent/?author={author.pk}">Life events (130) — edit' in html
    assert f'href="/admin/catalog/lifeevent/add/?author={author.pk}"' in html


def test_a_guide_with_200_entries_saves(editor_client):
    guide = Guide.objects.create(title="Two hundred", slug="two-hundred")
    _entries(guide, _works(200))
    html = _save_changed(editor_client, guide, description="Many books.\r\nOne a week.")
    assert guide.description == "Many books.\nOne a week."
    assert guide.entries.count() == 200
    assert f'href="/admin/catalog/guideentry/?guide={guide.pk}">Guide entries (200) — edit' in html


def _get(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_big_guides_and_authors_pages_stay_small(editor_client, django_assert_max_num_queries):
    guide = Guide.objects.get(title="Victor Serge: a reading guide")
    author = Author.objects.get(slug="serge")
    change_pages = [_url(guide), _url(author)]
    lists = [
        f"/admin/catalog/guideentry/?guide={guide.pk}",
        f"/admin/catalog/work/?author={author.pk}",
        f"/admin/catalog/lifeevent/?author={author.pk}",
        "/admin/catalog/work/",
        "/admin/catalog/author/",
        "/admin/catalog/guide/",
    ]
    small = [len(_get(editor_client, url).content) for url in change_pages]
    _entries(guide, _works(50_000, author))
    for url, before in zip(change_pages, small, strict=True):
        with django_assert_max_num_queries(12):
            page = _get(editor_client, url)
        # Only the counts grow, by a few digits.
        assert len(page.content) - before < 20, url
        assert "50,00" in page.content.decode()
    for url in lists:
        # The authors' list counts each shown author's works: one query a row, a page at most.
        with django_assert_max_num_queries(20):
            listing = _get(editor_client, url).context["cl"]
        assert len(listing.result_list) <= listing.list_per_page <= 100, url


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"year": "3000"}, "year", "Year 3000 is in the future."),
        ({"pages": "150000"}, "pages", "Page count 150,000 is out of range (0 to 100,000)."),
        ({"year": "1930", "year_end": "1920"}, "year_end",
         "Year range ends (1920) before it starts (1930)."),
        ({"year": "", "year_end": "1920"}, "year_end", "An end year needs a start year."),
    ],
)  # fmt: skip
def test_work_form_refuses_what_the_importer_refuses(editor_client, changes, field, message):
    work = Work.objects.get(slug="birth-of-our-power")
    form = change_form(editor_client, _url(work))
    response = editor_client.post(_url(work), {**form, **changes})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert _row(work)["edited_at"] is None


def test_a_page_count_of_zero_is_saved_with_a_warning(editor_client):
    work = Work.objects.get(slug="birth-of-our-power")
    form = change_form(editor_client, _url(work))
    response = editor_client.post(_url(work), {**form, "pages": "0"}, follow=True)
    html = response.content.decode()
    assert 'class="warning">Page count is 0.' in html
    work.refresh_from_db()
    assert work.pages == 0


def test_places_are_typed_as_text(editor_client):
    author = Author.objects.get(slug="serge")
    add = f"/admin/catalog/lifeevent/add/?author={author.pk}"
    form = change_form(editor_client, add)
    assert form["author"] == str(author.pk)
    form.update(
        start="1890-12", label="born in Brussels", places="Brussels; Ixelles\r\nBelgium\r\n"
    )
    response = editor_client.post(add, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    born = author.life_events.get(label="born in Brussels")
    assert (born.places, born.origin, born.edited, born.end) == (
        ["Brussels", "Ixelles", "Belgium"],
        "editor",
        True,
        "1890-12",
    )
    assert change_form(editor_client, _url(born))["places"] == "Brussels\nIxelles\nBelgium"
    found = _get(editor_client, f"/admin/catalog/lifeevent/?author={author.pk}&q=Ixelles")
    assert list(found.context["cl"].result_list) == [born]
    assert "Brussels; Ixelles; Belgium" in found.content.decode()


def test_modifiers_read_as_words(editor_client):
    author = Author.objects.get(slug="serge")
    listing = _get(editor_client, f"/admin/catalog/lifeevent/?author={author.pk}")
    assert ">late 1921</a>" in listing.content.decode()  # the date column words it
    assert ">END<" not in listing.content.decode()
    late = _get(editor_client, _url(author.life_events.get(modifier="END")))
    assert '<option value="END" selected>late</option>' in late.content.decode()


def test_entries_are_listed_searched_and_added_per_guide(editor_client):
    guide = Guide.objects.get(title="Victor Serge: a reading guide")
    found = _get(editor_client, f"/admin/catalog/guideentry/?guide={guide.pk}&q=midnight")
    assert [str(entry.work) for entry in found.context["cl"].result_list] == [
        "Midnight in the Century"
    ]
    add = f"/admin/catalog/guideentry/add/?guide={guide.pk}"
    form = change_form(editor_client, add)
    assert (form["guide"], form["order"]) == (str(guide.pk), "6")
    work = Work.objects.get(slug="birth-of-our-power")
    response = editor_client.post(add, {**form, "work": str(work.pk), "note": "Read it twice."})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert guide.entries.get(order=6).note == "Read it twice."
