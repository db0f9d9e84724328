from readingroom.guidetext import decode_guide, parse_guide, parse_work, write_guide


def test_seed_author_is_inferred_as_serge(seed_bytes):
    result = parse_guide(decode_guide(seed_bytes).text)
    assert result.problems == []
    [author] = result.guide.authors
    assert (author.name, author.name_inferred, author.has_heading) == ("Serge", True, False)
    assert author.biography.count("\n\n") == 4  # five paragraphs
    assert "he soon became\na committed Marxist" in author.biography
    assert author.biography.count("\xa0") == 2


def test_seed_works_in_order(seed_bytes):
    works = parse_guide(decode_guide(seed_bytes).text).guide.works
    assert [w.title for w in works] == [
        "Memoirs of a Revolutionary",
        "What Every Radical Should Know",
        "Birth of Our Power",
        "Midnight in the Century",
        "The Case of Comrade Tulayev",
    ]
    assert [w.year for w in works] == [None, 1926, 1931, 1939, None]
    assert [w.pages for w in works] == [396, 131, 221, 199, 309]
    assert [w.annotation is None for w in works] == [True, False, False, True, True]
    assert works[1].annotation.startswith("was written while Serge")
    assert works[2].annotation.startswith("a heavily autobiographical novel")
    assert [w.line_start for w in works] == [12, 14, 16, 18, 20]


def test_seed_writes_back_exactly(seed_bytes):
    text = decode_guide(seed_bytes).text
    assert write_guide(parse_guide(text).guide) == text


def test_headings_sections_and_authors():
    text = (
        "# Rosa Luxemburg\n\nBio one.\n\nBio two.\n\n## Early\n\n"
        "Reform or Revolution (1899): 96 pages, on Bernstein.\n\n## Late\n\n"
        "The Russian Revolution (1918): 80 pp.\n\n# Peter Kropotkin\n\n"
        "Mutual Aid: A Factor of Evolution (1902): 348 pages\n"
    )
    result = parse_guide(text)
    assert result.problems == []
    rosa, peter = result.guide.authors
    assert rosa.name == "Rosa Luxemburg"
    assert not rosa.name_inferred
    assert rosa.biography == "Bio one.\n\nBio two."
    assert [(w.title, w.section) for w in rosa.works] == [
        ("Reform or Revolution", "Early"),
        ("The Russian Revolution", "Late"),
    ]
    assert rosa.works[1].pages == 80
    # A new author starts outside any section; the title keeps its colon.
    assert [(w.title, w.section) for w in peter.works] == [
        ("Mutual Aid: A Factor of Evolution", None)
    ]
    assert write_guide(result.guide) == text


def test_work_line_variants():
    assert parse_work("Fields, Factories and Workshops (1898–99): 272 pages").year_end == 1899
    assert parse_work("Capital (1867-1894): 1,152 pages").pages == 1152
    assert parse_work("Capital (1867-1894): 1,152 pages").year_end == 1894
    assert parse_work("A Pamphlet: 1 p.").pages == 1
    no_pages = parse_work("Essays (1910): the lectures, collected")
    assert (no_pages.pages, no_pages.annotation) == (None, "the lectures, collected")
    unknown = parse_work("Letters: ? pages, undated")
    assert (unknown.pages, unknown.year, unknown.annotation) == (None, None, "undated")
    nbsp = parse_work("Title (1931):\xa0221\xa0pages, a novel")
    assert (nbsp.year, nbsp.pages, nbsp.annotation) == (1931, 221, "a novel")
    assert parse_work("Born in Brussels, he grew up poor.") is None


def test_hard_line_break_inside_an_annotation():
    text = "# A\n\nT (1900): 10 pages, first line\nsecond line"
    [work] = parse_guide(text).guide.works
    assert work.annotation == "first line\nsecond line"
    assert write_guide(parse_guide(text).guide) == text


def test_crlf_and_final_newline_are_kept():
    text = "# A\r\n\r\nBio.\r\n\r\nT (1900): 10 pages\r\n"
    result = parse_guide(text)
    assert result.guide.layout.newline == "\r\n"
    assert result.guide.works[0].title == "T"
    assert write_guide(result.guide) == text


def test_paragraph_after_works_that_is_not_a_work_is_an_error():
    result = parse_guide("# A\n\nT (1900): 10 pages\n\nThe Case of Comrade Tul")
    [error] = result.errors
    assert error.line == 5
    assert "expected a work" in error.message


def test_text_without_works_is_an_error():
    result = parse_guide("Just some prose.\n\nMore prose.")
    assert [e.message for e in result.errors] == [
        "no works found; expected paragraphs like 'Title (Year): N pages, annotation' "
        "after the biography"
    ]


def test_impossible_years_are_errors_and_zero_pages_a_warning():
    result = parse_guide("# A\n\nT (2999): 0 pages\n\nU (1930–1920): 5 pages")
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "year 2999 is in the future"),
        (5, "year range ends (1920) before it starts (1930)"),
    ]
    assert [(w.line, w.message) for w in result.warnings] == [(3, "page count is 0")]


def test_short_end_years_run_forwards():
    assert parse_work("Letters (1999–00): 10 pages").year_end == 2000
    assert parse_work("Letters (1940–41): 10 pages").year_end == 1941
    assert parse_work("Letters (1895–905): 10 pages").year_end == 1905


def test_limits_are_errors_at_their_line():
    long_name = "N" * 256
    text = f"# {long_name}\n\n## {'S' * 256}\n\n{'T' * 501} (1900): 10 pages\n\nU: 100001 pages\n"
    messages = [(e.line, e.message) for e in parse_guide(text).errors]
    assert messages == [
        (1, "name is 256 characters long; the limit is 255"),
        (3, "section is 256 characters long; the limit is 255"),
        (5, "title is 501 characters long; the limit is 500"),
        (7, "page count 100,001 is out of range (0 to 100,000)"),
    ]


def test_a_runaway_biography_is_an_error_without_holding_it_all():
    from readingroom.limits import LONG_TEXT

    line = "word " * 20
    lines = (LONG_TEXT // len(line)) + 10
    reader_text = (line + "\n") * lines + "\nT (1900): 10 pages\n"
    result = parse_guide(reader_text)
    [error] = result.errors
    assert error.line == 1
    assert "runs past 4,000,000 characters" in error.message
    assert len(result.guide.authors[0].biography) <= LONG_TEXT
    # In several paragraphs, the paragraph that crosses the limit is named.
    paragraphs = "\n\n".join([line * 10_000] * 30) + "\n\nT (1900): 10 pages\n"
    # The fourth paragraph takes the biography past 4,000,000 characters.
    [error] = parse_guide(paragraphs).errors
    assert (error.line, "the biography runs past" in error.message) == (
        7,
        True,
    )  # the fourth paragraph passes 4,000,000


def test_cr_only_files_are_one_convention():
    text = "# A\r\rBio.\r\rT (1900): 10 pages\r"
    result = parse_guide(text)
    assert result.problems == []
    assert (result.guide.layout.newline, result.guide.layout.final_newline) == ("\r", True)
    assert write_guide(result.guide) == text


def test_pieces_parse_as_the_whole():
    from readingroom.guidetext.parser import GuideReader

    text = "# A\r\n\r\nBio one.\r\n \r\nBio two.\r\n\r\nT (1900): 10 pages, note\r\nmore\r\n"
    whole = parse_guide(text)
    reader = GuideReader()
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    assert list(reader.authors(pieces)) == whole.guide.authors
    assert (reader.layout, reader.problems, reader.lines) == (whole.guide.layout, [], 8)
    assert whole.guide.authors[0].biography == "Bio one.\n \nBio two."


def test_mixed_line_endings_warn():
    result = parse_guide("# A\r\n\nT (1900): 10 pages")
    assert [w.message for w in result.warnings] == [
        "mixed line endings; the file will be written back with CRLF"
    ]


def test_more_warnings_than_are_kept_are_counted_as_warnings():
    works = "\n\n".join(f"Work {n} (1900): 0 pages" for n in range(1_001))
    result = parse_guide(f"# A\n\n{works}\n")
    assert result.errors == []
    assert result.warnings[-1].message == "… and 1 more warning"
    errors = "\n\n".join(f"W{n} (1900): 1 page\n\nnot a work" for n in range(600))
    # 1,001 warnings are met first and 1,000 kept: the 600 errors after them are
    # counted, and make the count an error.
    problems = parse_guide(f"# A\n\n{works}\n\n{errors}\n").problems
    assert [(p.severity, p.message) for p in problems[-2:]] == [
        ("error", "… and 600 more errors"),
        ("warning", "… and 1 more warning"),
    ]


def test_a_page_count_of_thousands_of_digits_is_an_error_not_a_crash():
    [error] = parse_guide(f"# A\n\nT (1900): {'9' * 5000} pages\n").errors
    assert (error.line, error.message) == (
        3,
        "page count has more than 18 digits; the most is 100,000",
    )


def test_a_name_whose_sort_name_is_beyond_the_limit_is_an_error():
    name = "N" * 127 + " " + "M" * 127  # 255 characters; "M…, N…" would be 256
    [error] = parse_guide(f"# {name}\n\nT (1900): 1 page\n").errors
    assert (error.line, error.message) == (1, "sort name is 256 characters long; the limit is 255")
