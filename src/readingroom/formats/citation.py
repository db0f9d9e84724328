"""One entry of a reading list, as people write it, into its parts.

Reading lists cite works in a dozen ways — ``Author, Title (Year)``, ``Author – Title``,
``Title by Author``, ``Surname, Forename, Title. (Publisher, Place, Year, N pages.)
note``, ``Surname, I. "Title." Journal 12 (3): 45–60``, ``[Title](url) by Author``.
What every form shares is a few anchors that can be found without knowing the form:
a title set apart (quotes, emphasis, a link), a parenthesis with a year, a page
count, a page range or chapters to read, a place and publisher. They are taken out
first; what is left is the names and the title, told apart by names.py.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from readingroom.guidetext.parser import expand_year_end

from .isbn import ISBN, compact, is_valid
from .lexicon import lexicon
from .names import is_person_name, may_be_names, parse_names
from .records import Cited, Contributor, Importance, Role

YEAR = r"(?:1[0-9]\d\d|20[0-9]\d)"
_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)\)")
_BARE_URL = re.compile(r"<?(https?://[^\s<>]+[^\s<>.,;:)\]])>?")
_EMPHASIS = re.compile(
    r"\*\*(?P<b>[^*\n]+?)\*\*|__(?P<u>[^_\n]+?)__"
    r"|(?<![\w*])\*(?P<i>[^*\s][^*\n]*?)\*(?![\w*])|(?<![\w_])_(?P<j>[^_\s][^_\n]*?)_(?!\w)"
)
_QUOTED = re.compile(
    r"[“\"«](?P<q>[^”\"»\n]{2,}?)[”\"»]|(?<!\w)‘(?P<s>[^’\n]{2,}?)’(?!\w)"
    # Harvard's plain single quotes: "(1952) 'The machine breakers', Past & Present"
    r"|(?<![\w'])'(?P<a>[^'\n]{2,}?)'(?=[,.;:])"
)
_FIRST_YEAR_PAREN = re.compile(rf"[(\[][^()\[\]\n]*?{YEAR}[^()\[\]\n]*?[)\]]")
_PAREN = re.compile(r"\(([^()\n]*)\)|\[([^\[\]\n]*)\]")
_YEARS = re.compile(rf"(?<!\d)({YEAR})(?:\s*[–—-]\s*(\d{{2,4}}))?(?!\d)(?!\s*(?:pages|pp|p\.))")
_PAGE_COUNT = re.compile(
    r"(?<![\w.–-])(\d{1,3}(?:,\d{3})+|\d{1,6})\s*(?:pages|page|pp\.?|pgs?\.?|p\.)(?!\s*\d)", re.I
)
_PAGE_RANGE = re.compile(r"\b(?:pp?\.|pages?)\s*(\d+)\s*[–—-]\s*(\d+)", re.I)
_CHAPTERS = re.compile(
    r"\b(?:chapters?|chaps?\.|chs?\.|ch\.|sections?|§)\s*[\dIVXLivxl]+"
    r"(?:\s*(?:[–—-]|,|and|&|to)\s*[\dIVXLivxl]+)*\b\.?",
    re.I,
)
_FRONT_PART = re.compile(
    r"(?<=,)\s*(?:the\s+)?(?:preface|introduction|foreword|afterword|conclusion|epilogue)"
    r"(?:\s*(?:,|and)\s*(?:chapters?|chs?\.)\s*[\dIVXivx]+)?(?=\s*(?:,|$))",
    re.I,
)
# "London", "New York": the place before a publisher's colon.
_PLACE = r"(?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3})"
_PUBLISHED = re.compile(
    rf"{_PLACE}\s*:\s*"
    rf"(?P<publisher>[^:,.()\n]{{2,80}}?),\s*"
    rf"(?P<year>{YEAR})\b"
)
_BARE_YEAR = re.compile(rf"(?:^|[,.;]\s+)\(?(?P<year>{YEAR})\)?(?P<end>[.,;]?\s*$)")
_JOURNAL = re.compile(
    r"(?P<container>[A-Z][^\d\n]{2,80}?)\s+\d+\s*(?:\(\d+\))?\s*[:,]\s*(?:pp?\.\s*)?"
    r"(?P<first>\d+)\s*[–—-]\s*(?P<last>\d+)"
)
_IN_BOOK = re.compile(r"(?:^|[,.]\s*)in:?\s+(?P<rest>.+)$", re.I)
_SEPARATORS = " \t.,;:–—-"
_VOLUME = re.compile(
    r",?\s*(?:vol\.|vols\.|volume|book|part|tome)\s*[\dIVXivx]+\b"
    r"(?:,\s*[A-Z][^,()]{2,80}?(?=\s*(?:,|$)))?",
    re.I,
)
_DASHES = (" – ", " — ", " - ", " -- ")


@dataclass
class Citation(Cited):
    """What one entry's text says of the work it cites, and how it said it."""

    title_set_apart: bool = False
    bad_isbn: str = ""
    raw_head: str = ""
    credits: list[Contributor] = field(default_factory=list)
    # The names, where the citation's form says where they end ("Surname, I. (2001)").
    lead_names: list[Contributor] | None = None

    @property
    def anchors(self) -> int:
        """How many independent signs say this is a citation (not prose)."""
        return sum(
            bool(x)
            for x in (
                self.year,
                self.pages,
                self.part,
                self.publisher,
                self.url,
                self.title_set_apart,
                self.contributors,
            )
        )


def _take_isbn(cite: Citation, text: str) -> str:
    """An ISBN in the entry: kept when its check digit is right, reported when not."""
    match = ISBN.search(text)
    if match is None:
        return text
    number = compact(match["digits"])
    if is_valid(number):
        cite.isbn = number
    else:
        cite.bad_isbn = match.group(0)
    return (text[: match.start()] + text[match.end() :]).strip(" ,;")


def _end_year(start: int, text: str | None) -> int | None:
    return expand_year_end(start, text) if text else None


def _importance(text: str) -> tuple[str, Importance | None]:
    marks = lexicon().importance
    for match in re.finditer(r"\s*[(\[]\s*([^()\[\]\n]{3,30}?)\s*[)\]]", text):
        found = marks.get(match.group(1).casefold().rstrip(":"))
        if found:
            return text[: match.start()] + text[match.end() :], found
    return text, None


_REPEATED = re.compile(r"(?<!\w)(?:ibid|op\.\s?cit|loc\.\s?cit)\b", re.I)


def _repeated(text: str) -> bool:
    folded = text.casefold()
    return ("ibid" in folded or "cit" in folded) and _REPEATED.search(text) is not None


_ORIGINAL_YEAR = re.compile(rf"\s\[({YEAR})\]\.?\s*$")
_CHECKBOX = re.compile(r"\[[ xX✓]\]\s+")
_LEADING_LABEL = re.compile(r"(?P<label>[A-Za-z][A-Za-z ]{2,30}?)\s*:\s+(?=\S)")


def _take_leading_mark(cite: Citation, text: str) -> str:
    """What stands before the citation: symbols and emoji used as marks ("📗 ", "↳ "),
    a Markdown task box ("[ ] ", "[x] "), or an importance label ("Recommended: ",
    "Optional: "; not "Reading:", a title's word)."""
    start = 0
    while start < len(text) and (
        unicodedata.category(text[start]) in ("So", "Cf", "Mn") or text[start] in " ↳→⇒"
    ):
        start += 1
    text = text[start:]
    box = _CHECKBOX.match(text)
    if box:
        text = text[box.end() :]
    label = _LEADING_LABEL.match(text)
    if label:
        key = label["label"].casefold()
        mark = lexicon().importance.get(key)
        if mark and key not in ("read", "reading", "readings"):
            cite.importance = mark
            text = text[label.end() :]
    return text


def _title_set_apart(text: str) -> tuple[str, str | None]:
    """The title written in quotes, emphasis or a link's text (markers removed); in
    the citation only, not in the note after its year."""
    best: re.Match[str] | None = None
    for pattern, marks in ((_EMPHASIS, "*_"), (_QUOTED, "“\"«‘'")):
        match = pattern.search(text) if any(m in text for m in marks) else None
        if match and (best is None or match.start() < best.start()):
            best = match
    if best is None:
        return text, None
    year = _FIRST_YEAR_PAREN.search(text)
    if year and best.start() > year.start() and not _names_before(text[: year.start()]):
        return text, None
    inner = next(g for g in best.groups() if g is not None).strip().rstrip(".,;:")
    return text[: best.start()] + inner + text[best.end() :], inner


FIRST_PUBLISHED = re.compile(rf"first published(?: in)?\s+({YEAR})", re.I)
_REPRINT_YEARS = re.compile(rf"\s*({YEAR})\s*\[({YEAR})\]\s*")


def _paren_facts(cite: Citation, content: str) -> bool:
    """Read a parenthesis: years, a page count, a publisher and place. True if it had
    a year (so it belongs to the citation, not to the title)."""
    reprint = _REPRINT_YEARS.fullmatch(content)
    if reprint:  # "(1984 [1844])": this edition's year, then the first
        cite.year, cite.edition_year = int(reprint[2]), int(reprint[1])
        return True
    years = list(_YEARS.finditer(content))
    if not years:
        return False
    first = years[0]
    cite.year = int(first.group(1))
    cite.year_end = _end_year(cite.year, first.group(2))
    if len(years) > 1 and "/" not in content and ";" not in content.split(first.group(0))[0]:
        cite.edition_year = int(years[-1].group(1))
    published = FIRST_PUBLISHED.search(content)
    if published and len(years) > 1:  # "(written 1844, first published 1932)"
        cite.year, cite.year_end, cite.edition_year = int(published[1]), None, None
    pages = _PAGE_COUNT.search(content)
    if pages:
        cite.pages = int(pages.group(1).replace(",", ""))
    content = _take_credits(cite, content)  # "(1965; trans. Paul Sharkey, 1998)"
    published = _PUBLISHED.search(content)
    if published:
        cite.place, cite.publisher = published["place"].strip(), published["publisher"].strip()
        return True
    others = [
        p.strip(" .")
        for p in re.split(r"[,;]", content)
        if p.strip(" .") and not _YEARS.search(p) and not _PAGE_COUNT.search(p)
    ]
    others = [p for p in others if not re.fullmatch(r"[\d\s/–—-]+", p)]
    if others and all(len(p) <= 60 for p in others):
        cite.publisher = others[0]
        if len(others) > 1:
            cite.place = others[1]
    return True


_PAREN_NAMES = re.compile(rf"(?P<names>[^()]+?)(?:\s*[,;]\s*(?P<rest>{YEAR}.*))?")
_PUBLISHER_WORDS = frozenset({"press", "books", "publishing", "publishers", "editions", "verlag"})


def _paren_names(content: str) -> tuple[list[Contributor], str | None] | None:
    """A parenthesis that names the authors (full names; not a publisher), and what
    follows them in it (a year)."""
    match = _PAREN_NAMES.fullmatch(content.strip())
    people = parse_names(match["names"]) if match and ":" not in match["names"] else None
    if match is None or not people or any(c.corporate or " " not in c.name for c in people):
        return None
    if not _surely_names(people) or any("," in c.written for c in people):
        # "(Erfurt Program)", "(Macmillan, London, 1951)": a title's words, a publisher
        return None
    words = {w.casefold() for w in match["names"].split()}
    return None if words & _PUBLISHER_WORDS else (people, match["rest"])


def _take_part(cite: Citation, text: str) -> str:
    """Take the part to read (a page range, chapters) out of ``text``."""
    match = _PAGE_RANGE.search(text)
    if match:
        first, last = match.group(1), match.group(2)
        start, end = int(first), int(last)
        if end < start and len(last) < len(first):
            end = int(first[: len(first) - len(last)] + last)
        cite.part = f"pp. {start}–{end}"
        cite.part_pages = end - start + 1 if end >= start else None
        before = text[: match.start()].rstrip(" ,")
        front = _FRONT_PART.search(before + ",")
        if front and front.end() >= len(before):  # "…, Preface, pp. 9–14"
            cite.part = f"{front.group(0).strip()}, {cite.part}"
            return before[: front.start()] + text[match.end() :]
        return text[: match.start()] + text[match.end() :]
    match = _CHAPTERS.search(text) or _FRONT_PART.search(text)
    if match:
        cite.part = match.group(0).strip().rstrip(".")
        return text[: match.start()] + text[match.end() :]
    return text


def part_pages(part: str) -> int | None:
    """How many pages a part to read covers, where it names a page range ("pp. 12–40")."""
    cite = Citation(title="")
    _take_part(cite, part)
    return cite.part_pages


def _split_head(head: str, title: str | None) -> tuple[list[Contributor], str] | None:
    """Tell the names from the title in what is left of the entry."""
    head = head.strip(_SEPARATORS)
    if title:
        before, _, after = head.partition(title)
        volume = _VOLUME.match(after)
        if volume:  # "*Main Currents of Marxism*, vol. 2, *The Golden Age*"
            title, after = title + volume.group(0).rstrip(" ,"), after[volume.end() :]
        before, after = before.strip(_SEPARATORS), after.strip(_SEPARATORS)
        by_name = re.match(r"by\s+", after, re.I)
        after = after[by_name.end() :] if by_name else after
        names = parse_names(before) if before else None
        if names is None and after:
            names = parse_names(after)
        lone = 1 <= len(after.split()) <= 4 and not re.search(r"\d", after)
        if names is None and by_name and lone:
            names = [Contributor(after, "author", after)]  # "by bell hooks"
        return (names or [], title)
    by = head.rfind(" by ")
    if by > 0:
        names = parse_names(head[by + 4 :])
        if names is not None:
            return names, head[:by].strip(_SEPARATORS)
    for dash in _DASHES:
        left, found, right = head.partition(dash)
        if found and left and right:
            # "Author – Title" is the commoner order: when both sides could be names,
            # the left one is, unless only the right one surely is ("Silent Spring -
            # Rachel Carson": a known forename, or initials).
            left_names, right_names = parse_names(left), parse_names(right)
            if left_names is not None and (
                right_names is None or _surely_names(left_names) or not _surely_names(right_names)
            ):
                return left_names, right.strip(_SEPARATORS)
            if right_names is not None:
                return right_names, left.strip(_SEPARATORS)
    trailing = _trailing_names(head)
    if trailing is not None:
        return trailing
    return _leading_names(head)


def _trailing_names(head: str) -> tuple[list[Contributor], str] | None:
    """ "My Ántonia. Willa Cather": full names after the title's full stop."""
    title, dot, names_text = head.rpartition(". ")
    if not dot or not title.strip():
        return None
    names = parse_names(names_text)
    if names is None or _names_score(names) < 2 * len(names) or parse_names(title):
        return None
    if _leading_names(head)[0]:
        return None  # "Thompson, E. P. The Making…": names lead
    return names, title.strip(_SEPARATORS)


_NAMES_CUT = re.compile(r"[,.:]\s+|\s+\((?=eds?\.)")


def _leading_names(head: str) -> tuple[list[Contributor], str]:
    """The longest run of names at the start, ended by a comma, full stop or colon,
    that leaves a title behind: "Thompson, E. P. The Making of…", "Lenin, State and
    Revolution", "Marx, Karl, Capital"."""
    shouted = re.match(r"([A-Z][A-Z'’-]{2,}):\s+(?=\S)", head)
    if shouted:  # "LENIN: WHAT IS TO BE DONE?"
        name = shouted[1].title()
        return [Contributor(name, "author", shouted[1])], head[shouted.end() :]
    best: tuple[list[Contributor], str] | None = None
    best_score = 0
    for match in _NAMES_CUT.finditer(head):
        cut = match.end() if head[match.start()] == "." else match.start()
        names_text, rest = head[:cut], head[match.end() :].strip(_SEPARATORS)
        if not may_be_names(names_text):
            break  # each longer run holds the word that rules this one out
        names = parse_names(names_text) if rest else None
        if names is None:
            continue
        if head[match.start()] == ":" and not all("," in n.written for n in names):
            continue  # "Kropotkin, Peter: Title", but not "Mutual Aid: A Factor…"
        score = _names_score(names)
        # A surname alone before a rest that reads as a name too ("Marx, Karl") is not
        # the cut; full names are, whatever follows ("Studs Terkel, Working").
        if score < 2 * len(names) and parse_names(rest) is not None:
            continue
        if score >= best_score:
            best, best_score = (names, rest), score
    return best or ([], head)


_BY_AFTER = re.compile(r"by\s+(?P<names>[^.;()]+?)\s*(?:[.;]\s|[.;]?$|,\s+(?=[a-z]))")


def _byline_after(cite: Citation, note: str) -> str:
    """ "The Jungle (1906) by Upton Sinclair": the names after the year."""
    match = _BY_AFTER.match(note)
    names = parse_names(match["names"]) if match else None
    if match is None or names is None:
        return note
    cite.contributors = names
    return note[match.end() :].lstrip(_SEPARATORS)


def _surely_names(names: list[Contributor]) -> bool:
    """Names that cannot be a title's words: each opens with a known forename or an
    initial, or is written inverted ("Carson, Rachel")."""
    known = lexicon().given_names
    return all(
        "," in n.written or (first := n.name.split()[0]).casefold() in known or first.endswith(".")
        for n in names
    )


def _names_score(names: list[Contributor]) -> int:
    """How surely a run of words is names: a full name ("Karl Marx", "Marx, Karl")
    counts two, a surname alone one, so that "Marx, Karl, Capital" is cut after
    Karl and "Lenin, State and Revolution" after Lenin."""
    return sum(2 if "," in c.written or " " in c.name else 1 for c in names)


_WORK_WITH_YEAR = re.compile(
    r"(?P<title>\*[^*\n]+\*|_[^_\n]+_|“[^”\n]+”|\"[^\"\n]+\")\s*(?P<year>\([^()\n]*\d{4}[^()\n]*\))"
)
_BOTH = re.compile(r"^\s*[–—-]?\s*(?:both|all)\s+(?:by\s+)?(?P<names>.+)$", re.I)


def split_works(text: str) -> list[str]:
    """One line that cites several works, each set apart with its year: "Kropotkin,
    *The Conquest of Bread* (1892) and *Fields…* (1899)", "*A* (1974) / *B* (1972) —
    both Ursula K. Le Guin". Each comes back as a citation of its own, with the
    names that stand before or after them all."""
    works = list(_WORK_WITH_YEAR.finditer(text))
    if len(works) < 2:
        return _split_plain_works(text) or [text]
    for left, right in itertools.pairwise(works):
        if not re.fullmatch(r"\s*(?:,|;|/|and|&|,\s*and)?\s*", text[left.end() : right.start()]):
            return [text]
    prefix, suffix = text[: works[0].start()], text[works[-1].end() :]
    both = _BOTH.match(suffix)
    if both:
        return [f"{both['names']}, {w.group(0)}" for w in works]
    return [
        f"{prefix}{w.group(0)}{suffix if i == len(works) - 1 else ''}" for i, w in enumerate(works)
    ]


_YEAR_PAREN = re.compile(rf"\((?:[^()\n]*?,\s*)?{YEAR}\)")
_BETWEEN_WORKS = re.compile(r"\s*(?:,?\s*(?:and|&)|;|/|,)\s+")


def _split_plain_works(text: str) -> list[str] | None:
    """ "Paine, Thomas — COMMON SENSE (1776) and RIGHTS OF MAN (1791)": works written
    plainly, each with its year, after the names they share."""
    years = list(_YEAR_PAREN.finditer(text))
    if len(years) < 2 or text[years[-1].end() :].strip(" .,;†*"):
        return None
    pieces, start = [], 0
    for year in years:
        pieces.append(text[start : year.end()])
        start = year.end()
    rest = []
    for piece in pieces[1:]:
        joiner = _BETWEEN_WORKS.match(piece)
        if joiner is None or len(piece[joiner.end() :].split()) > 12:
            return None
        rest.append(piece[joiner.end() :])
    first = read_citation(pieces[0])
    if first is None or not first.contributors:
        return None
    names = pieces[0][: pieces[0].find(first.title)].rstrip(" ,.:–—-")
    if not names or parse_names(names) is None:
        return None
    return [pieces[0], *(f"{names}, {piece}" for piece in rest)]


def read_citation(text: str) -> Citation | None:
    """The citation ``text`` makes, or None if there is no title in it."""
    cite = Citation(title="")
    text = " ".join(text.split()).rstrip(" †‡")
    link = _LINK.search(text) if "](" in text else None
    title: str | None = None
    if link and not link.group(1).startswith("http"):
        cite.url = link.group(2)
        title = link.group(1).strip("*_ ")
        text = text[: link.start()] + title + text[link.end() :]
    if "ISBN" in text:
        text = _take_isbn(cite, text)
    bare = _BARE_URL.search(text) if "http" in text else None
    if bare:
        cite.url = cite.url or bare.group(1)
        text = (text[: bare.start()] + text[bare.end() :]).strip()
    text = _take_leading_mark(cite, text)
    original = _ORIGINAL_YEAR.search(text)
    if original:  # "… Harmondsworth: Penguin. [1845]": first published then
        text = text[: original.start()].rstrip()
    if "(" in text or "[" in text:
        text, found = _importance(text)
        cite.importance = found or cite.importance
    star = re.match(r"\*\s+|[†‡]\s*", text)
    if star:  # "* Title": the mark of a required reading (a dagger marks something else)
        cite.importance = cite.importance or ("essential" if text[0] == "*" else None)
        text = text[star.end() :]
    if title is None:
        text, title = _title_set_apart(text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(lambda m: next(g for g in m.groups() if g is not None), text)
    anonymous = re.match(r"(?:anon(?:ymous)?\.?|n\.\s?a\.)\s*[,.:–—-]\s*", text, re.I)
    if anonymous:
        text = text[anonymous.end() :]
    cite.title_set_apart = title is not None
    if "," in text[:60] and (mla := _mla(cite, text, title)) is not None:
        return mla
    dated = _AUTHOR_DATE.match(text)
    if dated and _names_before(dated["names"]):
        # "Darwin, John. 1988. Britain and Decolonisation. Basingstoke: Macmillan."
        cite.year = int(dated["year"])
        if dated["original"]:
            cite.year, cite.edition_year = int(dated["original"]), cite.year
        rest = dated["rest"]
        if title is None:
            end = _SENTENCE_END.search(rest)
            title = rest[: end.start()] if end else rest.rstrip(". ")
        start = len(dated["names"]) + len(title) + 2
        text = f"{dated['names']}. {title}. " + rest.partition(title)[2].lstrip(". ")
        head, note = _take_place_publisher_anywhere(cite, text, start)
    else:
        head, note = _head_and_note(cite, text, title)
    head = _take_container(cite, head, title)
    head = _take_part(cite, head)
    head = _take_credits(cite, head)
    cite.raw_head = head.strip(_SEPARATORS)
    if cite.lead_names is not None:
        split: tuple[list[Contributor], str] | None = (
            cite.lead_names,
            title or head.strip(_SEPARATORS),
        )
    else:
        split = _split_head(head, title)
    if split is None:
        return None
    cite.contributors, cite.title = split
    if anonymous:
        cite.contributors = []
    if note and re.match(r"in:?\s", note, re.I) and title:
        note = _container_note(cite, note)
    if note and not cite.contributors:
        note = _byline_after(cite, note)
    if note:
        note = _take_credits(cite, note, at_start=True).lstrip(_SEPARATORS)
        pages = _PAGE_COUNT.search(note[:60])
        if pages and cite.pages is None:  # "– a pamphlet of 54 pages"
            cite.pages = int(pages.group(1).replace(",", ""))
    cite.contributors = cite.contributors + cite.credits
    if original:
        cite.year, cite.edition_year = int(original[1]), cite.year
    cite.title = cite.title.strip(_SEPARATORS + "\"'“”‘’")
    cite.note = note or None
    if not cite.title or _repeated(f"{cite.title} {cite.raw_head}"):
        return None  # "Ibid., p. 388", "Tillett, op. cit., p. 117": a work cited before
    return cite


_CREDIT = re.compile(
    r"(?:^|[.,;]|\s)\s*(?P<phrase>(?:with\s+an?\s+)?(?:introduction|foreword|preface)\s+by|"
    r"(?:edited|translated|introduced|selected)(?:\s+and\s+\w+)?\s+by|trans\.|tr\.|transl\.|"
    r"with(?!\s+an?\s)|"
    r"eds?\.(?:\s+by)?)\s+(?P<names>(?:[^.;()]|(?<=\b[A-Z])\.)+?)"
    r"(?=\s*(?:(?<!\b[A-Z])\.|[;()]|\s[–—]\s|,\s*(?:with|and|trans|ed|intro|\d)|$))",
    re.I,
)


# A word that each of _CREDIT's phrases holds (most heads hold none).
_CREDIT_WORDS = (
    *("introduction", "foreword", "preface", "edited", "translated", "introduced"),
    *("selected", "trans.", "tr.", "transl.", "with", "ed.", "eds."),
)


def _take_credits(cite: Citation, head: str, at_start: bool = False) -> str:
    """Editors, translators and introducers credited after the title: "Translated by
    Mary Klopper, with an introduction by Noam Chomsky"; in a note, only at its start."""
    while True:
        folded = head.casefold()
        if not any(word in folded for word in _CREDIT_WORDS):
            return head
        match = _CREDIT.match(head) if at_start else _CREDIT.search(head)
        if match is None or (match.start() == 0 and not at_start):
            return head
        phrase = match["phrase"].casefold()
        role: Role = (
            "translator"
            if phrase.startswith(("trans", "tr"))
            else "editor"
            if phrase.startswith(("ed", "selected"))
            else "author"
            if phrase == "with"
            else "introduction"
        )
        names = parse_names(match["names"], role)
        if names is None:
            return head
        cite.credits.extend(names)
        head = head[: match.start()] + head[match.end() :]


# A full stop that ends a sentence, not an initial's or an abbreviation's.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bed)(?<!\beds)(?<!\btrans)(?<!\btr)(?<!\bvol)(?<!\bedn)(?<!\bpp)"
    r"(?<!\bno)\.\s+[A-Z]|\s[–—]\s"
)


def _container_note(cite: Citation, note: str) -> str:
    """ "(1848), in Robert C. Tucker (ed.), The Marx-Engels Reader (1978), pp. 469–500":
    the book that holds the work, its editors and the pages to read; the rest of the
    note after it."""
    end = _SENTENCE_END.search(note)
    container, rest = (note[: end.start()], note[end.start() + 1 :]) if end else (note, "")
    container = _take_part(cite, container)
    container = re.sub(r"\s*\([^()]*\d{4}[^()]*\)", "", container)
    container = _take_credits(cite, container)
    edited = re.match(r"in:?\s+(?P<names>[^()]+?)\s*\(eds?\.?\)\s*[,.:]?\s*", container, re.I)
    names = parse_names(edited["names"], "editor") if edited else None
    if edited and names:
        cite.credits.extend(names)
        container = container[edited.end() :]
    else:
        container = re.sub(r"^in:?\s+", "", container, flags=re.I)
    container = _take_place_publisher(cite, ", " + container)
    cite.container = container.strip(_SEPARATORS) or None
    return rest.strip()


def _take_container(cite: Citation, head: str, title: str | None) -> str:
    """A journal or an edited book that holds the cited article or chapter."""
    if title is None:
        return head
    after = head.partition(title)[2]
    journal = _JOURNAL.search(after)
    if journal:
        cite.container = journal["container"].strip(_SEPARATORS)
        _take_part(cite, f"pp. {journal['first']}–{journal['last']}")
        return head.replace(after, "")
    book = _IN_BOOK.search(after)
    if book:  # "in R. D. Storch (ed.), Popular Culture…, pp. 1–20"
        _container_note(cite, "in " + book["rest"])
        return head.replace(after, "")
    return head


def _head_and_note(cite: Citation, text: str, title: str | None) -> tuple[str, str]:
    """Split the entry into its citation and the note after it, reading the year,
    page count and publisher on the way."""
    for match in _PAREN.finditer(text):
        content = match.group(1) if match.group(1) is not None else match.group(2)
        if title and title in content:
            continue
        if (named := _paren_names(content)) is not None:
            # "The Color of Law (Richard Rothstein) – note", "(Jane Jacobs, 1961)"
            cite.credits += named[0]
            if named[1]:
                _paren_facts(cite, named[1])
            return text[: match.start()], _note_after(cite, text[match.end() :])
        if not _paren_facts(cite, content):
            continue
        before, after = text[: match.start()], text[match.end() :]
        if _names_before(before) and re.search(r"[^\W\d_]{2}", after):
            # "Surname, I. (2001) Title": the year follows the names.
            # "Name, “Title” (1919), in …", "Names, Title (1969), edited by …": the year
            # closes the citation, not the names
            closes = bool(title and title in before) or after.lstrip()[:1] in (",", ";")
            if closes and title and not _CONTINUES.match(after.lstrip(_SEPARATORS)):
                # "Name, *Title* (1931), 240 pages. A note": the note follows the count.
                return before, _note_after(cite, after)
            head, note = _split_note(after, None if closes else title)
            head = _take_place_publisher(cite, _take_pages(cite, head))
            if closes:
                before = before.rstrip()
                return before + ("" if before.endswith(".") else ".") + " " + head, note
            cite.lead_names = parse_names(before)
            return head, note
        return before, _note_after(cite, after)
    published = _PUBLISHED.search(text)
    if published:
        cite.place, cite.publisher = published["place"].strip(), published["publisher"].strip()
        cite.year = int(published["year"])
        return text[: published.start()], _note_after(cite, text[published.end() :])
    head, note = _split_note(text, title)
    bare = _BARE_YEAR.search(head)
    if bare:
        cite.year = int(bare["year"])
        head = head[: bare.start()]
    return _take_pages(cite, head), note


_PLACE_PUBLISHER = re.compile(
    rf"[,.]\s*{_PLACE}\s*:\s*(?P<publisher>[^:,.()]{{2,80}})"
    r"[.,]?\s*$"
)


def _take_place_publisher(cite: Citation, head: str) -> str:
    """ "…, Oxford: Oxford University Press" after a title whose year came first."""
    match = _PLACE_PUBLISHER.search(head)
    if match is None or cite.publisher:
        return head
    cite.place, cite.publisher = match["place"], match["publisher"].strip()
    return head[: match.start()]


# MLA, after the names: "Title. [Edited by X,] [3rd ed.,] Publisher, 2007. Note" or
# "Title. 1854. Reprint, …" (a year alone).
_MLA_REST = re.compile(
    r"(?P<title>[^.?!]+?[?!]?)(?:\.|(?<=[?!]))\s+"
    r"(?:(?P<credit>(?:edited|translated|introduced) by (?:[^,.]|(?<=\b[A-Z])\.)+),\s+)?"
    r"(?:(?P<edition>\d+(?:st|nd|rd|th) ed\.|rev\. ed\.),\s+)?"
    rf"(?:(?P<publisher>[A-Z][^.,;]{{1,80}}?),\s+)?(?P<year>{YEAR})\b\.?\s*(?P<rest>.*)",
    re.I,
)


def _mla(cite: Citation, text: str, title: str | None) -> Citation | None:
    """ "Chase, Malcolm. Chartism: A New History. Manchester University Press, 2007.
    411 pp. Note": MLA's inverted names, title, publisher and year, each closed by a
    full stop."""
    names, rest = _leading_names(text)
    if (
        not names
        or "," not in names[0].written
        or not text[: text.find(rest)].rstrip().endswith(".")
    ):
        return None
    match = _MLA_REST.fullmatch(rest)
    if match is None or (title and not match["title"].startswith(title[:20])):
        return None
    cite.contributors = names
    cite.title = match["title"].strip(_SEPARATORS + "\"'“”‘’")
    cite.year = int(match["year"])
    cite.publisher = match["publisher"]
    note = match["rest"]
    if match["credit"]:
        note = f"{match['credit']}. {note}"
        note = _take_credits(cite, note, at_start=True).lstrip(_SEPARATORS)
        cite.contributors += cite.credits
    note = _take_part(cite, _take_pages(cite, note)).strip(_SEPARATORS)
    cite.note = note or None
    return cite if cite.title else None


_AUTHOR_DATE = re.compile(
    rf"(?P<names>.+?)\.\s+(?:\((?P<original>{YEAR})\)\s+)?(?P<year>{YEAR})[a-z]?\.\s+(?P<rest>\S.*)"
)
_PUBLISHER_END = re.compile(
    r"\.\s+(?P<place>[A-Z][\w'’-]*(?:[ ,]+[A-Z][\w'’-]*){0,3}):\s*(?P<publisher>[^:.()]{2,80})\.?"
)


def _take_place_publisher_anywhere(cite: Citation, text: str, start: int) -> tuple[str, str]:
    """The citation up to its "Place: Publisher." (after ``start``, the title's end),
    and the note after it."""
    match = _PUBLISHER_END.search(text, start)
    if match is None:
        return text, ""
    cite.place, cite.publisher = match["place"], match["publisher"].strip()
    return text[: match.start()], text[match.end() :].strip()


def _names_before(text: str) -> bool:
    """Whether ``text`` is wholly names, each full ("Marx, K.", "Rosa Luxemburg"), as
    before the year in "Harvey, D. (2003) Title" — a title is seldom that."""
    names = parse_names(text) if text.strip() else None
    return names is not None and all(_names_score([n]) == 2 for n in names)


def _take_pages(cite: Citation, head: str) -> str:
    pages = _PAGE_COUNT.search(head)
    if pages and not cite.pages:
        cite.pages = int(pages.group(1).replace(",", ""))
        head = head[: pages.start()] + head[pages.end() :]
    return head


# What may carry a citation on after the year that closes its title: the book that
# holds it, its editors or translators, the pages to read.
_CONTINUES = re.compile(
    r"(?:in:?\s|edited|eds?\.|trans|tr\.|translated|with\s|introduc|pp?\.|vol|ch|part)", re.I
)


def _split_note(text: str, title: str | None) -> tuple[str, str]:
    """Where no year closes the citation, a note follows a dash or a colon after it."""
    start = text.find(title) + len(title) if title and title in text else 0
    for separator in (" — ", " – ", " -- ", ": "):
        index = text.find(separator, start)
        if index > 0:
            head, note = text[:index], text[index + len(separator) :]
            if separator == ": " and not title:
                continue  # a colon in an untitled entry is the title's subtitle
            if separator in _DASHES and parse_names(_BARE_YEAR.sub("", note)) is not None:
                continue  # "Title – Author", "“Title” — Audre Lorde, 1979"
            if len(note.split()) >= 3 and not (title is None and is_person_name(head)):
                return head, note
    return text, ""


def _note_after(cite: Citation, after: str) -> str:
    """What follows the year: a page count and part to read, then the note."""
    rest = after.lstrip(_SEPARATORS)
    pages = _PAGE_COUNT.match(rest)
    if pages:
        cite.pages = int(pages.group(1).replace(",", ""))
        rest = rest[pages.end() :].lstrip(_SEPARATORS)
    if rest.startswith("?") and re.match(r"\?\s*pages?", rest):
        rest = re.sub(r"^\?\s*pages?", "", rest).lstrip(_SEPARATORS)
    front = re.fullmatch(
        r"(?:the\s+)?(?:preface|introduction|foreword|afterword|conclusion|epilogue)"
        r"(?:\s*(?:,|and)\s*(?:chapters?|chs?\.)\s*[\dIVXivx]+)?\.?",
        rest.strip(),
        re.I,
    )
    if front:  # "(1963), Preface": the part to read
        cite.part = rest.strip().rstrip(".")
        return ""
    part = Citation(title="")
    remainder = _take_part(part, rest[:40]) + rest[40:]
    if part.part and rest[:40].lstrip().lower().startswith(("pp", "p.", "ch", "sec", "§")):
        cite.part, cite.part_pages = part.part, part.part_pages
        rest = remainder.lstrip(_SEPARATORS)
    return rest.strip()
