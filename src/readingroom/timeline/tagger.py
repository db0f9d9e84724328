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

from .calendar import add_months, shift, year_of
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

    # The date deictic words count from: the story's date, else the narrative's.
    @property
    def now(self) -> str | None:
        return self.reference.isoformat() if self.reference else self.anchor

    def year(self) -> int | None:
        return year_of(self.now)

    def remember(self, value: str) -> None:
        if re.match(r"\d{4}", value):
            self.anchor = value

    def month_value(self, month: int, rel: str | None, future: bool = False) -> str:
        year = year_of(self.anchor) if self.reference is None else self.year()
        if year is None:
            return f"XXXX-{month:02d}"
        if self.reference is not None:
            current = self.reference.month
            if rel == "last" or (rel is None and not future and month > current + 1):
                year -= month >= current if rel == "last" else 1
            elif rel == "next" or (rel is None and future and month < current):
                year += month <= current if rel == "next" else 1
        return f"{year:04d}-{month:02d}"

    def weekday_value(self, weekday: int, rel: str | None) -> str:
        if self.reference is None:
            return f"XXXX-WXX-{weekday}"
        delta = (self.reference.isoweekday() - weekday) % 7
        if rel == "next":
            target = self.reference + timedelta(
                days=(weekday - self.reference.isoweekday()) % 7 or 7
            )
        else:
            target = self.reference - timedelta(days=delta if rel != "last" else (delta or 7))
        return target.isoformat()

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
            return f"{year // 100 + offset:02d}XX"
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


_FUTURE_CUES = re.compile(
    r"\b(?:" + "|".join(re.escape(w) for w in _LEXICON["tense"]["future"]) + r")\b"
)


def _future(m: re.Match[str]) -> bool:
    """Whether the clause around a match speaks of the future (for bare months, weekdays)."""
    text = m.string
    start = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start()), m.start() - 80)
    end = min(len(text), m.end() + 30)
    return bool(_FUTURE_CUES.search(text, start + 1, end))


def _month_number(text: str) -> int:
    return _MONTHS[text.lower().rstrip(".")]


def _part_mod(part: str | None) -> str | None:
    return _MODS.get(part.lower().rstrip("- ")) if part else None


@rule("full_date")
def _full_date(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    month = _month_number(m["month"] or m["month2"] or m["month3"])
    day = int(m["day"] or m["day2"] or m["day3"])
    year = int(m["year"]) if m["year"] else (year_of(r.anchor) if r.reference is None else r.year())
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", None


@rule("month_year")
def _month_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    mod = _part_mod(m["part"]) or _part_mod(m["edge"])
    return "DATE", f"{int(m['year']):04d}-{_month_number(m['month']):02d}", mod


@rule("month")
def _month(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    rel = (m["rel"] or "").lower().rstrip("- ")
    mod = _part_mod(rel) if rel in ("early", "mid", "late") else _part_mod(m["edge"])
    future = _future(m)
    return "DATE", r.month_value(_month_number(m["month"]), rel or None, future), mod


@rule("season_year")
def _season_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DATE", f"{m['year']}-{_SEASONS[m['season'].lower()]}", _part_mod(m["part"])


@rule("season_rel")
def _season_rel(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    value = r.relative_unit(m["rel"], "year")
    if value is None:
        return None
    return "DATE", f"{value}-{_SEASONS[m['season'].lower()]}", None


@rule("part_year")
def _part_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    edge = (m["edge"] or "").lower()
    if "half" in edge:
        return "DATE", f"{m['year']}-H{1 if edge.startswith('first') else 2}", None
    return "DATE", m["year"], _part_mod(m["part"]) or _part_mod(edge)


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
    return "DATE", f"{number - 1:02d}XX", _part_mod(m["part"])


@rule("quarter")
def _quarter(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    number = _QUARTERS[m["qn"].lower()]
    year = m["year"] or m["year2"]
    if year is None:
        now = r.now
        if now is None:
            return "DATE", f"XXXX-Q{number}", None
        current = (int(now[5:7]) - 1) // 3 + 1 if len(now) >= 7 and now[5:7].isdigit() else 4
        base = year_of(now) or 0
        year = str(base - 1 if number > current else base)
        if "last year" in m[0].lower():
            year = str(base - 1)
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
    base = latest if which in ("latest", "current", "recent") else (discussed or latest)
    if base is None:
        return None
    if which in ("year-ago", "year-earlier"):
        return "DATE", shift(base, -1, "Y"), None
    if which in ("previous", "past"):
        return "DATE", shift(base, -1, "Q"), None
    return "DATE", base, None


@rule("fiscal_year")
def _fiscal_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DATE", m["year"], None


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


@rule("the_year")
def _the_year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    year = year_of(r.now)
    return ("DATE", str(year), None) if year else None


@rule("moved")
def _moved(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None] | None:
    direction = m["dir"].lower()
    if direction == "since":
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    anaphoric = direction in ("earlier", "before", "later", "after")
    value = r.moved(_number(m["number"]), m["unit"], sign, anaphoric)
    mod = _MODS.get((m["modifier"] or "").lower())
    if value is None:
        return "DURATION", _duration(_number(m["number"]), m["unit"]), mod
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
    # Tense cues mislead more than they help for weekdays in news (measured on TimeBank).
    value = r.weekday_value(_WEEKDAYS[m["weekday"].lower()], rel)
    mod = _part_mod(rel) if rel in ("early", "late") else None
    if m["dpart"]:
        return "TIME", f"{value}T{_PARTS[m['dpart'].lower()]}", mod
    return "DATE", value, mod


@rule("clock")
def _clock(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    day = r.reference.isoformat() if r.reference else "XXXX-XX-XX"
    minute = m["minute"] or "00"
    return "TIME", f"{day}T{hour:02d}:{minute}", "APPROX" if m["approx"] else None


@rule("noon")
def _noon(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    day = r.reference.isoformat() if r.reference else "XXXX-XX-XX"
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
    if what in ("morning", "night"):
        return "SET", f"XXXX-XX-XXT{_PARTS[what]}", None
    return "SET", _duration(1, what), None


@rule("year")
def _year(m: re.Match[str], r: _Resolver) -> tuple[str, str | None, str | None]:
    return "DATE", m["year"], None


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
_YEAR_ONLY = [index for index, r in enumerate(DATA.rules) if r.name == "year"]
_WORD_TOKEN = re.compile(r"[A-Za-z]+|\d+|'")


def _candidates(text: str) -> Iterator[tuple[int, int, str, re.Match[str], Rule]]:
    lowered = _lower_except_names(text)
    keys = _RULES_BY_WORD
    # Only words that can begin a rule (and numbers) get any further look.
    for token in [
        m for m in _WORD_TOKEN.finditer(lowered) if m.group() in keys or m.group()[0].isdigit()
    ]:
        word, start = token.group(), token.start()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "-"):
            continue
        next_word = _FOLLOWER.match(lowered, token.end())
        follower = next_word.group(1).lower() if next_word else None
        rules = keys["#"] if word[0].isdigit() else keys[word]
        if word[0].isdigit() and (follower is None or follower not in _AFTER_NUMBER):
            rules = _YEAR_ONLY
        followers = _AFTER.get(word)
        if followers is not None and (
            follower is None
            or (follower not in followers and not follower[0].isdigit() and follower != "'")
        ):
            continue
        for index in rules:
            name, pattern, function = _COMPILED[index]
            match = pattern.match(lowered, start)
            if match and match.end() > match.start():
                yield match.start(), match.end(), name, match, function


# The word right after a token, when only spaces or a hyphen stand between.
_FOLLOWER = re.compile(r"[ \t\n\xa0-]*([A-Za-z]+|\d+|')")


# No leading \b: a pattern that starts with a choice of literals lets the regex engine
# skip to their first letters, which is several times faster; the loop checks the left
# word boundary instead.
_NAME = re.compile(DATA.expand(r"(?:{Months}|{Month_abbreviations}|{Weekdays})\b"))
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
        if kind == "DATE":
            resolver.remember(value)
        timexes.append(Timex(start, end, text[start:end], kind, value, mod, anchor))
    return timexes
