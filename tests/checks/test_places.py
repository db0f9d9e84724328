from tests.checks.conftest import guide

HEAD = "# Victor Serge\n\n"
TAIL = "\n\nBirth of Our Power (1931): 221 pages, a novel.\n"


def places(check, biography: str) -> list[tuple[str, str, str | None]]:
    found = check(guide(HEAD + biography + TAIL), "places")
    return [(f.code, f.flagged, f.suggestion) for f in found]


def test_a_misspelt_place_in_a_wrong_present_day_country(check):
    assert places(check, "He was exiled to Orenberg (in present-day Kazakhstan) in 1933.") == [
        ("places/misspelt", "Orenberg", "Orenburg"),
        ("places/wrong-country", "Kazakhstan", "Russia"),
    ]


def test_an_old_name_with_its_present_country(check):
    assert places(check, "He was born in Tiflis (now Tbilisi, Georgia) in 1890.") == []
    assert places(check, "He was born in Königsberg (present-day Kaliningrad, Russia).") == []


def test_a_city_put_in_the_wrong_country(check):
    assert places(check, "He lived in Lyon, Belgium, for a year.") == [
        ("places/wrong-country", "Belgium", "France")
    ]
    assert places(check, "He lived in Kraków in Germany.") == [
        ("places/wrong-country", "Germany", "Poland")
    ]


def test_a_city_in_its_country(check):
    assert places(check, "He lived in Lyon, France, and then in Kraków in Poland.") == []


def test_a_city_of_the_same_name_in_another_country_counts(check):
    assert places(check, "He lived in Paris, United States, for a year.") == []


def test_an_old_name_with_the_country_of_its_time_is_no_claim_checked(check):
    assert places(check, "He was born in Breslau, Germany, in 1900.") == []


def test_a_misspelt_city_after_a_preposition(check):
    assert places(check, "In 1919 he moved to Berlni and then to Budapets.") == [
        ("places/misspelt", "Berlni", "Berlin"),
        ("places/misspelt", "Budapets", "Budapest"),
    ]


def test_a_citys_name_in_another_language_is_no_misspelling(check):
    assert places(check, "In 1919 he moved to Viena.") == []


def test_the_guides_own_names_are_no_misspellings(check):
    assert places(check, "He wrote to Sergo about Victor.") == []
