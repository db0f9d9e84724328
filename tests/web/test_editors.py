"""Editors complete the catalog in the admin; imports respect what they changed."""

import pytest
from django.test import Client

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Author, LifeEvent, Source, Work
from tests.adminform import change_form

pytestmark = pytest.mark.django_db


def _event_url(event: LifeEvent) -> str:
    return f"/admin/catalog/lifeevent/{event.pk}/change/"


def test_editor_completes_the_name(editor_client, editor):
    author = Author.objects.get(slug="serge")
    url = f"/admin/catalog/author/{author.pk}/change/"
    form = change_form(editor_client, url)
    assert form["biography"] == author.biography.replace("\r\n", "\n")
    form.update(name="Victor Serge", sort_name="Serge, Victor")
    response = editor_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    author.refresh_from_db()
    assert (author.name, author.name_inferred, author.edited_by) == ("Victor Serge", False, editor)
    assert author.edited_by_name == "ed"
    assert author.edited_at is not None
    assert "Victor Serge" in Client().get("/authors/serge/").content.decode()


def _save(client: Client, url: str, **changes: str) -> None:
    response = client.post(url, {**change_form(client, url), **changes})
    assert response.status_code == 302, response.content.decode()[:3000]


def test_editor_corrects_hides_and_adds_life_events(editor_client, seed_bytes):
    author = Author.objects.get(slug="serge")
    events = f"/admin/catalog/lifeevent/?author={author.pk}"
    assert "expelled from Belgium" in editor_client.get(events).content.decode()
    expelled, arrested = (author.life_events.get(start=year) for year in ("1909", "1912"))
    _save(editor_client, _event_url(expelled), label="expelled from Belgium for his politics")
    _save(editor_client, _event_url(arrested), hidden="on")
    add = f"/admin/catalog/lifeevent/add/?author={author.pk}"
    _save(editor_client, add, start="1890-12", label="born in Brussels", places="Brussels")
    import_guide_bytes("seed.txt", seed_bytes.replace(b"side by side", b"shoulder to shoulder"))
    html = Client().get("/authors/serge/").content.decode()
    assert "expelled from Belgium for his politics" in html
    assert '<span class="what">arrested and convicted' not in html
    assert '<time datetime="1890-12">December 1890</time>' in html
    # The editor's event is marked as theirs, in the list, the drawing and the intro.
    assert (
        'born in Brussels <span class="meta">· Brussels</span> '
        '<span class="origin">added by an editor</span>' in html
    )
    assert "<title>December 1890: born in Brussels (added by an editor)</title>" in html
    assert 'class="point editor"' in html
    drawn = author.life_events.filter(origin="extracted", hidden=False).exclude(kind="context")
    assert f"{drawn.count()} drawn from the biography, 1 added by an editor" in html
    assert "added by an editor</li>" in html  # the legend's key
    born = author.life_events.get(label="born in Brussels")
    assert (born.origin, born.end, born.places) == ("editor", "1890-12", ["Brussels"])
    assert author.life_events.get(start="1909").edited


def test_editor_is_told_when_an_event_s_dates_are_wrong(editor_client):
    author = Author.objects.get(slug="serge")
    url = _event_url(author.life_events.get(start="1909"))
    form = change_form(editor_client, url)
    response = editor_client.post(url, {**form, "end": "1905"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end"] == ["The end comes before the start."]
    assert author.life_events.get(start="1909").end == "1909"
    response = editor_client.post(url, {**form, "start": "1928-02-30"})
    assert "is not an ISO date that exists" in response.context["adminform"].form.errors["start"][0]


def test_admin_filters_find_missing_fields(editor_client):
    seed = Source.objects.get(name="seed.txt")
    html = editor_client.get(
        f"/admin/catalog/work/?year=missing&source__id__exact={seed.pk}"
    ).content.decode()
    assert "Memoirs of a Revolutionary" in html
    assert "The Case of Comrade Tulayev" in html
    assert "Birth of Our Power" not in html
    html = editor_client.get("/admin/catalog/work/?annotation=missing").content.decode()
    assert "Midnight in the Century" in html
    html = editor_client.get("/admin/catalog/author/?name_inferred__exact=1").content.decode()
    assert "Serge" in html
    assert "Rosa Luxemburg" not in html


def test_admin_links_to_the_public_page(editor_client):
    work = Work.objects.get(slug="birth-of-our-power")
    html = editor_client.get(f"/admin/catalog/work/{work.pk}/change/").content.decode()
    assert "View on site" in html


def test_sources_are_read_only_for_editors(editor_client):
    assert editor_client.get("/admin/catalog/source/add/").status_code == 403


def test_reimport_keeps_an_editors_change_and_reports_the_conflict(seeded, seed_bytes, editor):
    work = Work.objects.get(slug="midnight-in-the-century")
    work.annotation = "Written in France; the manuscript survived the war."
    work.edited_by = editor
    from django.utils import timezone

    work.edited_at = timezone.now()
    work.save()
    # The file changes a work the editor did not touch, and the one they did.
    edited_file = seed_bytes.replace(
        b"Midnight in the Century (1939): 199 pages,", b"Midnight in the Century (1939): 200 pages,"
    )
    report = import_guide_bytes("seed.txt", edited_file)
    work.refresh_from_db()
    assert (work.pages, work.annotation) == (
        199,
        "Written in France; the manuscript survived the war.",
    )
    [conflict] = report.conflicts
    assert conflict.line == 18
    assert "edited in readingroom" in conflict.message
    # The next version of the file leaves the edited work as the last one had it: no
    # conflict at all (a conflict is reported once, when the file changes the work).
    report = import_guide_bytes("seed.txt", edited_file.replace(b"131 pages", b"132 pages"))
    assert report.conflicts == []
    work.refresh_from_db()
    assert work.annotation.startswith("Written in France")
    # --overwrite-edits takes the file's version and clears the edit stamp.
    import_guide_bytes("seed.txt", edited_file, overwrite_edits=True)
    work.refresh_from_db()
    assert (work.pages, work.annotation, work.edited_at) == (200, None, None)


def test_login_is_throttled(seeded, editor):
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": "ed", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "ed", "password": "a-long-editor-password"}
    )
    assert response.status_code == 429
