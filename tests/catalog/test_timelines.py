"""Life events in the catalog: computed on import, editors' corrections kept."""

import pytest
from django.core.exceptions import ValidationError

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Author, LifeEvent
from readingroom.catalog.timelines import event_key, recompute, timeline

pytestmark = pytest.mark.django_db


def test_import_stores_the_events(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    author = Author.objects.get()
    events = timeline(author)
    assert events[0].start == "1909"
    assert events[0].label == "expelled from Belgium"
    assert sum(1 for e in events if e.start) >= 24


def test_corrections_survive_reimport_and_recomputation(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    author = Author.objects.get()
    expelled = author.life_events.get(start="1909")
    expelled.label, expelled.edited = "expelled from Belgium for his politics", True
    expelled.save()
    hidden = author.life_events.get(start="1912")
    hidden.hidden = True
    hidden.save()
    LifeEvent.objects.create(
        author=author, start="1890-12", end="1890-12", label="born in Brussels", origin="editor"
    )
    changed = seed_bytes.replace(b"to fight side by side", b"to stand side by side")
    import_guide_bytes("seed.txt", changed)
    recompute([Author.objects.get()])
    author = Author.objects.get()
    assert author.life_events.get(start="1909").label == "expelled from Belgium for his politics"
    assert author.life_events.filter(start="1912", hidden=True).count() == 1
    assert "1912" not in [e.start for e in timeline(author)]
    assert author.life_events.filter(origin="editor", label="born in Brussels").count() == 1
    assert author.life_events.filter(start="1909").count() == 1


def test_unchanged_biography_is_not_recomputed(seed_bytes):
    import_guide_bytes("seed.txt", seed_bytes)
    ids = set(LifeEvent.objects.values_list("pk", flat=True))
    import_guide_bytes("seed.txt", seed_bytes.replace(b"131 pages", b"132 pages"))
    assert set(LifeEvent.objects.values_list("pk", flat=True)) == ids


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("March 1928", "", "start"),
        ("1928-02-30", "", "start"),
        ("1928", "1928-13", "end"),
        ("", "1930", "start"),
        ("1940", "1936", "end"),
        ("1928-05", "1928-03", "end"),
    ],
)
def test_an_editors_dates_are_checked(start, end, field):
    event = LifeEvent(start=start or None, end=end or None, label="moved")
    with pytest.raises(ValidationError) as raised:
        event.full_clean(exclude=["author"])
    assert field in raised.value.message_dict


def test_an_editors_event_with_a_start_alone_is_a_point():
    event = LifeEvent(start="1928-03", label="arrested")
    event.clean()
    assert event.end == "1928-03"
    # A coarser end is no earlier than a finer start in it.
    LifeEvent(start="1917-03", end="1917", label="revolution").clean()


def test_an_events_key_survives_relabelling(seed_bytes):
    """Editors' corrections are found again by the words an event was read from, so an
    extractor that labels or files an event differently keeps them."""
    from dataclasses import replace

    from readingroom.guidetext import decode_guide, parse_guide
    from readingroom.timeline.events import extract_events

    [author] = parse_guide(decode_guide(seed_bytes).text).guide.authors
    events = extract_events(author.biography, author.name)
    undated = next(e for e in events if not e.dated)
    for event in (events[0], undated):
        relabelled = replace(event, label="something else", kind="other")
        assert event_key(relabelled) == event_key(event)
    import_guide_bytes("seed.txt", seed_bytes)
    keys = list(LifeEvent.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == len(events)
