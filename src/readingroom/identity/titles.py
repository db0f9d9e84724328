"""Whether two titles, credited to the same author, name one work.

A title is reduced to a key: folded (case and diacritics aside), "&" read as "and",
the leading article and the edition's words left out ("Selected Works (2nd ed.)"),
British and American spellings made one, the volume number taken apart ("Capital,
Vol. 1" = "Capital, Volume I"), and the main title told from its subtitle. Two
volumes are two works; a subtitle left out is the same work; a letter or two apart
is a likely typo, for an editor to confirm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from readingroom.search.text import edit_distance, fold

from .lexicon import identity_lexicon
from .verdict import Match

_WORD = re.compile(r"[^\W_]+")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_NUMBER = r"(?P<number>\d{1,4}|[ivxlcdm]{1,7})\b"
# A subtitle's boundary: a colon, a spaced dash, a parenthesis, a full stop or a comma.
_BOUNDARY = re.compile(r"\s*(?::|\s[—–-]\s|—|\(|\.\s|,)\s*")
_STRONG_BOUNDARIES = frozenset({":", "—", "–", "-", "(", "."})


@dataclass(frozen=True)
class TitleKey:
    """A title as the rules compare it."""

    words: tuple[str, ...]  # the whole title's words, normalised
    main: tuple[str, ...]  # the main title's (before the subtitle)
    boundary: str  # the mark that ends the main title ("" when there is no subtitle)
    volume: int | None

    @property
    def text(self) -> str:
        return " ".join(self.words)


def _roman(numeral: str) -> int | None:
    total, previous = 0, 0
    for letter in reversed(numeral):
        value = _ROMAN[letter]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


@lru_cache(maxsize=1)
def _volume_pattern() -> re.Pattern[str]:
    words = "|".join(sorted(identity_lexicon().volume_words, key=len, reverse=True))
    return re.compile(rf",?\s*\b(?:{words})\b\.?\s*{_NUMBER}")


def _take_volume(text: str) -> tuple[str, int | None]:
    match = _volume_pattern().search(text)
    if match is None:
        return text, None
    number = match["number"]
    value = int(number) if number.isdigit() else _roman(number)
    return text[: match.start()] + " " + text[match.end() :], value


def _without_edition(text: str) -> str:
    """A parenthesis or closing phrase that only describes the edition goes."""
    edition = identity_lexicon().edition_words

    def only_edition(match: re.Match[str]) -> str:
        words = _WORD.findall(match[0])
        described = any(w in edition for w in words)  # not "(1937–38)": years that tell apart
        return "" if described and all(w in edition or w.isdigit() for w in words) else match[0]

    text = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", only_edition, text)
    return re.sub(r"[,.;:]?\s*(?:\w+\s+){0,2}(?:edition|edn|ed)\.?\s*$", only_edition, text)


def _words(text: str) -> tuple[str, ...]:
    vocab = identity_lexicon()
    words = [vocab.spellings.get(w, w) for w in _WORD.findall(text.replace("&", " and "))]
    if len(words) > 1 and words[0] in vocab.articles:
        words = words[1:]
    return tuple(words)


@lru_cache(maxsize=1 << 16)
def title_key(title: str) -> TitleKey:
    text, volume = _take_volume(_without_edition(fold(title)))
    words = _words(text)
    boundary = _BOUNDARY.search(text.strip())
    if boundary is None or boundary.start() == 0:
        return TitleKey(words, words, "", volume)
    main = _words(text.strip()[: boundary.start()])
    rest = _words(text.strip()[boundary.end() :])
    mark = boundary[0].strip()[:1] or ","
    if mark == "," and rest and all(w.isdigit() for w in rest):
        mark = ":"  # "Memoirs of a Revolutionary, 1901–1941": the years it covers
    return TitleKey(words, main if rest else words, mark if rest else "", volume)


def compare_titles(a: str, b: str) -> Match:
    """Whether titles ``a`` and ``b`` (of one author) name the same work."""
    ka, kb = title_key(a), title_key(b)
    if ka.volume is not None and kb.volume is not None and ka.volume != kb.volume:
        return Match.different(f"volume {ka.volume} is not volume {kb.volume}")
    one_volume = (ka.volume is None) != (kb.volume is None)
    if not ka.words or not kb.words:
        return Match.different("no title")
    if ka.words == kb.words:
        if one_volume:
            return Match.candidate("the same title, one naming a volume")
        return Match.same("the same title")
    numbers_a, numbers_b = _numbers(ka), _numbers(kb)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return Match.different("different numbers or years")  # "Writings (1937–38)", "(1938–39)"
    shorter, longer = (ka, kb) if len(ka.words) <= len(kb.words) else (kb, ka)
    if shorter.words == longer.main and longer.boundary:
        subtitle = set(longer.words[len(longer.main) :])
        if subtitle & identity_lexicon().sequel_words:
            return Match.candidate("the same title, one with a subtitle of a sequel or reply")
        if longer.boundary in _STRONG_BOUNDARIES and not one_volume:
            return Match.same("the same title, one with its subtitle")
        return Match.candidate("the same title, one with more after it")
    return _typo(ka.text, kb.text)


def _numbers(key: TitleKey) -> frozenset[str]:
    return frozenset(w for w in key.words if w.isdigit())


def _typo(a: str, b: str) -> Match:
    longest = max(len(a), len(b))
    limit = 1 if longest <= 12 else 2 if longest <= 40 else 3
    distance = edit_distance(a, b, limit)
    if distance <= limit:
        return Match.candidate(f"titles {distance} letter{'s' if distance > 1 else ''} apart")
    return Match.different("different titles")
