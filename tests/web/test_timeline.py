"""Finding an event's sentence in the rendered biography."""

from readingroom.catalog.models import LifeEvent
from readingroom.web.biography import mark_sentences
from readingroom.web.markdown import render_markdown


def _marked(biography: str, *sentences: str) -> tuple[str, dict[int, str]]:
    html, anchors = mark_sentences(
        str(render_markdown(biography)), [LifeEvent(text=s) for s in sentences]
    )
    return str(html), anchors


def test_a_sentence_across_a_hard_line_break_and_a_no_break_space():
    biography = "He left in 1909 for Paris,  \nwhere he was\xa0arrested & tried. Then more."
    html, anchors = _marked(
        biography, "He left in 1909 for Paris,  \nwhere he was\xa0arrested & tried."
    )
    assert anchors == {1: "sentence-1"}
    assert (
        '<span class="event-sentence" id="sentence-1">He left in 1909 for Paris,<br>\n'
        "where he was&nbsp;arrested &amp; tried.</span> Then more." in html
    )


def test_events_of_one_sentence_share_its_anchor_and_unknown_text_gets_none():
    html, anchors = _marked(
        "Born in 1890. Died in 1947.", "Died in 1947.", "Died in 1947.", "Not there."
    )
    assert anchors == {1: "sentence-1", 2: "sentence-1"}
    assert html.count("event-sentence") == 1


def test_a_sentence_across_paragraphs_is_not_wrapped():
    html, anchors = _marked(
        "It began in 1917\n\nand ended in 1921.", "It began in 1917\n\nand ended in 1921."
    )
    assert anchors == {}
    assert "event-sentence" not in html
