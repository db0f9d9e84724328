"""An author's life as the biography tells it: the years of birth and death that the
missing-field and chronology checks measure works against."""

from __future__ import annotations

import re
from dataclasses import dataclass

from readingroom.timeline.calendar import year_of
from readingroom.timeline.events import LifeEvent, extract_events

from .document import Author

# "where he stayed until his death": the death is told, though not dated.
_UNDATED_DEATH = re.compile(r"\b(?:until|till|to|at|after|before)\s+(?:his|her|their)\s+death\b")


@dataclass(frozen=True)
class Life:
    birth: int | None
    death: int | None
    # Whether the biography tells of the death at all, dated or not.
    dies: bool
    events: tuple[LifeEvent, ...]


def life_of(author: Author) -> Life:
    """The life the author's biography tells (an empty one without a biography)."""
    if author.biography is None or not author.biography.value.strip():
        return Life(None, None, False, ())
    text = author.biography.value
    events = tuple(extract_events(text, None if author.name_inferred else author.name))
    birth = next((year_of(e.start) for e in events if e.kind == "birth" and e.dated), None)
    death = next(
        (year_of(e.start) for e in events if e.kind == "death" and e.dated and not e.context),
        None,
    )
    dies = death is not None or any(e.kind == "death" for e in events)
    return Life(birth, death, dies or bool(_UNDATED_DEATH.search(text.lower())), events)
