"""English words: Debian's SCOWL word lists, American and British (wamerican-large,
wbritish-large), so that "colour" and "color" are both right; and word frequencies
(pyspellchecker's) to rank what a misspelt word may have meant.

The lists are system files, installed by `apt-get install wamerican-large
wbritish-large` (CI does; `make` says so when they are missing), or named by
READINGROOM_WORD_LISTS (paths separated by ':') on a system that keeps them
elsewhere. Without them the spelling check is skipped and says why; nothing is ever
downloaded.
"""

from __future__ import annotations

import math
import os
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

WORD_LISTS = (
    "/usr/share/dict/american-english-large",
    "/usr/share/dict/british-english-large",
)
ENVIRONMENT = "READINGROOM_WORD_LISTS"
INSTALL = "apt-get install wamerican-large wbritish-large"
_LETTERS = string.ascii_lowercase + "'"


@dataclass
class Dictionary:
    """The words of the lists, and the words anyone added (the guide's own names, an
    editor's additions)."""

    words: frozenset[str]
    lowered: frozenset[str]
    _by_start: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # A word misspelt once is often misspelt again in the same guide.
    _suggested: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def knows(self, word: str) -> bool:
        """Whether a word is English as the lists spell it: in either case at a
        sentence's start, with a possessive, or as a compound of known words."""
        word = word.replace("’", "'").strip("'")
        if word in self.words or word.lower() in self.lowered:
            return True
        for ending in ("'s", "s'"):
            if word.endswith(ending) and self.knows(word[: -len(ending)] or "x"):
                return True
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            return bool(parts) and all(self.knows(p) for p in parts)
        return self._plural_of_known(word.lower())

    def _plural_of_known(self, word: str) -> bool:
        """ "sepoys", "boyars", "favelas": the plural of a word the lists hold."""
        if not word.endswith("s") or len(word) < 4:
            return False
        stems = [word[:-1]]
        if word.endswith("es"):
            stems.append(word[:-2])
        if word.endswith("ies"):
            stems.append(word[:-3] + "y")
        return any(stem in self.lowered for stem in stems)

    def one_slip_from(self, word: str) -> bool:
        """Whether a known word is one slip away: a typing slip, not a name."""
        return any(w in self.lowered for w in _one_slip(word.lower().replace("’", "'")))

    @cached_property
    def _frequency(self) -> Mapping[str, int]:
        from spellchecker import SpellChecker

        return SpellChecker(language="en", distance=1).word_frequency.dictionary

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        """What the word most likely meant, best first: the nearest known words (one
        slip, else two with the same first letter), the commoner first."""
        if word not in self._suggested:
            self._suggested[word] = self._nearest(word, limit)
        return self._suggested[word]

    def _nearest(self, word: str, limit: int) -> list[str]:
        lowered = word.lower().replace("’", "'")
        near = [(1, w) for w in _one_slip(lowered) if w in self.lowered]
        if not near and lowered:
            bucket = self._starting(lowered[0])
            found = process.extract(
                lowered, bucket, scorer=OSA.distance, score_cutoff=2, limit=None
            )
            near = [(int(d), w) for w, d, _ in found if d > 0]
        frequency = self._frequency
        ranked = sorted(
            set(near), key=lambda dw: (dw[0], -math.log1p(frequency.get(dw[1], 0)), dw[1])
        )
        return [_as_written(word, w) for _, w in ranked[:limit]]

    def _starting(self, letter: str) -> list[str]:
        if not self._by_start:
            for known in self.lowered:
                self._by_start.setdefault(known[:1], []).append(known)
        return self._by_start.get(letter, [])


def _one_slip(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + swaps + replaces + inserts)


def _as_written(word: str, suggestion: str) -> str:
    if word[:1].isupper() and not suggestion[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def word_lists() -> list[Path]:
    named = os.environ.get(ENVIRONMENT)
    return [Path(p) for p in (named.split(os.pathsep) if named else WORD_LISTS)]


@cache
def english() -> Dictionary | None:
    """The dictionary, or None when the word lists are not installed."""
    paths = [p for p in word_lists() if p.is_file()]
    if not paths:
        return None
    return dictionary(
        line.strip() for path in paths for line in path.read_text("utf-8").splitlines()
    )


def dictionary(words: Iterable[str]) -> Dictionary:
    known = frozenset(w for w in words if w)
    return Dictionary(known, frozenset(w.lower() for w in known))


def missing_message() -> str:
    lists = ", ".join(str(p) for p in word_lists())
    return f"the spelling check needs English word lists ({lists}): {INSTALL}"
