"""Sort names for author headings: people inverted, bodies and the unknown as written."""

from __future__ import annotations

import pytest

from readingroom.identity.sorting import heading_sort_name

GOLD = [
    ("Victor Serge", "Serge, Victor"),
    ("Ludwig van Beethoven", "Beethoven, Ludwig van"),
    ("W. E. B. Du Bois", "Du Bois, W. E. B."),
    ("Marx, Karl", "Marx, Karl"),
    ("Serge", "Serge"),
    ("Karl Marx & Friedrich Engels", "Marx, Karl & Engels, Friedrich"),
    ("Karl Marx and Friedrich Engels", "Marx, Karl & Engels, Friedrich"),
    ("Sidney and Beatrice Webb", "Webb, Sidney & Webb, Beatrice"),
    ("Council on Foreign Relations", "Council on Foreign Relations"),
    ("Communist Party of Great Britain", "Communist Party of Great Britain"),
    ("Unknown author", "Unknown author"),
    ("Anonymous", "Anonymous"),
    ("Various authors", "Various authors"),
]


@pytest.mark.parametrize(("heading", "expected"), GOLD)
def test_heading_sort_names(heading, expected):
    assert heading_sort_name(heading) == expected


def test_two_people_file_under_the_first():
    names = ["Karl Marx & Friedrich Engels", "Rosa Luxemburg", "Friedrich Engels"]
    assert sorted(names, key=heading_sort_name) == [
        "Friedrich Engels",
        "Rosa Luxemburg",
        "Karl Marx & Friedrich Engels",
    ]


def test_a_heading_too_long_to_invert_is_sorted_as_one_name():
    heading = " & ".join(["Ann Bee"] * 25)  # 247 characters; inverted, 272
    assert len(heading_sort_name(heading)) <= 255
