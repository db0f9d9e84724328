"""The places a clause names (readingroom.timeline.places)."""

from readingroom.timeline.places import Places


def test_a_present_day_name_says_where_not_what():
    text = "He was exiled to Orenberg (in present-day Kazakhstan), where he stayed."
    places = Places.of(text)
    assert places.within((0, len(text))) == ["Orenberg"]
    assert places.where(text.lower(), text.index("he stayed"), (0, len(text))) == "Orenberg"


def test_places_in_a_stretch_in_order_once_each():
    text = "She moved from Berlin to Paris, then back to Berlin."
    assert Places.of(text).within((0, len(text))) == ["Berlin", "Paris"]
