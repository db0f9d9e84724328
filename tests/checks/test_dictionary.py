"""The dictionary's rules, on a word list of its own (no system files needed)."""

from readingroom.checks.dictionary import dictionary

WORDS = dictionary(["colour", "color", "Paris", "over", "long", "Marx"])


def test_case_possessives_and_compounds():
    assert WORDS.knows("Colour")
    assert WORDS.knows("paris")
    assert WORDS.knows("Marx's")
    assert WORDS.knows("Marx’s")
    assert WORDS.knows("over-long")
    assert not WORDS.knows("colur")
    assert not WORDS.knows("over-lng")


def test_suggestions_nearest_then_commonest():
    assert WORDS.suggest("colur") == ["color", "colour"]
    assert WORDS.suggest("Colur") == ["Color", "Colour"]
    assert WORDS.suggest("lnog") == ["long"]
    assert WORDS.suggest("qqqqqq") == []
