import pytest

from readingroom.guidetext import infer_author_name, sort_name


def test_infers_the_surname_the_biography_uses():
    bio = (
        "Born in Paris, she moved to London. Later Weil wrote essays. "
        "In 1934 Weil worked in a factory, and Weil's notebooks survive."
    )
    assert infer_author_name(bio, []) == "Weil"


def test_no_name_when_nothing_recurs():
    assert infer_author_name("He was born in Paris and lived in Berlin.", []) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Victor Serge", "Serge, Victor"),
        ("Serge", "Serge"),
        ("Ludwig van Beethoven", "Beethoven, Ludwig van"),
        ("Rosa Luxemburg", "Luxemburg, Rosa"),
        ("Serge, Victor", "Serge, Victor"),
    ],
)
def test_sort_name(name, expected):
    assert sort_name(name) == expected
