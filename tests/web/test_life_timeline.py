"""The author page's life timeline: the times behind the life, dates in words, and
a long span that breaks its axis."""

import re

import pytest

from readingroom.catalog.models import Author, Contribution, LifeEvent, Work
from readingroom.web.timeline import timeline_svg, work_years

pytestmark = pytest.mark.django_db


def _svg(html: str) -> str:
    return re.search(r'<svg class="timeline".*?</svg>', html, re.S)[0]


def test_the_times_are_bands_behind_the_life_and_a_list_of_their_own(seeded):
    serge = Author.objects.get(slug="serge")
    LifeEvent.objects.create(
        author=serge, start="1914", end="1918", kind="context", label="the First World War"
    )
    LifeEvent.objects.create(
        author=serge, start="1921-03", end="1921-03", kind="context", label="the Kronstadt revolt"
    )
    html = seeded.get("/authors/serge/").content.decode()
    svg = _svg(html)
    context = serge.life_events.filter(kind="context").count()
    life = serge.life_events.exclude(kind="context").count()
    assert svg.count('class="band"') == context
    assert "<title>1914–1918: the First World War</title>" in svg
    assert "<title>March 1921: the Kronstadt revolt</title>" in svg
    assert 'href="#times-1"' in svg
    # Listed apart, under the life, and not counted with it.
    times = html[html.index('<h3 id="times-heading">The times</h3>') :]
    assert '<li id="times-1">' in times
    assert '<time datetime="1914">1914</time>–<time datetime="1918">1918</time>' in times
    assert "the Kronstadt revolt" in times
    assert html.count('<li id="event-') == life
    assert f"Drawn from the biography: {life} events, and {context} events of the times" in html
    assert f"{context} events of the times" in svg
    assert "the times</li>" in html  # the legend's key


def test_dates_in_the_list_read_as_people_write_them(seeded):
    html = seeded.get("/authors/serge/").content.decode()
    assert '<time datetime="1917-03">March 1917</time>' in html
    assert 'late <time datetime="1921">1921</time>' in html
    assert "<title>late 1921: took a Comintern position in Berlin</title>" in html
    assert '<time datetime="1933-03">March</time>–<time datetime="1933-06">June 1933</time>' in html
    assert ">1917-03<" not in html


def test_the_contents_lead_to_each_part(seeded):
    html = seeded.get("/authors/serge/").content.decode()
    contents = re.search(r'<nav class="contents".*?</nav>', html, re.S)[0]
    links = re.findall(r'href="#([^"]+)">([^<]+)<', contents)
    assert links == [
        ("biography-heading", "Biography"),
        ("life-heading", "Timeline"),
        ("works-heading", "Works"),
    ]
    assert all(f'id="{anchor}"' in html for anchor, _ in links)


def test_a_long_span_breaks_its_axis():
    montaigne = Author.objects.create(slug="montaigne", name="Michel de Montaigne")
    for slug, year in [("essais", 1580), ("essais-1588", 1588), ("essais-1595", 1595),
                       ("complete-essays", 1993)]:  # fmt: skip
        work = Work.objects.create(slug=slug, title=slug, year=year)
        Contribution.objects.create(author=montaigne, work=work)
    born = LifeEvent(author=montaigne, start="1533-02-28", end="1533-02-28", label="born")
    svg = str(timeline_svg([born], work_years(Work.objects.all()), "Michel de Montaigne"))
    labels = [int(y) for y in re.findall(r'class="tick-label"[^>]*>(\d+)<', svg)]
    assert svg.count('class="axis-break"') == 1
    assert "<title>Nothing from 1600 to 1990</title>" in svg
    assert "the axis skips from 1600 to 1990" in svg
    assert labels == sorted(labels)
    assert min(labels) <= 1540
    assert 1990 in labels
    assert not [y for y in labels if 1600 < y < 1990]
