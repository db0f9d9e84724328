"""From a biography's prose to dated life events.

Every fact of the subject's life that the text dates becomes one event: start and
end (ISO partial dates), precision, modifier, kind, a label (the predicate of its
own clause: "expelled from Belgium"), the places that clause names, and where it
stands in the biography. The steps have a module each: `segmentation` (sentences,
clauses), `ranges` (one date or span per expression), `labels`, `places`,
`subjects` (whose event a clause tells) and `kinds`. What the text dates about
others or the world — a revolution, a campaign, someone else's deal — is kept as
*context*, a kind of its own; facts stated without a date are kept undated.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .ages import Age, ages, life_decades
from .calendar import ends_before_start, precision, year_of
from .casing import lower
from .gazetteers import HistoricalEvent, find_events
from .kinds import kind_of
from .labels import has_verb, is_adverb, is_verb, label, phrase_end, verb_index, without_dates
from .lexicon import lexicon
from .places import Places
from .ranges import Mention, mentions
from .segmentation import (
    Span,
    boundaries,
    boundary_word,
    clause,
    next_clause,
    sentences,
    word_positions,
)
from .subjects import Subject, Whose
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

    @property
    def context(self) -> bool:
        return self.kind == "context"


_WHEN = re.compile(r"\s*,?\s*when\b", re.IGNORECASE)
_DEATH = re.compile(r"\b(?:until|till|to)\s+(?:his|her|their)\s+death\b", re.IGNORECASE)
# What both of those have in common, searched in the lowered text: a pattern that starts
# with a character class and need not ignore case finds the few sentences that need a
# second look far faster than both of those patterns.
_LIFE_SPAN_HINT = re.compile(
    r"\s(?:his|her|their)\s+(?:death|teens|early|mid|middle|late|\w+ties)\b"
)
_WORD = re.compile(r"[a-z]+")
# Context labels run to a clause's end, but not to a paragraph's.
_CONTEXT_WORDS = 14


@dataclass
class _Narrative:
    text: str
    timexes: list[Timex]
    # For the patterns that would otherwise have to ignore case, which is slow.
    lowered: str
    places: Places
    subject: Subject
    timex_starts: list[int] = field(default_factory=list)
    # The undated facts' verbs (lexicon.toml's [undated]) with where they stand.
    triggers: list[tuple[int, str]] = field(default_factory=list)
    ages: list[Age] = field(default_factory=list)
    # (start, end, first age, last age): "in his late sixties".
    decades: list[tuple[int, int, int, int]] = field(default_factory=list)
    birth_year: int | None = None
    death_year: int | None = None
    # The date of death as the text gives it ("1936-10-19").
    death: str | None = None
    _among: dict[Span, bool] = field(default_factory=dict)

    def among(self, sentence: Span) -> bool:
        """Whether the sentence, or the text just before it, names the subject among
        others (so that "they" counts them in)."""
        if sentence not in self._among:
            nearby = self.lowered[max(0, sentence[0] - 300) : sentence[1]]
            self._among[sentence] = self.subject.among(nearby)
        return self._among[sentence]


@dataclass
class _Reading:
    """A mention read in its clause: what the clause says, and whether of the subject."""

    mention: Mention
    clause: Span
    label: str
    about_subject: bool
    # Where the verb the label starts at stands in the text.
    verb: int
    # A relative's event the subject's life counts (a child's birth).
    relative: bool = False


def extract_events(biography: str, subject: str | None = None) -> list[LifeEvent]:
    """The dated events of a biography in order (the life and its context), then its
    undated facts. `subject` is the name of whom it tells, when known: a clause whose
    subject is another name is then context."""
    # The clause boundaries are cached for this biography's sentences alone, so that
    # reading one biography again (as the speed benchmark does) is no faster.
    boundaries.cache_clear()
    named = find_events(biography)
    # Named events are dated to the month: day precision would claim too much of a
    # biography that mentions them in passing.
    dates = [(s, e, ev.start[:7], ev.end[:7]) for s, e, ev in named]
    lowered = lower(biography)
    narrative = _Narrative(
        biography,
        tag(biography, None, dates),
        lowered,
        Places.of(biography),
        Subject.of(subject, lowered),
    )
    narrative.timex_starts = [t.start for t in narrative.timexes]
    narrative.ages = ages(narrative.lowered)
    # Ages date clauses too: an undated fact is none of theirs.
    narrative.timex_starts = sorted(narrative.timex_starts + [a.start for a in narrative.ages])
    narrative.decades = life_decades(narrative.lowered)
    narrative.triggers = word_positions(lexicon().undated_triggers, narrative.lowered)
    spans = sentences(biography)
    by_sentence: list[list[Timex]] = [[] for _ in spans]
    starts = [s[0] for s in spans]
    for timex in narrative.timexes:
        index = bisect_right(starts, timex.start) - 1
        if index >= 0 and timex.start < spans[index][1]:
            by_sentence[index].append(timex)
    dated: list[LifeEvent] = []
    undated: list[LifeEvent] = []
    for sentence, inside in zip(spans, by_sentence, strict=True):
        inside = _with_ages(narrative, sentence, inside)
        found = _sentence_events(narrative, sentence, inside) if inside else []
        for event in found:
            if event.kind == "birth" and narrative.birth_year is None:
                narrative.birth_year = year_of(event.start)
            if event.kind == "death" and not event.context:
                narrative.death_year = year_of(event.start)
                narrative.death = event.start
        dated += found
        undated += _undated_events(narrative, sentence, found)
    # Only sentences that say "in his teens" or "until his death" need a second look.
    marked = [m.start() for m in _LIFE_SPAN_HINT.finditer(narrative.lowered)]
    for sentence in spans:
        if any(sentence[0] <= position < sentence[1] for position in marked):
            dated += _life_span_events(narrative, sentence, dated)
    _outside_the_life(dated, narrative)
    dated += _context_of_named_events(narrative, named, spans)
    return sorted(dated, key=lambda e: (e.span[0], e.start or "")) + undated


def _outside_the_life(events: list[LifeEvent], narrative: _Narrative) -> None:
    """What the text dates after the subject's death (a posthumous edition, a
    reputation) or before their birth is the times', not the life's."""
    for event in events:
        year = year_of(event.start)
        if year is None or event.kind in ("birth", "death"):
            continue
        if (narrative.death_year and year > narrative.death_year) or (
            narrative.birth_year and year < narrative.birth_year
        ):
            event.kind = "context"


def _with_ages(narrative: _Narrative, sentence: Span, inside: list[Timex]) -> list[Timex]:
    """The sentence's dates with its ages among them, as the years they were reached
    (once the birth year is known); an age's words are no other date ("in his late
    sixties" is no decade of the century)."""
    taken = [(a.start, a.end) for a in narrative.ages if sentence[0] <= a.start < sentence[1]]
    taken += [(d[0], d[1]) for d in narrative.decades if sentence[0] <= d[0] < sentence[1]]
    if not taken:
        return inside
    kept = [t for t in inside if not any(s < t.end and t.start < e for s, e in taken)]
    if narrative.birth_year is None:
        return kept
    years = {t.value[:4] for t in kept if not t.end_value}
    for age in narrative.ages:
        if sentence[0] <= age.start < sentence[1]:
            earlier = [
                t for t in narrative.timexes if t.start < age.start and t.value[:4].isdigit()
            ]
            anchor = earlier[-1].value if earlier else str(narrative.birth_year)
            ages_before = [t for t in kept if t.start < age.start and t.value.isdigit()]
            if ages_before and ages_before[-1].start > (earlier[-1].start if earlier else -1):
                anchor = ages_before[-1].value  # "at six …, where he stayed until he was 13"
            timex = age.as_timex(narrative.text, narrative.birth_year, anchor)
            if timex.value not in years:  # "died on 10 September 1797, aged thirty-eight"
                kept.append(timex)
    return sorted(kept, key=lambda t: t.start)


def _sentence_events(narrative: _Narrative, sentence: Span, inside: list[Timex]) -> list[LifeEvent]:
    text = narrative.text
    found = mentions(text, sentence, inside)
    readings: list[_Reading] = []
    for mention in found:
        if mention.named and not _dates_its_clause(text, mention.begin, sentence):
            continue  # "a critic of the Kronstadt revolt": context, not a date of the life
        reading = _read(narrative, mention, sentence)
        if reading is None:
            continue
        if reading.about_subject or not mention.named:
            # A named event's own context event is made once for the biography.
            readings.append(reading)
        if not reading.about_subject and (main := _main_clause(narrative, reading, sentence)):
            readings.append(main)
    events: list[LifeEvent] = []
    for reading in _continued(narrative, _one_per_fact(readings)):
        events += _events_of(narrative, reading, sentence)
    return events


def _dates_its_clause(text: str, position: int, sentence: Span) -> bool:
    """Whether a named event at `position` dates what its clause tells: "after the
    February Revolution", "fleeing the German invasion", "most of the war"; not "a
    critic of the Kronstadt revolt"."""
    words = _WORD.findall(text[max(sentence[0], position - 30) : position].lower())
    if words and words[-1] == "the":
        words.pop()
    words_ = lexicon()
    if not words:
        return False
    if words[-1] == "of":
        return len(words) > 1 and words[-2] in words_.dating_before_of
    return words[-1] in words_.dating_named_events


def _read(narrative: _Narrative, mention: Mention, sentence: Span) -> _Reading | None:
    """The clause a date belongs to, its label, and whether it tells of the subject."""
    text = narrative.text
    start, end = clause(text, mention.begin, mention.finish, sentence)
    removed = mention.removed()

    read: dict[tuple[Span, int], str] = {}
    verbs: dict[tuple[Span, int], bool] = {}

    def bare(stretch: Span) -> str:
        key = (stretch, len(removed))
        if key not in read:
            read[key] = without_dates(text[stretch[0] : stretch[1]], removed, stretch[0])
        return read[key]

    def verbless(stretch: Span) -> bool:
        key = (stretch, len(removed))
        if key not in verbs:
            verbs[key] = not has_verb(bare(stretch))
        return verbs[key]

    if (
        mention.named
        and start == sentence[0]
        and end < sentence[1]
        and not text[mention.finish : end].strip(" ,")
    ):
        # "Fleeing the German invasion, Serge escaped to Mexico": the main clause tells
        # what the named event dates.
        main = clause(text, end + 1, end + 2, sentence)
        if has_verb(bare(main)):
            start, end = start, main[1]
    # A date that opens its sentence dates the clause after it; one that ends a clause
    # the clause before: "He married Françoise, the daughter of a magistrate, in 1565;".
    backwards_first = start > sentence[0]
    while backwards_first and verbless((start, end)) and start > sentence[0]:
        start = clause(text, start - 2, start - 1, sentence)[0]
    while verbless((start, end)) and (following := next_clause(text, end, sentence)):
        # "After the February revolution in Russia, Serge headed back": the main clause,
        # past a relative clause or an adjunct on the way ("the League, which then held
        # Paris, had him shut up").
        if _is_adjunct(narrative.lowered, following):
            removed.append(following)
        end = following[1]
    while verbless((start, end)) and start > sentence[0]:
        # "… died in Dmitrov, near Moscow, on 8 February 1921": the clauses before.
        start = clause(text, start - 2, start - 1, sentence)[0]
    written_clause = bare((start, end))
    words = written_clause.split()
    position = mention.begin - start
    cut = len(text[start : mention.begin].split())
    if mention.named and _main_clause_follows(text, start, mention):
        cut = len(text[start:end].split())  # the verb after the named event's clause
        position = end - start
    chosen = verb_index(words, min(cut, len(words)))
    whose = _whose(narrative, words, chosen, text, start, sentence)
    about = whose is not Whose.OTHER
    written = label(
        written_clause,
        position if not mention.named else None,
        mention.finish - start if mention.named and not about else None,
    )
    if mention.named and about and _main_clause_follows(text, start, mention):
        written = label(written_clause, end - start)
    if not written:
        return None
    if not about:
        written = _context_label(written_clause, chosen)
    elif " " not in written and (
        where := narrative.places.where(narrative.lowered, start, sentence)
    ):
        written = f"{written} in {where}"  # "settled in England, where he lived …"
    verb = _verb_offset(text, (start, end), words, chosen)
    return _Reading(mention, (start, end), written, about, verb, whose is Whose.RELATIVE)


def _whose(
    narrative: _Narrative,
    words: list[str],
    chosen: int | None,
    text: str,
    start: int,
    sentence: Span,
) -> Whose:
    """Whose event the clause tells: the subject of its verb, which a gerund after a
    preposition ("before becoming") or a verb joined to an earlier one ("detained and
    imprisoned") shares with the clause's first verb; failing that, the first verb's
    subject; the subject's too when they are the verb's object ("had him shut up") or
    it publishes ("his poems appeared")."""
    first = verb_index(words, 0)
    if first == 0 and words[0].endswith("ing") and start > sentence[0]:
        # "the police fired on the crowd, killing two of his students": a participle
        # after a comma acts with the subject of the clause before it.
        previous = clause(text, start - 2, start - 1, sentence)
        before_words = text[previous[0] : previous[1]].split()
        return _whose(narrative, before_words, None, text, previous[0], sentence)
    verb = first if chosen is None or _shares_subject(words, chosen) else chosen
    whose = _subject_of(narrative, words, verb, text, start, sentence)
    if whose is not Whose.SUBJECT and verb != first:
        # "She died in her sleep in a boarding house": a word the label took for its
        # verb may have no subject of its own.
        whose = max(whose, _subject_of(narrative, words, first, text, start, sentence))
    return whose


def _subject_of(
    narrative: _Narrative,
    words: list[str],
    verb: int | None,
    text: str,
    start: int,
    sentence: Span,
) -> Whose:
    before = words[:verb] if verb is not None else words
    while before and (is_verb(before[-1]) or before[-1] in ("and", "or") or is_adverb(before[-1])):
        before = before[:-1]  # "was shortly thereafter detained and | imprisoned"
    antecedent = text[max(sentence[0], start - 40) : start].split()
    whose = narrative.subject.whose(
        before,
        boundary_word(text, start),
        antecedent[-2] if len(antecedent) > 1 else "",
        # Only a "they" needs to know whether the subject is among them.
        any(w.lower() == "they" for w in before)
        and (
            narrative.among(sentence)
            or (verb is not None and words[verb].lower() in lexicon().joint)
        ),
    )
    if (
        whose is Whose.OTHER
        and verb is not None
        and (
            narrative.subject.is_object(words[verb + 1 :])
            or (words[verb].lower() in lexicon().publishing and _unowned(narrative, before))
        )
    ):
        return Whose.SUBJECT
    if whose is Whose.RELATIVE and verb is not None and words[verb].lower() == "born":
        return Whose.RELATIVE  # a child's birth is a day of the subject's life
    return Whose.OTHER if whose is Whose.RELATIVE else whose


def _unowned(narrative: _Narrative, before: list[str]) -> bool:
    """Whether the words before a verb of publishing name no one else's work: "his
    Reflections, published in 1790" in a biography of a woman is Burke's book."""
    if before[-1:] == ["which"]:
        return False
    others = {"his", "her"} - set(narrative.subject.pronouns)
    return not any(w.lower() in others or w.endswith(("'s", "’s")) for w in before)


def _shares_subject(words: list[str], verb: int) -> bool:
    """Whether a verb takes its subject from the clause's first verb: a gerund after a
    preposition ("before becoming"), or a verb joined to an earlier one by "and"
    ("returned to Russia … and died in Dmitrov")."""
    if (
        words[verb].lower().endswith("ing")
        and verb
        and words[verb - 1] in lexicon().gerund_prepositions
    ):
        return True
    index = verb - 1
    while index >= 0 and (words[index] in lexicon().auxiliaries or is_adverb(words[index])):
        index -= 1
    return index > 0 and words[index] in ("and", "or")


def _is_adjunct(lowered: str, stretch: Span) -> bool:
    """Whether a clause only qualifies what comes before or after it: a relative
    clause ("which then held Paris") or a gerund's ("after cramming for the exams")."""
    first, _, rest = lowered[stretch[0] : stretch[1]].strip().partition(" ")
    if first in ("which", "who", "whom", "whose") or first in lexicon().adverbial_openers:
        return True  # "which then held Paris", "after the revolution had brought down …"
    second = rest.split(" ", 1)[0]
    return first in lexicon().gerund_prepositions and second.endswith("ing")


def _verb_offset(text: str, stretch: Span, words: list[str], chosen: int | None) -> int:
    """Where in the text the chosen verb stands: the same verb whichever date led to it."""
    if chosen is None:
        return -1
    word, position = words[chosen], stretch[0]
    for _ in range(words[:chosen].count(word) + 1):
        position = text.find(word, position, stretch[1]) + 1
    return position


def _main_clause(narrative: _Narrative, reading: _Reading, sentence: Span) -> _Reading | None:
    """The subject's event in the clause that a clause about others dates: the main
    clause after an adverbial one ("When the party voted for war credits in August
    1914, she helped found …"), or the clause joined on by "and" ("In January 1921
    the left walked out …, and Gramsci was elected to its central committee")."""
    text = narrative.text
    start, end = reading.clause
    opener = text[start:end].split(None, 1)[0].lower()
    main = next_clause(text, end, sentence)
    if main is None:
        return None
    adverbial = start == sentence[0] and opener in lexicon().adverbial_openers
    if not adverbial and not text[end : main[0]].rstrip().endswith(" and"):
        return None
    first = bisect_left(narrative.timex_starts, main[0])
    if first < len(narrative.timex_starts) and narrative.timex_starts[first] < main[1]:
        return None  # the main clause has a date of its own
    words = text[main[0] : main[1]].split()
    verb = verb_index(words, 0)
    if verb is None or _whose(narrative, words, verb, text, main[0], sentence) is Whose.OTHER:
        return None
    if not adverbial and not narrative.subject.named_in(words[:verb]):
        return None  # "… and collapsed with it": the clause before's subject goes on
    written = label(text[main[0] : main[1]], 0)
    if not written:
        return None
    return _Reading(reading.mention, main, written, True, _verb_offset(text, main, words, verb))


def _main_clause_follows(text: str, start: int, mention: Mention) -> bool:
    return start <= mention.begin and text[mention.finish : mention.finish + 2].startswith(",")


def _context_label(bare_clause: str, verb: int | None) -> str:
    """What a clause about others says: its words from its subject on, to a phrase end."""
    words = bare_clause.split()
    stop = phrase_end(words, 0, min(len(words), (verb or 0) + _CONTEXT_WORDS - 6))
    phrase = " ".join(words[:stop]).strip(" ,.;:")
    return phrase[:1].lower() + phrase[1:] if phrase[:2] != phrase[:2].upper() else phrase


def _one_per_fact(readings: list[_Reading]) -> list[_Reading]:
    """One event a fact: of two dates in one clause where one lies inside the other
    ("in June of that year"), the finer stands for both."""
    kept: list[_Reading] = []
    # A named war or period does not date again what a date of its own dates, nor
    # does a date counted from another ("six months before …") beside a date written.
    readings = [
        r
        for r in readings
        if not any(o is not r and o.verb == r.verb and _outranks(o, r) for o in readings)
    ]
    for reading in readings:
        twin = next(
            (
                other
                for other in kept
                if other.clause == reading.clause
                and (reading.mention.within(other.mention) or other.mention.within(reading.mention))
            ),
            None,
        )
        if twin is None:
            kept.append(reading)
        elif twin.mention.named or (
            not reading.mention.named and len(reading.mention.start) > len(twin.mention.start)
        ):
            kept[kept.index(twin)] = reading
    return kept


def _outranks(one: _Reading, other: _Reading) -> bool:
    """Whether, of two dates of one verb, the first is the one to keep: a date written
    out over a named event's or one counted from another date."""
    if one.mention.named != other.mention.named:
        return other.mention.named
    return other.mention.first.anchor is not None and one.mention.first.anchor is None


def _continued(narrative: _Narrative, readings: list[_Reading]) -> list[_Reading]:
    """A stay that goes on from the fact before it: "sent to the Collège at six, where
    he stayed until he was thirteen", "sailed that August, lecturing … until April
    1847" are one event, from the first date to the last."""
    kept: list[_Reading] = []
    for reading in readings:
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and reading.mention.until
            and previous.about_subject
            and reading.about_subject
            and reading.mention.start == previous.mention.start
            and not ends_before_start(previous.mention.start, reading.mention.end)
            and _goes_on(narrative.lowered, reading)
        ):
            previous.mention.end = reading.mention.end
            continue
        kept.append(reading)
    return kept


def _goes_on(lowered: str, reading: _Reading) -> bool:
    """Whether a clause only continues the one before: "where he stayed until …",
    "lecturing … until …"; not "and stayed until 1920, when she sailed home", which
    tells a stay of its own and what ended it."""
    start, _ = reading.clause
    if _WHEN.match(lowered, reading.mention.finish):
        return False
    first = lowered[start : start + 30].split(None, 1)[:1]
    return lowered[max(0, start - 7) : start].strip() == "where" or (
        bool(first) and (first[0] == "where" or first[0].endswith("ing"))
    )


def _events_of(narrative: _Narrative, reading: _Reading, sentence: Span) -> list[LifeEvent]:
    text = narrative.text
    mention = reading.mention
    sentence_text = text[sentence[0] : sentence[1]]
    clause_text = text[reading.clause[0] : reading.clause[1]]
    if not reading.about_subject:
        kind = "context"
    else:
        kind = "family" if reading.relative else kind_of(reading.label, clause_text)
    events = []
    if mention.until and reading.about_subject and (when := _WHEN.match(text, mention.finish)):
        # "stayed until 1936 when he was allowed to leave": the leaving is 1936 too.
        then = label(text[when.end() : sentence[1]], 0)
        events.append(
            LifeEvent(
                start=mention.end,
                end=mention.end,
                precision=precision(mention.end),
                modifier=None,
                label=then,
                text=sentence_text,
                places=narrative.places.within((when.end(), sentence[1])),
                span=sentence,
                expression=mention.first.text,
                kind=kind_of(then),
            )
        )
    events.append(
        LifeEvent(
            start=mention.start,
            end=mention.end,
            precision=mention.precision,
            modifier=mention.modifier,
            label=reading.label,
            text=sentence_text,
            places=narrative.places.within(reading.clause),
            span=sentence,
            expression=mention.expression,
            kind=kind,
        )
    )
    return events


def _context_of_named_events(
    narrative: _Narrative, named: list[tuple[int, int, HistoricalEvent]], spans: list[Span]
) -> list[LifeEvent]:
    """Each named event or period the biography mentions, once, as context."""
    events: list[LifeEvent] = []
    seen: set[HistoricalEvent] = set()
    starts = [s[0] for s in spans]
    for start, end, event in named:
        if event in seen:
            continue
        seen.add(event)
        sentence = spans[max(0, bisect_right(starts, start) - 1)]
        name = narrative.text[start:end]
        events.append(
            LifeEvent(
                start=event.start[:7],
                end=event.end[:7],
                precision=precision(event.start[:7]),
                modifier=None,
                label=name[4:] if name.lower().startswith("the ") else name,
                text=narrative.text[sentence[0] : sentence[1]],
                span=sentence,
                expression=name,
                kind="context",
            )
        )
    return events


def _life_span_events(
    narrative: _Narrative, sentence: Span, dated: list[LifeEvent]
) -> list[LifeEvent]:
    """'in his teens' and 'until his death', once birth and death years are known. A
    fact of the same sentence that "until his death" goes on from ends at the death
    ("settled in Shanghai in October 1927 and lived there until his death")."""
    text = narrative.text[sentence[0] : sentence[1]]
    events = []
    if (death := _DEATH.search(text)) and narrative.death_year:
        position = sentence[0] + death.start()
        before = [t for t in narrative.timexes if t.start < position and t.value[:4].isdigit()]
        since = before[-1].value[:4] if before else None
        stayed = [
            e
            for e in dated
            if e.span == sentence and not e.context and e.start and e.start[:4] == since
        ]
        if (
            stayed
            and narrative.death
            and not ends_before_start(stayed[-1].start or "", narrative.death)
        ):
            stayed[-1].end = narrative.death
        elif since and not ends_before_start(since, str(narrative.death_year)):
            stretch = clause(narrative.text, position, position + len(death.group()), sentence)
            written = label(
                narrative.text[stretch[0] : stretch[1]].replace(death.group(), ""),
                position - stretch[0],
            )
            if " " not in written and (
                where := narrative.places.where(narrative.lowered, stretch[0], sentence)
            ):
                written = f"{written} in {where}"
            events.append(
                LifeEvent(
                    start=since,
                    end=str(narrative.death_year),
                    precision="year",
                    modifier=None,
                    label=written,
                    text=text,
                    places=narrative.places.within(stretch),
                    span=sentence,
                    expression=death.group(),
                    kind=kind_of(written),
                )
            )
    for start, end, first, last in narrative.decades:
        if not sentence[0] <= start < sentence[1] or narrative.birth_year is None:
            continue
        stretch = clause(narrative.text, start, end, sentence)
        written = label(
            without_dates(narrative.text[stretch[0] : stretch[1]], [(start, end)], stretch[0]),
            start - stretch[0],
        )
        events.append(
            LifeEvent(
                start=str(narrative.birth_year + first),
                end=str(narrative.birth_year + last),
                precision="year",
                modifier=None,
                label=written,
                text=text,
                places=narrative.places.within(stretch),
                span=sentence,
                expression=narrative.text[start:end],
                kind=kind_of(written),
            )
        )
    return events


def _undated_events(
    narrative: _Narrative, sentence: Span, dated: list[LifeEvent]
) -> list[LifeEvent]:
    """The facts a sentence states of the subject in clauses that carry no date."""
    text = narrative.text
    events = []
    taken = {e.label for e in dated}
    first = bisect_left(narrative.triggers, (sentence[0], ""))
    last = bisect_left(narrative.triggers, (sentence[1], ""))
    for at, verb in narrative.triggers[first:last]:
        stretch = clause(text, at, at + len(verb), sentence)
        first = bisect_left(narrative.timex_starts, stretch[0])
        if first < len(narrative.timex_starts) and narrative.timex_starts[first] < stretch[1]:
            continue  # a dated clause: its event is among the dated ones
        before = text[stretch[0] : at].split()
        if (
            narrative.subject.whose(before, boundary_word(text, stretch[0]), "")
            is not Whose.SUBJECT
        ):
            continue
        written = label(text[at : stretch[1]])
        if " " not in written and (
            where := narrative.places.where(narrative.lowered, stretch[0], sentence)
        ):
            written = f"{written} in {where}"
        until_death = _DEATH.search(text, stretch[0], stretch[1])
        if written in taken or (until_death and narrative.death_year):
            continue  # told already, or dated by the death year
        taken.add(written)
        events.append(
            LifeEvent(
                start=None,
                end=None,
                precision=None,
                modifier=None,
                label=written,
                text=text[sentence[0] : sentence[1]],
                places=narrative.places.within((at, stretch[1])),
                span=sentence,
                expression=verb,
                kind=kind_of(written),
            )
        )
    return events
