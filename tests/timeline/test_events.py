"""Life events from biographies, scored against the gold files written by hand."""

import json
from pathlib import Path

import pytest

from readingroom.guidetext import decode_guide, parse_guide
from readingroom.timeline.evaluation import score_events
from readingroom.timeline.events import extract_events
from tests.conftest import SAMPLE

GOLD = Path(__file__).parent / "gold"


def _seed_author(seed_bytes):
    [author] = parse_guide(decode_guide(seed_bytes).text).guide.authors
    return author


def _seed_biography(seed_bytes):
    return _seed_author(seed_bytes).biography


def test_seed_against_its_gold(seed_bytes):
    gold = json.loads((GOLD / "seed.json").read_text())["events"]
    author = _seed_author(seed_bytes)
    scores = score_events(author.biography, gold, author.name)
    assert scores.gold == 22  # and 4 events of the times, context
    assert scores.matched >= 21, scores.missed
    assert len(scores.false) <= 1, scores.false


def test_the_seeds_events_of_others_are_context(seed_bytes):
    author = _seed_author(seed_bytes)
    events = extract_events(author.biography, author.name)
    context = {e.expression for e in events if e.context}
    assert {"the October revolution", "the Kronstadt revolt", "1920", "October 1918"} <= context
    life = [e for e in events if not e.context]
    assert not any("revolution" in e.label and e.start == "1917-11" for e in life)
    assert not any(e.label.startswith("reached") for e in events)
    # The correspondence about Kronstadt is not dated by the revolt.
    assert not any("correspondence" in e.label for e in life if e.dated)


@pytest.mark.parametrize(
    "entry", json.loads((GOLD / "sample-guide.json").read_text()), ids=lambda e: e["author"]
)
def test_sample_guide_against_its_gold(entry):
    authors = {a.name: a for a in parse_guide(SAMPLE.read_text(encoding="utf-8")).guide.authors}
    scores = score_events(authors[entry["author"]].biography, entry["events"], entry["author"])
    assert scores.matched >= len(entry["events"]) - 1, scores.missed
    assert len(scores.false) <= 1, scores.false


def test_seed_events_have_labels_places_and_offsets(seed_bytes):
    biography = _seed_biography(seed_bytes)
    events = {e.start: e for e in extract_events(biography) if e.dated}
    expelled = events["1909"]
    assert expelled.label == "expelled from Belgium"
    assert expelled.places == ["Belgium"]
    assert biography[expelled.span[0] : expelled.span[1]] == expelled.text
    assert "1909" in expelled.text
    released = events["1928-05"]
    assert (released.label, released.expression) == ("released", "two months")
    four_years = next(e for e in events.values() if e.expression == "the next four years")
    assert (four_years.start, four_years.end) == ("1936", "1940")
    assert four_years.places == ["Belgium", "France"]


def test_undated_facts_are_kept(seed_bytes):
    undated = [e for e in extract_events(_seed_biography(seed_bytes)) if not e.dated]
    assert any(e.label.startswith("born in Brussels") for e in undated)
    assert any(e.label == "stayed in Mexico" for e in undated)
    assert any(e.label == "exiled to Orenberg" and e.places == ["Orenberg"] for e in undated)


def test_ranges_teens_and_death():
    bio = (
        "She was born in 1890. In her teens she read Marx. From 1936 to 1940 she lived in "
        "Paris, where she stayed until her death. She wrote it in 1926–27. She died in 1947."
    )
    spans = {(e.start, e.end) for e in extract_events(bio)}
    assert {("1903", "1909"), ("1936", "1940"), ("1926", "1927"), ("1940", "1947")} <= spans


def test_undated_facts_and_places_after_a_letter_whose_lower_case_is_longer():
    [arrested, born] = extract_events("In İzmir in 1928 he was arrested. He was born in Paris.")
    assert (arrested.start, arrested.label) == ("1928", "arrested")
    assert (born.start, born.label, born.places) == (None, "born in Paris", ["Paris"])


def test_labels_keep_a_named_event_whole_and_drop_quotation_marks():
    [returned] = [
        e
        for e in extract_events("She returned to Russia soon after the February revolution.")
        if not e.context
    ]
    assert returned.label == "returned to Russia soon after the February revolution"
    [joined] = extract_events('He "joined" the POUM in Barcelona.')
    assert (joined.label, joined.places) == ("joined the POUM in Barcelona", ["Barcelona"])


@pytest.mark.parametrize(
    ("biography", "point"),
    [
        ("He stayed in Paris from 1940 to 1936.", "1940"),
        ("He lived there in 1936–34.", "1936"),
        # "until 1936" counted from 1950 would run backwards: the stated date stands.
        ("In 1950 he moved to Paris, where he stayed until 1936.", "1936"),
    ],
)
def test_a_range_that_ends_before_it_starts_becomes_a_point(biography, point):
    assert any((e.start, e.end) == (point, point) for e in extract_events(biography))
    assert all(e.start <= e.end for e in extract_events(biography) if e.start and e.end)


def test_until_his_death_before_the_last_date_is_no_span():
    events = extract_events("He died in 1940. In 1950 he stayed there until his death.")
    assert [(e.start, e.end) for e in events] == [("1940", "1940"), ("1950", "1950")]


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("In 1898 she moved to Berlin and joined the party there.", "moved to Berlin"),
        (
            "He was born in Moscow in December 1842 into an old princely family.",
            "born in Moscow into an old princely family",
        ),
        (
            "During the Spanish Civil War she worked for the anarchists in London.",
            "worked for the anarchists in London",
        ),
        (
            "In 1886 he settled in England, where he lived for more than thirty years.",
            "lived in England",
        ),
        (
            "In 1905 she joined the Russian Social Democratic Labour Party at once.",
            "joined the Russian Social Democratic Labour Party at once",
        ),
        (
            "In 1917 he departed for neutral Spain and was briefly involved in the movement.",
            "departed for neutral Spain",
        ),
        (
            "In 1919 he took part in the defence of Petrograd from white general Yudenich.",
            "took part in the defence of Petrograd",
        ),
    ],
)
def test_labels_end_at_a_phrase_boundary(sentence, label):
    assert [e for e in extract_events(sentence) if not e.context][-1].label == label


@pytest.mark.parametrize(
    ("biography", "dates"),
    [
        ("He attended the congress in Moscow on May 3–9, 1920.", [("1920-05-03", "1920-05-09")]),
        ("He spoke at meetings on 3–9 May 1920.", [("1920-05-03", "1920-05-09")]),
        ("From 1903 to 1910 she lived in Paris.", [("1903", "1910")]),
        (
            "In 1920 he moved to Paris. In June of that year he married.",
            [("1920", "1920"), ("1920-06", "1920-06")],
        ),
        (
            "In 1914, at the outbreak of the First World War, she moved to London.",
            [("1914", "1914")],
        ),
    ],
)
def test_one_fact_is_one_event(biography, dates):
    life = [e for e in extract_events(biography) if e.dated and not e.context]
    assert [(e.start, e.end) for e in life] == dates


def test_events_of_others_are_context_and_date_the_subjects_clause():
    events = extract_events(
        "When the party voted for war credits in August 1914, she helped found the "
        "Spartacus League. In 1917 her friend Jogiches was arrested. In 1919 she and "
        "Jogiches were murdered.",
        "Rosa Luxemburg",
    )
    life = {(e.start, e.label, e.kind) for e in events if e.dated and not e.context}
    assert life == {
        ("1914-08", "helped found the Spartacus League", "membership"),
        ("1919", "murdered", "death"),
    }
    context = {(e.start, e.label) for e in events if e.context}
    assert ("1914-08", "when the party voted for war credits") in context
    assert any(start == "1917" for start, _ in context)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("She was born in Zamość in 1871.", "birth"),
        ("He died in Toronto in 1940.", "death"),
        ("In 1912 he was arrested and convicted.", "arrest"),
        ("In 1909 he was expelled from Belgium.", "exile"),
        ("In 1919 he joined the communist party.", "membership"),
        ("In 1897 she earned a doctorate at the University of Zurich.", "education"),
        ("In 1893 she married Konstantin Strasser.", "family"),
        ("In 1907 she taught economics at the party school.", "work"),
        ("In 1898 she moved to Berlin.", "residence"),
        ("In 1896 she travelled to Narva.", "travel"),
    ],
)
def test_each_event_has_a_kind(sentence, kind):
    [event] = [e for e in extract_events(sentence) if e.dated]
    assert event.kind == kind


def test_ages_date_what_happened_at_them():
    events = extract_events(
        "He was born in 1876. At fifteen he bought a sloop. At the age of twenty he "
        "sailed north. In his late sixties he began to paint.",
        "Jack London",
    )
    dated = [(e.start, e.end, e.label) for e in events if e.dated and not e.context]
    assert dated == [
        ("1876", "1876", "born"),
        ("1891", "1891", "bought a sloop"),
        ("1896", "1896", "sailed north"),
        ("1943", "1945", "began to paint"),
    ]


def test_what_is_dated_after_the_death_is_the_times():
    events = extract_events(
        "She was born in 1759. She died on 10 September 1797. Godwin's memoir of her, "
        "published the next year, clouded her reputation for a century.",
        "Mary Wollstonecraft",
    )
    life = [(e.start, e.label) for e in events if e.dated and not e.context]
    assert life == [("1759", "born"), ("1797-09-10", "died")]


def test_a_stay_that_goes_on_from_a_fact_is_one_event():
    events = extract_events(
        "He was born in 1533. At the age of six he was sent to the Collège in Bordeaux, "
        "where he stayed until he was thirteen.",
        "Michel de Montaigne",
    )
    life = [(e.start, e.end) for e in events if e.dated and not e.context]
    assert life == [("1533", "1533"), ("1539", "1546")]


def test_a_stay_and_what_ended_it_are_events_of_their_own():
    events = extract_events(
        "In December 1913 she sailed alone for England, and stayed until August 1920, "
        "when she sailed home.",
        "Olive Schreiner",
    )
    life = [(e.start, e.end) for e in events if e.dated and not e.context]
    assert life == [("1913-12", "1913-12"), ("1913-12", "1920-08"), ("1920-08", "1920-08")]


def test_until_his_death_ends_the_fact_it_goes_on_from():
    events = extract_events(
        "In October 1927 he settled in Shanghai, and he lived there until his death. "
        "He died in Shanghai on 19 October 1936.",
        "Lu Xun",
    )
    settled = next(e for e in events if e.label.startswith("settled"))
    assert (settled.start, settled.end) == ("1927-10", "1936-10-19")


def test_a_date_of_others_carries_to_the_subjects_clause_joined_by_and():
    events = extract_events(
        "In January 1921 the left walked out to form the Communist Party, and Gramsci "
        "was elected to its central committee. In September 1920 the movement reached "
        "its peak, and collapsed with it.",
        "Antonio Gramsci",
    )
    life = [(e.start, e.label) for e in events if e.dated and not e.context]
    assert life == [("1921-01", "elected to its central committee")]


def test_a_participle_after_a_comma_acts_with_the_clause_befores_subject():
    events = extract_events(
        "After the police fired on demonstrators on 18 March 1926, killing two of his "
        "students, he left the city in August 1926.",
        "Lu Xun",
    )
    life = [(e.start, e.label) for e in events if e.dated and not e.context]
    assert life == [("1926-08", "left the city")]
