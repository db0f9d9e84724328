"""How well, and how fast, the identity rules tell the same author and work apart.

Against hand-written gold (tests/identity/gold/: name pairs and title pairs marked
same or not, written before the rules were run on them): precision and recall of
silent merges (verdict "same") and of merge candidates ("candidate"), overall and per
kind of pair. Then the speed of matching 100,000 incoming authors against a
100,000-author catalog through identity.index (the names generated: forenames from
the list reader's lexicon, surnames made of syllables, written in the ways guides
write them — inverted, initials, capitals, misspelt).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from readingroom.formats.lexicon import lexicon
from readingroom.identity import Verdict
from readingroom.identity.index import PersonIndex
from readingroom.identity.people import Person, compare_people
from readingroom.identity.titles import compare_titles

GOLD = Path(__file__).resolve().parent.parent / "tests" / "identity" / "gold"
Pair = dict[str, object]


def verdict_of_names(pair: Pair) -> Verdict:
    a = Person.of(str(pair["a"]), [str(t) for t in pair.get("a_works", [])])  # type: ignore[attr-defined]
    b = Person.of(str(pair["b"]), [str(t) for t in pair.get("b_works", [])])  # type: ignore[attr-defined]
    return compare_people(a, b).verdict


def verdict_of_titles(pair: Pair) -> Verdict:
    return compare_titles(str(pair["a"]), str(pair["b"])).verdict


def score(pairs: list[Pair], verdict: Callable[[Pair], Verdict]) -> dict[str, Counter[str]]:
    """Counts per kind (and "all"): gold same, and each verdict right or wrong."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for pair in pairs:
        found = verdict(pair).value
        same = bool(pair["same"])
        for kind in ("all", str(pair.get("kind", "?"))):
            counts[kind].update({"pairs": 1, "gold same": same, f"{found} {same}": 1})
    return counts


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def report(title: str, counts: dict[str, Counter[str]], per_kind: bool) -> None:
    print(f"\n{title}")
    print(
        f"{'kind':34} {'pairs':>5} {'same':>5} | {'merged':>6} {'P':>7} {'R':>7} | "
        f"{'cands':>5} {'P':>7} | {'R same+cand':>11}"
    )
    kinds = sorted(counts, key=lambda k: (k != "all", k)) if per_kind else ["all"]
    for kind in kinds:
        c = counts[kind]
        merged = c["same True"] + c["same False"]
        candidates = c["candidate True"] + c["candidate False"]
        print(
            f"{kind:34} {c['pairs']:>5} {c['gold same']:>5} | {merged:>6} "
            f"{_ratio(c['same True'], merged):>7} {_ratio(c['same True'], c['gold same']):>7} | "
            f"{candidates:>5} {_ratio(c['candidate True'], candidates):>7} | "
            f"{_ratio(c['same True'] + c['candidate True'], c['gold same']):>11}"
        )


def _surnames(count: int, rng: random.Random) -> list[str]:
    syllables = "ka ro mi sen tal bor vek lin dra mus hal per gun tor ble wis fen dor".split()
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title())
    return sorted(names)


def _written(given: str, surname: str, rng: random.Random) -> str:
    """One person's name as one of many guides might write it."""
    form = rng.randrange(6)
    if form == 0:
        return f"{surname}, {given}"
    if form == 1:
        return f"{given[0]}. {surname}"
    if form == 2:
        return f"{surname.upper()} {given}"
    if form == 3 and len(surname) > 5:
        at = rng.randrange(1, len(surname) - 1)
        return f"{given} {surname[:at]}{surname[at + 1 :]}"  # misspelt
    return f"{given} {surname}"


def speed(count: int = 100_000, seed: int = 1) -> None:
    rng = random.Random(seed)
    forenames = sorted(n.title() for n in lexicon().given_names)
    surnames = _surnames(count // 3, rng)
    catalog = [(rng.choice(forenames), rng.choice(surnames)) for _ in range(count)]
    incoming = [
        _written(*catalog[rng.randrange(count)], rng)
        if rng.random() < 0.5
        else f"{rng.choice(forenames)} {rng.choice(surnames)}"
        for _ in range(count)
    ]
    start = time.perf_counter()
    index: PersonIndex[int] = PersonIndex()
    for number, (given, surname) in enumerate(catalog):
        index.add(number, Person.of(f"{given} {surname}"))
    built = time.perf_counter()
    verdicts: Counter[str] = Counter()
    for name in incoming:
        found = index.matches(Person.of(name))
        verdicts[found[0][1].verdict.value if found else "no match"] += 1
    done = time.perf_counter()
    print(
        f"\n{count:,} incoming authors against a {count:,}-author catalog: index built in "
        f"{built - start:.1f} s, matched in {done - built:.1f} s, {done - start:.1f} s in all "
        f"(target < 30 s); best verdicts: {dict(verdicts)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", action="store_true", help="Score each kind of pair too.")
    parser.add_argument("--errors", action="store_true", help="Show each wrong silent merge.")
    parser.add_argument("--no-speed", action="store_true", help="Leave out the speed run.")
    args = parser.parse_args()
    for name, verdict in (("name", verdict_of_names), ("title", verdict_of_titles)):
        pairs: list[Pair] = json.loads((GOLD / f"{name}_pairs.json").read_text("utf-8"))["pairs"]
        report(f"{name} pairs ({len(pairs)})", score(pairs, verdict), args.kinds)
        if args.errors:
            for pair in pairs:
                found = verdict(pair)
                if (found is Verdict.SAME) != bool(pair["same"]) and (
                    found is Verdict.SAME or args.kinds
                ):
                    print(
                        f"    {found.value:9} gold {pair['same']!s:5} {pair['a']!r} ~ {pair['b']!r}"
                    )
    print("\ntarget: silent-merge precision >= 99.5%")
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
