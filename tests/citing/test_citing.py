"""Citations in each style, safe as HTML, sorted as the style sorts; the CSL test suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from readingroom import cli
from readingroom.citing import STYLES, bibliography
from readingroom.formats.records import Contributor, ListEntry

CAPITAL = ListEntry(
    title="Capital",
    contributors=[Contributor("Karl Marx"), Contributor("Ben Fowkes", "translator")],
    year=1867,
    edition_year=1990,
    publisher="Penguin",
    place="London",
)


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            "apa",
            "Marx, K. (1990). Capital (B. Fowkes, Trans.). Penguin. (Original work published 1867)",
            marks=pytest.mark.xfail(
                strict=True, reason="citeproc-py writes APA 7's 'Trans.' as 'trans.'"
            ),
        ),
        ("mla", "Marx, Karl. Capital. 1867. Translated by Ben Fowkes, Penguin, 1990."),
        (
            "chicago-author-date",
            "Marx, Karl. (1867) 1990. Capital. Translated by Ben Fowkes. Penguin.",
        ),
        ("harvard", "Marx, K. (1990) Capital. Translated by B. Fowkes. London: Penguin."),
    ],
)
def test_a_translated_book_in_each_style(style, expected):
    assert bibliography([CAPITAL], style, html=False) == [expected]


def test_full_given_names_stay_whole_where_the_style_says_so():
    """citeproc-py alone writes "Marx, K." in MLA and Chicago (it ignores
    initialize="false"); initials already written take the style's full stop."""
    thompson = ListEntry(title="Whigs and Hunters", contributors=[Contributor("E P Thompson")])
    assert bibliography([thompson], "mla", html=False) == ["Thompson, E. P. Whigs and Hunters."]
    assert bibliography([CAPITAL], "chicago-notes", html=False)[0].startswith("Marx, Karl.")


def test_entries_in_the_styles_order():
    zulu = ListEntry(title="Z", contributors=[Contributor("Zed Zulu")], year=1900)
    able = ListEntry(title="A", contributors=[Contributor("Abe Able")], year=1950)
    assert [e.split(",")[0] for e in bibliography([zulu, able], "apa", html=False)] == [
        "Able",
        "Zulu",
    ]


def test_html_escapes_the_text_and_keeps_the_styles_italics():
    hostile = ListEntry(
        title="<script>alert(1)</script> & co", contributors=[Contributor("Ann Lee")]
    )
    [entry] = bibliography([hostile], "apa")
    assert "<script>" not in entry
    assert "<i>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</i>" in entry


def test_the_command_line_names_every_style():
    assert set(cli._STYLE_KEYS) == set(STYLES)


SUITE = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "csl-test-suite" / "humans"


def test_the_csl_test_suite_passes_as_often_as_citeproc_alone_or_more():
    if not SUITE.exists():
        pytest.skip(f"the CSL test suite is not at {SUITE}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from citeproc import model

    import csl_suite_eval

    paths = sorted(SUITE.glob("*.txt"))
    patched = model.Name.initialize
    try:
        ours = csl_suite_eval.score(paths, patched)
        alone = csl_suite_eval.score(paths, csl_suite_eval.citing.CITEPROC_INITIALIZE)
    finally:
        model.Name.initialize = patched
    for kind in ("all", "names", "books"):
        assert ours[f"{kind} passed"] >= alone[f"{kind} passed"], kind
    # Floors at today's figures (benchmarks/csl_suite_eval.py; docs/benchmarks.md).
    assert ours["all passed"] / ours["all cases"] >= 0.51
    assert ours["names passed"] / ours["names cases"] >= 0.77
