"""Sentences, clauses and word positions (readingroom.timeline.segmentation)."""

import re

from readingroom.timeline.segmentation import (
    clause,
    next_clause,
    sentences,
    word_matches,
    word_positions,
)


def test_sentences_do_not_end_at_abbreviations():
    text = "He met Dr. Smith in St. Petersburg. Then he left."
    assert [text[a:b] for a, b in sentences(text)] == [
        "He met Dr. Smith in St. Petersburg.",
        "Then he left.",
    ]


def test_clauses_and_the_clause_after():
    text = "In 1905, during the revolution, he returned to Warsaw, where he was arrested."
    sentence = (0, len(text))
    first = clause(text, 3, 7, sentence)
    assert text[slice(*first)] == "In 1905"
    second = next_clause(text, first[1], sentence)
    assert text[slice(*second)] == "during the revolution"
    last = clause(text, text.index("arrested"), text.index("arrested") + 1, sentence)
    assert text[slice(*last)] == "where he was arrested."  # a comma before "where" ends the clause
    assert next_clause(text, last[1], sentence) is None


def test_whole_words_only():
    text = "born in the bornholm; she was born. reborn"
    assert word_positions(["born"], text) == [(0, "born"), (30, "born")]
    assert [m.start() for m in word_matches(re.compile(r"born\b"), text)] == [0, 30]


def test_a_sentence_may_begin_with_a_capital_of_any_script():
    text = "He moved to Paris in 1920. Émile Zola was born in 1840. Ленин died."
    assert len(sentences(text)) == 3
