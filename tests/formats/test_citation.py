"""One entry of a reading list, in the forms editors write, read into its parts."""

from __future__ import annotations

import pytest

from readingroom.formats.citation import read_citation, split_works
from readingroom.formats.names import is_person_name, parse_names


def _read(text: str) -> tuple[list[str], str, int | None, int | None]:
    cite = read_citation(text)
    assert cite is not None, text
    return [c.name for c in cite.contributors], cite.title, cite.year, cite.pages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lenin, State and Revolution (1917)", (["Lenin"], "State and Revolution", 1917, None)),
        (
            "Rosa Luxemburg – Reform or Revolution (1900)",
            (["Rosa Luxemburg"], "Reform or Revolution", 1900, None),
        ),
        (
            "The Making of the English Working Class by E. P. Thompson (1963)",
            (["E. P. Thompson"], "The Making of the English Working Class", 1963, None),
        ),
        (
            "Marx, Karl, Capital, Volume I. (Penguin, London, 1976, 1,152 pages.) The classic.",
            (["Karl Marx"], "Capital, Volume I", 1976, 1152),
        ),
        (
            "Thompson, E. P. The Making of the English Working Class. "
            "London: Gollancz, 1963. 848 pp.",
            (["E. P. Thompson"], "The Making of the English Working Class", 1963, 848),
        ),
        (
            "Memoirs of a Revolutionary (1951): 400 pages, the memoir of a century.",
            ([], "Memoirs of a Revolutionary", 1951, 400),
        ),
        ("*Germinal* – Émile Zola (1885)", (["Émile Zola"], "Germinal", 1885, None)),
        (
            "Weil, Simone. The Need for Roots. 1949.",
            (["Simone Weil"], "The Need for Roots", 1949, None),
        ),
        (
            "de Beauvoir, Simone, The Second Sex (1949)",
            (["Simone de Beauvoir"], "The Second Sex", 1949, None),
        ),
        (
            "Communist Party of Great Britain, The British Road to Socialism (1951)",
            (["Communist Party of Great Britain"], "The British Road to Socialism", 1951, None),
        ),
    ],
)
def test_author_title_year_pages(text, expected):
    assert _read(text) == expected


def test_a_journal_article_keeps_its_journal_and_pages_to_read():
    cite = read_citation(
        'Thompson, E. P. "Time, Work-Discipline and Industrial Capitalism." '
        "Past & Present 38 (1): 56–97"
    )
    assert cite is not None
    assert [c.name for c in cite.contributors] == ["E. P. Thompson"]
    assert cite.title == "Time, Work-Discipline and Industrial Capitalism"
    assert (cite.container, cite.part, cite.part_pages) == ("Past & Present", "pp. 56–97", 42)


def test_a_chapter_in_an_edited_book_credits_its_editor():
    cite = read_citation(
        'Harvey, D. (2003) "The New Imperialism", '
        "in Panitch, L. (ed.), Socialist Register, pp. 12–40"
    )
    assert cite is not None
    assert [(c.name, c.role) for c in cite.contributors] == [
        ("D. Harvey", "author"),
        ("L. Panitch", "editor"),
    ]
    assert (cite.title, cite.year, cite.part) == ("The New Imperialism", 2003, "pp. 12–40")
    assert cite.container == "Socialist Register"


def test_translators_and_introducers_after_the_title():
    cite = read_citation(
        "Guérin, Daniel, Anarchism: From Theory to Practice. Translated by Mary Klopper, "
        "with an introduction by Noam Chomsky. (Monthly Review Press, New York, 1970, 166 pages.)"
    )
    assert cite is not None
    assert [(c.name, c.role) for c in cite.contributors] == [
        ("Daniel Guérin", "author"),
        ("Mary Klopper", "translator"),
        ("Noam Chomsky", "introduction"),
    ]
    assert (cite.title, cite.publisher, cite.place, cite.pages) == (
        "Anarchism: From Theory to Practice",
        "Monthly Review Press",
        "New York",
        166,
    )


def test_links_marks_and_parts():
    cite = read_citation(
        "[The Conquest of Bread](https://example.org/bread) by Peter Kropotkin (1892)"
    )
    assert cite is not None
    assert (cite.title, cite.url, [c.name for c in cite.contributors]) == (
        "The Conquest of Bread",
        "https://example.org/bread",
        ["Peter Kropotkin"],
    )
    optional = read_citation("Karl Marx, Wage Labour and Capital (1849), chapters 1–3 (optional)")
    assert optional is not None
    assert (optional.importance, optional.part) == ("optional", "chapters 1–3")
    starred = read_citation("* Rosa Luxemburg, *The Mass Strike* (1906)")
    assert starred is not None
    assert starred.importance == "essential"


def test_an_anonymous_work_has_no_author():
    assert _read("Anon., The Miners' Next Step (1912)") == ([], "The Miners' Next Step", 1912, None)


def test_several_works_on_one_line():
    assert split_works("Kropotkin, *The Conquest of Bread* (1892) and *Mutual Aid* (1902)") == [
        "Kropotkin, *The Conquest of Bread* (1892)",
        "Kropotkin, *Mutual Aid* (1902)",
    ]
    assert split_works(
        "*The Dispossessed* (1974) / *Lathe of Heaven* (1971) — both Ursula K. Le Guin"
    ) == [
        "Ursula K. Le Guin, *The Dispossessed* (1974)",
        "Ursula K. Le Guin, *Lathe of Heaven* (1971)",
    ]
    assert split_works("Lenin, *What Is to Be Done?* (1902)") == [
        "Lenin, *What Is to Be Done?* (1902)"
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Marx, Karl and Friedrich Engels", ["Karl Marx", "Friedrich Engels"]),
        ("Hall, C., McClelland, K. and Kaye, H. J.", ["C. Hall", "K. McClelland", "H. J. Kaye"]),
        ("Webb, Sidney & Beatrice", ["Sidney Webb", "Beatrice Webb"]),
        ("Sidney and Beatrice Webb", ["Sidney Webb", "Beatrice Webb"]),
        ("Stedman Jones, G.", ["G. Stedman Jones"]),
        ("V. I. Lenin", ["V. I. Lenin"]),
    ],
)
def test_names_as_lists_write_them(text, names):
    found = parse_names(text)
    assert found is not None
    assert [c.name for c in found] == names


@pytest.mark.parametrize(
    "text",
    ["The Mass Strike", "REFLECTIONS", "State and Revolution", "Fields, Factories and Workshops"],
)
def test_titles_are_not_names(text):
    assert parse_names(text) is None or not all(
        is_person_name(c.name) for c in parse_names(text) or []
    )


def test_a_sentence_is_not_a_citation_of_many_anchors():
    cite = read_citation("We meet on Tuesdays in the upstairs room.")
    assert cite is None or cite.anchors == 0


@pytest.mark.parametrize(
    ("text", "expected", "importance"),
    [
        ("[ ] Steven Shapin - *The Scientific Revolution* (1996)", "Steven Shapin", None),
        ("[x] Dava Sobel - Longitude (1995)", "Dava Sobel", None),
        (
            "Recommended: Robert Nozick, Anarchy, State, and Utopia (1974)",
            "Robert Nozick",
            "recommended",
        ),
        ("Optional: Rosa Luxemburg, The Mass Strike (1906)", "Rosa Luxemburg", "optional"),
        # "Reading" is a title's word as often as a label.
        ("Reading: A Memoir of Books (2003) by Azar Nafisi", "Azar Nafisi", None),
        ("Optional: The Jungle (1906) by Upton Sinclair. A novel.", "Upton Sinclair", "optional"),
    ],
)
def test_task_boxes_and_importance_labels_before_the_citation(text, expected, importance):
    cite = read_citation(text)
    assert cite is not None
    assert ([c.name for c in cite.contributors], cite.importance) == ([expected], importance)


@pytest.mark.parametrize(
    ("text", "names", "title"),
    [
        ("Silent Spring - Rachel Carson (1962)", ["Rachel Carson"], "Silent Spring"),
        (
            "Rosa Luxemburg - Reform or Revolution (1900)",
            ["Rosa Luxemburg"],
            "Reform or Revolution",
        ),
        (
            "Howard Zinn - Declarations of Independence (1990)",
            ["Howard Zinn"],
            "Declarations of Independence",
        ),
    ],
)
def test_either_side_of_a_dash_may_be_the_names(text, names, title):
    assert _read(text)[:2] == (names, title)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ADICHIE Chimamanda Ngozi", ["Chimamanda Ngozi Adichie"]),
        ("DE WAAL Kit", ["Kit de Waal"]),
        ("Stedman Jones, Gareth", ["Gareth Stedman Jones"]),
        ("WAR AND PEACE", None),
    ],
)
def test_names_as_libraries_and_bibliographies_write_them(text, names):
    found = parse_names(text)
    assert (found and [c.name for c in found]) == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Chase, M. (2007) Chartism: a new history. Manchester: Manchester University Press.",
            (["M. Chase"], "Chartism: a new history", 2007, None, "Manchester University Press"),
        ),
        (
            "Binfield, K. (ed.) (2004) Writings of the Luddites. Baltimore: JHU Press.",
            (["K. Binfield"], "Writings of the Luddites", 2004, None, "JHU Press"),
        ),
        (
            "Bamford, S. (1984 [1844]) Passages in the life of a radical. Oxford: OUP.",
            (["S. Bamford"], "Passages in the life of a radical", 1844, 1984, "OUP"),
        ),
        (
            "Engels, F. (1987) The condition of the working class. London: Penguin. [1845]",
            (["F. Engels"], "The condition of the working class", 1845, 1987, "Penguin"),
        ),
    ],
)
def test_harvard_citations(text, expected):
    cite = read_citation(text)
    assert cite is not None
    names = [c.name for c in cite.contributors]
    assert (names, cite.title, cite.year, cite.edition_year, cite.publisher) == expected


def test_a_harvard_article_in_plain_single_quotes():
    cite = read_citation(
        "Hobsbawm, E.J. (1952) 'The machine breakers', Past & Present, 1, pp. 57-70."
    )
    assert cite is not None
    assert (cite.title, cite.container, cite.part, cite.part_pages) == (
        "The machine breakers",
        "Past & Present",
        "pp. 57–70",
        14,
    )


@pytest.mark.parametrize(
    "text", ["Ibid., p. 388.", "Tillett, op. cit., p. 117.", "Raw, loc. cit., pp. 160-2."]
)
def test_a_work_cited_before_is_not_cited_again(text):
    assert read_citation(text) is None


def test_a_one_word_title_after_names_keeps_the_note_after_its_page_count():
    # "Fabian" is also a first name: the year closes the title, and what follows is
    # the page count and the note, not more of the citation.
    cite = read_citation(
        "Erich Kästner, *Fabian* (1931), 240 pages. A young advertising man drifts through"
        " Berlin. Kästner, born in Dresden, Germany, in 1899, watched his books burn."
    )
    assert cite is not None
    assert (cite.title, cite.year, cite.pages, cite.container) == ("Fabian", 1931, 240, None)
    assert cite.note == (
        "A young advertising man drifts through Berlin. Kästner, born in Dresden, Germany,"
        " in 1899, watched his books burn."
    )
