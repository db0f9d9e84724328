from tests.checks.conftest import codes, guide

SERGE = (
    "# Victor Serge\n\nVictor Serge was born in Brussels in 1890 and died in Mexico City in"
    " 1947.\n\n"
)


def test_works_inside_the_life_are_fine(check):
    text = SERGE + "Birth of Our Power (1931): 221 pages, set in Barcelona in 1917.\n"
    assert check(guide(text), "chronology") == []


def test_a_work_before_its_author_was_born(check):
    text = SERGE + "Early Poems (1880): 40 pages, his first verse.\n"
    [found] = check(guide(text), "chronology")
    assert (found.code, found.severity, found.flagged) == (
        "chronology/before-birth",
        "error",
        "1880",
    )


def test_a_work_after_the_death_needs_a_posthumous_mark(check):
    text = SERGE + (
        "The Case of Comrade Tulayev (1948): 309 pages, a novel of the purges.\n\n"
        "Memoirs of a Revolutionary (1951): 396 pages, published posthumously.\n"
    )
    found = check(guide(text), "chronology")
    assert [(f.code, f.location.record) for f in found] == [
        ("chronology/after-death", "The Case of Comrade Tulayev")
    ]


def test_a_novel_set_in_a_war_that_began_after_it(check):
    text = SERGE + (
        "Birth of Our Power (1931): 221 pages, it starts with his time in neutral Spain during"
        " WWII.\n"
    )
    [found] = check(guide(text), "chronology")
    assert (found.code, found.flagged, found.severity) == ("chronology/setting", "WWII", "error")
    assert found.location.line == 5


def test_a_later_war_named_otherwise_is_no_setting(check):
    text = SERGE + (
        "Birth of Our Power (1931): 221 pages, banned in France after the Second World War.\n"
    )
    assert check(guide(text), "chronology") == []


def test_a_state_named_before_it_existed(check):
    text = (
        "# Victor Serge\n\nVictor Serge was born in Brussels in 1890. Arriving in the Soviet"
        " Union in January 1919, he joined the party. He returned to the Soviet Union in"
        " 1925.\n\nBirth of Our Power (1931): 221 pages, a novel.\n"
    )
    [found] = check(guide(text), "chronology")
    assert (found.code, found.flagged, found.suggestion) == (
        "chronology/state",
        "the Soviet Union",
        "Soviet Russia",
    )
    assert "1922" in found.message


def test_a_dated_clause_set_in_an_event_not_going_on(check):
    text = (
        "# Ana Lima\n\nAna Lima was born in Porto in 1890. During the Spanish Civil War, in 1926,"
        " she nursed the wounded.\n\nLetters (1940): 200 pages, her letters.\n"
    )
    found = check(guide(text), "chronology")
    assert codes(found) == ["chronology/dated-event"]
