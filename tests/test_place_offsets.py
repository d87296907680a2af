"""Places told by distance and bearing from a known town."""

from frontwatch.records import PlaceRef
from frontwatch.resolve.gazetteer import haversine_km
from frontwatch.resolve.place_offsets import offset_place


def _at(text: str) -> PlaceRef:
    start = text.rindex("Pibor")
    return PlaceRef("d", "Pibor", start, start + 5, "Pibor", "g:1", 6.80, 33.13, "SS", "Jonglei",
                    "town")


def test_a_named_village_so_many_km_from_a_town_is_placed_there() -> None:
    text = "Fighting broke out in and around Gumuruk, some 35 km west of Pibor town."
    moved = offset_place(text, _at(text))
    assert moved is not None and moved.name == "Gumuruk"
    assert round(haversine_km(6.80, 33.13, moved.latitude, moved.longitude)) == 35
    assert moved.longitude < 33.13 and abs(moved.latitude - 6.80) < 0.01  # due west


def test_an_unnamed_point_keeps_the_distance_in_its_name_and_miles_count() -> None:
    text = "A bus hit a mine 10 miles north-east of Pibor."
    moved = offset_place(text, _at(text))
    assert moved is not None and moved.name == "10 miles north-east of Pibor"
    assert round(haversine_km(6.80, 33.13, moved.latitude, moved.longitude)) == 16


def test_no_distance_no_bearing_or_too_far_is_no_point() -> None:
    for text in ("Fighting broke out west of Pibor.", "Fighting broke out 35 km from Pibor.",
                 "Fighting broke out 400 km west of Pibor."):
        assert offset_place(text, _at(text)) is None


def test_distances_in_words_count() -> None:
    text = "A patrol was ambushed in the area of Tassia, about thirty kilometres north of Pibor."
    moved = offset_place(text, _at(text))
    assert moved is not None and moved.name == "Tassia"
    assert round(haversine_km(6.80, 33.13, moved.latitude, moved.longitude)) == 30


def test_the_city_of_before_the_town_is_read_through() -> None:
    text = "Gunmen abducted passengers near Katari, about 40 km south of the city of Pibor."
    moved = offset_place(text, _at(text))
    assert moved is not None and moved.name == "Katari"
