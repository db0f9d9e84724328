import pytest
from django.test import Client

from readingroom.catalog.importer import import_guide_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    return Client()


def test_author_page(seeded):
    response = seeded.get("/authors/serge/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "name incomplete" in html
    assert "5 works" in html
    assert "1256" in html
    assert html.count("<p>") >= 5


def test_author_json(seeded):
    data = seeded.get("/authors/serge.json").json()
    assert (data["name"], data["name_inferred"]) == ("Serge", True)
    assert [w["pages"] for w in data["works"]] == [396, 131, 221, 199, 309]
    assert data["provenance"] == "seed.txt:1–20"


def test_home_lists_authors(seeded):
    assert "Serge" in seeded.get("/").content.decode()


def test_unknown_author_is_404(seeded):
    assert seeded.get("/authors/nobody/").status_code == 404
    assert seeded.get("/authors/nobody.json").status_code == 404
