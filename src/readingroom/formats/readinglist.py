"""Reading lists as people paste them: numbered and bulleted lists, annotated
bibliographies, Markdown with headings and front matter, course schedules by week.

The text is cut into blocks (headings, list items, paragraphs, labels such as
"Required:"), and each block is read in its context: the sections above it, the
importance a label or heading gave, the author a heading named. A block is taken
for an entry only when it reads as a citation with enough anchors (citation.py);
anything else is the guide's introduction, a section's note or an entry's note, and
a line the reader cannot place anywhere is reported, never dropped. A line wrongly
read as a work is worse than a line reported as not understood.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache

from readingroom.guidetext.records import Problem

from . import citation, names
from .citation import YEAR, Citation, split_works
from .isbn import compact, is_valid
from .lexicon import lexicon
from .names import is_person_name, parse_names
from .records import Cited, Contributor, Importance, ListEntry, ListGuide, ListSection, Role

_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*\s*")
_UNDERLINE = re.compile(r"(=+|-+|~+)\s*")
_RULE = re.compile(r"(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,}")
_ITEM = re.compile(
    r"(?P<indent>\s*)(?P<marker>\d{1,3}[.)]|\d{1,3},(?=\s+[A-Z])|\(\d{1,3}\)|\[\d{1,3}\]|[-*+•●▪◦–]|\(?[a-z]\))"
    r"\s+(?P<text>\S.*)"
)
_LABEL = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]{1,40}?)\s*(?:\([^)]*\))?\s*:\s*(?P<rest>.*)")
_HEADING_NUMBER = re.compile(r"(?:[IVXLC]+|\d{1,3}|[A-Z])[.)]\s+")
_DATE = re.compile(
    r"(?:(?P<weekday>[A-Za-z]{3,9})\.?,?\s+)?(?P<month>[A-Za-z]{3,9})\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?P<month2>[A-Za-z]{3,9})"
)
_FRONT_MATTER_KEY = re.compile(r"(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass
class Block:
    """Consecutive lines read as one thing."""

    kind: str  # heading, item, paragraph, label, rule
    lines: list[str]
    start: int  # 1-based line of the first
    level: int = 0
    indent: int = 0
    text: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1


@dataclass
class _State:
    sections: list[ListSection] = field(default_factory=list)
    importance: Importance | None = None
    importance_level: int = 0
    author: Contributor | None = None
    author_level: int = 0
    last_entry: ListEntry | None = None
    last_block_entry: bool = False
    entry_indent: int = 0  # how far the last entry's item was indented
    item_author: tuple[int, Contributor] | None = None


@cache
def _phrase_marks() -> tuple[tuple[str, Importance], ...]:
    """The importance marks of more than one word, each with a space after it."""
    return tuple((f"{p} ", mark) for p, mark in lexicon().importance.items() if " " in p)


def _importance_of(text: str) -> Importance | None:
    """The importance a label or heading gives ("Required readings", "Further reading")."""
    key = " ".join(_WORDS.findall(text.casefold()))
    marks = lexicon().importance
    if key in marks:
        return marks[key]
    # "Tier 1 — Essential (before the course)": a mark after a dash or a colon.
    for part in re.split(r"\s[—–-]\s|:\s", text)[1:]:
        words = " ".join(_WORDS.findall(re.sub(r"\(.*?\)", "", part).casefold()))
        if words in marks and words not in ("read", "reading", "readings"):
            return marks[words]
    for phrase, mark in _phrase_marks():
        if key.startswith(phrase):
            return mark
    first = key.split(" ", 1)[0]
    if (
        first not in ("read", "reading", "readings", "further", "background")
        and len(key.split()) <= 4
    ):
        return marks.get(first)
    return None


def _is_schedule_heading(text: str) -> bool:
    """'Week 4 (Feb 10–14): Commodities', 'Session 3 — 12 October', 'Tuesday, Sept. 9'."""
    words = text.split()
    if not words or len(text) > 120:
        return False
    first = words[0].casefold().rstrip(".:,")
    vocab = lexicon()
    if first in vocab.schedule_units and len(words) > 1:
        second = words[1].casefold().strip(".:,()—–-")
        return bool(re.fullmatch(r"\d{1,3}[a-z]?|[ivxlc]+", second)) or second in vocab.number_words
    date = _DATE.match(text)
    if date:
        month = (date["month"] or date["month2"] or "").casefold()
        weekday = (date["weekday"] or "").casefold()
        return month in vocab.months and (not weekday or weekday in vocab.weekdays)
    return first in vocab.weekdays and len(words) <= 6


def _front_matter(lines: list[str], guide: ListGuide) -> int:
    """Read YAML-style front matter ('---' … '---'); the number of lines it took."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return 0
    key = ""
    for line in lines[1:end]:
        pair = _FRONT_MATTER_KEY.fullmatch(line.strip())
        if pair and not line.startswith((" ", "\t", "-")):
            key, value = pair["key"].casefold(), pair["value"].strip().strip("\"'")
            _meta(guide, key, value)
        elif line.strip().startswith("- ") and key:
            _meta(guide, key, line.strip()[2:].strip().strip("\"'"))
    return end + 1


def _meta(guide: ListGuide, key: str, value: str) -> None:
    if not value:
        return
    if key == "title":
        guide.title = value
    elif key == "subtitle":
        guide.subtitle = value
    elif key in ("author", "authors", "compiler", "compilers", "editor", "editors", "by"):
        guide.compilers.extend(v.strip() for v in re.split(r"\s*(?:;|,| and | & )\s*", value) if v)
    elif key in ("date", "updated", "last_updated", "year"):
        guide.date = value


def _alone(line: str) -> bool:
    """A line that is a block by itself whatever surrounds it: a schedule heading
    ("Week 4 (Feb 10–14): …"), a short line in capitals, a line of metadata."""
    stripped = line.strip()
    if line[:1].isspace() or not stripped:
        return False
    if _is_schedule_heading(stripped):
        return True
    letters = "".join(_WORDS.findall(stripped))
    if len(letters) > 3 and letters.isupper() and len(stripped.split()) <= 12:
        return not re.search(YEAR, stripped) or bool(_life_dates(stripped)[1])
    return stripped.casefold().startswith(lexicon().metadata)


def _starts_block(line: str) -> bool:
    """A line that begins a new block even without a blank line before it (a credit
    line, "Edited by …", carries on the work above it)."""
    if _CREDIT_LINE.fullmatch(line.strip()):
        return False
    if _ITEM.fullmatch(line) or _MD_HEADING.fullmatch(line.strip()) or _alone(line):
        return True
    label = _LABEL.fullmatch(line.strip())
    return (
        label is not None and not line[:1].isspace() and _importance_of(label["label"]) is not None
    )


def _blocks(lines: list[str], offset: int) -> Iterator[Block]:
    """Cut the lines (after ``offset``) into blocks."""
    index = offset
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        number = index + 1
        if not stripped:
            index += 1
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _MD_HEADING.fullmatch(stripped)
        if heading and not line.startswith((" ", "\t")):
            yield Block("heading", [line], number, len(heading[1]), text=heading[2])
            index += 1
            continue
        underlined = _UNDERLINE.fullmatch(following.strip()) and len(following.strip()) >= 3
        if underlined and not _ITEM.fullmatch(line):
            level = 1 if following.strip()[0] == "=" else 2
            yield Block("heading", [line, following], number, level, text=stripped)
            index += 2
            continue
        if _RULE.fullmatch(stripped):
            yield Block("rule", [line], number)
            index += 1
            continue
        if (end := _csv_end(lines, index)) is not None:
            yield Block("csv", lines[index:end], number)
            index = end
            continue
        if stripped.startswith("|"):
            end = index + 1
            while end < len(lines) and lines[end].strip().startswith("|"):
                end += 1
            yield Block("table", lines[index:end], number)
            index = end
            continue
        item = _ITEM.fullmatch(line)
        taken = [line]
        index += 1
        alone = _alone(line)
        while index < len(lines) and lines[index].strip() and not alone:
            nxt = lines[index]
            if _starts_block(nxt):
                break
            if index + 1 < len(lines) and _UNDERLINE.fullmatch(lines[index + 1].strip() or "x"):
                break
            taken.append(nxt)
            index += 1
        if item:
            indent = len(item["indent"].expandtabs(4))
            yield Block("item", taken, number, indent=indent, text=item["text"])
        else:
            yield Block("paragraph", taken, number, text=stripped)


@lru_cache(maxsize=4096)
def read_citation(text: str) -> Citation | None:
    """citation.read_citation, once per text: the reader asks again of a line as it
    tries it as a heading, a list, an item."""
    return citation.read_citation(text)


def _cites(text: str) -> list[Citation | None]:
    """The citations of one line: usually one, several when it lists several works."""
    return [read_citation(piece) for piece in split_works(text)]


def clear_caches() -> None:
    read_citation.cache_clear()
    names.clear_caches()


class ReadingListReader:
    """Reads a whole reading list into a :class:`ListGuide`."""

    name = "list"

    def read(self, text: str) -> ListGuide:
        # A heading copied from a wiki keeps its edit link: "Further reading[edit]".
        lines = [
            _columns_closed(_EDIT_LINK.sub("", line) if "[edit]" in line else line)
            for line in text.splitlines()
        ]
        guide = ListGuide()
        offset = _front_matter(lines, guide)
        guide.kept.update((number, "front matter") for number in range(1, offset + 1))
        self.guide, self.state = guide, _State()
        self.intro: list[tuple[int, str]] = []
        self.marks: dict[str, Importance] | None = None
        self.following: Block | None = None
        blocks = list(_blocks(lines, offset))
        for position, block in enumerate(blocks):
            self._block(block, blocks[position + 1] if position + 1 < len(blocks) else None)
        if self.intro:
            guide.introduction = "\n".join(text for _, text in self.intro)
            guide.introduction_lines = (self.intro[0][0], self.intro[-1][0])
        return guide

    # Blocks.

    def _block(self, block: Block, following: Block | None) -> None:
        self.role = "entry"
        self._place(block, following)
        for number in range(block.start, block.end + 1):
            self.guide.kept.setdefault(number, self.role)

    def _place(self, block: Block, following: Block | None) -> None:
        self.following = following
        if block.kind == "rule":
            self.role = "rule"
            return
        if block.kind == "heading":
            self.role = "heading"
            self._heading(block.text, block.level, block.start, following)
            return
        if block.kind == "table":
            self._table(block)
            return
        if block.kind == "csv":
            self._csv(block)
            return
        if block.kind == "paragraph" and len(block.lines) == 1 and self._metadata(block):
            return
        if block.kind == "paragraph" and self._plain_heading(block, following):
            self.role = "heading"
            return
        if block.kind == "paragraph" and self._title_lines(block):
            return
        if self._label(block):
            return
        if block.kind == "item":
            self._item(block)
        else:
            self._paragraph(block)

    def _csv(self, block: Block) -> None:
        """Comma-separated rows under a header that names a title column (a Goodreads
        or StoryGraph export pasted in): each record an entry, read by its columns."""
        reader = csv.reader(io.StringIO("\n".join(block.lines)))
        columns = _columns(next(reader))
        self.guide.kept[block.start] = "table header"
        start = block.start + 1
        for cells in reader:
            end = block.start + reader.line_num - 1
            cite = _row_citation(cells, columns) if any(cells) else None
            if cite is None:
                self.guide.kept.update(dict.fromkeys(range(start, end + 1), "note"))
            else:
                row = Block("item", block.lines[start - block.start : end - block.start + 1], start)
                self._add(cite, row, row.lines[0])
                self.guide.kept.update(dict.fromkeys(range(start, end + 1), "entry"))
            start = end + 1

    def _table(self, block: Block) -> None:
        """A Markdown table whose header names a title column: each row an entry, its
        cells read by their column ("| Title | Author(s) | Year | Pages | Read |")."""
        rows = [_cells(line) for line in block.lines]
        columns = _columns(rows[0])
        ruled = len(rows) > 1 and all(re.fullmatch(r":?-{2,}:?", c) for c in rows[1] if c)
        if not ruled or "title" not in columns.values():
            self._prose(block)
            return
        self.guide.kept.update({block.start: "table header", block.start + 1: "table header"})
        for offset, cells in enumerate(rows[2:], start=2):
            number = block.start + offset
            cite = _row_citation(cells, columns)
            if cite is None:
                self.guide.kept[number] = "note"
                continue
            row = Block("item", [block.lines[offset]], number)
            entry = self._add(cite, row, block.lines[offset])
            entry.importance = cite.importance or entry.importance
            self.guide.kept[number] = "entry"

    def _plain_heading(self, block: Block, following: Block | None) -> bool:
        """A one-line paragraph that heads what follows: capitals, a schedule unit, a
        numbered part, or a short line ending with a colon before a list."""
        if len(block.lines) != 1:
            return False
        text = block.text
        bare = _HEADING_NUMBER.sub("", text, count=1)
        words = bare.split()
        if not words or len(words) > 14 or text.endswith((".", ",", ";")):
            return False
        cite = read_citation(text)
        if _as_name(bare) is None and cite is not None and (cite.year or cite.pages or cite.part):
            return False
        letters = "".join(_WORDS.findall(bare))
        capitals = len(letters) > 3 and letters.isupper()
        schedule = _is_schedule_heading(bare)
        before_list = following is not None and following.kind == "item" and text.endswith(":")
        first = not self.guide.entries and not self.state.sections and self.guide.title is None
        title = first and not self.intro and following is not None
        importance = _importance_of(text.rstrip(":")) is not None
        if _as_name(bare) is not None and following is not None:
            self._heading(text, 2, block.start, following)
            return True
        if not (capitals or schedule or before_list or title or importance):
            return False
        if title and not (capitals and following is not None and following.kind == "heading"):
            self.guide.title = text.rstrip(":")
            return True
        level = 1 if capitals or bare.split()[0].casefold() == "part" else 2
        self._heading(text.rstrip(":"), level, block.start, following)
        return True

    def _title_lines(self, block: Block) -> bool:
        """The list's first lines: a short title line, then lines about the list
        ("Spring 2025 · Tuesdays…", "Prepared by …"), before its introduction."""
        if self.guide.title is not None or self.guide.entries or self.state.sections or self.intro:
            return False
        title = block.lines[0].strip()
        words = title.split()
        if len(block.lines) < 2 or not 1 <= len(words) <= 14 or title.endswith((".", ",", ":")):
            return False
        if len(block.lines[1].strip().split()) > 14:
            return False  # a paragraph, not a title over short lines
        self.guide.title = title
        self.guide.kept[block.start] = "title"
        for number, line in enumerate(block.lines[1:], block.start + 1):
            one = Block("paragraph", [line], number, text=line.strip())
            self.role = "introduction"
            if not self._metadata(one):
                self._prose(one)
            self.guide.kept[number] = self.role
        return True

    def _heading(self, text: str, level: int, line: int, following: Block | None) -> None:
        text = _strip_marks(text)
        state = self.state
        first = not (self.guide.entries or state.sections or self.intro)
        if level == 1 and self.guide.title is None and first:
            self.guide.title = text
            return
        name = _as_name(_HEADING_NUMBER.sub("", text, count=1))
        if name is not None and not _is_schedule_heading(text):
            state.author = Contributor(name, "author", text)
            state.author_level = level
            self._close_sections(level)
            return
        cite = read_citation(text)
        if cite is not None and cite.year and (cite.contributors or cite.title_set_apart):
            # "### “The Second Sex” by Simone de Beauvoir (1949)": a work as a heading
            self._add(cite, Block("heading", [text], line), text)
            self.role = "entry"
            return
        if state.author is not None and level <= state.author_level:
            state.author = None
        self._close_sections(level)
        importance = _importance_of(text)
        if importance is not None:
            state.importance, state.importance_level = importance, level
        section = ListSection(text, level, line)
        state.sections.append(section)
        self.guide.sections.append(section)
        state.last_block_entry = False

    def _close_sections(self, level: int) -> None:
        state = self.state
        while state.sections and state.sections[-1].level >= level:
            state.sections.pop()
        if state.importance is not None and state.importance_level >= level:
            state.importance, state.importance_level = None, 0

    def _label(self, block: Block) -> bool:
        """'Required:', 'Recommended reading:', 'Read: Marx, Capital, ch. 1'."""
        label = _LABEL.fullmatch(block.lines[0].strip())
        if not label:
            return False
        importance = _importance_of(label["label"])
        if importance is None:
            return self._metadata(block)
        rest = label["rest"].strip()
        if not rest:  # a label over what follows
            level = (self.state.sections[-1].level if self.state.sections else 0) + 1
            self.state.importance, self.state.importance_level = importance, level
        groups: list[tuple[int, list[str]]] = [(block.start, [rest])] if rest else []
        indents = [len(line) - len(line.lstrip()) for line in block.lines[1:]]
        base = indents[0] if indents and not rest else 0
        for number, line, indent in zip(
            range(block.start + 1, block.end + 1), block.lines[1:], indents, strict=False
        ):
            joined = " ".join(groups[-1][1]) if groups else ""
            if groups and (indent > base or _unfinished(joined, line, wrapped_year=False)):
                groups[-1][1].append(line.strip())  # a citation's continuation
            else:
                groups.append((number, [line.strip()]))
        for number, parts in groups:
            text = " ".join(parts)
            pieces = [p for p in re.split(r"\s*;\s+", text) if p]
            for piece, cite in [(p, c) for p in pieces for c in _cites(p)]:
                line_block = Block("item", [piece], number, text=piece)
                if cite is None or not self._entry_ok(cite, in_list=True):
                    self._prose(line_block)
                    continue
                entry = self._add(cite, line_block, piece)
                if rest and number == block.start and entry.importance is None:
                    entry.importance = importance
                entry.line_end = number + len(parts) - 1
        return True

    def _metadata(self, block: Block) -> bool:
        """Lines about the list ("Compiled by …", "Last updated …")."""
        text = block.lines[0].strip()
        folded = text.casefold()
        for phrase in lexicon().metadata:
            if folded.startswith(phrase):
                value = text[len(phrase) :].strip(" :.-–—")
                if phrase.startswith(("compiled", "selected", "prepared", "edited")) and value:
                    names = parse_names(value)
                    self.guide.compilers.extend(c.name for c in names or [])
                if phrase in ("updated", "last updated", "revised", "last revised") and value:
                    self.guide.date = self.guide.date or value
                self.role = "metadata"
                return True
        return False

    def _item(self, block: Block) -> None:
        first = _ITEM.fullmatch(block.lines[0])
        text = first["text"] if first else block.lines[0].strip()
        taken = 1
        while taken < len(block.lines) and _continues(text, block.lines[taken]):
            text = f"{text} {block.lines[taken].strip()}"  # a citation wrapped over lines
            taken += 1
        rest = [line.strip() for line in block.lines[taken:]]
        author = self.state.item_author
        if author is not None and block.indent <= author[0]:
            self.state.item_author = None
        text, marked = self._marked(text)
        cites = _cites(self._ditto(text))
        if self._heads_items(block, cites):
            self._heading(text, 2 + block.indent // 2, block.start, self.following)
            self.role = "heading"
            return
        if self._under_entry(block) and not all(c and _starts_citation(c, text) for c in cites):
            cites = [None]  # a nested remark that names a book in passing
        if _as_name(text) or (is_person_name(text.strip(" :")) and len(text.split()) > 1):
            cites = [None]  # a name alone heads the works nested under it
        if not all(c is not None and self._entry_ok(c, in_list=True) for c in cites):
            if self._nested_note(block, text):
                self.role = "note"
                return
            if self._author_item(block, text):
                self.role = "heading"
                return
            self._prose(block)
            return
        head = replace(block, lines=block.lines[:taken])
        for cite in cites:
            assert cite is not None
            entry = self._add(cite, head, text)
            entry.importance = cite.importance or marked or entry.importance
        lazy = replace(block, lines=block.lines[taken:], start=block.start + taken)
        if rest and not lazy.lines[0][:1].isspace() and self._lines_of_entries(lazy):
            return  # lazy lines after an item, each a work: "* Miliband…" then "Lenin…"
        if rest:
            extra = " ".join(rest)
            url = re.fullmatch(r"<?(https?://\S+?)>?", extra)
            if url and entry.url is None:
                entry.url = url[1]
            else:
                entry.note = f"{entry.note}\n{extra}" if entry.note else extra
        entry.line_end = block.end

    def _heads_items(self, block: Block, cites: list[Citation | None]) -> bool:
        """A numbered item with items nested under it and no citation of its own is
        a heading: "1. The Industrial Revolution: what changed?" over "a) …"."""
        following = self.following
        if following is None or following.kind != "item" or following.indent <= block.indent:
            return False
        return all(c is None or not (c.year or c.pages or c.contributors or c.url) for c in cites)

    def _marked(self, text: str) -> tuple[str, Importance | None]:
        """An entry's leading mark ("[E]", "*", "◆"), and the importance the list's
        legend gives it ("Items marked [E] are essential")."""
        if self.marks is None:
            self.marks = _legend(self.guide.introduction or "\n".join(t for _, t in self.intro))
        match = re.match(r"(\[[^\]\s]{1,3}\]|\([A-Za-z*]{1,3}\)|[◆◇★☆●■▪✓✔])\s+", text)
        if match is None:
            return text, None
        return text[match.end() :], self.marks.get(match[1])

    def _ditto(self, text: str) -> str:
        """ "———. 2009. Title": the same names as the entry before."""
        ditto = re.match(r"[—–-]{2,}\.?\s*", text)
        entry = self.state.last_entry
        if ditto is None or entry is None or not entry.contributors:
            return text
        names = " and ".join(c.written or c.name for c in entry.contributors if c.role == "author")
        return f"{names}. {text[ditto.end() :]}" if names else text

    def _under_entry(self, block: Block) -> bool:
        """An item indented under the entry before it (not a sibling of that entry)."""
        state = self.state
        return (
            block.indent > state.entry_indent and state.last_block_entry and not state.item_author
        )

    def _author_item(self, block: Block, text: str) -> bool:
        """A bullet that names only an author, with that author's works nested under
        it ("- Colin Ward" then "  - *Anarchy in Action* (1973)")."""
        name = _as_name(text) or (text.strip(" :") if is_person_name(text.strip(" :")) else None)
        if name is None or len(name.split()) < 2 or len(block.lines) > 1:
            return False
        self.state.item_author = (block.indent, Contributor(name, "author", text))
        return True

    def _nested_note(self, block: Block, text: str) -> bool:
        """An indented item under an entry that is not itself a work: its note."""
        entry = self.state.last_entry
        if entry is None or block.indent <= self.state.entry_indent:
            return False
        if not self.state.last_block_entry:
            return False
        text = " ".join(line.strip() for line in block.lines)
        entry.note = f"{entry.note}\n{text}" if entry.note else text
        entry.line_end = block.end
        return True

    def _paragraph(self, block: Block) -> None:
        if len(block.lines) > 2 and self._stacked_entry(block):
            return
        if len(block.lines) > 1 and self._lines_of_entries(block):
            return
        if len(block.lines) > 2 and self._run_on_entries(block):
            return
        if len(block.lines) > 1 and (pair := _byline_pair(block.lines[0], block.lines[1])):
            cite = read_citation(pair)
            if cite is not None and self._entry_ok(cite, in_list=True):
                entry = self._add(cite, replace(block, lines=block.lines[:2]), pair)
                if len(block.lines) > 2:
                    entry.note = " ".join(line.strip() for line in block.lines[2:])
                entry.line_end = block.end
                return
        first, taken = block.lines[0].strip(), 1
        while taken < len(block.lines) and _continues(first, block.lines[taken]):
            first = f"{first} {block.lines[taken].strip()}"  # a citation wrapped over lines
            taken += 1
        cite = read_citation(first)
        if cite is not None and (
            self._entry_ok(cite, in_list=False) or _title_then_names(cite, first)
        ):
            entry = self._add(cite, block, first)
            if len(block.lines) > taken:
                extra = " ".join(line.strip() for line in block.lines[taken:])
                entry.note = f"{entry.note} {extra}" if entry.note else extra
            return
        self._prose(block)

    def _run_on_entries(self, block: Block) -> bool:
        """Works that run on from one to the next, each citation and its note wrapped
        over lines (as a PDF copies): a work starts on a line after a sentence ends,
        when that line, with the next, opens with a citation of names and a year."""
        lines = [line.strip() for line in block.lines]
        starts = [
            index
            for index in range(len(lines))
            if (
                index == 0
                or lines[index - 1].endswith(_SENTENCE_ENDS)
                or _CODE_END.search(lines[index - 1])
            )
            and _opens_citation(" ".join(lines[index : index + 2]))
        ]
        if len(starts) < 2:
            return False
        if starts[0]:  # the end of the work before (cut by a page break, say)
            self._prose(replace(block, lines=block.lines[: starts[0]]))
            self.guide.kept.update(
                dict.fromkeys(range(block.start, block.start + starts[0]), "note")
            )
        for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
            text = " ".join(lines[start:end])
            cite = read_citation(text)
            if cite is None:
                return False  # (cannot happen: its start opened with a citation)
            row = Block("item", block.lines[start:end], block.start + start)
            self._add(cite, row, text)
            self.guide.kept.update(dict.fromkeys(range(row.start, row.end + 1), "entry"))
        return True

    def _stacked_entry(self, block: Block) -> bool:
        """A work laid out a part a line (see _stacked), the rest of the paragraph its note."""
        stacked = _stacked(block.lines)
        if stacked is None:
            return False
        cite, used = stacked
        entry = self._add(cite, replace(block, lines=block.lines[:used]), block.lines[0])
        if len(block.lines) > used:
            extra = " ".join(line.strip() for line in block.lines[used:])
            entry.note = f"{entry.note} {extra}" if entry.note else extra
        entry.line_end = block.end
        return True

    def _lines_of_entries(self, block: Block) -> bool:
        """A paragraph that is a list, one work a line (not hard-wrapped prose):
        every line starts a sentence, and most read as citations; then each line is
        read as a list item, with the lines indented under it as its note."""
        base = len(block.lines[0]) - len(block.lines[0].lstrip())
        groups: list[tuple[int, str, list[str]]] = []
        for number, line in enumerate(block.lines, block.start):
            if groups and len(line) - len(line.lstrip()) > base:
                at, text, notes = groups[-1]
                if not notes and _continues(text, line):
                    groups[-1] = (at, f"{text} {line.strip()}", notes)
                else:
                    notes.append(line.strip())
            else:
                groups.append((number, line.strip(), []))
        groups = _with_bylines(groups)
        if any(text[:1].islower() for _, text, _ in groups):
            return False
        marked = [self._marked(text) for _, text, _ in groups]
        groups = [(n, text, notes) for (n, _, notes), (text, _) in zip(groups, marked, strict=True)]
        cites = [_cites(self._ditto(text)) for _, text, _ in groups]
        sure = [
            all(c is not None and self._entry_ok(c, in_list=False, lenient=True) for c in found)
            for found in cites
        ]
        headed = _headings_among(groups, cites, len(self.state.sections))
        if sum(sure) * 2 <= len(groups) - len(headed):
            return False
        marks = [mark for _, mark in marked]
        for (number, text, notes), found, mark in zip(groups, cites, marks, strict=True):
            end = number + len(notes)
            one = Block("item", [text, *notes], number, text=text)
            if number in headed:
                self._heading(text, headed[number], number, None)
                self.guide.kept.setdefault(number, "heading")
                continue
            if all(c is not None and self._entry_ok(c, in_list=True) for c in found):
                for cite in found:
                    assert cite is not None
                    entry = self._add(cite, one, text)
                    entry.importance = cite.importance or mark or entry.importance
                if notes:
                    extra = " ".join(notes)
                    entry.note = f"{entry.note}\n{extra}" if entry.note else extra
                    entry.line_end = end
                roles = ["entry"] + ["note"] * len(notes)
            else:
                self._prose(one)
                roles = [self.role] * (1 + len(notes))
            for at, role in zip(range(number, end + 1), roles, strict=True):
                self.guide.kept.setdefault(at, role)
            self.role = "entry"
        return True

    # Entries.

    def _entry_ok(self, cite: Citation, in_list: bool, lenient: bool = False) -> bool:
        """Whether a citation is sure enough to be an entry (precision first)."""
        words = len(cite.title.split())
        if words > 30 or (not cite.title[:1].isalnum() and cite.title[:1] not in "'‘“\"¿¡("):
            return False
        anchors = cite.anchors
        if cite.year and (cite.contributors or cite.title_set_apart or cite.pages):
            return True
        if self.state.author is not None and (cite.year or cite.pages) and not _prose(cite):
            return True
        if lenient:
            return bool(cite.year or cite.pages or cite.url or cite.title_set_apart)
        if in_list:
            if anchors >= 1 and words <= 25:
                return True
            short = words <= 12 and not _sentence(cite.title) and self._list_context()
            return short and not self._among_cited()
        if _prose(cite):
            return False
        return anchors >= 2 or (cite.year is not None and words <= 15)

    def _among_cited(self) -> bool:
        """Whether the entry before, in the same section, named its authors or its
        year: then a bare line among them ("- Bring a friend") is not a work. In a
        list of bare titles, the entry before is bare too."""
        entry, state = self.state.last_entry, self.state
        if entry is None or not state.last_block_entry:
            return False
        same = entry.sections == tuple(s.title for s in state.sections)
        return same and bool(entry.contributors or entry.year)

    def _list_context(self) -> bool:
        state = self.state
        return bool(state.sections or state.importance or state.author or self.guide.entries)

    def _add(self, cite: Citation, block: Block, raw: str) -> ListEntry:
        state = self.state
        contributors = cite.contributors
        context = state.item_author[1] if state.item_author else state.author
        title = cite.title
        if context is not None and len(contributors) == 1 and " " not in contributors[0].name:
            # "Fields, Factories and Workshops (1899)" under Kropotkin's heading: the
            # bare word is the title's, unless it is the author's own surname.
            word = contributors[0].name
            if word.casefold() not in context.name.casefold().split() and cite.raw_head.startswith(
                word
            ):
                contributors, title = [], cite.raw_head.strip()
        if not contributors and state.item_author is not None:
            contributors = [state.item_author[1]]
        if not contributors and state.author is not None:
            contributors = [state.author]
        entry = ListEntry(
            **{f.name: getattr(cite, f.name) for f in fields(Cited)},
            sections=tuple(s.title for s in state.sections),
            line_start=block.start,
            line_end=block.end,
            raw=raw,
        )
        entry.title, entry.contributors = _strip_marks(title), list(contributors)
        if cite.bad_isbn:
            self.guide.problems.append(
                Problem(
                    f"{cite.bad_isbn} has a wrong check digit; not kept", block.start, "warning"
                )
            )
        entry.importance = cite.importance or state.importance
        for expanded in _several(entry):
            self.guide.entries.append(expanded)
        state.last_entry = self.guide.entries[-1]
        state.last_block_entry = True
        state.entry_indent = block.indent
        return state.last_entry

    def _prose(self, block: Block) -> None:
        """Text that is not an entry: the introduction, an author's note, a section's
        or an entry's note; reported when it is none of these."""
        state = self.state
        text = "\n".join(line.strip() for line in block.lines)
        if not self.guide.entries and not state.sections and state.author is None:
            self.intro.extend((n, line.strip()) for n, line in enumerate(block.lines, block.start))
            self.role = "introduction"
            return
        if state.author is not None and not self._entries_since_author():
            note = self.guide.author_notes.get(state.author.name, "")
            self.guide.author_notes[state.author.name] = f"{note}\n\n{text}" if note else text
            state.last_block_entry = False
            self.role = "author note"
            return
        entry = state.last_entry
        ends_list = self.following is None or self.following.kind == "heading"
        if entry is not None and state.last_block_entry and not (ends_list and block.indent == 0):
            entry.note = f"{entry.note}\n\n{text}" if entry.note else text
            entry.line_end = block.end
            self.role = "note"
            return
        if state.sections and not self._entries_in(state.sections[-1]):
            section = state.sections[-1]
            section.note = f"{section.note}\n\n{text}" if section.note else text
            self.role = "section note"
            return
        # Between entries, after a blank line: a closing remark, or a work the reader
        # could not read. Kept with the entry before it, and said.
        if entry is not None:
            entry.note = f"{entry.note}\n\n{text}" if entry.note else text
        else:
            self.guide.closing = f"{self.guide.closing}\n\n{text}".strip()
        self.role = "reported"
        self.guide.problems.append(
            Problem(
                "not read as a work; kept in the note of the entry before it"
                if entry is not None
                else "not read as a work; kept as the guide's closing text",
                block.start,
                "warning",
            )
        )

    def _entries_in(self, section: ListSection) -> bool:
        entry = self.state.last_entry
        return entry is not None and entry.line_start > section.line

    def _entries_since_author(self) -> bool:
        entry = self.state.last_entry
        author = self.state.author
        return entry is not None and author is not None and author in entry.contributors


_OPEN_ENDS = (",", ":", ";", "–", "—", "-", "(")
_YEAR_IN_PARENS = re.compile(rf"(?:[^()]{{0,60}}\s)?\((?:[^()]*\D)?{YEAR}\b")
_OPEN_WORDS = frozenset("of the and in to a an for on at by with from or".split())


def _unfinished(text: str, following: str, wrapped_year: bool = True) -> bool:
    """A citation that goes on over the next line: a parenthesis left open, a line
    that ends on a comma or a small word, or a line without a year whose next line
    brings it ("…the Battleground of Class" / "War (2017).")."""
    text = text.rstrip()
    words = text.split()
    if not following.strip():
        return False
    if text.count("(") > text.count(")") or text.endswith(_OPEN_ENDS):
        return True
    if words and words[-1] in _OPEN_WORDS:
        return True
    if not wrapped_year or not (following[:1].isspace() or following.lstrip().startswith("(")):
        return False
    if "(" in text and _YEAR_IN_PARENS.search(text):
        return False
    return bool(_YEAR_IN_PARENS.match(following.strip()))


_TERMINAL = (".", "!", "?", ")", "]", "”", '"', "’")


def _continues(text: str, following: str) -> bool:
    """Whether ``following`` carries on the citation in ``text``: it is wrapped
    (unfinished, see below), or indented under a line that has not ended."""
    if _unfinished(text, following):
        return True
    indented = following[:1].isspace() and following.strip()[:1] not in ("[", "(", "-", "*")
    return indented and not text.rstrip().endswith(_TERMINAL)


_BYLINE = re.compile(
    rf"(?:by\s+)?(?P<names>.+?)(?:,\s*|\s+\(|\s+)(?P<year>{YEAR})\)?[.,]?\s*(?P<rest>.*)"
)


def _title_then_names(cite: Citation, line: str) -> bool:
    """ "My Ántonia. Willa Cather." — a whole line that is a short title, then the
    full names of its authors, and nothing else."""
    if not cite.contributors or len(cite.title.split()) > 15 or _sentence(cite.title):
        return False
    last = cite.contributors[-1].written.rstrip(". ")
    return " " in last and line.rstrip(". ").endswith(last) and line.startswith(cite.title[:10])


def _byline_pair(title: str, byline: str) -> str | None:
    """ "Wolf Hall" over "Hilary Mantel, 2009": a title line, then a line of names
    (and a year), as one citation."""
    title, byline = title.strip(), byline.strip()
    if not title or len(title.split()) > 14 or re.search(YEAR, title):
        return None
    match = _BYLINE.fullmatch(byline)
    names_text = match["names"] if match else re.sub(r"^by\s+", "", byline)
    names = parse_names(names_text)
    if names is None or not all(len(n.name.split()) > 1 for n in names):
        return None
    year = f" ({match['year']})" if match else ""
    rest = f" {match['rest']}" if match and match["rest"] else ""
    return f"{names_text}, {title}{year}{rest}"


def _with_bylines(groups: list[tuple[int, str, list[str]]]) -> list[tuple[int, str, list[str]]]:
    """Title lines followed by their byline lines, made one line each."""
    merged: list[tuple[int, str, list[str]]] = []
    index = 0
    while index < len(groups):
        number, text, notes = groups[index]
        if index + 1 < len(groups) and not notes:
            pair = _byline_pair(text, groups[index + 1][1])
            if pair is not None:
                merged.append((number, pair, groups[index + 1][2]))
                index += 2
                continue
        merged.append((number, text, notes))
        index += 1
    return merged


_LEGEND = re.compile(
    r"(?P<mark>\[[^\]\s]{1,3}\]|\([A-Za-z*]{1,3}\)|[*◆◇★☆●■▪✓✔†])\s+(?:items?\s+)?"
    r"(?:are|is|=|means?|marks?)\s+(?:(?:an?|the|for|be)\s+)?(?P<word>[a-z]+(?:\s+reading)?)",
    re.I,
)


def _legend(text: str) -> dict[str, Importance]:
    """The marks a list's introduction explains: "Items marked [E] are essential;
    [R] are recommended", "* = required"."""
    marks = lexicon().importance
    found: dict[str, Importance] = {}
    for match in _LEGEND.finditer(text):
        word = match["word"].casefold()
        importance = marks.get(word) or marks.get(word.split()[0])
        if importance is not None:
            found.setdefault(match["mark"], importance)
    return found


def _as_name(heading: str) -> str | None:
    """The person a heading names, if it names one: "Rosa Luxemburg", "PETER
    KROPOTKIN (1842–1921)", "Victor Serge, 1890–1947"."""
    name, dates = _life_dates(heading.strip().rstrip(":"))
    if dates and not re.search(r"\d\s*[–—-]\s*\d|\b(?:b|d|born|died|c)\.?\s", dates + " "):
        return None  # "(1900)" is a work's year; life dates run "(1842–1921)", "(b. 1950)"
    if name.isupper():
        name = name.title()
        if not dates and name.split()[0].casefold() not in lexicon().given_names:
            return None  # "REQUIRED BOOKS" is no one; "PETER KROPOTKIN (1842–1921)" is
    if _importance_of(name) is not None:
        return None
    return name if is_person_name(name) and (dates or len(name.split()) > 1) else None


def _life_dates(text: str) -> tuple[str, str]:
    """'Victor Serge (1890–1947)' → ('Victor Serge', '1890–1947')."""
    match = re.fullmatch(
        r"(.*?)\s*(?:\(([^()]*\d{3,4}[^()]*)\)|,\s*(\d{4}\s*[–—-]\s*\d{2,4}))\s*", text
    )
    if match:
        return match[1], match[2] or match[3]
    return (match[1], match[2]) if match else (text.strip(), "")


def _strip_marks(text: str) -> str:
    """Markdown emphasis around a whole heading or title."""
    return re.sub(r"^(\*\*|__|\*|_)(.+)\1$", r"\2", text.strip()).strip()


def _starts_citation(cite: Citation, text: str) -> bool:
    """Whether the item opens with its citation (a name or the title), not with a
    remark: "Goes well with his *Sacco and Vanzetti*" is a note."""
    lead = text.lstrip("-*•+ ")
    if cite.contributors and lead.startswith(cite.contributors[0].written.split(",")[0][:20]):
        return True
    index = lead.find(cite.title[:20]) if cite.title else -1
    return 0 <= index <= 2 and cite.anchors >= 1


def _prose(cite: Citation) -> bool:
    """A sentence of prose read as a title: many words, most of them lower case, and
    nothing (names, quotes, emphasis) to set a title apart."""
    words = cite.title.split()
    lower = sum(1 for w in words if w[:1].islower())
    return (
        not cite.contributors
        and not cite.title_set_apart
        and len(words) > 8
        and lower * 2 > len(words)
    )


def _sentence(text: str) -> bool:
    """Prose rather than a title: it ends a sentence and has lower-case verbs in it."""
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return text.rstrip().endswith((".", "!", "?")) and lower > len(words) / 2


def _several(entry: ListEntry) -> list[ListEntry]:
    """One line that lists several works: 'Selected Works, Vols. 1–3 (1950 / 1951 /
    1952)' and 'REFLECTIONS and LETTERS'."""
    volumes = re.search(r"\bVols?\.\s*(\d+)\s*[–—-]\s*(\d+)", entry.title)
    years = [int(y) for y in re.findall(r"\d{4}", entry.raw[entry.raw.find("(") :])]
    if volumes:
        first, last = int(volumes[1]), int(volumes[2])
        count = last - first + 1
        if 1 < count <= 20 and len(years) in (0, count):
            stem = entry.title[: volumes.start()].rstrip(" ,")
            return [
                replace(entry, title=f"{stem}, Vol. {n}", year=years[i] if years else entry.year)
                for i, n in enumerate(range(first, last + 1))
            ]
    capitals = re.fullmatch(
        r"([A-Z][A-Z' ’,?!-]{2,}) (?:and|&) ([A-Z][A-Z' ’,?!-]{2,})", entry.title
    )
    if capitals:  # "REFLECTIONS and LETTERS": two titles in capitals, "and" not
        titles = [capitals[1].strip(), capitals[2].strip()]
        dated = years if len(years) == 2 else [entry.year, entry.year]
        return [replace(entry, title=t, year=y) for t, y in zip(titles, dated, strict=False)]
    return [entry]


def read_list(text: str) -> ListGuide:
    return ReadingListReader().read(text)


_BULLETED = re.compile(r"(?:[-*•+]|\d{1,3}[.)])\s")
_EDIT_LINK = re.compile(r"(?<=\S)\s?\[edit\]\s*$")
# "Wolf Hall (Thomas Cromwell, #1)": a series and number after the title.
SERIES = re.compile(r"\s*\([^()]*#\d+(?:\.\d+)?\)$")
_EMPTY_CELL = {"", "-", "–", "—", "n/a", "?"}


def _cells(line: str) -> list[str]:
    """A row's cells; "\\|" is a bar inside a cell (as in "[[Page\\|Shown]]")."""
    row = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row)]


def _plain(cell: str) -> str:
    """A cell's text without wiki links, Markdown links and emphasis."""
    cell = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", cell)  # [[Page|Shown]]
    cell = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", cell)
    return re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", cell).strip()


def _row_citation(cells: list[str], columns: dict[int, str]) -> citation.Citation | None:
    """One table row as a citation, each cell in its column's field."""
    cite = citation.Citation(title="")
    for index, field_name in columns.items():
        raw = cells[index] if index < len(cells) else ""
        text = _plain(raw)
        if text.casefold() in _EMPTY_CELL:
            continue
        if field_name == "title":
            cite.title = SERIES.sub("", text)
            link = re.search(r"\]\((https?://[^)\s]+)\)", raw)
            cite.url = link[1] if link else cite.url
        elif field_name == "authors":
            cite.contributors += _column_names(text)
        elif field_name in ("year", "edition_year", "pages"):
            number = re.search(r"\d[\d,]*" if field_name == "pages" else citation.YEAR, text)
            if number:
                setattr(cite, field_name, int(number[0].replace(",", "")))
        elif field_name == "isbn":
            isbn = compact(text.strip('="'))
            cite.isbn = isbn if is_valid(isbn) else None
        elif field_name == "part":
            cite.part, cite.part_pages = text, citation.part_pages(text)
        elif field_name == "importance":
            cite.importance = _importance_of(text)
        else:
            setattr(cite, field_name, text)
    if cite.year is None and cite.edition_year is not None:
        cite.year, cite.edition_year = cite.edition_year, None  # the only year given
    return cite if cite.title else None


def _column_names(text: str) -> list[Contributor]:
    """The people an author column names: as names are written, or else each piece
    between commas, "&" and "and" (the column says they are people)."""
    found = names.parse_names(text)
    if found is not None:
        return found
    people = []
    for piece in re.split(r"\s*(?:,|;|&|\band\b|\bwith\b)\s*", text):
        role: Role = "author"
        marker = re.match(r"(eds?\.|edited by|trans\.|tr\.|translated by)\s+", piece, re.I)
        if marker:
            role = lexicon().roles.get(marker[1].casefold(), "editor")
            piece = piece[marker.end() :]
        if piece:
            people.append(Contributor(piece, role, piece))
    return people


def _headings_among(
    groups: list[tuple[int, str, list[str]]], cites: list[list[Citation | None]], depth: int
) -> dict[int, int]:
    """Lines that head the citations after them in one paragraph ("Further reading" /
    "Surveys and general histories" / "Briggs, Asa. Chartist Studies. 1959."): short,
    not a sentence, nothing of a citation in them, among lines that are all cited.
    Each with its level: a run of them nests, a later one is a sibling of the last."""
    bare = [
        not notes
        and len(text.split()) <= 8
        and ". " not in text
        and not text.endswith((".", ",", ";"))
        and all(c is not None and c.anchors == 0 for c in found)
        for (_, text, notes), found in zip(groups, cites, strict=True)
    ]
    cited = [
        all(c is not None and c.anchors >= 2 for c in found)
        for found, alone in zip(cites, bare, strict=True)
        if not alone
    ]
    # Most of the other lines must be plainly citations (a name and a year, say).
    if not any(bare) or len(cited) < 2 or sum(cited) * 4 < len(cited) * 3:
        return {}
    levels: dict[int, int] = {}
    level, previous = depth, False
    for (number, _, _), alone in zip(groups, bare, strict=True):
        if alone:
            level = level + 1 if previous or not levels else level
            levels[number] = max(level, 1)
        previous = alone
    return levels


# "by Derrick Jensen and Lierre Keith (Seven Stories Press, 2011)", "Studs Terkel".
_STACKED_BYLINE = re.compile(
    rf"(?:by\s+)?(?P<names>[^()]+?)(?:\s*\((?P<paren>[^()]*)\)|,\s*(?P<bare_year>{YEAR}))?\.?",
    re.I,
)
_ANONYMOUS = frozenset({"anonymous", "anon.", "anon"})
_CREDIT_LINE = re.compile(
    r"(?P<role>edited|translated|introduced|with an introduction|introduction) by\s+(?P<names>.+)",
    re.I,
)
# A line of an edition's facts: "Paperback · 2001 · 221pp · £9.99", "Pamphlet/48pp/£3".
_DETAILS = re.compile(
    r"(?=.*(?:·|/|\|))(?=.*(?:\d\s*pp\b|\bpages\b|[£$€]\s*\d|\bISBN\b|paperback|hardback"
    r"|pamphlet|zine|ebook|audiobook))",
    re.I,
)
_PAGES_IN_DETAILS = re.compile(r"(\d[\d,]*)\s*(?:pp\b|pages\b)", re.I)


def _byline_people(text: str) -> list[Contributor] | None:
    """A byline's people, full names each, with the credits after them ("Peter
    Kropotkin, edited by Colin Ward"); no one for "Anonymous"; None if not a byline."""
    pieces = re.split(
        r",\s*(?=(?:edited|translated|introduced|with an introduction) by\s)", text, flags=re.I
    )
    if pieces[0].strip().casefold() in _ANONYMOUS:
        people: list[Contributor] = []
    else:
        found = parse_names(pieces[0])
        if not found or not all(" " in p.name for p in found):
            return None
        people = list(found)
    for piece in pieces[1:]:
        credit = _CREDIT_LINE.fullmatch(piece.strip())
        role = lexicon().roles.get(f"{credit['role'].casefold()} by", "editor") if credit else None
        people += (parse_names(credit["names"], role) or []) if credit and role else []
    return people


def _edition_facts(cite: Citation, text: str) -> None:
    """ "Freedom Press, 1985; first published 1899": publisher, year, edition year."""
    years = [int(y) for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", text)]
    first = citation.FIRST_PUBLISHED.search(text)
    if first:
        cite.year = int(first[1])
        cite.edition_year = next((y for y in years if y != cite.year), None)
    elif years:
        cite.year = years[-1]
    publisher = re.split(r"[,;]", text)[0].strip()
    if publisher and not re.search(r"\d|^first\b", publisher, re.I):
        cite.publisher = publisher


def _stacked(lines: list[str]) -> tuple[Citation, int] | None:
    """A work stacked a part a line, as shops and zines lay them out: the title, maybe
    a subtitle, a byline of full names (and publisher and year), credit lines, a line
    of the edition's facts; the citation and how many lines it takes."""
    texts = [line.strip() for line in lines]
    for at in (1, 2):
        if len(texts) <= at:
            return None
        heads = texts[:at]
        if any(
            len(h.split()) > 20 or h.endswith((".", ",", ";")) or _BULLETED.match(h) for h in heads
        ):
            continue
        if at == 2 and (heads[0].endswith((":", ")")) or heads[0].split()[0].isupper()):
            continue  # a heading over the title, not the title over a subtitle
        byline = _STACKED_BYLINE.fullmatch(texts[at])
        people = _byline_people(byline["names"]) if byline else None
        if byline is None or people is None:
            continue
        title = heads[0] if at == 1 else f"{heads[0].rstrip(':')}: {heads[1]}"
        cite = Citation(title=title, contributors=people)
        if byline["bare_year"]:
            cite.year = int(byline["bare_year"])
        if byline["paren"]:
            _edition_facts(cite, byline["paren"])
        used = at + 1
        while used < len(texts) and (credit := _CREDIT_LINE.fullmatch(texts[used])):
            role = lexicon().roles.get(f"{credit['role'].casefold()} by", "editor")
            cite.contributors += parse_names(credit["names"], role) or []
            used += 1
        if used < len(texts) and _DETAILS.match(texts[used]):
            details = texts[used]
            pages = _PAGES_IN_DETAILS.search(details)
            cite.pages = int(pages[1].replace(",", "")) if pages else None
            found_year = re.search(rf"(?<!\d){YEAR}(?!\d)(?!\s*(?:pp|pages))", details)
            cite.year = cite.year or (int(found_year[0]) if found_year else None)
            used += 1
        # A title over its byline alone is _byline_pair's (which knows more bylines).
        return (cite, used) if used > 2 else None
    return None


def _columns(header: list[str]) -> dict[int, str]:
    """Which field each column of a table holds, by its header cell."""
    return {
        index: field
        for index, cell in enumerate(header)
        if (field := lexicon().table_columns.get(_plain(cell).casefold().rstrip(":")))
    }


@cache
def _title_cells() -> tuple[str, ...]:
    """The header cells that name a title column."""
    return tuple(cell for cell, field in lexicon().table_columns.items() if field == "title")


def _csv_end(lines: list[str], index: int) -> int | None:
    """Where comma-separated records that start at ``index`` under a header naming a
    title and an author column end (a blank line between records), or None."""
    header = lines[index]
    if header.count(",") < 2 or header.lstrip().startswith(("|", "-", "*")):
        return None
    folded = header.casefold()
    if not any(cell in folded for cell in _title_cells()):
        return None  # (most lines with commas are citations: no need to parse them)
    fields = set(_columns(next(csv.reader([header]))).values())
    if not {"title", "authors"} <= fields:
        return None
    end, quotes = index + 1, 0
    while end < len(lines) and (lines[end].strip() or quotes % 2):
        quotes += lines[end].count('"')
        end += 1
    return end


_SENTENCE_ENDS = (".", "!", "?", "”", '"')
_CODE_END = re.compile(r"\s[A-Z]{2,4}$")  # "… of the war. LP": a catalogue's code


def _opens_citation(text: str) -> bool:
    """Whether ``text`` opens with a citation: its title, then its names and a year
    (so that prose after a full stop is not taken for a work)."""
    cite = read_citation(text)
    return (
        cite is not None
        and bool(cite.contributors)
        and cite.year is not None
        and text.startswith(cite.title[:15])
        and len(cite.title.split()) <= 20
    )


# A handout laid out in columns: "pp. 3-6      Karl Marx, Preface to …      **".
_PART_COLUMN = re.compile(
    r"(?P<part>(?:pp?\.|pages?|ch(?:apter)?s?\.?)\s*[\dIVXivx]+(?:\s*[-–—]\s*[\dIVXivx]+)?)"
    r"\s{3,}(?P<rest>\S.*?)(?:\s{3,}(?P<mark>\S{1,3}))?\s*"
)


def _columns_closed(line: str) -> str:
    """A line of columns (the part to read, the citation, a mark) as one citation
    line, "pp. 3-6 Karl Marx, …" (the mark dropped: the key that explains it is prose)."""
    match = _PART_COLUMN.fullmatch(line)
    return f"{match['part']} {match['rest']}" if match else line
