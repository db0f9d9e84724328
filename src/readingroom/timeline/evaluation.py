"""Measuring the tagger: TimeML documents and the TempEval-3 scores.

TempEval-3 (SemEval-2013 task 1) scores temporal expressions by extent — strict
(the same characters) and relaxed (overlapping) — and, over the relaxed matches,
by the normalised value and the type. Precision is over what the system found,
recall over the gold annotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .tagger import Timex, tag


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    creation_date: date | None
    timexes: list[GoldTimex]


_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


def read_timeml(path: Path) -> TimeMLDocument:
    """The text inside <TEXT>, its TIMEX3 annotations with offsets, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', raw)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    text: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for match in _TAG.finditer(body):
        chunk = body[position : match.start()]
        text.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name = match.group(1) == "/", match.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(re.findall(r'(\w+)="([^"]*)"', match.group(3))))
        elif open_timex:
            start, attributes = open_timex
            content = "".join(text)[start:length]
            timexes.append(
                GoldTimex(start, length, content, attributes["type"], attributes.get("value", ""))
            )
            open_timex = None
    text.append(body[position:])
    reference = date.fromisoformat(dct.group(1)) if dct else None
    return TimeMLDocument(path.stem, "".join(text), reference, timexes)


@dataclass
class Scores:
    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)

    @staticmethod
    def f1(correct: int, system: int, gold: int) -> tuple[float, float, float]:
        precision = correct / system if system else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def table(self) -> dict[str, tuple[float, float, float]]:
        return {
            "strict extent": self.f1(self.strict, self.system, self.gold),
            "relaxed extent": self.f1(self.relaxed, self.system, self.gold),
            "value": self.f1(self.value, self.system, self.gold),
            "type": self.f1(self.type, self.system, self.gold),
        }


def score(documents: list[TimeMLDocument]) -> Scores:
    """Tag each document against its creation date and compare with the gold."""
    scores = Scores()
    for document in documents:
        found = tag(document.text, document.creation_date)
        scores.system += len(found)
        scores.gold += len(document.timexes)
        for gold in document.timexes:
            match = _best_overlap(gold, found)
            if match is None:
                scores.errors.append((document.name, "missed", gold.text, gold.value))
                continue
            scores.relaxed += 1
            scores.strict += (match.start, match.end) == (gold.start, gold.end)
            scores.value += match.value == gold.value
            scores.type += match.type == gold.type
            if match.value != gold.value:
                scores.errors.append(
                    (document.name, "value", gold.text, f"{gold.value} ≠ {match.value}")
                )
        for timex in found:
            if not any(g.start < timex.end and timex.start < g.end for g in document.timexes):
                scores.errors.append((document.name, "spurious", timex.text, timex.value))
    return scores


def _best_overlap(gold: GoldTimex, found: list[Timex]) -> Timex | None:
    overlapping = [t for t in found if t.start < gold.end and gold.start < t.end]
    if not overlapping:
        return None
    return max(overlapping, key=lambda t: min(t.end, gold.end) - max(t.start, gold.start))


@dataclass
class EventScores:
    """Dated life events against hand-written gold: an event counts when its start and
    end agree with the gold's (at the coarser of the two precisions) and its sentence
    overlaps the gold's text."""

    gold: int = 0
    system: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    def add(self, other: EventScores) -> None:
        self.gold += other.gold
        self.system += other.system
        self.matched += other.matched
        self.missed += other.missed
        self.false += other.false

    def table(self) -> tuple[float, float, float]:
        return Scores.f1(self.matched, self.system, self.gold)


def _same_date(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.startswith(b) or b.startswith(a)


def score_events(
    biography: str, gold: list[dict[str, str]], subject: str | None = None
) -> EventScores:
    """Dated life events against the gold's; context (gold kind "context", and what the
    extractor files as context) is left out of both."""
    from .events import extract_events

    found = [e for e in extract_events(biography, subject) if e.dated and not e.context]
    gold = [g for g in gold if g.get("kind") != "context"]
    scores = EventScores(gold=len(gold), system=len(found))
    used: set[int] = set()
    for expected in gold:
        start = biography.find(expected["text"])
        if start < 0:
            raise ValueError(f"gold text not in the biography: {expected['text']!r}")
        end = start + len(expected["text"])
        for index, event in enumerate(found):
            if index in used or not (event.span[0] < end and start < event.span[1]):
                continue
            if _same_date(event.start, expected["start"]) and _same_date(
                event.end, expected["end"]
            ):
                used.add(index)
                scores.matched += 1
                break
        else:
            scores.missed.append(f"{expected['start']}–{expected['end']} {expected['label']}")
    scores.false = [
        f"{e.start}–{e.end} {e.label} ({e.expression})"
        for i, e in enumerate(found)
        if i not in used
    ]
    return scores
