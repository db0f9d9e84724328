r"""Consistency: what the guide says twice, the wrong way round or by a slip of the
keyboard.

The same work listed twice; a page count far outside what books have (or what this
guide's works have); a year range that ends before it starts; a year still to come;
a comma or semicolon left after a page count that nothing follows.

Examples (run by tests/checks/test_examples.py)::

    >>> from readingroom.checks import examples
    >>> for line in examples("# Victor Serge\n\nVictor Serge was born in 1890 and died in 1947.\n\n"
    ...     "Letters (1919–1893): 480 pages, letters.\n\nSpeeches (1914): 200 pages,\n\n"
    ...     "Speeches (1914): 48000 pages, again.\n\nNotes (2199): 10 pages, notes.\n",
    ...     "consistency"):
    ...     print(line)
    5:10 consistency/year-range '1919–1893' -> '1893–1919'
    7:27 consistency/punctuation ',' -> ''
    9:1 consistency/duplicate-work 'Speeches'
    9:18 consistency/page-count '48000'
    11:8 consistency/future-year '2199'
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from datetime import date

from readingroom.identity.titles import title_key

from .document import Document, Work, year_offset
from .findings import Finding
from .rules import rules

_RANGE = re.compile(r"(\d{3,4})(\s*[–—-]\s*)(\d{2,4})")
# A page count that nothing follows but a comma, semicolon or colon ("396 pages,"), or
# whose punctuation is doubled ("396 pages,, a memoir").
_STRAY = re.compile(r"\d\s*(?:pages?|pp\.?)\s*?(?:(\s*[,;:]+)\s*$|(\s*([,;:.])\s*\3+))")
# Enough works to know a guide's usual page count.
_FEW_WORKS = 5


def check(document: Document) -> Iterator[Finding]:
    yield from _duplicates(document)
    yield from _page_counts(document)
    for work in document.works:
        yield from _years(document, work)
        yield from _punctuation(document, work)


def _duplicates(document: Document) -> Iterator[Finding]:
    seen: dict[tuple[str, int | None, tuple[str, ...], str | None, str | None], Work] = {}
    for work in document.works:
        authors = tuple(sorted(a.casefold() for a in work.authors))
        # One work as the identity rules have it: case, articles, editions aside.
        title = title_key(work.title.value)
        key = (" ".join(title.words), title.volume, authors, work.section, work.part)
        first = seen.setdefault(key, work)
        if first is not work and key[0]:
            where = f" (first at line {first.line})" if first.line else ""
            yield document.finding(
                "consistency/duplicate-work",
                f"'{work.title.value}' is listed twice{where}",
                work,
                "title",
                work.title,
                flagged=work.title.value,
            )


def _page_counts(document: Document) -> Iterator[Finding]:
    limits = rules()
    counts = [w.pages for w in document.works if w.pages]
    median = statistics.median(counts) if len(counts) >= _FEW_WORKS else None
    for work in document.works:
        pages = work.pages
        if pages is None:
            continue
        # Short works are common (an essay, a pamphlet among books); a figure many
        # times the guide's usual is a slip of the keyboard far more often.
        odd = pages < limits.fewest_pages or pages > limits.most_pages
        if median is not None:
            odd = odd or pages > median * limits.times_median
        if odd:
            norm = f"; this guide's works have {median:g} as a rule" if median else ""
            yield document.finding(
                "consistency/page-count",
                f"{pages} pages is far from what a work has{norm}: check the figure",
                work,
                "pages",
                work.raw,
                _offset(work.raw.value, rf"\b{pages}(?=\s*(?:pages?|pp))", str(pages)),
                flagged=str(pages),
            )


def _years(document: Document, work: Work) -> Iterator[Finding]:
    if work.year is not None and work.year_end is not None and work.year_end < work.year:
        written = _written_range(work)
        yield document.finding(
            "consistency/year-range",
            f"the years {work.year}–{work.year_end} run the wrong way round",
            work,
            "year",
            work.raw,
            work.raw.value.find(written[0]) if written else 0,
            flagged=written[0] if written else "",
            suggestion=written[1] if written else None,
        )
    if work.year is not None and work.year > date.today().year + 1:
        yield document.finding(
            "consistency/future-year",
            f"{work.year} is a year still to come",
            work,
            "year",
            work.raw,
            year_offset(work),
            flagged=str(work.year),
        )


def _written_range(work: Work) -> tuple[str, str] | None:
    """The range as written ("1940–1936") and the right way round ("1936–1940")."""
    for match in _RANGE.finditer(work.raw.value):
        if match[1] == str(work.year):
            return match[0], f"{match[3]}{match[2]}{match[1]}"
    return None


def _punctuation(document: Document, work: Work) -> Iterator[Finding]:
    raw = work.raw.value.rstrip()
    match = _STRAY.search(raw)
    if match is None:
        return
    group = 1 if match[1] else 2
    stray = match[group].strip()
    yield document.finding(
        "consistency/punctuation",
        f"stray '{stray}' after the page count",
        work,
        "pages",
        work.raw,
        match.start(group) + len(match[group]) - len(match[group].lstrip()),
        flagged=stray,
        suggestion=stray[:1] if group == 2 else "",
    )


def _offset(text: str, pattern: str, part: str) -> int:
    """Where `pattern` (else `part`) stands in the text: a page count's figure, not
    the same digits inside the year."""
    match = re.search(pattern, text)
    return match.start() if match else max(text.find(part), 0)
