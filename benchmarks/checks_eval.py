"""How well the editorial checks (readingroom.checks) find errors, and how quiet they
are on clean text.

    python benchmarks/checks_eval.py [--per-family N] [--seed S] [--show N]

1. False alarms: every finding on the clean guides of tests/checks/fixtures/clean/
   (written to be right in every field and fact) and on the timeline's held-out
   biographies (tests/timeline/gold/biographies/, written by another hand for
   another purpose) is a false alarm; reported per 1,000 words.
2. Injected errors: a script plants errors of each family in copies of the clean
   guides, a few at a time in different records, and runs the checks on each copy
   as `readingroom lint` reads the file:
   - missing: a work's year, page count or annotation dropped; an author's heading
     (the full name) dropped;
   - spelling: a word of a biography or annotation replaced by a real misspelling of
     it (Wikipedia's list of common misspellings, benchmarks/data/common_misspellings.tsv);
   - places: the country of "X, Country", "X in Country" or "X (… present-day
     Country)" swapped for another country; a city's name misspelt by one slip;
   - chronology: a work's year moved before its author's birth, after the death, or
     before the named event its annotation sets it in; a clause's year moved outside
     the named event or the state it mentions;
   - consistency: a work listed twice, a page count multiplied by a hundred, a year
     range turned round, a comma left after a page count.
   An injected error is found when a finding of its family stands on it (the same
   record, and the flagged words overlapping the planted ones where they are words).
   Precision counts every finding of the family on the copy that is not on the clean
   guide and stands on no planted error as false.
3. Speed: the checks on a generated guide of 100,000 works (the import benchmark's
   generator), in words per second, beside counting the same text's words.
"""

from __future__ import annotations

import argparse
import collections
import functools
import random
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readingroom.checks import Document, Finding, check_document, from_guide_text, from_list
from readingroom.checks.document import Text, Work
from readingroom.checks.places import gazetteer
from readingroom.formats.guide_v2 import is_version_2
from readingroom.formats.registry import detect_reader
from readingroom.guidetext import parse_guide

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "tests" / "checks" / "fixtures" / "clean"
FAMILIES = ("missing", "spelling", "places", "chronology", "consistency")
THIS_YEAR = date.today().year
TARGETS = {
    "missing": (0.90, 0.90),
    "spelling": (0.90, 0.90),
    "places": (0.90, 0.80),
    "chronology": (0.90, 0.80),
    "consistency": (0.90, 0.80),
}


def clean_guides() -> list[tuple[str, str]]:
    """(name, text) of the clean guides: the files whose names begin with g or l."""
    paths = sorted(p for p in CLEAN.iterdir() if p.name[0] in "gl" and p.suffix in (".txt", ".md"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def document(text: str) -> Document:
    """The document `readingroom lint` checks for this text."""
    reader = detect_reader(text[:65_536])
    if reader.name == "guide" and not is_version_2(text):
        return from_guide_text(parse_guide(text).guide, text)
    return from_list(reader.read(text), text)


@dataclass(frozen=True)
class Planted:
    """An error planted in a text: its family, the record it is in, and where in the
    text its words stand (start, end), when it is words rather than an absence."""

    family: str
    record: str
    span: tuple[int, int] | None
    what: str


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    planted: Planted


Injector = Callable[[str, Document, random.Random], Iterator[Edit]]


# --- what each family plants -------------------------------------------------------


def _works(doc: Document) -> list[Work]:
    return [w for w in doc.works if w.raw.start is not None]


def missing(text: str, doc: Document, rng: random.Random) -> Iterator[Edit]:
    for work in rng.sample(_works(doc), len(_works(doc))):
        raw, start = work.raw.value, work.raw.start
        assert start is not None
        choice = rng.choice(["year", "pages", "annotation"])
        if choice == "year" and work.year is not None:
            match = re.search(r"\s*\(\d{3,4}(?:\s*[–-]\s*\d{2,4})?\)", raw)
            if match:
                yield _cut(start, match, Planted("missing", work.title.value, None, "year"))
        elif choice == "pages" and work.pages is not None:
            # "Title (1900): 420 pages, a note" → "Title (1900): a note"; "…, 420 pages."
            match = re.search(r"\b\d[\d,]*\s+pages\b[,.]?\s*", raw)
            if match:
                yield _cut(start, match, Planted("missing", work.title.value, None, "pages"))
        elif choice == "annotation" and work.annotation is not None and work.annotation.start:
            note = work.annotation
            assert note.start is not None
            planted = Planted("missing", work.title.value, None, "annotation")
            yield Edit(note.start, note.start + len(note.value), "", planted)


def _cut(offset: int, match: re.Match[str], planted: Planted) -> Edit:
    return Edit(offset + match.start(), offset + match.end(), "", planted)


@functools.cache
def _misspellings() -> dict[str, list[str]]:
    """Correct word → misspellings of it seen in the wild: Wikipedia's list of common
    misspellings (data/common_misspellings.tsv; one fix each, no spaces)."""
    fixes: dict[str, list[str]] = collections.defaultdict(list)
    table = Path(__file__).with_name("data") / "common_misspellings.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            wrong, fix = line.split("\t")
            fixes[wrong].append(fix)
    found: dict[str, list[str]] = collections.defaultdict(list)
    for wrong, fixed in fixes.items():
        if len(fixed) == 1 and fixed[0].isalpha() and wrong.isalpha() and len(fixed[0]) > 3:
            found[fixed[0]].append(wrong)
    return found


def spelling(text: str, doc: Document, rng: random.Random) -> Iterator[Edit]:
    wrong = _misspellings()
    for record, prose in _prose(doc, rng):
        words = [m for m in re.finditer(r"\b[a-z]{4,}\b", prose.value) if m[0] in wrong]
        if not words or prose.start is None:
            continue
        word = rng.choice(words)
        misspelt = rng.choice(wrong[word[0]])
        start = prose.start + word.start()
        planted = Planted("spelling", record, (start, start + len(misspelt)), word[0])
        yield Edit(start, start + len(word[0]), misspelt, planted)


def _prose(doc: Document, rng: random.Random) -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = [
        (a.name, a.biography) for a in doc.authors if a.biography is not None
    ]
    found += [(w.title.value, w.annotation) for w in doc.works if w.annotation is not None]
    return rng.sample(found, len(found))


def places(text: str, doc: Document, rng: random.Random) -> Iterator[Edit]:
    places_ = gazetteer()
    countries = sorted({c for c in places_.country_names.values() if " " not in c})
    claim = re.compile(r"\b([A-Z][\w'’.-]+),\s+(" + "|".join(map(re.escape, countries)) + r")\b")
    for record, prose in _prose(doc, rng):
        if prose.start is None:
            continue
        if rng.random() < 0.5:
            claims = [
                m
                for m in claim.finditer(prose.value)
                if places_.cities.get(m[1])
                and places_.countries[m[2]] in places_.cities[m[1]]
                and m[1] not in places_.regions
            ]
            if not claims:
                continue
            match = rng.choice(claims)
            other = rng.choice(
                [c for c in countries if places_.countries[c] not in places_.cities[match[1]]]
            )
            start = prose.start + match.start(2)
            planted = Planted("places", record, (start, start + len(other)), "country")
            yield Edit(start, start + len(match[2]), other, planted)
        else:
            cities = [
                m
                for m in re.finditer(r"\b(?:in|to|from|near|at)\s+([A-Z][a-z]{4,})\b", prose.value)
                if m[1] in places_.large
            ]
            if not cities:
                continue
            match = rng.choice(cities)
            misspelt = _slip(match[1], rng)
            start = prose.start + match.start(1)
            planted = Planted("places", record, (start, start + len(misspelt)), "misspelt")
            yield Edit(start, start + len(match[1]), misspelt, planted)


def _slip(word: str, rng: random.Random) -> str:
    """One slip of the keyboard inside a word: a letter doubled, dropped or swapped."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["double", "drop", "swap"])
    if kind == "double":
        return word[:at] + word[at] + word[at:]
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def chronology(text: str, doc: Document, rng: random.Random) -> Iterator[Edit]:
    from readingroom.checks.chronology import _later
    from readingroom.checks.lives import life_of
    from readingroom.timeline.calendar import year_of
    from readingroom.timeline.gazetteers import find_events

    lives = {a.name: life_of(a) for a in doc.authors}
    for work in rng.sample(_works(doc), len(_works(doc))):
        life = lives.get(work.authors[0]) if work.authors else None
        raw, start = work.raw.value, work.raw.start
        match = re.search(rf"\b{work.year}\b", raw) if work.year is not None else None
        if life is None or match is None or start is None:
            continue
        choices: list[tuple[str, int]] = []
        if life.birth is not None:
            choices.append(("before birth", life.birth - rng.randint(5, 40)))
        if life.death is not None and not _later(raw) and life.death + 5 <= THIS_YEAR:
            choices.append(
                ("after death", rng.randint(life.death + 5, min(life.death + 30, THIS_YEAR)))
            )
        note = work.annotation.value if work.annotation else ""
        for at, _, event in find_events(note):
            began = year_of(event.start)
            words = note[max(0, at - 12) : at].lower()
            if began is not None and ("during" in words or "amid" in words):
                choices.append(("before its setting", began - rng.randint(3, 15)))
        if not choices:
            continue
        what, year = rng.choice(choices)
        # The finding may stand on the year or on the event it contradicts: the record
        # is what counts.
        planted = Planted("chronology", work.title.value, None, what)
        yield Edit(start + match.start(), start + match.end(), str(year), planted)


def consistency(text: str, doc: Document, rng: random.Random) -> Iterator[Edit]:
    for work in rng.sample(_works(doc), len(_works(doc))):
        raw, start = work.raw.value, work.raw.start
        assert start is not None
        choice = rng.choice(["twice", "pages", "range", "comma"])
        title = work.title.value
        if choice == "twice":
            copy = "\n\n" + raw
            end = start + len(raw)
            yield Edit(end, end, copy, Planted("consistency", title, None, "twice"))
        elif choice == "pages" and work.pages:
            match = re.search(rf"\b{work.pages}\b", raw)
            if match:
                planted = Planted("consistency", title, None, "pages")
                yield Edit(
                    start + match.start(), start + match.end(), str(work.pages * 100), planted
                )
        elif choice == "range" and work.year is not None and work.year_end is None:
            match = re.search(rf"\b{work.year}\b", raw)
            if match:
                turned = f"{work.year + rng.randint(2, 9)}–{work.year}"
                planted = Planted("consistency", title, None, "range")
                yield Edit(start + match.start(), start + match.end(), turned, planted)
        elif choice == "comma" and work.pages and work.annotation is None:
            match = re.search(rf"\b{work.pages} pages\b", raw)
            if match:
                planted = Planted("consistency", title, None, "comma")
                at = start + match.end()
                yield Edit(at, at, ",", planted)


INJECTORS: dict[str, Injector] = {
    "missing": missing,
    "spelling": spelling,
    "places": places,
    "chronology": chronology,
    "consistency": consistency,
}


# --- running the checks on what was planted ------------------------------------------

# Errors planted in one copy of a guide, each in its own record.
AT_ONCE = 6
# A finding this near the planted words (characters) is about them.
NEAR = 40


def plant(text: str, edits: list[Edit]) -> tuple[str, list[Planted]]:
    """The text with the edits made (none overlapping), and the planted errors with
    their spans moved to where they stand in the new text."""
    edits = sorted(edits, key=lambda e: e.start)
    pieces, planted, position, shift = [], [], 0, 0
    for edit in edits:
        pieces += [text[position : edit.start], edit.replacement]
        span = edit.planted.span
        if span is not None:
            span = (span[0] + shift, span[1] + shift)
        planted.append(Planted(edit.planted.family, edit.planted.record, span, edit.planted.what))
        shift += len(edit.replacement) - (edit.end - edit.start)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces), planted


def _span(finding: Finding, line_starts: list[int]) -> tuple[int, int] | None:
    where = finding.location
    if where.line is None or where.column is None or not finding.flagged:
        return None
    start = line_starts[where.line - 1] + where.column - 1
    return start, start + len(finding.flagged)


def _on(finding: Finding, planted: Planted, span: tuple[int, int] | None) -> bool:
    if finding.family != planted.family or finding.location.record != planted.record:
        return False
    if planted.span is None or span is None:
        return True
    # On the planted words, or on the words of the same claim ("Ciro, Egypt": the
    # misspelt Cairo is a city of Ethiopia).
    near = NEAR if planted.family == "places" else 0
    return span[0] < planted.span[1] + near and planted.span[0] < span[1] + near


@dataclass
class Score:
    planted: int = 0
    found: int = 0
    false: int = 0
    right_suggestions: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 0.0

    @property
    def precision(self) -> float:
        flagged = self.found + self.false
        return self.found / flagged if flagged else 1.0


def evaluate(family: str, wanted: int, rng: random.Random) -> Score:
    guides = clean_guides()
    clean = {name: {f.key for f in check_document(document(text))} for name, text in guides}
    score = Score()
    attempts = 0
    while score.planted < wanted and attempts < wanted * 10:
        attempts += 1
        name, text = rng.choice(guides)
        edits, records, taken = [], set(), []
        for edit in INJECTORS[family](text, document(text), rng):
            record = edit.planted.record
            if record in records or any(edit.start < e and s < edit.end + 1 for s, e in taken):
                continue
            records.add(record)
            taken.append((edit.start, max(edit.end, edit.start + 1)))
            edits.append(edit)
            if len(edits) == AT_ONCE:
                break
        if not edits:
            continue
        changed, planted = plant(text, edits)
        line_starts = [0] + [m.end() for m in re.finditer("\n", changed)]
        found = [
            f
            for f in check_document(document(changed))
            if f.family == family and f.key not in clean[name]
        ]
        spans = [_span(f, line_starts) for f in found]
        used: set[int] = set()
        for error in planted:
            hits = [i for i, f in enumerate(found) if _on(f, error, spans[i])]
            score.planted += 1
            if hits:
                score.found += 1
                used.update(hits)
                if family == "spelling":
                    score.right_suggestions += any(found[i].suggestion == error.what for i in hits)
            else:
                score.missed.append(f"{name}: {error.what} in {error.record!r}")
        for i, finding in enumerate(found):
            if i not in used:
                score.false += 1
                score.false_alarms.append(f"{name}: {finding.code}: {finding.message}")
    return score


BIOGRAPHIES = ROOT / "tests" / "timeline" / "gold" / "biographies"


def false_alarms() -> tuple[int, int, list[str]]:
    """Findings on the clean guides, and on the timeline's held-out biographies (written
    by another hand, for another purpose; as guides of one author without works, so
    the missing family has nothing to say of them), their words, and the findings."""
    import json

    texts = [(name, text, None) for name, text in clean_guides()]
    for path in sorted(BIOGRAPHIES.glob("*.json")):
        author = json.loads(path.read_text(encoding="utf-8"))["author"]
        biography = path.with_suffix(".txt").read_text(encoding="utf-8")
        families = [f for f in FAMILIES if f != "missing"]
        texts.append((path.with_suffix(".txt").name, f"# {author}\n\n{biography}", families))
    findings, words, lines = 0, 0, []
    for name, text, families in texts:
        found = check_document(document(text), families)
        findings += len(found)
        words += len(text.split())
        lines += [f.format(name) for f in found]
    return findings, words, lines


def speed(works: int = 100_000) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from import_bench import generate_guide

    text = generate_guide(works // 10, 10).decode()
    words = len(text.split())
    started = time.perf_counter()
    check_document(document(text))
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    collections.Counter(re.findall(r"\w+", text))
    reference = time.perf_counter() - started
    print(
        f"speed: {words / seconds:,.0f} words/s on a generated guide of {works:,} works"
        f" ({words:,} words, {seconds:.1f} s; target >= 20,000 words/s); counting its"
        f" words runs at {words / reference:,.0f} words/s ({seconds / reference:.0f} times"
        " faster)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-family", type=int, default=200, help="errors to plant per family")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=5, help="misses and false alarms to list")
    parser.add_argument("--family", choices=FAMILIES, action="append")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args()
    findings, words, lines = false_alarms()
    print(
        f"clean texts: {findings} false alarms in {words:,} words"
        f" ({findings / words * 1000:.2f} per 1,000 words; target <= 1)"
    )
    for line in lines[: args.show]:
        print("   ", line)
    print(f"{'family':12} {'planted':>7} {'found':>6} {'false':>6} {'recall':>7} {'precision':>9}")
    for family in args.family or FAMILIES:
        score = evaluate(family, args.per_family, random.Random(args.seed))
        recall_target, precision_target = TARGETS[family][1], TARGETS[family][0]
        print(
            f"{family:12} {score.planted:>7} {score.found:>6} {score.false:>6}"
            f" {score.recall:>7.1%} {score.precision:>9.1%}"
            f"   (targets: recall >= {recall_target:.0%}, precision >= {precision_target:.0%})"
        )
        if family == "spelling" and score.found:
            right = score.right_suggestions / score.found
            print(f"{'':12} the first suggestion is the right word for {right:.1%}")
        for miss in score.missed[: args.show]:
            print("     missed:", miss)
        for alarm in score.false_alarms[: args.show]:
            print("     false: ", alarm)
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
