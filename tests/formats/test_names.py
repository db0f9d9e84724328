"""names.py's quick refusal (may_be_names) never refuses what the parser reads as names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.formats import names
from readingroom.formats.lexicon import lexicon

LISTS = Path(__file__).parent / "lists"


def _words() -> list[str]:
    """Words of every kind the parser tells apart, each in the cases lists write."""
    vocab = lexicon()
    pools = [
        sorted(vocab.given_names)[::20],
        sorted(vocab.name_particles),
        sorted(vocab.title_words)[::3],
        sorted(vocab.corporate)[::4],
        [phrase for phrase in vocab.roles if " " not in phrase],
        ["Marx", "Engels", "Luxemburg", "Thompson", "Webb", "Hobsbawm", "O'Brian", "Rudé"],
        ["E.", "P.", "E. P.", "J.-P.", "K", "St.", "Jr."],
        ["and", "&", "with", "by", "edited", "translated", "introduction", "an", "of"],
        ["1917", "2nd", "HIS2043", "vol.", "pp.", "(ed.)", "(eds)", "Capital,", "History."],
        ["MARX", "LENIN", "BBC", "DE", "McCARTHY", "Anon.", "Anonymous"],
    ]
    words = [word for pool in pools for word in pool]
    return words + [w.title() for w in words] + [w.upper() for w in words]


_SEPARATORS = [" ", " ", " ", ", ", " and ", " & ", "; ", ". ", " / ", " with "]


@st.composite
def _name_texts(draw: st.DrawFn) -> str:
    count = draw(st.integers(1, 6))
    text = draw(st.sampled_from(_WORDS))
    for _ in range(count - 1):
        text += draw(st.sampled_from(_SEPARATORS)) + draw(st.sampled_from(_WORDS))
    return text


_WORDS = _words()


@settings(max_examples=3000, deadline=None)
@given(_name_texts(), st.sampled_from(["author", "editor"]))
def test_never_refuses_names(text: str, role: names.Role) -> None:
    if names._parse_names(text, role) is not None:
        assert names.may_be_names(text), text


def _fixture_cuts() -> list[str]:
    """Every run of a fixture line up to a comma, full stop or colon: the texts the
    citation reader asks about."""
    cuts: set[str] = set()
    for path in LISTS.rglob("*"):
        if path.suffix not in (".txt", ".md") or path.name.startswith("SOURCES"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip(" -*#>")
            cuts.update(line[:i] for i, c in enumerate(line) if c in ",.:;(")
            cuts.add(line)
    return sorted(cut for cut in cuts if cut.strip())


def test_never_refuses_names_in_the_lists() -> None:
    cuts = _fixture_cuts()
    assert len(cuts) > 5000
    refused_names = [
        cut
        for cut in cuts
        if not names.may_be_names(cut) and names._parse_names(cut, "author") is not None
    ]
    assert refused_names == []
    # …and it is worth having: most of those runs are refused without parsing.
    refused = sum(not names.may_be_names(cut) for cut in cuts)
    assert refused > len(cuts) / 2


@pytest.mark.parametrize(
    "text",
    [
        "Marx, Karl",
        "Sidney and Beatrice Webb",
        "Webb, sidney & beatrice",
        "Simone de Beauvoir",
        "Beauvoir, Simone de",
        "Hobsbawm, Eric (ed.)",
        "edited by Colin Ward",
        "Introduction by Eric Hobsbawm",
        "Communist Party of Great Britain",
        "Workers' Educational Association 1903",
        "ADICHIE Chimamanda Ngozi",
    ],
)
def test_names_pass(text: str) -> None:
    assert names.may_be_names(text)
    assert names.parse_names(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "The Making of the English Working Class",
        "Karl Marx, Capital",
        "Thompson, The Making of the English Working Class",
        "1853–1932",
        "Selected Works, Volume 2",
        "Selina Todd, The People: A History",
    ],
)
def test_refused_at_once(text: str) -> None:
    assert not names.may_be_names(text)
    assert names.parse_names(text) is None
