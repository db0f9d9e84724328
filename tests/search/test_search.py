"""Search on the real database: the same answers on SQLite and on PostgreSQL."""

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.catalog.importer import import_guide_bytes
from readingroom.catalog.models import Work
from readingroom.search import engine
from readingroom.search.backends import Sampled, backend
from readingroom.search.engine import correct, search
from readingroom.search.facets import facet_values, token_for
from readingroom.search.index import rebuild
from readingroom.search.models import SearchDocument, SearchSpelling, SearchTerm
from readingroom.search.text import edit_distance, typo_budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(seed_bytes, sample_bytes):
    import_guide_bytes("seed.txt", seed_bytes, "Serge")
    import_guide_bytes("sample-guide.txt", sample_bytes, "Sample")


def titles(results):
    return [getattr(h.record, "title", None) or h.record.name for h in results.hits]


@pytest.mark.parametrize("query", ["tulayev", "Tulayv", "TULAYEV", "comrade tul"])
def test_finds_tulayev(catalog, query):
    results = search(query)
    assert titles(results)[:2] == ["The Case of Comrade Tulayev"] * 2


@pytest.mark.parametrize(
    ("query", "meant"), [("Serje", "serge"), ("Midnigt", "midnight"), ("Tulayv", "tulayev")]
)
def test_typos_are_corrected(catalog, query, meant):
    results = search(query)
    assert results.corrected == meant
    assert results.total > 0


def test_weights_put_titles_first(catalog):
    # "Revolution" is in titles and in many annotations and biographies.
    assert titles(search("revolution"))[0] in {
        "Reform or Revolution",
        "The Russian Revolution",
        "Memoirs of a Revolutionary",
        "Memoirs of a Revolutionist",
    }


def test_diacritics_are_folded(catalog):
    assert search("Zamosc").total == search("Zamość").total == 1


def test_stemming_and_prefixes(catalog):
    assert search("anarchists").total > 0
    assert "Mutual Aid: A Factor of Evolution" in titles(search("mutu"))


def test_snippets_highlight(catalog):
    [hit] = list(search("Okhrana").hits)
    assert "<mark>Okhrana</mark>" in hit.snippet


def test_facets_and_filters(catalog):
    results = search("revolution")
    decades = {v.value: v.count for v in results.facets["decade"]}
    assert decades["1890"] >= 1
    assert {v.label for v in results.facets["decade"]} >= {"1890s", "1920s"}
    filtered = search("revolution", {"decade": "1890"})
    assert all(h.record.year // 10 * 10 == 1890 for h in filtered.hits)
    assert filtered.total == decades["1890"]
    length = search("revolution", {"length": "long"})
    assert all(h.record.pages >= 400 for h in length.hits)


def test_stop_words_are_ignored(catalog):
    assert search("the revolution OR a").total == search("revolution").total


def test_pagination(catalog, monkeypatch):
    monkeypatch.setattr(engine, "PER_PAGE", 5)
    first = search("revolution")
    assert first.pages == -(-first.total // 5) >= 2
    second = search("revolution", page=2)
    assert {h.record.pk for h in first.hits}.isdisjoint({h.record.pk for h in second.hits})
    assert search("revolution", page=999).page == first.pages


def test_edits_reach_the_index(catalog):
    work = Work.objects.get(slug="midnight-in-the-century")
    work.annotation = "a novel of the Orenburg exile"
    work.save()
    assert "Midnight in the Century" in titles(search("orenburg exile"))


def test_rebuild_gives_the_same_answers(catalog):
    before = [(h.kind, h.record.pk) for h in search("revolution").hits]
    rebuild()
    assert [(h.kind, h.record.pk) for h in search("revolution").hits] == before


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "AND OR NOT", "*", "NEAR(a b)", "a:b", "^", "'", "x" * 10_000,
     "word " * 2_000, "\x00", "-", "(", "title:foo", "🙂", "%", "_"],
)  # fmt: skip
def test_any_query_gives_an_answer(catalog, query):
    search(query)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_arbitrary_queries_never_fail(catalog, query):
    results = search(query)
    assert results.total >= 0


@pytest.mark.parametrize("value", ["²", "¹²", "9" * 20, "-" + "9" * 20, "9" * 400, "x", ""])
@pytest.mark.parametrize("facet", ["author", "decade", "length"])
def test_odd_facet_values_match_nothing_and_never_fail(catalog, facet, value):
    results = search("revolution", {facet: value})
    assert results.total == (search("revolution").total if value == "" else 0)


def _corrected_by_scan(typed: str, vocabulary: list[tuple[str, int]]) -> str:
    """What correction must give: the nearest word of the whole vocabulary, by brute force."""
    budget = typo_budget(typed)
    scored = [
        (distance, -frequency, term)
        for term, frequency in vocabulary
        if (distance := edit_distance(typed, term, budget)) <= budget
    ]
    return min(scored)[2] if scored else typed


def test_correction_finds_the_vocabularys_nearest_word(catalog):
    vocabulary = list(SearchTerm.objects.values_list("term", "frequency"))
    known = {term for term, _ in vocabulary}
    checked = 0
    for term, _ in sorted(vocabulary)[::2]:
        for typed in (
            term[1:],
            term[:2] + "x" + term[3:],
            term[1] + term[0] + term[2:],
            "q" + term,
        ):
            if typed not in known and len(typed) >= 3 and typed.isalpha():
                assert correct([typed]) == [_corrected_by_scan(typed, vocabulary)], typed
                checked += 1
    assert checked > 100


def test_new_words_can_be_corrected_as_soon_as_they_are_indexed(catalog):
    work = Work.objects.get(slug="midnight-in-the-century")
    work.title = "Midnight in the Zyxquorbl Century"
    work.save()
    results = search("zyxqorbl")
    assert results.corrected == "zyxquorbl"
    assert titles(results) == ["Midnight in the Zyxquorbl Century"]


def test_rebuild_files_the_same_spellings(catalog):
    def filed():
        return sorted(SearchSpelling.objects.values_list("spelling", "term__term"))

    before = filed()
    rebuild()
    assert filed() == before


def _facet_of(hit, facet):
    document = SearchDocument.objects.get(**{f"{hit.kind}_id": hit.record.pk})
    return facet_values(document.kind, document.facet_author_id, document.year, document.pages)


@pytest.mark.parametrize("facet", ["author", "decade", "length"])
def test_a_filter_keeps_exactly_the_matches_with_its_value_in_their_order(
    catalog, monkeypatch, facet
):
    monkeypatch.setattr(engine, "PER_PAGE", 1000)
    everything = search("revolution")
    assert everything.facets[facet]
    for value in everything.facets[facet]:
        narrowed = search("revolution", {facet: value.value})
        expected = [h for h in everything.hits if _facet_of(h, facet).get(facet) == value.value]
        assert [(h.kind, h.record.pk) for h in narrowed.hits] == [
            (h.kind, h.record.pk) for h in expected
        ]
        assert narrowed.total == value.count == len(expected)


def test_snippets_of_a_narrowed_search_show_the_words_not_the_facets(catalog):
    [hit, *_] = [h for h in search("revolution").hits if _facet_of(h, "decade").keys() > {"author"}]
    chosen = _facet_of(hit, "decade")
    results = search("revolution", chosen)
    assert hit.record in [h.record for h in results.hits]
    tokens = [token_for(name, value) for name, value in chosen.items()]
    for hit in results.hits:
        assert "<mark>" in hit.snippet
        assert not set(tokens) & set(re.findall(r"\w+", hit.snippet))


def test_facet_counts_beyond_the_limit_are_estimated_and_say_so(catalog, monkeypatch):
    exact = search("revolution")
    narrowed_exact = search("revolution", {"length": "long"})
    monkeypatch.setattr(engine, "EXACT_COUNTS", 2)
    monkeypatch.setattr(engine, "SEEN_TO_ESTIMATE", 1)
    sampled = search("revolution")
    assert (sampled.total, [h.record.pk for h in sampled.hits]) == (
        exact.total,
        [h.record.pk for h in exact.hits],
    )
    assert exact.total > 2 * engine.SAMPLE_BASE
    assert not exact.estimated
    assert sampled.estimated
    assert all(v.estimated for values in sampled.facets.values() for v in values)
    # A chosen value is counted exactly: its count is the search's own total.
    narrowed = search("revolution", {"length": "long"})
    assert narrowed.total == narrowed_exact.total
    for value in narrowed.facets["length"]:
        assert value.estimated is not value.selected
        assert value.count == narrowed.total or not value.selected


def test_values_seen_too_seldom_in_a_sample_are_left_out(catalog, monkeypatch):
    monkeypatch.setattr(engine, "EXACT_COUNTS", 2)
    monkeypatch.setattr(engine, "SEEN_TO_ESTIMATE", 10**6)
    results = search("revolution", {"length": "long"})
    # Lengths are counted in a sample of all of "revolution"'s matches: nothing is
    # guessed from a sample this small, and the chosen value stays, exactly.
    assert results.total <= engine.EXACT_COUNTS < search("revolution").total
    assert [(v.value, v.count, v.estimated) for v in results.facets["length"]] == [
        ("long", results.total, False)
    ]


@pytest.mark.parametrize(
    "sets",
    [[["s1"]], [["s2"]], [["s3"]], [["l2", "s1"], ["s2"]], [["l0"], ["l2", "s1"]], [["l1"], []]],
)
def test_a_sample_holds_the_matches_that_carry_all_the_tokens_of_a_set(catalog, monkeypatch, sets):
    monkeypatch.setattr(engine, "PER_PAGE", 1000)
    matches = [
        SearchDocument.objects.get(**{f"{h.kind}_id": h.record.pk})
        for h in search("revolution").hits
    ]
    expected = Counter(
        Sampled(d.kind, d.facet_author_id, d.year, d.pages, d.facets)
        for d in matches
        if any(set(tokens) <= set(d.facets.split()) for tokens in sets)
    )
    assert Counter(backend().sample(["revolution"], sets, 1000)) == expected
