"""The admin's Checks page: findings in context, a suggestion applied through the
editors' own path, a finding ignored for good (a re-import keeps it ignored)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from readingroom.catalog.checking import applicable, author_document, checked, guide_document
from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import AddedWord, Author, Guide, IgnoredFinding
from readingroom.checks.dictionary import english, missing_message

pytestmark = pytest.mark.django_db


def _seed_guide() -> Guide:
    return Guide.objects.get(title="Victor Serge: a reading guide")


def _finding(code: str, guide: Guide):
    return next(f for f in checked(guide_document(guide)).open if f.code == code)


def test_the_catalog_is_checked_as_the_file_is(editor_client):
    found = checked(guide_document(_seed_guide())).open
    codes = sorted(f.code for f in found if f.family != "spelling")
    assert codes == sorted(
        ["missing/author-name", "missing/birth-year", "missing/death-year"]
        + ["missing/year", "missing/annotation"] * 2
        + ["missing/annotation", "chronology/state", "places/misspelt", "places/wrong-country"]
        + ["chronology/setting"]
    )
    author = Author.objects.get(name="Serge")
    assert {f.code for f in checked(author_document(author)).open} >= {"missing/birth-year"}


def test_the_page_shows_each_finding_in_context(editor_client):
    url = reverse("admin:catalog_guide_checks", args=[_seed_guide().pk])
    page = editor_client.get(url).content.decode()
    assert "exiled to <mark>Orenberg</mark> (in present-day Kazakhstan)" in page
    assert "<ins>Orenburg</ins>" in page
    found = checked(guide_document(_seed_guide())).open
    # Orenburg, Russia, Soviet Russia; and the spelling suggestions, with word lists.
    assert page.count('value="apply"') == sum(map(applicable, found)) >= 3


def test_apply_a_suggestion_as_an_edit(editor_client, editor):
    guide = _seed_guide()
    finding = _finding("places/misspelt", guide)
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    response = editor_client.post(url, {"key": finding.key, "action": "apply"})
    assert response.status_code == 302
    author = Author.objects.get(name="Serge")
    assert "exiled to Orenburg (in present-day Kazakhstan)" in author.biography
    assert (author.edited_by, author.edited_by_name) == (editor, "ed")
    assert finding.key not in {f.key for f in checked(guide_document(guide)).open}
    # The public page shows the fix.
    assert "Orenburg" in editor_client.get(author.get_absolute_url()).content.decode()


def test_ignore_is_remembered_across_a_reimport(editor_client, editor, seed_bytes):
    guide = _seed_guide()
    finding = _finding("missing/death-year", guide)
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    editor_client.post(url, {"key": finding.key, "action": "ignore"})
    ignored = IgnoredFinding.objects.get()
    assert (ignored.code, ignored.by_name) == ("missing/death-year", "ed")
    moved = b"\n\n" + seed_bytes.replace(
        b"Memoirs of a Revolutionary: 396 pages,", b"Memoirs of a Revolutionary: 397 pages,"
    )
    import_guide_bytes("seed.txt", moved, "Victor Serge: a reading guide")
    assert guide.works.get(title="Memoirs of a Revolutionary").pages == 397
    result = checked(guide_document(_seed_guide()))
    assert [f.code for f, _ in result.ignored] == ["missing/death-year"]
    assert finding.key not in {f.key for f in result.open}
    page = editor_client.get(url).content.decode()
    assert "1 ignored" in page
    assert "by ed" in page
    editor_client.post(url, {"key": finding.key, "action": "open"})
    assert not IgnoredFinding.objects.exists()


def test_a_suggestion_applies_where_the_words_stand_now(editor_client):
    guide = _seed_guide()
    finding = _finding("places/misspelt", guide)
    author = Author.objects.get(name="Serge")
    author.biography = "Born in Brussels. " + author.biography
    author.save()
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    editor_client.post(url, {"key": finding.key, "action": "apply"})
    biography = Author.objects.get(pk=author.pk).biography
    assert biography.startswith("Born in Brussels. ")
    assert "exiled to Orenburg (in" in biography


def test_a_finding_fixed_meanwhile_is_not_applied_twice(editor_client):
    guide = _seed_guide()
    finding = _finding("places/misspelt", guide)
    author = Author.objects.get(name="Serge")
    author.biography = author.biography.replace("Orenberg", "Orenburg")
    author.save()
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    response = editor_client.post(url, {"key": finding.key, "action": "apply"}, follow=True)
    assert "no longer open" in response.content.decode()


def test_who_may_do_what(seeded, django_user_model):
    guide = _seed_guide()
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    viewer = django_user_model.objects.create_user("viewer", password="x" * 20, is_staff=True)
    seeded.force_login(viewer)
    assert seeded.get(url).status_code == 403
    finding = _finding("places/misspelt", guide)
    assert seeded.post(url, {"key": finding.key, "action": "apply"}).status_code == 403
    assert seeded.get(reverse("admin:catalog_guide_checks", args=[10**6])).status_code in (403, 404)


@pytest.mark.skipif(english() is None, reason=missing_message())
def test_a_word_added_to_the_dictionary_is_never_flagged_again(editor_client):
    guide = _seed_guide()
    finding = next(f for f in checked(guide_document(guide)).open if f.flagged == "accompained")
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    assert "Add to the dictionary: accompained" in editor_client.get(url).content.decode()
    editor_client.post(url, {"key": finding.key, "action": "word"})
    assert AddedWord.objects.get().by_name == "ed"
    flagged = {f.flagged for f in checked(guide_document(guide)).open}
    assert "accompained" not in flagged
    assert "recieved" in flagged


def test_editors_decisions_travel_in_the_dump(editor_client, editor):
    from readingroom.catalog.dump import catalog_dump, load_dump
    from readingroom.formats import catalog_json

    guide = _seed_guide()
    url = reverse("admin:catalog_guide_checks", args=[guide.pk])
    finding = _finding("missing/death-year", guide)
    editor_client.post(url, {"key": finding.key, "action": "ignore"})
    AddedWord.objects.create(word="Kibalchich", by=editor, by_name="ed")
    dumped = catalog_json.dumps(catalog_dump())
    document = catalog_json.loads(dumped)
    assert [i["code"] for i in document["ignored_findings"]] == ["missing/death-year"]
    assert document["added_words"][0] | {"at": None} == {
        "word": "Kibalchich",
        "by": "ed",
        "at": None,
    }
    IgnoredFinding.objects.all().delete()
    AddedWord.objects.all().delete()
    load_dump(document)
    assert catalog_json.dumps(catalog_dump()) == dumped
    assert [f.code for f, _ in checked(guide_document(guide)).ignored] == ["missing/death-year"]


def test_a_dump_of_version_6_has_no_decisions_and_loads(editor_client):
    from readingroom.catalog.dump import catalog_dump
    from readingroom.formats import catalog_json

    document = catalog_json.loads(catalog_json.dumps(catalog_dump()))
    del document["ignored_findings"], document["added_words"]
    document["version"] = 6
    again = catalog_json.loads(json.dumps(document))
    assert (again["ignored_findings"], again["added_words"]) == ([], [])


@pytest.mark.skipif(english() is None, reason=missing_message())
def test_names_from_other_guides_in_the_catalog_are_no_misspellings(editor_client):
    from readingroom.catalog.checking import catalog_knows

    guide = _seed_guide()
    assert catalog_knows("Kollontai")  # the sample guide's author
    assert not catalog_knows("Kollontaj")
    author = Author.objects.get(name="Serge")
    author.biography += " He met Kollontai and Kollontaj in Petrograd."
    author.save()
    flagged = {f.flagged for f in checked(guide_document(guide)).open}
    assert "Kollontai" not in flagged
