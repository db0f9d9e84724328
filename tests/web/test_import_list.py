"""The editors' "Import a list" page: preview, correct, save (catalog/listadmin.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from readingroom.catalog.models import Guide, Work

pytestmark = pytest.mark.django_db

URL = "/admin/catalog/guide/import-list/"
LIST = (
    "# Strikes\n\n"
    "- Rosa Luxemburg, *The Mass Strike* (1906), pp. 1–40 (optional)\n"
    "- Jeremy Brecher – Strike! (1972)\n"
    "- Bring a friend\n"
)


def test_only_editors_reach_the_page(seeded):
    assert Client().get(URL).status_code == 302  # to the login page


def test_preview_shows_what_the_list_reads_as_and_saves_nothing(editor_client):
    page = editor_client.post(URL, {"text": LIST, "preview": "Preview"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Read as: Strikes — 2 entries" in html
    assert "The Mass Strike" in html
    assert "pp. 1–40" in html
    assert "optional" in html
    assert "Rosa Luxemburg ✓" in html  # the sample guide has her already
    assert "line 5: not read as a work" in html
    assert not Guide.objects.filter(title="Strikes").exists()


def test_a_corrected_list_is_saved_as_a_guide(editor_client):
    corrected = LIST.replace("- Bring a friend\n", "- Eric Hobsbawm, Labouring Men (1964)\n")
    saved = editor_client.post(URL, {"text": corrected, "title": "Strike reading", "save": "1"})
    guide = Guide.objects.get(title="Strike reading")
    assert saved.status_code == 302
    assert saved["Location"] == guide.get_absolute_url()
    titles = list(guide.entries.order_by("order").values_list("work__title", flat=True))
    assert titles == ["The Mass Strike", "Strike!", "Labouring Men"]
    assert guide.entries.get(order=1).importance == "optional"


def test_a_list_the_limits_refuse_is_shown_again_with_the_reason(editor_client):
    bad = "- Karl Marx, Capital (1867), 200000 pages\n"
    page = editor_client.post(URL, {"text": bad, "save": "1"})
    assert page.status_code == 200
    assert "line 1: page count 200,000 is out of range" in page.content.decode().lower()
    assert not Work.objects.filter(title="Capital", pages=200000).exists()


def test_an_empty_form_says_what_is_missing(editor_client):
    page = editor_client.post(URL, {"text": "  ", "preview": "Preview"})
    assert "Paste a list or choose a file." in page.content.decode()
