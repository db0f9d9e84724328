"""A rule-based temporal-expression tagger producing TIMEX3 values.

`tag(text, reference)` finds dates, times, durations and sets in English prose
and normalises each to a TIMEX3 type, value and modifier. Deictic expressions
("yesterday", "last year", a weekday) are resolved against `reference` — a news
story's creation date, or a biography's running date when there is none;
anaphoric ones ("a year earlier", "the same year", "the following spring") are
resolved against the last date the text mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import add_months, easter, shift, span, year_of
from .casing import lower
from .taggerdata import DATA


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str
    mod: str | None = None
    # The date the narrative had reached when this expression came: what an
    # "after two months" or "the next four years" counts from.
    anchor: str | None = None
    # For a named event (the February Revolution): where it ends.
    end_value: str | None = None


_LEXICON = DATA.lexicon
_NUMBERS: dict[str, int] = _LEXICON["numbers"]
_VAGUE = frozenset(DATA.words("vague_amounts"))
_ORDINALS: dict[str, int] = _LEXICON["ordinals"]
_MONTHS: dict[str, int] = _LEXICON["months"] | _LEXICON["month_abbreviations"]
_WEEKDAYS: dict[str, int] = _LEXICON["weekdays"]
_UNITS: dict[str, str] = _LEXICON["units"]
_PARTS: dict[str, str] = _LEXICON["parts_of_day"]
_SEASONS: dict[str, str] = _LEXICON["seasons"]
_MODS: dict[str, str] = _LEXICON["modifiers"]
_DECADE_WORDS: dict[str, int] = _LEXICON["decade_words"]
_QUARTERS: dict[str, int] = _LEXICON["quarters"]
_OFFSETS: dict[str, int] = _LEXICON["offsets"]
_ANAPHORIC = frozenset(DATA.words("anaphoric"))
_DEICTIC_DAYS: dict[str, int] = _LEXICON["deictic_days"]
_REFERENCES: dict[str, str] = _LEXICON["references"]
_SET_ADVERBS: dict[str, str] = _LEXICON["set_adverbs"]
_VAGUE_SPANS: dict[str, str] = _LEXICON["vague_spans"]
_YEAR_CENTURIES: dict[str, int] = _LEXICON["year_centuries"]
_FIXED_FEASTS: dict[str, str] = _LEXICON["fixed_feasts"]
_MOVABLE_FEASTS: dict[str, int] = _LEXICON["movable_feasts"]
_FEAST_MONTHS = frozenset(DATA.words("feast_months"))


def _number(word: str) -> int | None:
    word = word.lower().replace("-", " ")
    if word in _NUMBERS:
        return _NUMBERS[word]
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return int(float(word))
    parts = word.split()
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        return _NUMBERS[parts[0]] + _NUMBERS[parts[1]]
    return None


def _unit_code(unit: str) -> str:
    singular = unit.lower().rstrip("s").replace("centurie", "century")
    return _UNITS.get(singular, "Y")


def _duration(amount: int | None, unit: str) -> str:
    code = _unit_code(unit)
    count = "X" if amount is None else str(amount)
    if code == "DE":
        return f"P{amount * 10}Y" if amount is not None else "PXDE"
    if code == "CE":
        return f"P{amount * 100}Y" if amount is not None else "PXCE"
    if code in ("H", "MIN", "S"):
        return f"PT{count}{'M' if code == 'MIN' else code}"
    if code == "WE":
        return f"P{count}WE"
    return f"P{count}{code}"


class _Resolver:
    """Turns matched expressions into values, given the reference and running anchor."""

    def __init__(self, reference: date | None) -> None:
        self.reference = reference
        self.anchor: str | None = reference.isoformat() if reference else None
        # Set by a rule whose date is a comparison looked back to ("a year ago", "the
        # year-earlier quarter"): the text has not moved there, so the anchor stays.
        self.looked_back = False

    # The date deictic words count from: the story's date, else the narrative's.
    @property
    def now(self) -> str | None:
        return self.reference.isoformat() if self.reference else self.anchor

    def year(self) -> int | None:
        return year_of(self.now)

    def remember(self, value: str) -> None:
        if re.match(r"\d{4}", value):
            # "the next day" after "1838" is 1838-XX-XX: the text is still where it was.
            if "X" in value and self.anchor and self.anchor[:4] == value[:4]:
                return
            self.anchor = value

    def month_value(
        self, month: int, rel: str | None, tense: str | None, day: int | None = None
    ) -> str:
        """A month (or a day of one) given without a year, placed by the tense of its
        verb: in news from the creation date, in a biography from the narrative's date."""
        text = f"{month:02d}" + (f"-{day:02d}" if day else "")
        if self.reference is not None:
            base: str | None = self.reference.isoformat()
        else:
            base = self.anchor if self.anchor and re.match(r"\d{4}", self.anchor) else None
        if base is None:
            return f"XXXX-{text}"
        year = int(base[:4])
        if len(base) < 7 or not base[5:7].isdigit():
            return f"{year:04d}-{text}"
        # Compared at the precision both have: a month with a day only when both do.
        with_days = bool(day) and len(base) >= 10
        here = (int(base[5:7]), int(base[8:10]) if with_days else 0)
        there = (month, day if with_days and day else 0)
        direction = _direction(rel, tense, narrative=self.reference is None)
        if self.reference is None and abs(direction) < 2:
            pass  # the narrative's simple past keeps the year it has reached
        elif (direction == -1 and there > here) or (direction == -2 and there >= here):
            year -= 1
        elif (direction == 1 and there < here) or (direction == 2 and there <= here):
            year += 1
        elif direction == 0:
            year += (month - here[0] < -6) - (month - here[0] > 6)
        return f"{year:04d}-{text}"

    def weekday_value(self, weekday: int, rel: str | None, tense: str | None) -> str:
        """A weekday, placed by the tense of its verb from the creation date or from
        the day the narrative has reached."""
        if self.reference is not None:
            base = self.reference
        elif self.anchor and len(self.anchor) >= 10 and self.anchor[:4].isdigit():
            base = date.fromisoformat(self.anchor[:10])
        else:
            return f"XXXX-WXX-{weekday}"
        today = base.isoweekday()
        if rel == "this":
            return (base + timedelta(days=weekday - today)).isoformat()
        # The first of the seven days the weekday is looked for in.
        first = {-2: -7, -1: -6, 0: -3, 1: 0, 2: 1}[_direction(rel, tense, self.reference is None)]
        return (base + timedelta(days=first + (weekday - today - first) % 7)).isoformat()

    def relative_unit(self, rel: str, unit: str) -> str | None:
        """'last year', 'this month', 'next week', 'the same year' … as a DATE value."""
        rel = rel.lower().removeprefix("the ")
        anaphoric = rel in _ANAPHORIC
        base = self.anchor if anaphoric else self.now
        if base is None:
            return None
        offset = _OFFSETS.get(rel, 0)
        code = _unit_code(unit)
        year = year_of(base)
        assert year is not None
        if code == "Y":
            return str(year + offset)
        if code == "DE":
            return str((year + 10 * offset) // 10)
        if code == "CE":
            return f"{year // 100 + offset:02d}"
        if code == "Q":
            month = int(base[5:7]) if len(base) >= 7 and base[5:7].isdigit() else None
            if month is None:
                return f"{year}-QX"
            index = year * 4 + (month - 1) // 3 + offset
            return f"{index // 4}-Q{index % 4 + 1}"
        if code == "M":
            if len(base) < 7 or not base[5:7].isdigit():
                return f"{year}-XX"
            y, m = add_months(year, int(base[5:7]), offset)
            return f"{y:04d}-{m:02d}"
        if code in ("W", "WE"):
            if len(base) < 10:
                return f"{year}-WXX"
            day = date.fromisoformat(base[:10]) + timedelta(weeks=offset)
            iso = day.isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}" + ("-WE" if code == "WE" else "")
        if code == "D":
            return shift(base[:10], offset, "D") if len(base) >= 10 else None
        return None

    def moved(self, amount: int | None, unit: str, direction: int, anaphoric: bool) -> str | None:
        """'two years ago', 'a year earlier', 'three months later'."""
        if re.fullmatch(r"\d{4}-Q\d", self.anchor or "") and _unit_code(unit) in ("Y", "Q"):
            anaphoric = True
        base = self.anchor if anaphoric else self.now
        if base is None or amount is None:
            return None
        code = _unit_code(unit)
        if code == "DE":
            amount, code = amount * 10, "Y"
        if code == "Y" and not anaphoric:
            base = base[:4]
        if code == "M" and not anaphoric:
            base = base[:7]
        if code == "Q":
            quarter = base if re.fullmatch(r"\d{4}-Q\d", base) else None
            if quarter is None and len(base) >= 7 and base[5:7].isdigit():
                quarter = f"{base[:4]}-Q{(int(base[5:7]) - 1) // 3 + 1}"
            return shift(quarter, direction * amount, "Q") if quarter else None
        moved = shift(base, direction * amount, code if code in "YMWD" else "Y")
        if moved is None and code in ("M", "W", "D"):
            return None
        if moved and code == "W" and len(moved) >= 10:
            iso = date.fromisoformat(moved[:10]).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}"
        return moved


Rule = Callable[[re.Match[str], _Resolver], tuple[str, str | None, str | None] | None]
# Each rule's normalisation, by the name its pattern has in data/tagger-patterns.toml.
_FUNCTIONS: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        _FUNCTIONS[name] = function
        return function

    return register


def _direction(rel: str | None, tense: str | None, narrative: bool) -> int:
    """Where an expression without a year falls from the date it counts from: -2
    strictly before, -1 on or before, 0 the nearest, 1 on or after, 2 strictly after.
    "last" and "next" say it; else the tense does. A narrative's simple past is its
    present, which moves on: its pluperfect looks back, its future in the past on."""
    if rel in ("last", "next"):
        return -2 if rel == "last" else 2
    if narrative:
        return {"PLUPERFECT": -2, "FUTURE": 2}.get(tense or "", 1)
    return {"PAST": -1, "PLUPERFECT": -1, "FUTURE": 1}.get(tense or "", 0)


def _alternatives(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_TENSES = _LEXICON["tense"]
_CHAIN = rf"(?:\s+(?:{_alternatives(_TENSES['auxiliary'])}|[a-z]+ly))*(?:\s+[a-z]+)?"
# A verb group's tense: an auxiliary with what follows it, or a finite verb.
_VERB_GROUP = re.compile(
    rf"\b(?:(?P<FUTURE>(?:{_alternatives(_TENSES['future'])}){_CHAIN})"
    rf"|(?P<PLUPERFECT>(?:{_alternatives(_TENSES['pluperfect'])}){_CHAIN})"
    rf"|(?P<PRESENT>(?:{_alternatives(_TENSES['present'])}){_CHAIN})"
    rf"|(?P<PAST>(?:{_alternatives(_TENSES['past'])}){_CHAIN}"
    rf"|(?!{_alternatives(_TENSES['not_past'])}\b)[a-z]{{3,}}{_TENSES['past_suffix']})"
    rf"|(?P<INFINITIVE>to{_CHAIN}))\b"
)
# Where the clause of an expression's verb ends: a punctuation mark or a word that
# opens another clause ("that", "which"); a comma ends a narrower one.
_CLAUSE_END = re.compile(rf"[.;:!?\n()]|\b(?:{_alternatives(_TENSES['clause_words'])})\b")
_COMMA = re.compile(r",")
_ABBREVIATION = re.compile(
    rf"(?:\b[A-Z][a-z]{{0,3}}|\b[a-z]|\b(?:{_alternatives(_TENSES['abbreviations'])}))\.\Z"
)


def _tense(m: re.Match[str]) -> str | None:
    """The tense of the verb that governs a match (PAST, PLUPERFECT, PRESENT or
    FUTURE; none for an infinitive or where no verb stands): the nearest verb group
    before it, else the first after it, in its comma-bounded phrase, else in its clause."""
    text, start, end = m.string, m.start(), m.end()
    clause_start = _clause_start(text, max(start - 100, 0), start, _CLAUSE_END)
    clause_end = _CLAUSE_END.search(text, end, end + 80)
    stop = clause_end.start() if clause_end else min(len(text), end + 80)
    phrase_start = _clause_start(text, clause_start, start, _COMMA)
    comma = _COMMA.search(text, end, stop)
    phrase_stop = comma.start() if comma else stop
    for low, high, last in (
        (phrase_start, start, True),
        (end, phrase_stop, False),
        (clause_start, phrase_start, True),
        (phrase_stop, stop, False),
    ):
        groups = list(_VERB_GROUP.finditer(text, low, high))
        if groups:
            group = groups[-1] if last else groups[0]
            return None if group.lastgroup == "INFINITIVE" else group.lastgroup
    return None


def _clause_start(text: str, low: int, high: int, ends: re.Pattern[str]) -> int:
    for stop in ends.finditer(text, low, high):
        # A full stop after an abbreviation ("Sept.", "Mr.") ends no clause.
        if stop.group() != "." or not _ABBREVIATION.search(text, low, stop.end()):
            low = stop.end()
    return low


def _month_number(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _part_mod(part: str | None) -> str | None:
    return _MODS.get(part.lower().rstrip("- ")) if part else None


@rule("full_date")
def _full_date(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    month = _month_number(m["month"] or m["month2"] or m["month3"])
    day = int(m["day"] or m["day2"] or m["day3"])
    if m["year"]:
        return "DATE", f"{_year_number(m['year']):04d}-{month:02d}-{day:02d}", None
    return "DATE", r.month_value(month, None, _tense(m), day), None


@rule("month_year")
def _month_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    mod = _part_mod(m["part"]) or _part_mod(m["edge"])
    year = _year_number(m["year"]) if m["year"] else year_of(r.relative_unit(m["rel"], "year"))
    if year is None:
        return None
    return "DATE", f"{year:04d}-{_month_number(m['month']):02d}", mod


@rule("feast")
def _feast(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    feast = " ".join(m["feast"].lower().replace("’", "'").split())
    year = _year_number(m["year"])
    if feast in _FIXED_FEASTS:
        return "DATE", f"{year:04d}-{_FIXED_FEASTS[feast]}", None
    day = (easter(year) + timedelta(days=_MOVABLE_FEASTS[feast])).isoformat()
    return "DATE", day[:7] if feast in _FEAST_MONTHS else day, None


@rule("month")
def _month(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    rel = (m["rel"] or "").lower().rstrip("- ")
    mod = _part_mod(rel) if rel in ("early", "mid", "late") else _part_mod(m["edge"])
    relative = rel if rel in ("last", "next") else None
    return "DATE", r.month_value(_month_number(m["month"]), relative, _tense(m)), mod


@rule("season_year")
def _season_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    season = _SEASONS[m["season"].lower()]
    return "DATE", f"{_year_number(m['year'])}-{season}", _part_mod(m["part"])


@rule("season_rel")
def _season_rel(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    value = r.relative_unit(m["rel"], "year")
    if value is None:
        return None
    return "DATE", f"{value}-{_SEASONS[m['season'].lower()]}", None


@rule("the_season")
def _the_season(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    """ "in the winter": the season of the narrative's year; in a biography the next
    one once the narrative is past it, the one before when a pluperfect looks back.
    Biographies only: TimeBank's news marks "summer" without "the", or not at all."""
    base, season = r.anchor, _SEASONS[m["season"].lower()]
    year = year_of(base)
    if r.reference is not None or base is None or year is None:
        return None
    covered = span(f"{year}-{season}")
    if covered and len(base) >= 7 and base[5:7].isdigit():
        direction = _direction(None, _tense(m), narrative=True)
        if direction > 0 and base[:7] > covered[1]:
            year += 1
        elif direction < -1 and base[:7] < covered[0]:
            year -= 1
    return "DATE", f"{year}-{season}", _part_mod(m["part"])


@rule("part_year")
def _part_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    edge = (m["edge"] or "").lower()
    if "half" in edge:
        return "DATE", f"{_year_number(m['year'])}-H{1 if edge.startswith('first') else 2}", None
    return "DATE", str(_year_number(m["year"])), _part_mod(m["part"]) or _part_mod(edge)


@rule("decade")
def _decade(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    if m["decade"]:
        value = m["decade"][:3]
    else:
        tens = int(m["short"][0]) if m["short"] else _DECADE_WORDS[m["word"].lower()]
        century = (year_of(r.now) or 1900) // 100
        value = f"{century}{tens}"
    return "DATE", value, _part_mod(m["part"])


@rule("century")
def _century(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    ordinal = m["ordinal"].lower()
    number = _ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal) or 0)
    if not number:
        return None
    return "DATE", f"{number - 1:02d}", _part_mod(m["part"])


@rule("quarter")
def _quarter(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    number = _QUARTERS[m["qn"].lower()]
    written = m["year0"] or m["year"] or m["year2"]
    year = str(_year_number(written)) if written else None
    if year is None:
        now = r.now
        if now is None:
            return "DATE", f"XXXX-Q{number}", None
        current = (int(now[5:7]) - 1) // 3 + 1 if len(now) >= 7 and now[5:7].isdigit() else 4
        base = year_of(now) or 0
        year = str(base - 1 if number > current else base)
        if "last year" in m[0].lower():
            year = str(base - 1)
        elif "next year" in m[0].lower():
            year = str(base + 1)
    if m["ago"]:
        r.looked_back = True
        year = str(int(year) - 1)
    return "DATE", f"{year}-Q{number}", None


@rule("rel_quarter")
def _rel_quarter(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    which = (m["which"] or "").lower()
    if m["kind"].lower() == "period" and not which:
        return None
    latest = None
    if r.now and len(r.now) >= 7 and r.now[5:7].isdigit():
        index = int(r.now[:4]) * 4 + (int(r.now[5:7]) - 1) // 3 - 1
        latest = f"{index // 4}-Q{index % 4 + 1}"
    discussed = r.anchor if re.fullmatch(r"\d{4}-Q\d", r.anchor or "") else None
    if which == "current" and latest:
        # The quarter the creation date is in, not the latest reported one.
        return "DATE", shift(latest, 1, "Q"), None
    base = latest if which in ("latest", "recent") else (discussed or latest)
    if base is None:
        return None
    if which in ("year-ago", "year-earlier"):
        r.looked_back = True
        return "DATE", shift(base, -1, "Y"), None
    if which in ("previous", "past"):
        return "DATE", shift(base, -1, "Q"), None
    return "DATE", base, None


@rule("year_ago")
def _year_ago(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    r.looked_back = True
    if re.fullmatch(r"\d{4}-Q\d", r.anchor or ""):
        return "DATE", shift(r.anchor or "", -1, "Y"), None
    year = year_of(r.now)
    return ("DATE", str(year - 1), None) if year else None


@rule("fiscal_year")
def _fiscal_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DATE", str(_year_number(m["year"])), None


@rule("edge_rel")
def _edge_rel(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    value = r.relative_unit(m["rel"], m["unit"])
    if value is None:
        return None
    return "DATE", value, _part_mod(m["early"]) or _part_mod(m["edge"])


@rule("rel_unit")
def _rel_unit(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    rel = m["rel"].lower()
    if rel in ("its", "their", "the latest"):
        return None
    unit = m["unit"].split()[-1]
    value = r.relative_unit(rel, unit)
    return ("DATE", value, None) if value else None


@rule("rel_day")
def _rel_day(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    rel = " ".join(m["rel"].lower().split())
    if rel == "that" and not (r.anchor and len(r.anchor) >= 10 and r.anchor[8:10].isdigit()):
        return None  # "that day" after a year or a month: a day of some event, not a date
    # "the next day" in a story counts from the day it has reached, like "the following day".
    rel = {"the next": "following", "that same": "same", "that": "same"}.get(rel, rel)
    return _unit_from_anchor(r, rel, "day")


@rule("unit_around")
def _unit_around(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    rel = "previous" if m["dir"].lower() == "before" else "following"
    return _unit_from_anchor(r, rel, m["unit"].lower())


def _unit_from_anchor(
    r: _Resolver, rel: str, unit: str
) -> tuple[str, str | None, str | None] | None:
    """A unit counted from the narrative's date; a day of a year or month the text has
    not narrowed keeps its unknown digits (1838-XX-XX)."""
    value = r.relative_unit(rel, unit)
    if value is None and unit == "day" and r.anchor and re.match(r"\d{4}", r.anchor):
        month = r.anchor[5:7] if r.anchor[5:7].isdigit() else "XX"
        value = f"{r.anchor[:4]}-{month}-XX"
    return ("DATE", value, None) if value else None


@rule("the_year")
def _the_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    if _ENDED.match(m.string, m.end()):
        return "DURATION", "P1Y", None
    year = year_of(r.now)
    return ("DATE", str(year), None) if year else None


@rule("the_unit")
def _the_unit(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    unit = m["unit"].lower()
    # "the year ended Sept. 30": the twelve months up to that day.
    if unit == "year" and _ENDED.match(m.string, m.end()):
        return "DURATION", "P1Y", None
    value = r.relative_unit("same", unit)
    return ("DATE", value, _part_mod(m["early"]) or _part_mod(m["edge"])) if value else None


_ENDED = re.compile(r"\s+end(?:ed|ing)\b")


@rule("moved")
def _moved(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    direction = m["dir"].lower()
    if direction == "since":
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    anaphoric = direction in ("earlier", "before", "later", "after")
    amount = _number(m["number"])
    mod = _MODS.get((m["modifier"] or "").lower())
    # "several years ago", "a few months earlier": some time before, no more (HeidelTime).
    if amount is None and direction in ("ago", "earlier"):
        return "DATE", "PAST_REF", None
    value = r.moved(amount, m["unit"], sign, anaphoric)
    r.looked_back = sign < 0
    if value is None:
        return "DURATION", _duration(amount, m["unit"]), mod
    return "DATE", value, mod


@rule("deictic_day")
def _deictic_day(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    if r.reference is None:
        return None
    day = m["day"].lower()
    value = (r.reference + timedelta(days=_DEICTIC_DAYS[day])).isoformat()
    if day in ("tonight", "overnight"):
        return "TIME", f"{value}TNI", None
    if m["dpart"]:
        return "TIME", f"{value}T{_PARTS[m['dpart'].lower()]}", _part_mod(m["part"])
    return "DATE", value, _part_mod(m["part"])


@rule("weekend")
def _weekend(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    rel = {"the": "this"}.get(m["rel"].lower(), m["rel"].lower())
    # On a weekday, "the weekend" spoken of in the past is the one before.
    before = r.reference is not None and r.reference.isoweekday() < 6
    if rel == "this" and before and _tense(m) in ("PAST", "PLUPERFECT"):
        rel = "last"
    value = r.relative_unit(rel, "weekend")
    return ("DATE", value, None) if value else None


@rule("day_part")
def _day_part(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    if r.reference is None:
        return None
    day = r.reference - timedelta(days=1 if m["rel"].lower() == "last" else 0)
    return "TIME", f"{day.isoformat()}T{_PARTS[m['dpart'].lower()]}", _part_mod(m["part"])


@rule("reference")
def _reference(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    return "DATE", _REFERENCES[m["word"].lower()], None


@rule("weekday")
def _weekday(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    rel = (m["rel"] or "").lower() or None
    value = r.weekday_value(_WEEKDAYS[m["weekday"].lower()], rel, _tense(m))
    mod = _part_mod(rel) if rel in ("early", "late") else None
    if m["dpart"]:
        return "TIME", f"{value}T{_PARTS[m['dpart'].lower()]}", mod
    return "DATE", value, mod


@rule("clock")
def _clock(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    minute = m["minute"] or "00"
    return "TIME", f"{_clock_day(m, r)}T{hour:02d}:{minute}", "APPROX" if m["approx"] else None


def _clock_day(m: re.Match[str], r: _Resolver) -> str:
    """The day a clock time names ("10 p.m. Tuesday"), else the reference's."""
    if m["weekday"]:
        return r.weekday_value(_WEEKDAYS[m["weekday"].lower()], None, _tense(m))
    if r.reference is None:
        return "XXXX-XX-XX"
    offset = _DEICTIC_DAYS[m["dday"]] if m["dday"] else 0
    return (r.reference + timedelta(days=offset)).isoformat()


@rule("noon")
def _noon(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    day = _clock_day(m, r)
    return "TIME", f"{day}T{'12:00' if m['word'].lower() == 'noon' else '24:00'}", None


@rule("duration")
def _duration_rule(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    word = m["number"].lower()
    amount = None if word in _VAGUE else _number(word)
    if word in ("an", "a") and m["span"]:
        amount = 1
    if amount is None and word not in _VAGUE:
        return None
    mod = _MODS.get((m["modifier"] or "").lower())
    if m["orso"]:
        mod = "APPROX"
    return "DURATION", _duration(amount, m["unit"]), mod


@rule("vague_span")
def _vague_span(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DATE", _VAGUE_SPANS[m["word"].split()[-1].lower()], None


@rule("plural_duration")
def _plural_duration(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DURATION", _duration(None, m["unit"]), None


@rule("set")
def _set(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    if m["adverb"]:
        return "SET", _SET_ADVERBS[m["adverb"].lower()], None
    what = m["what"].lower()
    if what in _WEEKDAYS:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[what]}", None
    if what in _MONTHS:
        return "SET", f"XXXX-{_MONTHS[what]:02d}", None
    if what in ("morning", "night"):
        return "SET", f"XXXX-XX-XXT{_PARTS[what]}", None
    return "SET", _duration(1, what), None


@rule("weekday_set")
def _weekday_set(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    if m["weekday2"]:
        part = _PARTS[m["dpart"].lower().removesuffix("s")]
        return "SET", f"XXXX-WXX-{_WEEKDAYS[m['weekday2'].lower()]}T{part}", None
    return "SET", f"XXXX-WXX-{_WEEKDAYS[m['weekday']]}", None


@rule("year")
def _year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DATE", f"{_year_number(m['year']):04d}", None


def _year_number(text: str) -> int:
    """A year in figures, or spelled out ("nineteen ninety-six", "the year two thousand")."""
    if text.isdigit():
        return int(text)
    words = text.lower().split()
    if words[-1] == "thousand":
        return 2000
    century, rest = re.split(r"[\s-]", text.lower(), maxsplit=1)
    return _YEAR_CENTURIES[century] * 100 + (_number(rest) or 0)


# The tagger only tries a rule where one of its first words stands ("#": any
# number), which is what makes it fast enough for thousands of biographies a second.
def _rules_by_word() -> dict[str, list[int]]:
    by_word: dict[str, list[int]] = {}
    for index, pattern_rule in enumerate(DATA.rules):
        for word in pattern_rule.first:
            by_word.setdefault(word if word[0].isupper() else word.lower(), []).append(index)
    return by_word


_RULES_BY_WORD = _rules_by_word()
# "the" and "a" begin most rules but most often a noun phrase that is no date: the
# word after them decides whether any rule is worth trying.
_AFTER = DATA.followers
# A number is a year unless a unit, a month, "s" (1920s) or a clock follows it.
_AFTER_NUMBER = DATA.number_followers


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])")


_COMPILED = [(r.name, _compile(r.pattern), _FUNCTIONS[r.name]) for r in DATA.rules]
_PRIORITY = {r.name: index for index, r in enumerate(DATA.rules)}
# Each word's rules, compiled, in the data's order.
_TRIED = {word: [_COMPILED[index] for index in rules] for word, rules in _RULES_BY_WORD.items()}
_YEAR_ONLY = [c for c in _COMPILED if c[0] == "year"]
# A number's first digit is a group of its own: the scan keeps numbers without
# looking the token up.
_WORD_TOKEN = re.compile(r"[A-Za-z]+|(\d)\d*|'")


def _candidates(text: str) -> Iterator[tuple[int, int, str, re.Match[str], Rule]]:
    lowered = _lower_except_names(text)
    tried = _TRIED
    # Only words that can begin a rule (and numbers) get any further look.
    for token in [m for m in _WORD_TOKEN.finditer(lowered) if m.lastindex or m[0] in tried]:
        start = token.start()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "-"):
            continue
        next_word = _FOLLOWER.match(lowered, token.end())
        follower = next_word[1].lower() if next_word else None
        if token.lastindex:
            rules = tried["#"] if follower in _AFTER_NUMBER else _YEAR_ONLY
        else:
            word = token[0]
            followers = _AFTER.get(word)
            if followers is not None and (
                follower is None
                or (follower not in followers and not follower[0].isdigit() and follower != "'")
            ):
                continue
            rules = tried[word]
        for name, pattern, function in rules:
            match = pattern.match(lowered, start)
            if match and match.end() > match.start():
                yield match.start(), match.end(), name, match, function


# The word right after a token, when only spaces or a hyphen stand between.
_FOLLOWER = re.compile(r"[ \t\n\xa0-]*([A-Za-z]+|\d+|')")


# No leading \b: a pattern that starts with a choice of literals lets the regex engine
# skip to their first letters, which is several times faster; the loop checks the left
# word boundary instead.
# One flat choice of names: nested groups would hide the literals from the engine.
_NAME = re.compile(
    "(?:"
    + "|".join(sorted((w.capitalize() for w in [*_MONTHS, *_WEEKDAYS]), key=len, reverse=True))
    + r")\b"
)
_WORD_CHARACTER = re.compile(r"\w")


def _lower_except_names(text: str) -> str:
    """Lower-case the text but keep month and weekday names as written, so the
    patterns can ignore case everywhere else and still tell May from may."""
    lowered = lower(text)
    pieces, position = [], 0
    for match in _NAME.finditer(text):
        if match.start() and _WORD_CHARACTER.match(text, match.start() - 1):
            continue
        pieces += [lowered[position : match.start()], match.group()]
        position = match.end()
    pieces.append(lowered[position:])
    return "".join(pieces)


def tag(
    text: str,
    reference: date | None = None,
    named: list[tuple[int, int, str, str]] | None = None,
) -> list[Timex]:
    """Every temporal expression in the text, in order, with TIMEX3 values.

    ``named`` adds pre-dated spans (start, end, first value, last value) — named
    historical events — which win over overlapping expressions and move the
    narrative's date on like any other date.
    """
    candidates: list[tuple[int, int, int, re.Match[str] | tuple[str, str], Rule | None]] = [
        (start, end, -1, (first, last), None) for start, end, first, last in named or []
    ]
    candidates += [
        (start, end, _PRIORITY[name], match, function)
        for start, end, name, match, function in _candidates(text)
    ]
    chosen: list[tuple[int, int, int, re.Match[str] | tuple[str, str], Rule | None]] = []
    for candidate in sorted(candidates, key=lambda c: (c[0], c[2] >= 0, -(c[1] - c[0]), c[2])):
        if chosen and candidate[0] < chosen[-1][1]:
            continue
        chosen.append(candidate)
    resolver = _Resolver(reference)
    timexes = []
    for start, end, _, match, function in chosen:
        anchor = resolver.anchor
        if function is None:
            first, last = match  # type: ignore[misc]
            resolver.remember(last)
            timexes.append(
                Timex(start, end, text[start:end], "DATE", first, None, anchor, end_value=last)
            )
            continue
        result = function(match, resolver)  # type: ignore[arg-type]
        if result is None:
            continue
        kind, value, mod = result
        if value is None:
            continue
        if kind == "DATE" and not resolver.looked_back:
            resolver.remember(value)
        resolver.looked_back = False
        timexes.append(Timex(start, end, text[start:end], kind, value, mod, anchor))
    return timexes
