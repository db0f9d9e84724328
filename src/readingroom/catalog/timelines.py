"""Keeping authors' life events in step with their biographies.

Extraction (readingroom.timeline) is recomputed whenever a biography is imported
or edited. Events an editor corrected, hid or added stay as the editor left them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable

from readingroom.timeline.events import LifeEvent as ExtractedEvent
from readingroom.timeline.events import extract_events

from .models import Author, LifeEvent
from .signals import life_events_recomputed


def event_key(event: ExtractedEvent, ordinal: int = 0) -> str:
    """Which extracted event this is, across recomputations: its sentence and the words
    it was read from (the date expression, or an undated fact's verb), and which of the
    sentence's events read from the same words it is. Never its label or kind, which
    a better extractor may word or file differently."""
    text = f"{event.text}\x00{event.expression}\x00" + (f"{ordinal}" if ordinal else "")
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _one_line(text: str) -> str:
    """A label or an expression as a field of one line holds it: a date written across
    a hard line break ("March\n1900") reads as one ("March 1900")."""
    return " ".join(text.split())[:255]


def recompute(authors: Iterable[Author]) -> None:
    """Extract each author's events again, keeping what editors made their own."""
    authors = list(authors)
    if not authors:
        return
    ids = [a.pk for a in authors]
    extracted = LifeEvent.objects.filter(author_id__in=ids, origin=LifeEvent.Origin.EXTRACTED)
    kept = {
        (e.author_id, e.key): e
        for e in extracted.filter(edited=True) | extracted.filter(hidden=True)
    }
    extracted.filter(edited=False, hidden=False).delete()
    new, moved = [], []
    for author in authors:
        seen: Counter[tuple[str, str]] = Counter()
        for position, event in enumerate(extract_events(author.biography, author.name)):
            key = event_key(event, seen[(event.text, event.expression)])
            seen[(event.text, event.expression)] += 1
            if (author.pk, key) in kept:
                mine = kept[(author.pk, key)]
                mine.position = position
                moved.append(mine)
                continue
            new.append(
                LifeEvent(
                    author=author,
                    start=event.start,
                    end=event.end,
                    precision=event.precision,
                    modifier=event.modifier,
                    kind=event.kind,
                    label=_one_line(event.label),
                    text=event.text,
                    places=event.places,
                    span_start=event.span[0],
                    span_end=event.span[1],
                    expression=_one_line(event.expression),
                    position=position,
                    key=key,
                )
            )
    LifeEvent.objects.bulk_update(moved, ["position"])
    LifeEvent.objects.bulk_create(new, batch_size=2000)
    life_events_recomputed.send(sender=LifeEvent, authors=authors)


def timeline(author: Author) -> list[LifeEvent]:
    """The events readers see: not hidden, dated ones in date order, then undated."""
    events = list(author.life_events.filter(hidden=False))
    return sorted(events, key=lambda e: (e.start is None, e.start or "", e.position))
