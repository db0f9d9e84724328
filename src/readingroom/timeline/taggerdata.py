"""The temporal tagger's rules as data: data/tagger-lexicon.toml (words and their
normalised values) and data/tagger-patterns.toml (patterns and trigger words),
read once at import, as HeidelTime reads its resources/english/ files."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)(?::(\w+))?\}")
_CONTINUATION = re.compile(r"\\\n\s*")


def _read(name: str) -> dict[str, Any]:
    text = resources.files("readingroom.timeline").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class PatternRule:
    name: str
    pattern: str  # expanded: a plain regular expression
    first: tuple[str, ...]  # the words a match can begin with ("#": a number)


@dataclass(frozen=True)
class TaggerData:
    lexicon: dict[str, dict[str, Any]]
    pieces: dict[str, str]
    rules: tuple[PatternRule, ...]
    followers: dict[str, frozenset[str]]
    number_followers: frozenset[str]

    def table(self, name: str) -> dict[str, Any]:
        return self.lexicon[name]

    def words(self, name: str) -> list[str]:
        """A table's words, or the list a table holds under `words`."""
        table = self.lexicon[name]
        return list(table["words"]) if "words" in table else list(table)

    def expand(self, template: str) -> str:
        """A pattern with its `{piece}`, `{table}` and `{piece:group}` placeholders
        replaced, and its continued lines joined."""
        return _PLACEHOLDER.sub(self._replacement, _CONTINUATION.sub("", template))

    def _replacement(self, match: re.Match[str]) -> str:
        name, group = match[1], match[2]
        if name in self.pieces:
            piece = self.expand(self.pieces[name])
            if group:
                piece = re.sub(r"\(\?P<\w+>", f"(?P<{group}>", piece, count=1)
            return piece
        words = sorted(self.words(name.lower()), key=len, reverse=True)
        if name[0].isupper():
            words = [w.capitalize() for w in words]
        # An apostrophe in a word matches a typographic one too.
        return (
            "(?:"
            + "|".join(re.escape(w).replace(r"\ ", " ").replace("'", "['’]") for w in words)
            + ")"
        )

    def word_list(self, template: str) -> tuple[str, ...]:
        """Trigger words: `{table}` stands for the first word of each of its keys."""
        found: list[str] = []
        for token in template.split():
            if m := _PLACEHOLDER.fullmatch(token):
                for key in self.words(m[1].lower()):
                    first = re.split(r"[\s-]", key)[0]
                    found.append(first.capitalize() if m[1][0].isupper() else first)
            else:
                found.append(token)
        return tuple(dict.fromkeys(found))


def load() -> TaggerData:
    lexicon = _read("tagger-lexicon.toml")
    patterns = _read("tagger-patterns.toml")
    data = TaggerData(lexicon, patterns["pieces"], (), {}, frozenset())
    rules = tuple(
        PatternRule(rule["name"], data.expand(rule["pattern"]), data.word_list(rule["first"]))
        for rule in patterns["rule"]
    )
    followers = {
        word: frozenset(w.lower() for w in data.word_list(template))
        for word, template in patterns["followers"].items()
    }
    number_followers = frozenset(
        w.lower() for w in data.word_list(patterns["number_followers"]["words"])
    )
    return TaggerData(lexicon, patterns["pieces"], rules, followers, number_followers)


DATA = load()
