"""Properties of the format: canonical text round-trips, and parsing never crashes."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.guidetext import (
    AuthorEntry,
    GuideDecodeError,
    GuideText,
    TextLayout,
    WorkEntry,
    decode_guide,
    parse_guide,
    parse_work,
    write_guide,
)

LETTERS = string.ascii_letters + "éøßçÆ"
WORDS = st.text(LETTERS, min_size=1, max_size=8)


def _phrase(words: st.SearchStrategy[str], separators: str = " ") -> st.SearchStrategy[str]:
    return st.lists(words, min_size=1, max_size=6).flatmap(
        lambda ws: st.lists(
            st.sampled_from(separators), min_size=len(ws) - 1, max_size=len(ws) - 1
        ).map(lambda seps: "".join(w + s for w, s in zip(ws, [*seps, ""], strict=True)))
    )


TITLES = _phrase(WORDS, " ,:'-")
PROSE_LINE = _phrase(
    st.text(LETTERS + "0123456789.,;()'\"–", min_size=1, max_size=8), " \xa0"
).filter(lambda line: line[0] not in "#0123456789,;." and line.strip() == line)
PARAGRAPH = st.lists(PROSE_LINE, min_size=1, max_size=3).map("\n".join)
# Years up to 1995 with ranges of up to 30 years: never in the future (an error).
YEARS = st.integers(1000, 1995)


@st.composite
def works(draw: st.DrawFn, section: str | None) -> WorkEntry:
    year = draw(st.none() | YEARS)
    year_end = draw(st.none() | st.integers(1, 30)) if year is not None else None
    return WorkEntry(
        title=draw(TITLES.filter(lambda t: t.strip() == t and not t.startswith("#"))),
        year=year,
        year_end=year + year_end if year is not None and year_end is not None else None,
        pages=draw(st.none() | st.integers(1, 5000)),
        annotation=draw(st.none() | PARAGRAPH),
        section=section,
    )


@st.composite
def authors(draw: st.DrawFn) -> AuthorEntry:
    biography = draw(
        st.lists(PARAGRAPH.filter(lambda p: parse_work(p) is None), max_size=3).map("\n\n".join)
    )
    entries: list[WorkEntry] = []
    for section in draw(st.lists(st.none() | _phrase(WORDS), min_size=1, max_size=3)):
        entries += draw(st.lists(works(section), min_size=1, max_size=3))
    return AuthorEntry(name=draw(_phrase(WORDS)), biography=biography, works=entries)


guides = st.builds(
    GuideText,
    st.lists(authors(), min_size=1, max_size=3),
    st.builds(TextLayout, st.sampled_from(["\n", "\r\n", "\r"]), st.booleans()),
)


def _content(guide: GuideText) -> list[object]:
    return [
        (a.name, a.biography, [(w.fields(), w.section) for w in a.works]) for a in guide.authors
    ]


@settings(max_examples=300, deadline=None)
@given(guides)
def test_canonical_text_round_trips(guide):
    text = write_guide(guide)
    result = parse_guide(text)
    assert result.errors == []
    assert _content(result.guide) == _content(guide)
    assert write_guide(result.guide) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parse_never_crashes_on_text(text):
    result = parse_guide(text)
    assert isinstance(result.problems, list)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_either_decodes_or_explains(data):
    try:
        parse_guide(decode_guide(data).text)
    except GuideDecodeError as exc:
        message = exc.message
    else:
        message = "decoded"
    assert message
