"""Named historical events and places."""

from readingroom.timeline.gazetteers import find_events, find_places, historical_events


def test_named_events():
    assert len(historical_events()) >= 150
    assert all(e.source for e in historical_events())
    [(_, _, war)] = find_events("during the Great War he")
    assert war.start.startswith("1914")


def test_places():
    assert find_places("He moved from Petrograd to Mexico City via Berlin.") == [
        "Petrograd",
        "Mexico City",
        "Berlin",
    ]
    # Part of a person's name is no place.
    assert find_places("Alexandra Kollontai was born") == []


def test_a_sentence_end_ends_a_place_name():
    text = "He was expelled from Belgium. In 1912 he saw St. Petersburg. Then Paris."
    assert find_places(text) == ["Belgium", "St. Petersburg", "Paris"]


def test_a_sentence_s_first_word_is_not_part_of_the_name():
    assert find_places("In Berlin he met Trotsky. Then Mexico City.") == ["Berlin", "Mexico City"]
    assert find_places("In Alexandra Kollontai's words") == []
    assert find_places("the University of\nSt. Petersburg") == ["St. Petersburg"]


def test_place_after_a_capitalised_word_inside_a_word_is_not_cut_out():
    assert find_places("the McBerlin affair") == []
