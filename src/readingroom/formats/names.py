"""People and bodies as reading lists name them: "Marx, Karl", "E. P. Thompson",
"Hardt, Michael & Antonio Negri", "Eric Hobsbawm (ed.)", "Communist Party of Great
Britain".

The tests here are deliberately strict: a run of words is taken for a name only when
every word can stand in one, because a title read as an author (and the title lost)
is worse than an author left unread.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import lexicon
from .records import Contributor, Role

_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.(?:-|\s?))+|[^\W\d_]")
_JOINERS = re.compile(r"\s*;\s*|,?\s+(?:and|&|with)\s+|\s+/\s+")
_ROLE_AFTER = re.compile(
    r"[,\s]*\(?\b(eds?\.?|editors?|trans\.|tr\.|transl\.|translator|intro\.)\)?\s*$", re.I
)
# The words _ROLE_AFTER ends on (a search for it from every place is slow).
_ROLE_AFTER_WORDS = (
    *("ed", "eds", "ed.", "eds.", "editor", "editors"),
    *("trans.", "tr.", "transl.", "translator", "intro."),
)
_ROLE_BEFORE = re.compile(
    r"^(?:(?:edited|translated|introduced)\s+by|(?:with\s+an?\s+)?introduction\s+by|"
    r"trans\.|tr\.|transl\.|eds?\.)\s+",
    re.I,
)


@lru_cache(maxsize=1 << 16)
def _word_kind(word: str) -> str | None:
    """'initial', 'word' (capitalised), 'particle', or None when no name has it."""
    if _INITIALS.fullmatch(word) and word[0].isupper():
        return "initial"
    core = word.strip("'’")
    if core.casefold() in lexicon().name_particles and core.islower():
        return "particle"
    parts = re.split(r"[-'’]", core)
    if core and all(p and p[0].isupper() and p.isalpha() for p in parts if p):
        letters = core.replace("-", "").replace("'", "").replace("’", "")
        if len(letters) > 1 and letters.isupper() and len(letters) > 3:
            return None  # ALL CAPS words are titles ("REFLECTIONS"), not names
        return "word"
    return None


@lru_cache(maxsize=1 << 14)
def is_person_name(text: str) -> bool:
    """Whether ``text`` can be one person's name as written in display order."""
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    kinds = [_word_kind(w) for w in words]
    if None in kinds or kinds[0] == "particle" or kinds[-1] == "particle":
        return False
    title_words = lexicon().title_words
    return not any(
        w.casefold() in title_words for w, k in zip(words, kinds, strict=False) if k == "word"
    )


def is_corporate_name(text: str) -> bool:
    """Whether ``text`` names a body: capitalised words, one of them a body's word."""
    words = text.split()
    if not 1 <= len(words) <= 10:
        return False
    small = {"of", "the", "and", "for", "in", "on", "de", "la", "du", "&"}
    if not all(w in small or w[0].isupper() or w[0].isdigit() for w in words):
        return False
    return any(w.casefold().strip(",.()") in lexicon().corporate for w in words)


def _given_names(text: str) -> bool:
    """Forenames after an inverted surname: "Karl", "E. P.", "Karl H.", "J. Edgar";
    not "E. J. Primitive Rebels" (initials, then the title's words)."""
    words = text.split()
    kinds = "".join(
        "i" if _word_kind(w) == "initial" else "w" if _word_kind(w) else "x" for w in words
    )
    if not re.fullmatch(r"w{1,2}i?|i{1,3}|iw", kinds):
        return False
    return not any(
        w.casefold() in lexicon().title_words
        for w, k in zip(words, kinds, strict=False)
        if k == "w"
    )


def _surname(text: str, given: str) -> bool:
    """An inverted name's surname: one word, after particles ("de Beauvoir"); two
    before initials ("Stedman Jones, G.")."""
    words = text.split()
    particles = lexicon().name_particles
    if not words or not is_person_name(words[-1]):
        return False
    if len(words) == 2 and is_person_name(text) and given.split():
        # "Stedman Jones, G.", "Stedman Jones, Gareth": two words before initials or a
        # known forename
        first = given.split()[0]
        return (
            all(_word_kind(w) == "initial" for w in given.split())
            or first.casefold() in lexicon().given_names
        )
    return all(w in particles for w in words[:-1])


def _trim(text: str) -> str:
    text = text.strip(" ,;:–—-")
    last = text.split()[-1] if text.split() else ""
    if text.endswith(".") and len(last) > 3 and "." not in last[:-1]:
        text = text[:-1]  # a full stop after a name, not an initial's ("P.-J.")
    return text


def _one(text: str, role: Role) -> Contributor | None:
    text = _trim(text)
    if "," in text:
        surname, _, given = text.partition(",")
        surname, given = surname.strip(), given.strip()
        if _surname(surname, given) and _given_names(given):
            given = re.sub(r"(?<![^\s.])([^\W\d_])(?=\s|$)", r"\1.", given)  # "D" → "D."
            return Contributor(f"{given} {surname}", role, text)
        return None
    if (shouted := _surname_in_capitals(text)) is not None:
        return Contributor(shouted, role, text)
    if is_person_name(text):
        return Contributor(text, role, text)
    if is_corporate_name(text):
        return Contributor(text, role, text, corporate=True)
    return None


_CAPITAL_WORD = r"(?:Mc)?[A-Z][A-Z'’-]+"
_CAPITALS_FIRST = re.compile(rf"(?P<surname>{_CAPITAL_WORD}(?: {_CAPITAL_WORD})?) (?P<given>.+)")


def _surname_in_capitals(text: str) -> str | None:
    """ "ADICHIE Chimamanda Ngozi", "DE WAAL Kit": the surname in capitals first, as
    library lists sort them; the name in display order."""
    match = _CAPITALS_FIRST.fullmatch(text)
    if match is None or not _given_names(match["given"]) or match["given"].isupper():
        return None
    first = match["given"].split()[0]
    known = first.casefold() in lexicon().given_names or _word_kind(first) == "initial"
    if not known and len(match["surname"].replace(" ", "")) < 5:
        return None  # "BBC Radio", "USA Today": an acronym, then a word
    surname = " ".join(
        word.casefold()
        if word.casefold() in lexicon().name_particles
        else re.sub(r"^(Mc)(\w)", lambda m: m[1] + m[2].upper(), word.title())
        for word in match["surname"].split()
    )
    return f"{match['given']} {surname}"


def _role_of(text: str, default: Role) -> tuple[str, Role]:
    roles = lexicon().roles
    before = _ROLE_BEFORE.match(text)
    if before:
        marker = before.group(0).strip().casefold()
        role = roles.get(marker) or roles.get(marker.rstrip()) or "editor"
        return text[before.end() :], role
    ending = text.rstrip().removesuffix(")").casefold()
    after = _ROLE_AFTER.search(text) if ending.endswith(_ROLE_AFTER_WORDS) else None
    if after:
        marker = after.group(1).casefold()
        role = (
            roles.get(marker) or roles.get(marker + ".") or roles.get(marker.rstrip(".")) or default
        )
        return text[: after.start()], role
    return text, default


def parse_names(text: str, role: Role = "author") -> list[Contributor] | None:
    """The contributors ``text`` names, or None unless all of it reads as names.

    Handles "Marx, Karl and Friedrich Engels", "Hardt, M. & Negri, A.",
    "Karl Marx, Friedrich Engels", "Hobsbawm, Eric (ed.)", "eds. A and B".
    """
    if not may_be_names(text):
        return None
    found = _parse_names(text, role)
    return None if found is None else list(found)


# What a word in lower case is, stripped, before it is looked up (see may_be_names).
_WORD_EDGES = " \t.,;:!?()[]{}'’\"“”‘«»*_"
# The words in lower case that names' text may hold besides particles and forenames:
# what joins names (_JOINERS), credits a role (_ROLE_BEFORE, _ROLE_AFTER, the
# lexicon's roles) and the small words of a body's name (is_corporate_name).
_NAMES_GLUE = frozenset(
    "and with by an a of the for in on de la du introduction edited translated introduced "
    "trans tr transl translation ed eds editor editors translator intro".split()
)


@lru_cache(maxsize=1)
def _lowercase_name_words() -> frozenset[str]:
    vocab = lexicon()
    words = {w for phrase in vocab.roles for w in phrase.split()}
    words |= vocab.name_particles | vocab.given_names | _NAMES_GLUE
    return frozenset(w.strip(_WORD_EDGES).casefold() for w in words)


@lru_cache(maxsize=1)
def _title_only_words() -> frozenset[str]:
    """Title words that no path of the parser accepts in a person's name (forenames,
    particles and role words can be title words too, and are left out)."""
    vocab = lexicon()
    return vocab.title_words - vocab.given_names - _lowercase_name_words()


_LETTERS = re.compile(r"[^\W\d_]+")


def may_be_names(text: str) -> bool:
    """False when a word of ``text`` rules out that all of it is names, so that the
    parser need not try: a word that opens in lower case and is no particle, forename,
    joiner or role word; or, where no word names a body (whose names hold any
    words), a digit or a capitalised title word ("History"). Most of what a reader
    asks about is a title or prose, and this answers at once for them; it never says
    False where :func:`_parse_names` would find names (tested)."""
    allowed = _lowercase_name_words()
    words = text.split()
    for word in words:
        if word[0].islower() and word.strip(_WORD_EDGES).casefold() not in allowed:
            return False
    title_only = _title_only_words()
    for word in words:
        core = word.strip(",;:–—-.")
        if any(c.isdigit() for c in word) or (
            len(core) > 2
            and core.isalpha()
            and core[0].isupper()
            and not core.isupper()
            and core.casefold() in title_only
        ):
            return bool(lexicon().corporate.intersection(_LETTERS.findall(text.casefold())))
    return True


def clear_caches() -> None:
    """Forget the names read so far (the benchmark reads each list afresh)."""
    for cached in (_parse_names, is_person_name, _word_kind):
        cached.cache_clear()


@lru_cache(maxsize=1 << 14)
def _parse_names(text: str, role: Role) -> tuple[Contributor, ...] | None:
    text = _trim(text)
    if not text:
        return None
    text, role = _role_of(text, role)
    couple = re.fullmatch(r"([^,]+),\s*(\S+)\s+(?:and|&)\s+(\S+)", text)
    known = lexicon().given_names
    if couple and _surname(couple[1], "") and {couple[2].casefold(), couple[3].casefold()} <= known:
        # "Webb, Sidney & Beatrice": two people of one surname
        return tuple(Contributor(f"{g} {couple[1]}", role, text) for g in (couple[2], couple[3]))
    pieces = [p for p in _JOINERS.split(text.strip(" ,")) if p.strip(" ,.")]
    if not pieces:
        return None
    pieces = _shared_surname(pieces)
    people: list[Contributor] = []
    for piece in pieces:
        found = _piece(piece, role)
        if found is None:
            return None
        people.extend(found)
    if len(people) > 1 and not _plausible_together(people):
        return None
    return tuple(people)


def _plausible_together(people: list[Contributor]) -> bool:
    """Several names are a title more often than not when they are bare words:
    "Bread and Roses", "Fields, Factories and Workshops" (read as "Factories Fields"
    and "Workshops"). A known forename or an initial makes them people again."""
    known = lexicon().given_names

    def sure(person: Contributor) -> bool:
        words = person.name.split()
        return len(words) > 1 and (
            words[0].casefold() in known
            or _word_kind(words[0]) == "initial"
            or "," not in person.written
        )

    return (
        any(sure(p) for p in people)
        and not any(len(p.name.split()) == 1 for p in people if not p.corporate)
    ) or all(sure(p) for p in people)


def _shared_surname(pieces: list[str]) -> list[str]:
    """ "Sidney and Beatrice Webb": a known forename alone before a full name shares
    its surname."""
    known = lexicon().given_names
    out = list(pieces)
    for i in range(len(out) - 1):
        after = out[i + 1].split()
        if out[i].strip().casefold() in known and len(after) >= 2 and "," not in out[i + 1]:
            out[i] = f"{out[i].strip()} {after[-1]}"
    return out


def _piece(piece: str, role: Role) -> list[Contributor] | None:
    """One joined piece: a name, an inverted name, or several names between commas."""
    piece, role = _role_of(piece.strip(" ,"), role)
    one = _one(piece, role)
    if one is not None:
        return [one]
    parts = [p.strip() for p in piece.split(",") if p.strip()]
    if len(parts) > 1 and all(is_person_name(p) and len(p.split()) > 1 for p in parts):
        return [Contributor(p, role, p) for p in parts]  # "Karl Marx, Friedrich Engels"
    if len(parts) % 2 == 0 and len(parts) > 2:  # "Marx, K., Engels, F."
        pairs = [_one(f"{parts[i]}, {parts[i + 1]}", role) for i in range(0, len(parts), 2)]
        if all(pairs):
            return [p for p in pairs if p is not None]
    return None
