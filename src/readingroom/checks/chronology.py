r"""Chronology: what cannot have happened when the guide says it did.

A work dated before its author was born, or after their death with nothing to say it
came out posthumously or in a later edition; a work whose annotation sets it in a war
or period that began after its year ("it starts with Serge's time in Spain during
WWII", of a novel of 1931); a dated clause of a biography set in an event that was not
going on that year; a state named in a year it did not exist ("arriving in the Soviet
Union in January 1919": it was founded in 1922); a sentence that says it came later
("Two years later, in 1918, …") but is dated before the sentence it follows.

Examples (run by tests/checks/test_examples.py)::

    >>> from readingroom.checks import examples
    >>> serge = ("# Victor Serge\n\nVictor Serge was born in Brussels in 1890 and died in"
    ...          " Mexico City in 1947.\n\n")
    >>> examples(serge + "Early Poems (1880): 40 pages, verse.\n\nTulayev (1948): 309 pages,"
    ...          " a novel.\n\nMemoirs (1951): 396 pages, published after his death.\n",
    ...          "chronology")
    ["5:14 chronology/before-birth '1880'", "7:10 chronology/after-death '1948'"]
    >>> examples(serge + "Birth of Our Power (1931): 221 pages, set in Spain during WWII.\n",
    ...          "chronology")
    ["5:59 chronology/setting 'WWII'"]
    >>> examples("# Victor Serge\n\nVictor Serge was born in 1890. Arriving in the Soviet Union"
    ...          " in January 1919, he joined the party.\n\nB (1931): 2 pages, b.\n", "chronology")
    ["3:44 chronology/state 'the Soviet Union' -> 'Soviet Russia'"]
    >>> examples("# Ana Lima\n\nAna Lima was born in 1890. During the Spanish Civil War, in"
    ...          " 1926, she nursed the wounded.\n\nL (1940): 200 pages, l.\n", "chronology")
    ["3:35 chronology/dated-event 'the Spanish Civil War'"]
    >>> examples("# Ana Lima\n\nAna Lima was born in 1890. In 1920 she moved to Paris. Two"
    ...          " years later, in 1918, she left for Rome.\n\nL (1940): 200 pages, l.\n",
    ...          "chronology")
    ["3:76 chronology/order '1918'"]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from readingroom.timeline.calendar import year_of
from readingroom.timeline.gazetteers import HistoricalEvent, find_events
from readingroom.timeline.segmentation import clause, sentences
from readingroom.timeline.tagger import tag

from .document import Author, Document, Prose, Work, texts, year_offset
from .findings import Finding
from .lives import life_of
from .rules import read_data, rules

_WORD = re.compile(r"[\w'’-]+")
_YEAR_VALUE = re.compile(r"\d{4}")


@dataclass(frozen=True)
class State:
    names: tuple[str, ...]
    founded: int
    ended: int
    before: str | None
    after: str | None
    # The year from which `before` was the name (before it, no name is offered).
    before_from: int | None


@dataclass(frozen=True)
class _Data:
    setting_words: frozenset[str]
    setting_phrases: tuple[str, ...]
    reception: frozenset[str]
    shifted: frozenset[str]
    dating: frozenset[str]
    looking_back: frozenset[str]
    joint: re.Pattern[str]
    after: tuple[str, ...]
    states: tuple[State, ...]
    state_pattern: re.Pattern[str]


@cache
def _data() -> _Data:
    data = read_data("chronology.toml")
    states = tuple(
        State(
            tuple(s["names"]),
            s["from"],
            s["to"],
            s.get("before"),
            s.get("after"),
            s.get("before_from"),
        )
        for s in data["state"]
    )
    names = sorted({n for s in states for n in s.names}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return _Data(
        frozenset(data["setting"]["words"].split()),
        tuple(data["setting"]["phrases"]),
        frozenset(data["setting"]["reception"].split()),
        frozenset(data["setting"]["shifted"].split()),
        frozenset(data["order"]["dating"].split()),
        frozenset(data["order"]["looking_back"].split()),
        re.compile(r"\s(?:" + "|".join(data["setting"]["joints"].split()) + r")\s"),
        tuple(sorted(data["order"]["after"], key=len, reverse=True)),
        states,
        pattern,
    )


def _state(name: str) -> State:
    return next(s for s in _data().states if name in s.names)


def check(document: Document) -> Iterator[Finding]:
    for author in document.authors:
        yield from _works_in_life(document, author)
    for prose in texts(document):
        if isinstance(prose.record, Work):
            yield from _settings(document, prose, prose.record)
        else:
            yield from _order(document, prose)
        yield from _dated(document, prose)


def _works_in_life(document: Document, author: Author) -> Iterator[Finding]:
    life = life_of(author)
    for work in author.works:
        if work.year is None:
            continue
        year = str(work.year)
        if life.birth is not None and work.year < life.birth:
            yield document.finding(
                "chronology/before-birth",
                f"'{work.title.value}' is dated {work.year}, before {author.name} was born"
                f" ({life.birth})",
                work,
                "year",
                work.raw,
                year_offset(work),
                flagged=year,
            )
        if life.death is not None and work.year > life.death and not _later(work.raw.value):
            yield document.finding(
                "chronology/after-death",
                f"'{work.title.value}' is dated {work.year}, after {author.name}'s death"
                f" ({life.death}): give the first publication's year, or say it came out"
                " posthumously",
                work,
                "year",
                work.raw,
                year_offset(work),
                flagged=year,
            )


def _later(entry: str) -> bool:
    """Whether an entry says its year is not its first edition's in the author's life:
    posthumous, a translation, a later edition."""
    limits = rules()
    lowered = entry.lower()
    words = set(_WORD.findall(lowered))
    return bool(words & limits.later_edition) or any(p in lowered for p in limits.posthumous)


def _setting_before(text: str, position: int) -> bool:
    """Whether the words just before `position` set what follows in time ("during")."""
    before = text[max(0, position - 30) : position].lower()
    words = _WORD.findall(before)
    if words and words[-1] == "the":
        words.pop()
    if not words:
        return False
    data = _data()
    tail = " ".join(words[-4:])
    if any(tail.endswith(p) for p in data.setting_phrases):
        return True
    # "widely read during the war, and again during …" tells of the book's readers,
    # not its setting.
    clause = re.split(r"[;:.]", text[max(0, position - 120) : position])[-1].lower()
    return words[-1] in data.setting_words and not data.reception & set(_WORD.findall(clause))


def _settings(document: Document, prose: Prose, work: Work) -> Iterator[Finding]:
    """Named events and states an annotation sets the work in, against its year."""
    value = prose.text.value
    if work.year is None:
        return
    for start, end, event in find_events(value):
        began = year_of(event.start)
        if began is not None and began > work.year and _setting_before(value, start):
            name = value[start:end]
            yield document.finding_in(
                prose,
                "chronology/setting",
                f"{name} began in {began}, after '{work.title.value}' ({work.year}) came out",
                start,
                name,
            )
    for match in _data().state_pattern.finditer(value):
        # A work may be set in a state long gone (The Radetzky March, in Austria-
        # Hungary), never in one not yet founded.
        founded = _state(match[0]).founded
        if work.year < founded and _setting_before(value, match.start()):
            yield from _state_finding(document, prose, match, work.year)


def _dated(document: Document, prose: Prose) -> Iterator[Finding]:
    """Events and states in a clause that gives its own year, against that year: in
    "Her first book, on women who fought during the Second World War, was finished
    in 1983" the war's clause has no year of its own."""
    value = prose.text.value
    spans = sentences(value)
    years = [
        (t.start, t.end, int(t.value[:4]))
        for t in tag(value)
        if t.type == "DATE" and _YEAR_VALUE.match(t.value)
    ]
    if not years:
        return
    mentions: list[tuple[int, int, HistoricalEvent | re.Match[str]]] = [
        (start, end, event)
        for start, end, event in find_events(value)
        if _setting_before(value, start)
    ]
    mentions += [(m.start(), m.end(), m) for m in _data().state_pattern.finditer(value)]
    for start, end, mention in mentions:
        sentence = next((s for s in spans if s[0] <= start < s[1]), None)
        if sentence is None:
            continue
        first, last = _own_stretch(value, start, end, sentence)
        inside = [y for y in years if first <= y[0] < last and not start <= y[0] < end]
        if not inside:
            continue
        if isinstance(mention, HistoricalEvent):
            yield from _event_finding(document, prose, (start, end), mention, inside)
        elif (year := _nearest(inside, start, end)) is not None and not _shifted(value[first:last]):
            yield from _state_finding(document, prose, mention, year)


def _order(document: Document, prose: Prose) -> Iterator[Finding]:
    """A sentence that says it follows the one before ("Two years later, in 1918, …")
    but dates itself before it."""
    value = prose.text.value
    # Years written out: "two years later" is dated by the sentence before it.
    years = [
        (t.start, int(t.value[:4]))
        for t in tag(value)
        if t.type == "DATE" and _YEAR_VALUE.match(t.value) and _YEAR_VALUE.search(t.text)
    ]
    before: list[int] = []
    for start, end in sentences(value):
        inside = [(at, year) for at, year in years if start <= at < end]
        # The sentence's opening words, up to the first comma: "Two years later, …".
        head = value[start:end].split(",", 1)[0].lower()
        opening = " " + " ".join(_WORD.findall(head)[:5]) + " "
        marker = next((m for m in _data().after if f" {m} " in opening), None)
        dated = [(at, year) for at, year in inside if _dates_sentence(value, start, at)]
        if marker is not None and dated and before and dated[0][1] < max(before):
            at, year = dated[0]
            yield document.finding_in(
                prose,
                "chronology/order",
                f"'{marker}' says this came after {max(before)}, but it is dated {year}",
                at,
                str(year),
            )
        if inside:
            before = [year for _, year in inside]


def _dates_sentence(value: str, start: int, at: int) -> bool:
    """Whether the year at `at` dates its sentence ("in 1918"), which no look back
    precedes ("the novel she had begun in 1940")."""
    words = _WORD.findall(value[start:at].lower())
    return bool(words) and words[-1] in _data().dating and not _data().looking_back & set(words)


def _own_stretch(value: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The words a mention's date must come from: its clause, without a predicate
    joined on by "and" ("worked there from 1953 and joined the FLN during the
    Algerian War"); an opening adverbial ("During the war, in 1943, she …") reaches
    into the clause it introduces."""
    first, last = clause(value, start, end, sentence)
    for joint in _data().joint.finditer(value, first, last):
        if joint.end() <= start:
            first = joint.end()
        elif joint.start() >= end:
            last = joint.start()
            break
    if first == sentence[0] and value[last : last + 1] == ",":
        last = clause(value, last + 2, last + 3, sentence)[1]
    return first, last


def _shifted(stretch: str) -> bool:
    """Whether a clause moves away from the year it names ("later banned")."""
    return bool(_data().shifted & set(_WORD.findall(stretch.lower())))


def _nearest(years: list[tuple[int, int, int]], start: int, end: int) -> int | None:
    """The year written nearest a mention, not inside it."""
    outside = [y for y in years if y[1] <= start or y[0] >= end]
    if not outside:
        return None
    return min(outside, key=lambda y: min(abs(y[0] - end), abs(start - y[1])))[2]


def _event_finding(
    document: Document,
    prose: Prose,
    where: tuple[int, int],
    event: HistoricalEvent,
    years: list[tuple[int, int, int]],
) -> Iterator[Finding]:
    began, ended = year_of(event.start), year_of(event.end)
    if began is None or ended is None:
        return
    own = [y[2] for y in years]
    if all(not began <= year <= ended for year in own):
        name = prose.text.value[where[0] : where[1]]
        span = f"{began}–{ended}" if ended != began else str(began)
        yield document.finding_in(
            prose,
            "chronology/dated-event",
            f"{name} ({span}) was not going on in {', '.join(map(str, sorted(set(own))))}",
            where[0],
            name,
        )


def _state_finding(
    document: Document, prose: Prose, match: re.Match[str], year: int
) -> Iterator[Finding]:
    state = _state(match[0])
    if state.founded <= year <= state.ended:
        return
    if year < state.founded:
        message = f"{match[0]} was founded in {state.founded}, after {year}"
        known = state.before_from is None or state.before_from <= year
        instead = state.before if known else None
    else:
        message = f"{match[0]} had ceased to exist by {year} (it ended in {state.ended})"
        instead = state.after
    yield document.finding_in(
        prose,
        "chronology/state",
        message + (f": in {year} it was {instead}" if instead else ""),
        match.start(),
        match[0],
        instead,
    )
