"""The identifiers a catalog keeps for works and authors, as people paste them.

Each scheme reads what editors paste (a bare number, a prefixed one, the record's
URL) into one normal form, and refuses what cannot be one of its identifiers — a
wrong check digit where the scheme has one (ISBN, ISNI). Two records that share a
scheme are the same when their identifiers agree, and different when they do not:
an identifier outranks any reading of names or titles. Links are built from the
normal form; nothing here calls the network.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from readingroom.formats.isbn import compact, is_valid

from .verdict import Match


class BadIdentifier(ValueError):
    """What was given cannot be an identifier of the scheme (the message says why)."""


def _isbn(text: str) -> str:
    number = compact(re.sub(r"^(?:urn:)?isbn(?:-1[03])?:?\s*", "", text, flags=re.I))
    if not re.fullmatch(r"\d{9}[\dX]|\d{13}", number):
        raise BadIdentifier("an ISBN has 10 or 13 digits")
    if not is_valid(number):
        raise BadIdentifier("the ISBN's check digit is wrong")
    return number


def _isni_check(digits: str) -> str:
    """ISO 7064 MOD 11-2, as ISNI and ORCID compute it."""
    total = 0
    for digit in digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def _isni(text: str) -> str:
    number = re.sub(r"^(?:https?://isni\.org/isni/|isni:?)", "", text.strip(), flags=re.I)
    number = re.sub(r"[\s-]", "", number).upper()
    if not re.fullmatch(r"\d{15}[\dX]", number):
        raise BadIdentifier("an ISNI has 16 characters, the last a digit or X")
    if _isni_check(number[:15]) != number[15]:
        raise BadIdentifier("the ISNI's check character is wrong")
    return number


def _pattern(pattern: str, prefixes: str, what: str) -> Callable[[str], str]:
    """A scheme with no check digit: its form, after any of its URL prefixes."""

    def normal(text: str) -> str:
        value = re.sub(rf"^(?:{prefixes})+", "", text.strip(), flags=re.I).strip("/ ")
        match = re.fullmatch(pattern, value, re.I)
        if match is None:
            raise BadIdentifier(what)
        return match[1].upper()

    return normal


@dataclass(frozen=True)
class Scheme:
    name: str
    label: str
    normal: Callable[[str], str]
    link: str  # a URL with {} for the normal form; "" where there is no public page
    for_works: bool
    for_authors: bool

    def url(self, value: str) -> str:
        return self.link.format(value) if self.link else ""


SCHEMES: dict[str, Scheme] = {
    scheme.name: scheme
    for scheme in (
        Scheme("isbn", "ISBN", _isbn, "https://openlibrary.org/isbn/{}", True, False),
        Scheme(
            "olid",
            "Open Library",
            _pattern(
                r"(OL\d+[AMW])",
                r"https?://(?:www\.)?openlibrary\.org/(?:authors|works|books)/",
                "an Open Library ID is OL, digits and A, M or W (OL7353617M)",
            ),
            "https://openlibrary.org/{}",
            True,
            True,
        ),
        Scheme(
            "wikidata",
            "Wikidata",
            _pattern(
                r"(Q[1-9]\d*)",
                r"https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/",
                "a Wikidata item is Q and a number (Q9061)",
            ),
            "https://www.wikidata.org/wiki/{}",
            True,
            True,
        ),
        Scheme(
            "viaf",
            "VIAF",
            _pattern(r"(\d{1,22})", r"https?://(?:www\.)?viaf\.org/viaf/", "a VIAF ID is a number"),
            "https://viaf.org/viaf/{}",
            False,
            True,
        ),
        Scheme("isni", "ISNI", _isni, "https://isni.org/isni/{}", False, True),
        Scheme(
            "lccn",
            "LCCN",
            _pattern(
                r"([a-z]{0,3}\d{8,10})",
                r"https?://lccn\.loc\.gov/",
                "an LCCN is up to three letters and 8 to 10 digits (n79021164, 2001012345)",
            ),
            "https://lccn.loc.gov/{}",
            True,
            True,
        ),
        Scheme(
            "oclc",
            "OCLC",
            _pattern(
                r"(\d{1,12})",
                r"https?://(?:www\.)?worldcat\.org/oclc/|\(OCoLC\)|ocm|ocn|on",
                "an OCLC number is a number",
            ),
            "https://www.worldcat.org/oclc/{}",
            True,
            False,
        ),
    )
}


def normal_identifier(scheme: str, text: str) -> str:
    """``text`` in the scheme's normal form; BadIdentifier if it cannot be one."""
    if scheme not in SCHEMES:
        raise BadIdentifier(f"no scheme {scheme!r} (known: {', '.join(SCHEMES)})")
    value = SCHEMES[scheme].normal(text)
    return value.lower() if scheme == "lccn" else value  # LCCN prefixes are lower case


def compare_identifiers(a: Mapping[str, str], b: Mapping[str, str]) -> Match | None:
    """Same where two records share an identifier, different where they hold two of one
    scheme that disagree; None when they share no scheme."""
    shared = sorted(set(a) & set(b))
    for scheme in shared:
        if a[scheme] != b[scheme] and not _edition(scheme, a[scheme], b[scheme]):
            return Match.different(f"{SCHEMES[scheme].label} {a[scheme]}, and {b[scheme]}")
    agreed = [s for s in shared if a[s] == b[s]]
    if agreed:
        return Match.same(*(f"the same {SCHEMES[s].label} {a[s]}" for s in agreed))
    return None


def _edition(scheme: str, *values: str) -> bool:
    """An identifier of one edition (an ISBN, an OCLC number, an Open Library edition):
    two that differ may be two editions of one work."""
    return scheme in ("isbn", "oclc") or (scheme == "olid" and any(v.endswith("M") for v in values))
