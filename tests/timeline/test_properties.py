"""Whatever the text, the extractor answers, and its offsets point into that text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.timeline import tag
from readingroom.timeline.calendar import ends_before_start, is_calendar_date
from readingroom.timeline.events import extract_events

# Words that reach the tagger's and the extractor's rules, so that generated text
# exercises them rather than only plain prose.
VOCABULARY = (
    "In in the The from to until till after before during March May 1917 1928 1926–27 "
    "1920s twenties late early spring next following same year years months two five "
    "later his her their death teens he she was arrested released moved born died "
    "Paris Petrograd St. October revolution February Great War World II WWII , . ; "
    "— ( ) \" ' İ \xa0 \n"
).split(" ")
prose = st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join)
text = st.one_of(prose, st.text(max_size=300), st.tuples(prose, st.text(max_size=40)).map("".join))


@settings(max_examples=300, deadline=None)
@given(text)
def test_tagged_expressions_are_where_they_say(biography):
    for timex in tag(biography):
        assert biography[timex.start : timex.end] == timex.text


@settings(max_examples=300, deadline=None)
@given(text)
def test_events_point_at_their_sentence_and_carry_partial_dates(biography):
    for event in extract_events(biography):
        start, end = event.span
        assert 0 <= start <= end <= len(biography)
        assert biography[start:end] == event.text
        if event.start is not None:
            assert event.end is not None
            assert is_calendar_date(event.start)
            assert is_calendar_date(event.end)
            assert not ends_before_start(event.start, event.end)
        else:
            assert event.end is None
