"""From a sentence's temporal expressions to the dates of what it tells.

One expression of time, one date or span: "from 1936 to 1940", "1926–27" and
"May 3–9, 1920" are each one span; a duration counts from the date the narrative
has reached ("released after two months", "the next four years"); "until 1936"
runs from that date to 1936.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .calendar import ends_before_start, precision, shift, span
from .segmentation import Span
from .tagger import Timex

_SHORT_RANGE = re.compile(r"\s*[–—-]\s*(\d{2}|\d{4})\b(?!\s*(?:%|pages))")
_RANGE_JOIN = re.compile(r"^\s*(?:–|—|-|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_SPAN_DURATION = re.compile(
    r"(?:for|spent|spending|staying|stayed|remained|lasting|over|during|the next|the following)"
    r"\s+(?:the\s+)?(?:next\s+|following\s+|more than\s+|over\s+)?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")
_PART_OF_DECADE = {"START": (0, 3), "MID": (4, 6), "END": (7, 9)}
_SIMPLE_DURATION = re.compile(r"P(\d+)([YMWD])")
_DAY = re.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)")
_DAY_RANGE_AFTER = re.compile(r"\s*[–—-]\s*(\d{1,2})\b(?:,?\s+(\d{4})\b)?")
_DAY_RANGE_BEFORE = re.compile(r"\b(\d{1,2})\s*[–—-]\s*$")


@dataclass
class Mention:
    """A date or span the sentence gives, and the expressions it was read from."""

    timexes: list[Timex]
    start: str
    end: str
    modifier: str | None
    precision: str | None
    # "until 1936": the span ends at the date written, and starts before it.
    until: bool = False
    # Text that belongs to the date and leaves the label with it ("–27" of "1926–27").
    extra: tuple[Span, ...] = ()

    @property
    def first(self) -> Timex:
        return self.timexes[0]

    # Whether the date is a named historical event's (the February Revolution), and
    # where its words begin and end: set once, since they are read many times.
    named: bool = field(init=False)
    begin: int = field(init=False)
    finish: int = field(init=False)

    def __post_init__(self) -> None:
        self.named = self.first.end_value is not None
        self.begin = min([self.first.start] + [start for start, _ in self.extra])
        self.finish = max([self.timexes[-1].end] + [end for _, end in self.extra])

    @property
    def expression(self) -> str:
        return " … ".join(t.text for t in self.timexes)

    def removed(self) -> list[Span]:
        """What the label leaves out: the dates, but never a named event's name."""
        spans = [] if self.named else [(t.start, t.end) for t in self.timexes]
        return spans + list(self.extra)

    def within(self, other: Mention) -> bool:
        """Whether this date lies inside the other ("June 1920" in "1920")."""
        return (
            self.start.startswith(other.start[:4])
            and not ends_before_start(other.start, self.start)
            and not ends_before_start(self.end, other.end)
        )


def mentions(text: str, sentence: Span, inside: list[Timex]) -> list[Mention]:
    """The dates and spans of one sentence, in order."""
    found: list[Mention] = []
    skip: set[int] = set()
    for index, timex in enumerate(inside):
        if index in skip:
            continue
        previous = inside[index - 1] if index else None
        if (
            previous is not None
            and previous.end_value
            and text[previous.end : timex.start].strip() in ("of", "in")
        ):
            continue  # "the German invasion of 1940": the year belongs to the name
        before = text[max(sentence[0], timex.start - 40) : timex.start]
        following = inside[index + 1] if index + 1 < len(inside) else None
        mention = (
            _date(text, timex, following, before)
            if timex.type == "DATE" and (timex.value[:3].isdigit() or timex.value[:4] == "XXXX")
            else _duration(timex, before)
            if timex.type == "DURATION" and timex.anchor and timex.anchor[:4].isdigit()
            else None
        )
        if mention is None:
            continue
        if len(mention.timexes) > 1:
            skip.add(index + 1)
        mention.start, mention.end = _in_order(mention.start, mention.end, mention.until)
        found.append(mention)
    return found


def _until(before: str) -> bool:
    tail = before.lower().split()[-3:]
    return bool(tail) and (tail[-1] in ("until", "till") or tail[-2:] == ["up", "to"])


def _day_range(text: str, timex: Timex, following: Timex | None) -> Mention | None:
    """Days of one month: "May 3–9, 1920" or "3–9 May 1920"."""
    day = _DAY.fullmatch(timex.value)
    if day is None:
        return None
    after = _DAY_RANGE_AFTER.match(text, timex.end)
    if after and after[2]:
        year, last = after[2], int(after[1])
        timexes = [timex] + ([following] if following and following.start < after.end() else [])
        extra: tuple[Span, ...] = ((timex.end, after.end()),)
    elif after and day[1] != "XXXX":
        year, last, timexes, extra = day[1], int(after[1]), [timex], ((timex.end, after.end()),)
    elif (before := _DAY_RANGE_BEFORE.search(text, max(0, timex.start - 8), timex.start)) and (
        day[1] != "XXXX"
    ):
        first_day = int(before[1])
        if not 0 < first_day < int(day[3]):
            return None
        start = f"{day[1]}-{day[2]}-{first_day:02d}"
        return Mention(
            [timex], start, timex.value, None, "day", extra=((before.start(1), timex.start),)
        )
    else:
        return None
    if not int(day[3]) < last <= 31:
        return None
    start, end = f"{year}-{day[2]}-{day[3]}", f"{year}-{day[2]}-{last:02d}"
    return Mention(timexes, start, end, None, "day", extra=extra)


def _date(text: str, timex: Timex, following: Timex | None, before: str) -> Mention | None:
    if days := _day_range(text, timex, following):
        return days
    until = _until(before)
    joined = following and _RANGE_JOIN.match(text[timex.end : following.start])
    if (
        following
        and following.type == "DATE"
        and joined
        and (_RANGE_OPEN.search(before) or "–" in joined.group() or "-" in joined.group())
    ):
        first_value = timex.value
        written_year = any(c.isdigit() for c in timex.text) and _YEAR.search(timex.text)
        if not written_year and following.value[:4].isdigit():
            # "from May 3 to May 9, 1920": the year written once serves both.
            first_value = following.value[:4] + first_value[4:]
        first, last = span(first_value), span(following.value)
        if first and last:
            return Mention([timex, following], first[0], last[1], timex.mod, precision(timex.value))
    short = (
        _SHORT_RANGE.match(text, timex.end)
        if len(timex.value) == 4 and timex.value.isdigit()
        else None
    )
    if short:
        # "1926–27": the end year borrows the start's century.
        end_year = short[1] if len(short[1]) == 4 else timex.value[:2] + short[1]
        return Mention(
            [timex], timex.value, end_year, timex.mod, "year", extra=((timex.end, short.end()),)
        )
    covered = span(timex.value)
    if covered is None:
        return None
    start, end = covered
    if len(timex.value) == 3 and timex.mod in _PART_OF_DECADE:
        # "the early 1930s": 1930–1933, as a reader takes it.
        low, high = _PART_OF_DECADE[timex.mod]
        start, end = f"{timex.value}{low}", f"{timex.value}{high}"
    if timex.end_value and (last_covered := span(timex.end_value)):
        start, end = start[:7], last_covered[1][:7]
    anchor_span = span(timex.anchor) if timex.anchor else None
    if until and anchor_span and anchor_span[0][:4].isdigit():
        start = anchor_span[0]
    exactness = precision(start if timex.end_value else timex.value)
    return Mention([timex], start, end, timex.mod, exactness, until=until)


def _duration(timex: Timex, before: str) -> Mention | None:
    anchor = span(timex.anchor) if timex.anchor else None
    match = _SIMPLE_DURATION.fullmatch(timex.value)
    if anchor is None or match is None or timex.anchor is None:
        return None
    end_point = shift(timex.anchor, int(match[1]), match[2])
    if end_point is None:
        return None
    tail = before.lower().split()[-1:]
    if tail and tail[-1] in ("after", "within", "in", "another"):
        return Mention([timex], end_point, end_point, timex.mod, precision(end_point))
    if _SPAN_DURATION.search(before) or timex.text.lower().startswith(
        ("the next", "the following")
    ):
        return Mention([timex], anchor[0], end_point, timex.mod, precision(anchor[0]))
    return None


def _in_order(start: str, end: str, keep_end: bool) -> tuple[str, str]:
    """A range that ends before it starts ("from 1940 to 1936", or an "until 1936"
    read from a later date) becomes a point: its end when `keep_end`, since that is
    the date the text states, else its start."""
    if not ends_before_start(start, end):
        return start, end
    return (end, end) if keep_end else (start, start)
