"""An author's biography as the page shows it: rendered, with each event's sentence
marked as a link target.

A biography can run to megabytes and a few thousand life events, so the marking
is one pass over the rendered HTML: its text as a reader sees it (whitespace runs
as one space, entities as characters) is built once with where each piece lies in
the HTML, each sentence is found in that text from where the last one ended, and
the marks go in with one more pass. web/authorpages.py stores the result.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from html import unescape

from readingroom.catalog.models import LifeEvent

from .markdown import render_sentence

_TOKENS = re.compile(r"(<[^>]*>)|(&#?\w+;)|([^<&]+)")
_LINE_BREAK = re.compile(r"<br\s*/?>")
_SPACES = re.compile(r"\s+")
_RUNS = re.compile(r"\s+|\S+")
# A sentence's mark may not cross the edge of a paragraph, a list item or another mark.
_BLOCK_EDGE = re.compile(r"</?(?:p|li|ul|ol|blockquote|h\d|pre|hr|span)\b")
_INLINE = re.compile(r"<(/?)(em|strong|a|code)\b")


@dataclass(frozen=True)
class _Piece:
    plain_start: int
    html_start: int
    html_end: int
    raw: str | None  # the HTML text of a text piece; None for a tag or an entity
    skipped: int  # leading whitespace dropped because the text before ended in a space


class ReadableText:
    """An HTML fragment's text as a reader sees it, and where each part lies in the HTML."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.pieces: list[_Piece] = []
        self.starts: list[int] = []
        parts: list[str] = []
        length = 0
        after_space = True
        for match in _TOKENS.finditer(html):
            tag, entity, text = match.groups()
            if tag is not None:
                if not _LINE_BREAK.fullmatch(tag):
                    continue
                shown = " "
            elif entity is not None:
                shown = unescape(entity)
                shown = " " if shown.isspace() else shown
            else:
                shown = _SPACES.sub(" ", text)
            skipped = 1 if after_space and shown.startswith(" ") else 0
            shown = shown[skipped:]
            if not shown:
                continue
            self.pieces.append(_Piece(length, match.start(), match.end(), text, skipped))
            self.starts.append(length)
            parts.append(shown)
            length += len(shown)
            after_space = shown.endswith(" ")
        self.text = "".join(parts)

    def html_offset(self, position: int, end: bool = False) -> int:
        """Where the readable character at ``position`` starts in the HTML (or, with
        ``end``, where it ends)."""
        piece = self.pieces[bisect_right(self.starts, position) - 1]
        if piece.raw is None:
            return piece.html_end if end else piece.html_start
        wanted, seen = position - piece.plain_start + piece.skipped, 0
        for run in _RUNS.finditer(piece.raw):
            if run.group().isspace():  # a run of spaces reads as one
                if wanted == seen:
                    return piece.html_start + (run.end() if end else run.start())
                seen += 1
            elif wanted < seen + len(run.group()):
                at = piece.html_start + run.start() + wanted - seen
                return at + 1 if end else at
            else:
                seen += len(run.group())
        return piece.html_end


def _can_mark(html: str) -> bool:
    """Whether a span can wrap this stretch of HTML: within one paragraph, and around
    whole inline elements only."""
    if _BLOCK_EDGE.search(html):
        return False
    open_tags: list[str] = []
    for closing, name in _INLINE.findall(html):
        if not closing:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return False
    return not open_tags


def mark_sentences(html: str, events: list[LifeEvent]) -> tuple[str, dict[int, str]]:
    """The rendered biography with each event's sentence wrapped as a link target.

    ``events`` are numbered from 1 in the order given; returns the HTML and, for each
    event number whose sentence was found, its anchor (events from one sentence share
    it, named after the first of them: "sentence-3").
    """
    readable = ReadableText(html)
    by_sentence: dict[str, list[int]] = {}
    numbered = sorted(enumerate(events, 1), key=lambda pair: (pair[1].span_start or 0, pair[0]))
    for number, event in numbered:
        sentence = ReadableText(str(render_sentence(event.text))).text.strip()
        if sentence:
            by_sentence.setdefault(sentence, []).append(number)
    marks: list[tuple[int, int, str]] = []
    anchors: dict[int, str] = {}
    cursor = 0
    for sentence, numbers in by_sentence.items():
        found = readable.text.find(sentence, cursor)
        if found < 0:  # out of the biography's order: only where nothing is marked yet
            found = readable.text.find(sentence, 0, cursor)
            if found < 0 or marks:
                continue
        start = readable.html_offset(found)
        end = readable.html_offset(found + len(sentence) - 1, end=True)
        if not _can_mark(html[start:end]):
            continue
        anchor = f"sentence-{min(numbers)}"
        marks.append((start, end, anchor))
        anchors.update(dict.fromkeys(numbers, anchor))
        cursor = found + len(sentence)
    parts, position = [], 0
    for start, end, anchor in marks:
        parts += [html[position:start], f'<span class="event-sentence" id="{anchor}">']
        parts += [html[start:end], "</span>"]
        position = end
    parts.append(html[position:])
    return "".join(parts), anchors
