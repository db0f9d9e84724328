"""The editors' admin: saves keep the catalog's text exactly, every page stays bounded."""

from __future__ import annotations

import pytest

from readingroom.catalog.exporter import export_guide, ordered_authors
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Author, Guide, Work
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
    }


@pytest.mark.parametrize("kind", ["author", "work", "guide"])
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
