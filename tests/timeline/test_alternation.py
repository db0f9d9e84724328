import doctest
import re

from hypothesis import given
from hypothesis import strategies as st

from readingroom.timeline import alternation as module
from readingroom.timeline.alternation import alternation

words = st.lists(st.text("abcé.-", min_size=1, max_size=5), min_size=1, max_size=12)


def test_docstring_examples() -> None:
    assert doctest.testmod(module).failed == 0


@given(words, st.text("abcé.- ", max_size=30))
def test_finds_what_a_longest_first_alternation_finds(choices: list[str], text: str) -> None:
    longest_first = "|".join(re.escape(w) for w in sorted(choices, key=len, reverse=True))
    # Also with a condition after the word, which makes the engine back off to shorter words.
    for after in ("", "(?![ab])"):
        plain = re.compile(f"(?:{longest_first}){after}")
        factored = re.compile(alternation(choices) + after)
        found = [m.span() for m in factored.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)]
