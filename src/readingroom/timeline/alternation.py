"""A choice of many literal words as one regex the engine can try quickly.

Python's regex engine tries the branches of ``(?:the|that|then|…)`` one after the
other at every position; factored into a trie (``th(?:e(?:n)?|at)``) it reads each
character once, which makes a scan for dozens of words several times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""
_Trie = dict[str, "_Trie"]


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching exactly the given words (longest first, as
    a sorted alternation would), factored by their common beginnings.

    >>> alternation(["the", "then", "that"])
    '(?:th(?:at|e(?:n)?))'
    >>> re.fullmatch(alternation(["a", "ab"]), "ab") is not None
    True
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[_END] = {}
    return "(?:" + _branches(trie) + ")"


def _branches(node: _Trie) -> str:
    choices = [
        re.escape(character) + _branches(child)
        for character, child in sorted(node.items())
        if character != _END
    ]
    if not choices:
        return ""
    body = choices[0] if len(choices) == 1 else "(?:" + "|".join(choices) + ")"
    # Greedy: a longer word wins over a shorter one it begins with.
    return f"(?:{body})?" if _END in node else body
