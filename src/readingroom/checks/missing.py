r"""Missing: what a reader of the guide will look for and not find.

An author's full name, when the guide only implied one ("Serge", taken from the
biography) or credits a surname alone; the years of birth and death, when a
biography is given but tells neither; a work's year, page count and annotation, when
the guide gives them as a rule (its format asks for them, or most of its works have
them) and this work lacks one.

Examples (run by tests/checks/test_examples.py)::

    >>> from readingroom.checks import examples
    >>> examples("# Ana Lima\n\nAna Lima was born in Porto in 1980.\n\n"
    ...          "Sea: 200 pages, poems.\n\nSand (2001): 90 pages,\n\n"
    ...          "Dune (2010): a novel of the coast.\n", "missing")
    ['5:1 missing/year', '7:1 missing/annotation', '9:1 missing/pages']
    >>> for line in examples("# Serge\n\nSerge wrote.\n\nA (1920): 10 pages, a.\n\n"
    ...     "# Victor Serge\n\nVictor Serge was born in 1890.\n\nB (1931): 200 pages, b.\n",
    ...     "missing"):
    ...     print(line)
    1 missing/author-name 'Serge' -> 'Victor Serge'
    3:1 missing/birth-year
    9:1 missing/death-year
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .document import Document
from .findings import Finding
from .lives import life_of
from .rules import rules

_FIELD_WORDS = {"year": "year", "pages": "page count", "annotation": "annotation"}


def check(document: Document) -> Iterator[Finding]:
    yield from _names(document)
    yield from _life_years(document)
    yield from _work_fields(document)


def _names(document: Document) -> Iterator[Finding]:
    for author in document.authors:
        if author.name_inferred:
            yield document.finding(
                "missing/author-name",
                f"the guide gives no name for this author; '{author.name}' was taken from"
                " the biography: write the full name as a heading",
                author,
                "name",
                flagged=author.name,
            )
        elif (fuller := _fuller(document, author.name)) is not None:
            yield document.finding(
                "missing/author-name",
                f"'{author.name}' is one name, and the guide also has {fuller}:"
                " give the author's full name",
                author,
                "name",
                flagged=author.name,
                suggestion=fuller,
            )


def _fuller(document: Document, name: str) -> str | None:
    """Another author of the guide whose name ends with this one-word name ("Serge"
    and "Victor Serge"): a one-word name alone may be the author's own (Stendhal)."""
    if " " in name.strip():
        return None
    return next(
        (
            other.name
            for other in document.authors
            if other.name != name and other.name.split()[-1:] == [name]
        ),
        None,
    )


def _life_years(document: Document) -> Iterator[Finding]:
    this_year = date.today().year
    told = [a for a in document.authors if a.biography is not None]
    lives = {id(a): life_of(a) for a in told}
    if not document.strict and sum(lives[id(a)].birth is not None for a in told) * 2 < len(told):
        return  # a list whose notes on people do not date them as a rule
    for author in told:
        assert author.biography is not None
        life = lives[id(author)]
        if life.birth is None:
            yield document.finding(
                "missing/birth-year",
                "the biography gives no year of birth",
                author,
                "biography",
                author.biography,
            )
        long_dead = life.birth is not None and this_year - life.birth > rules().longest_life
        if life.death is None and (life.dies or long_dead):
            yield document.finding(
                "missing/death-year",
                "the biography gives no year of death",
                author,
                "biography",
                author.biography,
            )


def _work_fields(document: Document) -> Iterator[Finding]:
    for work in document.works:
        for name in ("year", "pages", "annotation"):
            if name in document.expected and getattr(work, name) is None:
                yield document.finding(
                    f"missing/{name}",
                    f"'{work.title.value}' has no {_FIELD_WORDS[name]}",
                    work,
                    name,
                    work.raw,
                )
