from tests.checks.conftest import codes, guide, listed

LIFE = """# Rosa Luxemburg

Rosa Luxemburg was born in Zamość in 1871 and was murdered in Berlin in 1919.

The Accumulation of Capital (1913): 480 pages, her economic theory of imperialism.
"""


def test_a_complete_entry_has_nothing_missing(check):
    assert check(guide(LIFE), "missing") == []


def test_an_inferred_name_and_untold_years(check):
    text = (
        "He was a printer who lived in Paris, where he stayed until his death.\n\n"
        "Notes of a Printer (1920): 200 pages, a memoir.\n"
    )
    found = check(guide(text), "missing")
    assert codes(found) == ["missing/author-name", "missing/birth-year", "missing/death-year"]
    assert found[0].location.field == "name"


def test_a_living_author_owes_no_death_year(check):
    text = "# Ana Lima\n\nAna Lima was born in Porto in 1980.\n\nSea (2015): 200 pages, poems.\n"
    assert check(guide(text), "missing") == []


def test_an_author_born_long_ago_has_died(check):
    text = "# Jan Brod\n\nJan Brod was born in Prague in 1850.\n\nBooks (1890): 200 pages, poems.\n"
    assert codes(check(guide(text), "missing")) == ["missing/death-year"]


def test_the_guide_format_asks_for_every_field_of_a_work(check):
    text = LIFE + "\nReform or Revolution: 120 pages,\n"
    found = check(guide(text), "missing")
    assert codes(found) == ["missing/year", "missing/annotation"]
    assert {f.location.line for f in found} == {7}
    assert found[0].location.record == "Reform or Revolution"


def test_a_list_that_never_gives_pages_is_not_missing_them(check):
    text = (
        "1. Rosa Luxemburg, The Accumulation of Capital (1913). Her theory of imperialism.\n"
        "2. Karl Kautsky, The Class Struggle (1892). A commentary on the Erfurt Programme.\n"
        "3. Clara Zetkin, Reminiscences of Lenin (1924). Her memoir of Lenin.\n"
    )
    assert [c for c in codes(check(listed(text), "missing")) if c != "missing/author-name"] == []


def test_a_list_that_gives_years_as_a_rule_misses_one(check):
    text = (
        "1. Rosa Luxemburg, *The Accumulation of Capital* (1913). Her theory of imperialism.\n"
        "2. Karl Kautsky, *The Class Struggle* (1892). A commentary on the Erfurt Programme.\n"
        "3. Clara Zetkin, *Reminiscences of Lenin*.\n"
    )
    found = check(listed(text), "missing")
    assert codes(found) == ["missing/year", "missing/annotation"]
    assert found[0].location.line == 3


def test_a_surname_alone_is_no_full_name_when_the_guide_has_the_full_one(check):
    text = (
        "1. Luxemburg, *The Accumulation of Capital* (1913). Her theory of imperialism.\n"
        "2. Rosa Luxemburg, *Reform or Revolution* (1900). Against Bernstein.\n"
    )
    found = check(listed(text), "missing")
    assert [(f.code, f.flagged, f.suggestion) for f in found] == [
        ("missing/author-name", "Luxemburg", "Rosa Luxemburg")
    ]


def test_a_writer_known_by_one_name(check):
    text = (
        "1. Stendhal, *The Red and the Black* (1830). Julien Sorel's rise and fall.\n"
        "2. Honoré de Balzac, *Old Goriot* (1835). A father ruined by his daughters.\n"
    )
    assert check(listed(text), "missing") == []
