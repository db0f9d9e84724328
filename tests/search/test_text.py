"""Query text: the spellings a word is filed under, against edit distance."""

from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.search.text import (
    MOST_TYPOS,
    SPELLING_LETTERS,
    edit_distance,
    spellings,
    typo_budget,
)

# A small alphabet makes repeated letters, and so the hard cases, common.
_WORDS = st.text(alphabet="abcdeé", min_size=1, max_size=14)


@st.composite
def _misspelt(draw: st.DrawFn) -> tuple[str, str]:
    """A word and the word after up to two random edits (insert, delete, substitute, swap)."""
    word = draw(st.text(alphabet="abcdeé", min_size=3, max_size=14))
    typed = word
    for _ in range(draw(st.integers(1, MOST_TYPOS))):
        at = draw(st.integers(0, len(typed)))
        letter = draw(st.sampled_from("abcdeé"))
        edit = draw(st.sampled_from(["insert", "delete", "substitute", "swap"]))
        if edit == "insert":
            typed = typed[:at] + letter + typed[at:]
        elif edit == "delete" and len(typed) > 1:
            typed = typed[:at] + typed[at + 1 :]
        elif edit == "substitute":
            typed = typed[:at] + letter + typed[at + 1 :]
        elif edit == "swap" and at + 1 < len(typed):
            typed = typed[:at] + typed[at + 1] + typed[at] + typed[at + 2 :]
    return word, typed


@settings(max_examples=3000)
@given(_misspelt())
def test_a_word_within_the_budget_shares_a_spelling(pair):
    """Completeness: every vocabulary word near enough is found by the lookup."""
    word, typed = pair
    budget = typo_budget(typed)
    if edit_distance(typed, word, budget) <= budget:
        assert spellings(typed, budget) & spellings(word)


@given(_WORDS)
def test_spellings_are_bounded_and_short(word):
    found = spellings(word)
    assert word[:SPELLING_LETTERS] in found
    assert all(len(s) <= SPELLING_LETTERS for s in found)
    # One, then each letter of seven left out, then each pair: at most 1 + 7 + 21.
    assert len(found) <= 29


def test_spellings_examples():
    assert spellings("ab", 1) == {"ab", "a", "b"}
    assert spellings("revolution", 1) == {
        "revolut",
        "evolut",
        "rvolut",
        "reolut",
        "revlut",
        "revout",
        "revolt",
        "revolu",
    }
