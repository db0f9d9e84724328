"""From a biography's prose to dated life events.

Every clause that carries a date becomes an event: start and end (ISO partial
dates), precision, modifier, a short label (the predicate: "expelled from
Belgium"), the places it names, and where it stands in the biography. Ranges
("from 1936 to 1940", "1926–27"), durations counted from the narrative's date
("released after two months", "the next four years") and named historical events
("after the February Revolution") are resolved; facts without a date ("born in
Brussels") are kept as undated events.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .calendar import ends_before_start, precision, shift, span, year_of
from .casing import lower
from .gazetteers import find_events, place_positions
from .tagger import Timex, tag


@dataclass
class LifeEvent:
    start: str | None
    end: str | None
    precision: str | None
    modifier: str | None
    label: str
    text: str
    places: list[str] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)
    expression: str = ""
    kind: str = "other"

    @property
    def dated(self) -> bool:
        return self.start is not None


_ABBREVIATIONS = re.compile(r"\b(?:St|Dr|Mr|Mrs|Ms|Jr|Sr|Gen|Col|Lt|Capt|Prof|No|vs|etc|ca|c)\.\Z")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
_CLAUSE = re.compile(
    r"[;:]|,\s+(?:and\s+|but\s+)?|\s+—\s+|\s+(?:where|when|whereupon|while|which|who)\s+"
)
_WHEN = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)
_SHORT_RANGE = re.compile(r"\s*[–—-]\s*(\d{2}|\d{4})\b(?!\s*(?:%|pages))")
_RANGE_JOIN = re.compile(r"^\s*(?:–|—|-|to|until|till|through|and)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?:from|between)\s+$", re.IGNORECASE)
_SPAN_DURATION = re.compile(
    r"(?:for|spent|spending|staying|stayed|remained|lasting|over|during|the next|the following)"
    r"\s+(?:the\s+)?(?:next\s+|following\s+|more than\s+|over\s+)?$",
    re.IGNORECASE,
)
_DEATH = re.compile(r"\b(?:until|till|to)\s+(?:his|her|their)\s+death\b", re.IGNORECASE)
_TEENS = re.compile(
    r"\bin\s+(?:his|her|their)\s+(teens|twenties|thirties|forties)\b", re.IGNORECASE
)
# What both of those have in common, searched in the lowered text: a pattern that starts
# with a character class and need not ignore case finds the few sentences that need a
# second look far faster than both of those patterns.
_LIFE_SPAN_HINT = re.compile(r"\s(?:his|her|their)\s+(?:death|teens|twenties|thirties|forties)\b")
_IRREGULAR = set(
    """born went took became began left fled wrote met made gave got saw found came ran won lost
    spent sent led held taught fought sought brought built stood kept set chose rose fell grew knew
    drew broke spoke died dying bore sold bought caught drawn known seen taken given written
    chosen thrown shown grown""".split()
)
_NOT_VERBS = set(
    """hundred red bed seed need speed united called so-called indeed during according including
    following regarding concerning notwithstanding morning evening nothing something everything
    anything""".split()
)
_LEAD = re.compile(
    r"^(?:(?:and|but|then|also|he|she|they|it|his|her|their|there|was|were|had|has|have|been|"
    r"being|is|are|again|first|later|soon|subsequently|finally|eventually|shortly|thereafter|"
    r"upon|after|before|in|on|at|by|during|from|with|the|a|an|of|to)\s+)+",
    re.IGNORECASE,
)
# The words that cannot end a label.
_TRAILING = frozenset(
    """in on at by from since until till after before during of for the a an and to with was
    were when where which who""".split()
)
# Searched in the lowered text.
_UNDATED_VERBS = re.compile(
    r"\b(?:born|died|married|moved|emigrated|joined|arrested|exiled|expelled|deported|released|"
    r"imprisoned|fled|escaped|returned|founded|studied|graduated|elected|settled)\b"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _ABBREVIATIONS.search(text, max(start, match.start() - 6), match.start() + 1):
            continue
        spans.append((start, match.start() + 1))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause of the sentence around [start, end)."""
    left, right = sentence
    for boundary_start, boundary_end in _boundaries(text, sentence):
        if boundary_end <= start:
            left = boundary_end
        elif boundary_start >= end:
            right = boundary_start
            break
    return left, right


@lru_cache(maxsize=256)
def _boundaries(text: str, sentence: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _CLAUSE.finditer(text, sentence[0], sentence[1]))


@lru_cache(maxsize=16384)
def _is_verb(raw: str, first: bool = False) -> bool:
    word = raw.strip(',.;:()"“”')
    lower = word.lower().rsplit("-", 1)[-1]  # co-founded
    # Inside a sentence a capitalised word is a name ("the Left Opposition").
    if lower in _NOT_VERBS or not lower.isalpha() or (word[:1].isupper() and not first):
        return False
    return lower in _IRREGULAR or (
        len(lower) > 4 and (lower.endswith("ed") or lower.endswith("ing"))
    )


def _has_verb(text: str) -> bool:
    return any(_is_verb(w, i == 0) for i, w in enumerate(text.split()))


def _nearest_verb(words: list[str], cut: int) -> int | None:
    """The verb nearest before position `cut`, else the first after it."""
    for index in range(min(cut, len(words)) - 1, -1, -1):
        if _is_verb(words[index], index == 0):
            return index
    for index in range(cut, len(words)):
        if _is_verb(words[index], index == 0):
            return index
    return None


def _label(clause: str, position: int | None = None, name_end: int | None = None) -> str:
    """The predicate of a clause with its dates taken out: 'expelled from Belgium'.

    The verb nearest before where the date stood is the one the date belongs to
    ("before he was expelled from Belgium in 1909"); failing that, the first after.
    A named event that stood there (ending at `name_end`) is kept whole: "began soon
    after the October revolution", not "… after the October".
    """
    words = clause.split()
    cut = len(clause[:position].split()) if position is not None else 0
    chosen = _nearest_verb(words, cut)
    if chosen is not None:
        stop = chosen + 6
        if name_end is not None and cut < stop:
            stop = max(stop, len(clause[:name_end].split()))
        phrase = " ".join(words[chosen : _phrase_end(words, chosen, stop)])
    else:
        phrase = _LEAD.sub("", " ".join(words[:7]))
    # Quotation marks go ('"joined" the POUM'), and what follows a comma or a bracket.
    # The words were split and joined again, so single spaces stand between them.
    phrase = _PHRASE_END.split(_QUOTES.sub("", phrase), 1)[0].strip(" .")
    while (trimmed := _without_last_word(phrase, _TRAILING)) != phrase:
        phrase = trimmed
    head, _, last = phrase.rpartition(" ")
    if head.endswith(" and") and head.count(" ") > 1 and _is_verb(last):
        # "moved to Berlin", not "… and joined"; but "arrested and convicted" stays.
        phrase = head.removesuffix(" and")
    return phrase[:1].lower() + phrase[1:] if phrase[:2] != phrase[:2].upper() else phrase


def _phrase_end(words: list[str], first: int, stop: int) -> int:
    """Where a label of words[first:stop] ends so as not to stop mid-phrase.

    A name runs on to its end ("the Russian Social Democratic Labour Party"); a phrase
    that a lower-case word would continue ends before its last preposition or "and"
    instead ("born in Moscow", not "born in Moscow into an old").
    """
    stop = min(stop, len(words))
    while stop < min(len(words), first + 12) and words[stop - 1][:1].isupper():
        if not words[stop][:1].isupper() or _PHRASE_END.search(words[stop - 1]):
            break
        stop += 1
    if _runs_on(words, stop):
        stop = next(
            (index for index in range(stop - 1, first + 1, -1) if words[index] in _BREAKS), stop
        )
    return stop


def _runs_on(words: list[str], stop: int) -> bool:
    """Whether the phrase ending before words[stop] is cut short there."""
    last = words[stop - 1]
    if stop >= len(words) or _PHRASE_END.search(last) or last.endswith("."):
        return False
    return words[stop][:1].islower() and words[stop] not in _BREAKS


# Where a phrase can end: before a preposition, a conjunction or a relative word.
_BREAKS = frozenset(
    """in on at by from since until till after before during of for to with into onto near
    under over against between among through toward towards across about around without
    within and or but as while because when where which who whom whose that""".split()
)
_WHERE = re.compile(r"\bwhere\s")
_SIMPLE_DURATION = re.compile(r"P(\d+)([YMWD])")
_PHRASE_END = re.compile(r"[,;:()]")
_QUOTES = re.compile(r"[\"“”]")
# The prepositions that govern a date ("in 1909", "after two months").
_GOVERNING = frozenset("in on at by since from during of for after within until till".split())


def _drop_governing(piece: str) -> str:
    """The text before a date without the prepositions that lead into it."""
    if not piece[-1:].isspace():
        return piece
    kept = piece.rstrip()
    while (head := _without_last_word(kept, _GOVERNING, alone=True)) != kept:
        kept = head.rstrip()
    return kept + " " if kept != piece.rstrip() else piece


def _without_last_word(text: str, words: frozenset[str], alone: bool = False) -> str:
    """The text without its last word if that is one of `words` (and, unless `alone`,
    not the only word). Splitting, not a regex anchored at the end: that one would be
    tried at every position of the text."""
    head, space, last = text.rpartition(" ")
    return head if (space or alone) and last.lower() in words else text


def _without(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    """The text with the dates taken out, each with the preposition that governs it."""
    pieces, position = [], 0
    for start, end in sorted(spans):
        pieces.append(_drop_governing(text[position : start - offset]))
        position = end - offset
    pieces.append(text[position:])
    return "".join(pieces)


def _in_order(start: str, end: str, keep_end: bool) -> tuple[str, str]:
    """A range that ends before it starts ("from 1940 to 1936", or an "until 1936"
    read from a later date) becomes a point: its end when `keep_end`, since that is
    the date the text states, else its start."""
    if not ends_before_start(start, end):
        return start, end
    return (end, end) if keep_end else (start, start)


def _month(value: str) -> str:
    return value[:7]


def _duration_end(anchor: str, timex: Timex) -> str | None:
    match = _SIMPLE_DURATION.fullmatch(timex.value)
    if match is None:
        return None
    return shift(anchor, int(match[1]), match[2])


@dataclass
class _Narrative:
    text: str
    timexes: list[Timex]
    # For the patterns that would otherwise have to ignore case, which is slow.
    lowered: str
    birth_year: int | None = None
    death_year: int | None = None
    places: list[tuple[int, str]] = field(default_factory=list)

    def place_where(self, clause_start: int, sentence: tuple[int, int]) -> str | None:
        """The place a clause that begins with "where" refers to: the last one named
        before it in the sentence."""
        # The clause starts with "where" or, split off before it, ends the last one.
        if not _WHERE.search(self.lowered, max(sentence[0], clause_start - 7), clause_start + 6):
            return None
        before = self.places_in((sentence[0], clause_start))
        return before[-1] if before else None

    def places_in(self, sentence: tuple[int, int]) -> list[str]:
        first = bisect_left(self.places, (sentence[0], ""))
        last = bisect_left(self.places, (sentence[1], ""))
        return list(dict.fromkeys(name for _, name in self.places[first:last]))


def _dated_events(
    narrative: _Narrative, sentence: tuple[int, int], inside: list[Timex]
) -> list[LifeEvent]:
    text = narrative.text
    places = narrative.places_in(sentence)
    events: list[LifeEvent] = []
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
        tail = before.lower().split()[-3:]
        until = bool(tail) and (tail[-1] in ("until", "till") or tail[-2:] == ["up", "to"])
        start_value = end_value = None
        modifier = timex.mod
        expression = [timex]
        short_range = None
        if timex.type == "DATE" and timex.value[:3].isdigit():
            following = inside[index + 1] if index + 1 < len(inside) else None
            joined = following and _RANGE_JOIN.match(text[timex.end : following.start])
            if (
                following
                and following.type == "DATE"
                and joined
                and (_RANGE_OPEN.search(before) or "–" in joined.group() or "-" in joined.group())
            ):
                first, last = span(timex.value), span(following.value)
                if first and last:
                    start_value, end_value = first[0], last[1]
                    expression.append(following)
                    skip.add(index + 1)
            short_range = (
                _SHORT_RANGE.match(text, timex.end)
                if len(timex.value) == 4 and timex.value.isdigit()
                else None
            )
            if start_value is None and short_range:
                # "1926–27": the end year borrows the start's century.
                end_year = short_range[1]
                if len(end_year) == 2:
                    end_year = timex.value[:2] + end_year
                start_value, end_value = timex.value, end_year
            if start_value is None:
                covered = span(timex.value)
                if covered is None:
                    continue
                start_value, end_value = covered
                if timex.end_value and (last_covered := span(timex.end_value)):
                    start_value, end_value = _month(start_value), _month(last_covered[1])
                anchor_span = span(timex.anchor) if timex.anchor else None
                if until and anchor_span and anchor_span[0][:4].isdigit():
                    start_value = anchor_span[0]
        elif timex.type == "DURATION" and timex.anchor and timex.anchor[:4].isdigit():
            anchor = span(timex.anchor)
            end_point = _duration_end(timex.anchor, timex)
            if anchor is None or end_point is None:
                continue
            if tail and tail[-1] in ("after", "within", "in", "another"):
                start_value = end_value = end_point
            elif _SPAN_DURATION.search(before) or timex.text.lower().startswith(
                ("the next", "the following")
            ):
                start_value, end_value = anchor[0], end_point
            else:
                continue
        else:
            continue
        if start_value and end_value:
            start_value, end_value = _in_order(start_value, end_value, keep_end=until)
        clause_start, clause_end = _clause(text, expression[0].start, expression[-1].end, sentence)
        # A named event keeps its name in the label ("fleeing the German invasion").
        removed = [] if timex.end_value else [(t.start, t.end) for t in expression]
        if short_range:
            removed.append((timex.end, short_range.end()))
        bare = _without(text[clause_start:clause_end], removed, clause_start)
        has_verb = _has_verb(bare)
        if not has_verb and clause_end < sentence[1]:
            # "After the February revolution in Russia, Serge headed back": the main clause.
            clause_end = _clause(text, clause_end + 1, clause_end + 2, sentence)[1]
            bare = _without(text[clause_start:clause_end], removed, clause_start)
            has_verb = _has_verb(bare)
        while not has_verb and clause_start > sentence[0]:
            # "… died in Dmitrov, near Moscow, on 8 February 1921": the clauses before.
            clause_start = _clause(text, clause_start - 2, clause_start - 1, sentence)[0]
            bare = _without(text[clause_start:clause_end], removed, clause_start)
            has_verb = _has_verb(bare)
        clause = text[clause_start:clause_end]
        label = _label(
            bare,
            expression[0].start - clause_start,
            expression[-1].end - clause_start if timex.end_value else None,
        )
        if not label:
            continue
        if " " not in label and (where := narrative.place_where(clause_start, sentence)):
            label = f"{label} in {where}"  # "settled in England, where he lived …"
        if until and (when := _WHEN.match(text, expression[-1].end)):
            # "stayed until 1936 when he was allowed to leave": the leaving is 1936 too.
            when_end = sentence[1]
            events.append(
                LifeEvent(
                    start=end_value,
                    end=end_value,
                    precision=precision(timex.value),
                    modifier=None,
                    label=_label(text[when.end() : when_end], 0),
                    text=text[sentence[0] : sentence[1]],
                    places=[p for p in places if p in text[when.end() : when_end]],
                    span=sentence,
                    expression=timex.text,
                )
            )
        events.append(
            LifeEvent(
                start=start_value,
                end=end_value,
                precision=precision(
                    start_value if timex.type != "DATE" or timex.end_value else timex.value
                ),
                modifier=modifier,
                label=label,
                text=text[sentence[0] : sentence[1]],
                places=[p for p in places if p in clause],
                span=sentence,
                expression=" … ".join(t.text for t in expression),
            )
        )
    return events


def _life_span_events(narrative: _Narrative, sentence: tuple[int, int]) -> list[LifeEvent]:
    """'in his teens' and 'until his death', once birth and death years are known."""
    text = narrative.text[sentence[0] : sentence[1]]
    events = []
    if (death := _DEATH.search(text)) and narrative.death_year:
        position = sentence[0] + death.start()
        before = [t for t in narrative.timexes if t.start < position and t.value[:4].isdigit()]
        since = span(before[-1].value) if before else None
        if since and not ends_before_start(since[0], str(narrative.death_year)):
            clause = _clause(narrative.text, position, position + len(death.group()), sentence)
            events.append(
                LifeEvent(
                    start=since[0],
                    end=str(narrative.death_year),
                    precision=precision(since[0]),
                    modifier=None,
                    label=_label(
                        narrative.text[clause[0] : clause[1]].replace(death.group(), ""),
                        position - clause[0],
                    ),
                    text=text,
                    places=narrative.places_in(clause),
                    span=sentence,
                    expression=death.group(),
                )
            )
    if (teens := _TEENS.search(text)) and narrative.birth_year:
        decade = {"teens": 13, "twenties": 20, "thirties": 30, "forties": 40}[teens[1].lower()]
        last = decade + (6 if decade == 13 else 9)
        clause = _clause(
            narrative.text, sentence[0] + teens.start(), sentence[0] + teens.end(), sentence
        )
        events.append(
            LifeEvent(
                start=str(narrative.birth_year + decade),
                end=str(narrative.birth_year + last),
                precision="year",
                modifier=None,
                label=_label(
                    narrative.text[clause[0] : clause[1]].replace(teens.group(), ""),
                    sentence[0] + teens.start() - clause[0],
                ),
                text=text,
                places=narrative.places_in(clause),
                span=sentence,
                expression=teens.group(),
            )
        )
    return events


def extract_events(biography: str) -> list[LifeEvent]:
    """The dated events of a biography in order, then its undated facts."""
    # Named events are dated to the month: day precision would claim too much of a
    # biography that mentions them in passing.
    named = [(s, e, ev.start[:7], ev.end[:7]) for s, e, ev in find_events(biography)]
    narrative = _Narrative(
        biography, tag(biography, None, named), lower(biography), places=place_positions(biography)
    )
    sentences = _sentences(biography)
    dated: list[LifeEvent] = []
    undated: list[LifeEvent] = []
    by_sentence: list[list[Timex]] = [[] for _ in sentences]
    starts = [s[0] for s in sentences]
    for timex in narrative.timexes:
        index = bisect_right(starts, timex.start) - 1
        if index >= 0 and timex.start < sentences[index][1]:
            by_sentence[index].append(timex)
    for sentence, inside in zip(sentences, by_sentence, strict=True):
        found = _dated_events(narrative, sentence, inside) if inside else []
        for event in found:
            if event.label.startswith("born") and narrative.birth_year is None:
                narrative.birth_year = year_of(event.start)
            if event.label.startswith("died"):
                narrative.death_year = year_of(event.start)
        dated += found
        if not found:
            undated += _undated_events(narrative, sentence)
    # Only sentences that say "in his teens" or "until his death" need a second look.
    marked = [m.start() for m in _LIFE_SPAN_HINT.finditer(narrative.lowered)]
    for sentence in sentences:
        if any(sentence[0] <= position < sentence[1] for position in marked):
            dated += _life_span_events(narrative, sentence)
    return sorted(dated, key=lambda e: (e.span[0], e.start or "")) + undated


def _undated_events(narrative: _Narrative, sentence: tuple[int, int]) -> list[LifeEvent]:
    text = narrative.text
    events = []
    for match in _UNDATED_VERBS.finditer(narrative.lowered, sentence[0], sentence[1]):
        clause = _clause(text, match.start(), match.end(), sentence)
        fragment = text[match.start() : clause[1]]
        events.append(
            LifeEvent(
                start=None,
                end=None,
                precision=None,
                modifier=None,
                label=_label(fragment),
                text=text[sentence[0] : sentence[1]],
                places=narrative.places_in((match.start(), clause[1])),
                span=sentence,
            )
        )
    return events
