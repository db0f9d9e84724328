"""The checks' data files hold together: every code has a rule and a severity, every
state's years run forwards, every country alias names a real country."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry

from readingroom.checks import FAMILIES
from readingroom.checks.rules import read_data, rules

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "readingroom" / "checks"


def test_every_code_in_the_rules_has_a_severity_and_a_rule():
    code = re.compile(r'"((?:' + "|".join(FAMILIES) + r')/[a-z-]+)"')
    written = set()
    for module in PACKAGE.glob("*.py"):
        written |= set(code.findall(module.read_text()))
    # Codes built from a field name ("missing/{name}").
    written |= {f"missing/{name}" for name in ("year", "pages", "annotation")}
    listed = set(rules().severity)
    assert written - listed == set(), "codes with no severity in rules.toml"
    families = {code.split("/")[0] for code in listed}
    assert families - {"spelling"} <= set(FAMILIES)


def test_states_run_forwards_and_have_unique_names():
    states = read_data("chronology.toml")["state"]
    names = [name for state in states for name in state["names"]]
    assert len(names) == len(set(names))
    for state in states:
        assert state["from"] < state["to"], state["names"]


def test_country_aliases_name_real_countries():
    for name, code in read_data("places.toml")["countries"].items():
        assert pycountry.countries.get(alpha_2=code) is not None, name


def test_page_limits_make_sense():
    assert 0 < rules().fewest_pages < rules().most_pages
    assert rules().times_median > 1


def test_confused_word_rules_find_one_word_each():
    from readingroom.checks.spelling import confusions

    for rule in confusions():
        assert rule.pattern.groups == 1, rule.pattern.pattern
        assert rule.word
        assert rule.why


def test_prefixes_are_lower_case_words():
    prefixes = read_data("spelling.toml")["prefixes"].split()
    assert prefixes == [p.lower() for p in prefixes if p.isalpha()]
