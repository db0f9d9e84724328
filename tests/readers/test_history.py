# The exports' rows are kept whole, as the services write them.
# ruff: noqa: E501
"""Importing reading history from Goodreads and StoryGraph exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from readingroom.catalog.models import Work
from readingroom.readers.history import HistoryError, import_history
from readingroom.readers.models import ShelfItem

pytestmark = pytest.mark.django_db

GOODREADS = """\
Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Publisher,Number of Pages,Year Published,Original Publication Year,Date Read,Date Added,Bookshelves,Exclusive Shelf,My Review,Private Notes,Read Count
1,Memoirs of a Revolutionary,Victor Serge,"Serge, Victor",,,,5,NYRB,512,2012,1951,2024/03/01,2024/01/10,,read,A great book.,Moving.,1
2,Birth of Our Power,Victor Serge,"Serge, Victor",,,,0,,,,,,2024/02/01,,currently-reading,,,0
3,The Conquest of Bread,Peter Kropotkin,"Kropotkin, Peter",,,,0,,,,,,2024/02/02,,to-read,,,0
4,"Reform or Revolution (Classics, #3)",Rosa Luxemburg,"Luxemburg, Rosa",,,,2,,,,,,2024/02/03,,did-not-finish,,,0
5,Dune,Frank Herbert,"Herbert, Frank",,,,4,,,,,2020/05/05,2020/01/01,,read,,,1
"""

STORYGRAPH = """\
Title,Authors,Contributors,ISBN/UID,Format,Read Status,Date Added,Last Date Read,Dates Read,Read Count,Star Rating,Review,Tags
Mutual Aid: A Factor of Evolution,Peter Kropotkin,,,paperback,read,2023/05/01,2023/06/30,2023/06/01-2023/06/30,1,4.5,,
Living My Life,Emma Goldman,,,paperback,currently-reading,2023/07/01,,,0,,,
The Left Hand of Darkness,Ursula K. Le Guin,,,paperback,to-read,2023/07/02,,,0,,,
"""


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_a_goodreads_export_fills_the_shelves(seeded, reader):
    report = import_history(reader, _upload("goodreads_library_export.csv", GOODREADS))
    assert report.format == "Goodreads"
    assert report.matched == 4
    assert report.added == 4
    assert report.updated == 0
    assert report.unmatched == ["Dune (Frank Herbert)"]
    items = {i.work.title: i for i in ShelfItem.objects.filter(user=reader)}
    assert {title: i.shelf for title, i in items.items()} == {
        "Memoirs of a Revolutionary": "read",
        "Birth of Our Power": "reading",
        "The Conquest of Bread": "want",
        "Reform or Revolution": "abandoned",
    }
    memoirs = items["Memoirs of a Revolutionary"]
    assert memoirs.finished_on == date(2024, 3, 1)
    assert memoirs.rating == Decimal("5.0")
    assert memoirs.notes == "Moving.\n\nMy review: A great book."
    assert memoirs.imported_from == "goodreads_library_export.csv"
    assert memoirs.added_at.date() == date(2024, 1, 10)
    assert items["Reform or Revolution"].rating == Decimal("2.0")
    assert items["Birth of Our Power"].rating is None
    assert not Work.objects.filter(title="Dune").exists()  # readers do not add to the catalog


def test_importing_again_updates_and_adds_nothing_twice(seeded, reader):
    import_history(reader, _upload("a.csv", GOODREADS))
    report = import_history(reader, _upload("a.csv", GOODREADS.replace(",to-read,", ",read,")))
    assert (report.matched, report.added, report.updated) == (4, 0, 4)
    assert ShelfItem.objects.filter(user=reader).count() == 4
    assert ShelfItem.objects.get(work__title="The Conquest of Bread").shelf == "read"


def test_a_storygraph_export(seeded, reader):
    report = import_history(reader, _upload("storygraph.csv", STORYGRAPH))
    assert report.format == "StoryGraph"
    assert report.matched == 2
    assert report.unmatched == ["The Left Hand of Darkness (Ursula K. Le Guin)"]
    aid = ShelfItem.objects.get(work__title__startswith="Mutual Aid")
    assert (aid.shelf, aid.finished_on, aid.rating) == ("read", date(2023, 6, 30), Decimal("4.5"))
    assert ShelfItem.objects.get(work__title="Living My Life").shelf == "reading"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Title,Author\nDune,Frank Herbert\n", "not a Goodreads or StoryGraph export"),
        ("", "not a Goodreads or StoryGraph export"),
        ("\x00\x01\x02binary", "not a Goodreads or StoryGraph export"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(seeded, reader, text, message):
    with pytest.raises(HistoryError, match=message):
        import_history(reader, _upload("x.csv", text))
    assert not ShelfItem.objects.exists()


def test_an_export_with_an_error_writes_nothing(seeded, reader):
    broken = GOODREADS + '6,"' + "x" * 200_000 + '",Someone,,,,,0,,,,,,,,read,,,0\n'
    with pytest.raises(HistoryError, match="line"):
        import_history(reader, _upload("a.csv", broken))
    assert not ShelfItem.objects.exists()


def test_the_upload_form_on_my_reading(seeded, reader, reader_client):
    html = reader_client.get("/reading/").content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'action="/reading/import/"' in html
    response = reader_client.post(
        "/reading/import/", {"export": _upload("gr.csv", GOODREADS)}, follow=True
    )
    page = response.content.decode()
    assert "4 works matched" in page
    assert "Dune (Frank Herbert)" in page
    response = reader_client.post("/reading/import/", {"export": _upload("x.csv", "a,b\n1,2\n")})
    assert response.status_code == 400
    assert "not a Goodreads or StoryGraph export" in response.content.decode()


def test_ratings_off_the_scale_and_dates_no_sitting_could_have_are_left_out(seeded, reader):
    rows = GOODREADS.replace(
        ",5,NYRB,512,2012,1951,2024/03/01,", ",nan,NYRB,512,2012,1951,9999/12/31,"
    )
    rows = rows.replace('"Luxemburg, Rosa",,,,2,', '"Luxemburg, Rosa",,,,-3,')
    import_history(reader, _upload("odd.csv", rows))
    items = {i.work.title: i for i in ShelfItem.objects.filter(user=reader)}
    memoirs = items["Memoirs of a Revolutionary"]
    assert (memoirs.rating, memoirs.finished_on) == (None, None)
    assert items["Reform or Revolution"].rating is None
