"""Place recognition, datelines, focus country, resolution."""

import pytest

from frontwatch.nlp import annotate
from frontwatch.resolve.gazetteer import InMemoryGazetteer, Place
from frontwatch.resolve.place_names import CLOSE_SPELLING, spelling_ratio
from frontwatch.resolve.places import find_datelines, resolve_places


@pytest.mark.parametrize("text, dateline", [
    ("AMMAN: Civilians fear the worst.", "AMMAN"),
    ("BEIRUT (Reuters) - Shelling hit the town.", "BEIRUT"),
    ("GOMA/KINSHASA, Jan 28 - Rebels advanced.", "GOMA/KINSHASA"),
    ("MOGADISHU, March 3 (AFP) - A bomb exploded.", "MOGADISHU"),
    ("Mogadishu, March 3 (AFP) - A bomb exploded.", "Mogadishu"),
    ("ADEN, Yemen, May 17 (AFP) - A landmine exploded.", "ADEN"),
    ("MEDELLÍN, Colombia (AP) — Gunmen killed a leader.", "MEDELLÍN"),  # accented capitals
    ("SÃO TOMÉ, May 2 (Reuters) - Troops deployed.", "SÃO TOMÉ"),
])
def test_datelines(text: str, dateline: str) -> None:
    spans = find_datelines(text)
    assert spans and text[spans[0][0]:spans[0][1]] == dateline


def test_no_dateline_in_running_text() -> None:
    assert find_datelines("The army said: rebels attacked.") == []


def test_dateline_is_never_the_focus(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("AMMAN: Fighting raged in Deir ez-Zor on Monday.\n\nResidents of Deir ez-Zor said "
            "reinforcements came from Mosul in Iraq.")
    resolution = resolve_places(annotate(text), "d", small_gazetteer)
    amman = [p for p in resolution.places if p.text == "AMMAN"]
    assert amman and amman[0].role == "dateline"
    assert resolution.focus_country == "SY"
    assert resolution.focus_place is not None and resolution.focus_place.name == "Deir ez-Zor"


def test_loose_spelling_resolves_inside_the_focus_country(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Clashes in Aleppo and Deir e-Zor, Syria, killed ten."
    resolution = resolve_places(annotate(text), "d", small_gazetteer)
    found = {p.text: p.name for p in resolution.places}
    assert found.get("Deir e-Zor") == "Deir ez-Zor"


def test_curated_districts_are_recognised(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Shells hit al-Joura and al-Qusour districts of Deir ez-Zor on Monday."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    names = {p.text for p in resolution.places if p.resolved}
    assert {"al-Joura", "al-Qusour"} <= names


def test_gazetteer_finds_names_the_tagger_misses(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian troops shelled Manbej and Jisr al-Shughur on Monday; Their losses were heavy."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.name for p in resolution.places if p.resolved}
    assert "Syrian" not in found and "Their" not in found
    assert found.get("Manbej") == "Manbij"
    assert (found.get("Jisr al-Shughur") or "").startswith("Jisr ash Shugh")


def test_a_quoted_sources_place_is_not_an_event_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Jihadists attacked an army post near Bourzanga, Burkina Faso, on Monday. A security "
            "source in Kongoussi said eight soldiers were killed.")
    resolution = resolve_places(annotate(text), "d", gazetteer)
    roles = {p.text: p.role for p in resolution.places}
    assert roles.get("Kongoussi") == "source" and roles.get("Bourzanga") == "mention"


def test_capitalised_common_nouns_are_not_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Human losses in Daraa. Air strikes hit Tal Rifaat north of Aleppo, Turkish sources said."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    names = {p.text: p.name for p in resolution.places if p.resolved}
    assert "Human" not in names and "Air" not in names
    assert resolution.focus_country == "SY" and names.get("Tal Rifaat") == "Tall Rif‘at"


def test_an_ethnic_group_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Federal police detained 200 people in Addis Ababa on Monday. Most of those detained "
            "were ethnic Amhara, relatives said.")
    resolution = resolve_places(annotate(text), "d", gazetteer)
    assert [p.text for p in resolution.places if p.resolved] == ["Addis Ababa"]


def _resolved(text: str, gazetteer) -> dict[str, tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    resolution = resolve_places(annotate(text), "d", gazetteer)
    return {p.text: (p.name, p.feature) for p in resolution.places if p.resolved and
            p.role == "mention"}


def test_a_region_named_as_such_is_the_region(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = _resolved("Gunmen killed four people in Zacatecas state on Friday. In the province of "
                      "Arauca, rebels attacked a patrol near the town of Saravena.", gazetteer)
    assert found.get("Zacatecas") == ("Zacatecas", "admin1")
    assert found.get("Arauca", (None, None))[1] == "admin1"
    assert found.get("Saravena", (None, None))[1] in ("city", "town", "village")


def test_iso_names_of_regions_and_townships(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = _resolved("Jets bombed a village in Monywa Township, Sagaing Region, on Monday.",
                      gazetteer)
    assert found.get("Sagaing Region", (None, None))[1] == "admin1"
    assert found.get("Monywa Township") == ("Monywa", "city")


def test_a_region_wins_over_a_small_namesake_elsewhere(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = _resolved("Soldiers arrested nine men in Culiacan, Mexico, and in other towns of "
                      "Sinaloa on Monday.", gazetteer)
    assert found.get("Sinaloa") == ("Sinaloa", "admin1")


def test_places_naming_groups_are_not_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = _resolved("Gunmen of the Jalisco cartel fought the Tripoli-based brigade in Celaya, "
                      "Mexico.", gazetteer)
    assert "Jalisco" not in found and "Tripoli" not in found and "Celaya" in found


def test_a_village_name_is_not_cut_to_a_known_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    found = _resolved("Shells hit Hama Kabir village, east of Salamiyah, Syria.", gazetteer)
    assert "Hama" not in found


def test_a_place_the_writer_locates_is_the_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    resolution = resolve_places(annotate(
        "Residents of Kutum, about 80 km northwest of El Fasher, said RSF fighters burned the "
        "market on Sunday."), "d", gazetteer)
    roles = {p.text: p.role for p in resolution.places}
    assert roles.get("Kutum") == "mention"


def test_a_name_the_tagger_cut_short_is_extended(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # The tagger reads "Tal" alone (a town in India); "Tal Abyad" is the gazetteer's name.
    text = "Casualties in Deir Ezzor city and executions in Tal Abyad during an attack."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.country_code for p in resolution.places if p.resolved}
    assert found == {"Deir Ezzor": "SY", "Tal Abyad": "SY"}


def test_a_loose_spelling_at_home_beats_a_small_namesake_abroad(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # "Jora" is exactly a town in India; "al-Jora" in a Syrian report is the Deir ez-Zor district.
    text = "Shelling hit Deir ez-Zor on Monday. IS bombardment killed 4 civilians in al-Jora."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.name for p in resolution.places if p.resolved}
    assert found.get("al-Jora") == "al-Joura"


def test_a_major_city_abroad_keeps_its_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Shelling hit Deir ez-Zor and Aleppo on Monday, officials in Moscow said."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.country_code for p in resolution.places if p.resolved}
    assert found.get("Moscow") == "RU"


def test_candidates_put_the_focus_country_first(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Shelling hit Deir ez-Zor and Aleppo on Monday; a funeral in Madaya was targeted."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    madaya = next(p for p in resolution.places if p.text == "Madaya")
    assert madaya.country_code == "SY"
    assert madaya.candidates[0].gazetteer_id == madaya.gazetteer_id
    # Madaya in Myanmar (a city of 24,000) is kept for the analyst, ranked after the local one.
    assert "MM" in {candidate.country_code for candidate in madaya.candidates[1:]}
    assert all(candidate.similarity == 1.0 for candidate in madaya.candidates)


def _containment_gazetteer() -> InMemoryGazetteer:
    """Invented entries: a big 'Zahra' abroad, a small 'Az Zahrah' inside Homs province."""
    def place(pid: str, name: str, cc: str, admin1: str, feature: str, population: int) -> Place:
        return Place(pid, name, 34.7, 36.7, cc, admin1, feature, population)

    return InMemoryGazetteer([
        (place("t:zahra-eg", "Zahra", "EG", "Giza", "city", 400_000), []),
        (place("t:zahrah-sy", "Az Zahrah", "SY", "Homs", "village", 900), []),
        (place("t:homs", "Homs", "SY", "Homs", "city", 775_000), []),
        (place("t:homs-region", "Homs", "SY", "Homs", "admin1", 0), ["Homs province"]),
        (place("t:hama", "Hama", "SY", "Hama", "city", 696_000), []),
        (place("t:sy", "Syria", "SY", "", "country", 17_000_000), []),
    ])


@pytest.mark.parametrize("text", [
    "Shells hit Zahra, Homs province on Monday, killing two.",
    "Shells hit AlZahra in Homs on Monday, killing two.",  # article run into the name
])
def test_a_name_followed_by_its_region_is_the_place_inside_it(text: str) -> None:
    resolution = resolve_places(annotate(text), "d", _containment_gazetteer())
    zahra = next(p for p in resolution.places if "Zahra" in p.text)
    assert zahra.gazetteer_id == "t:zahrah-sy"
    assert zahra.candidates[0].gazetteer_id == "t:zahrah-sy"


def test_a_list_of_cities_is_no_containment() -> None:
    text = "Clashes were reported in Homs, Hama and the countryside on Monday."
    resolution = resolve_places(annotate(text), "d", _containment_gazetteer())
    found = {p.text: p.gazetteer_id for p in resolution.places if p.resolved}
    assert found.get("Homs") == "t:homs" and found.get("Hama") == "t:hama"


def test_spelling_ratio_forgives_a_dropped_article() -> None:
    entry = Place("x", "Al Manşūrah", 35.8, 38.7, "SY")
    assert spelling_ratio("Mansoura", entry) >= CLOSE_SPELLING > 0.74  # 0.74 with the article


def test_a_namesake_near_the_reports_other_places_wins() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:far", "Mansurah", 32.70, 36.50, "SY", "Daraa", "village", 4_000), []),
        (Place("t:near", "Mansurah", 35.84, 38.74, "SY", "Ar-Raqqah", "village", 900), []),
        (Place("t:raqqa", "Raqqa", 35.95, 39.01, "SY", "Ar-Raqqah", "city", 500_000), []),
        (Place("t:sy", "Syria", 34.8, 39.0, "SY", None, "country", 17_000_000), []),
    ])
    text = "Syria: warplanes struck Raqqa and Mansurah on Monday, killing five."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.gazetteer_id for p in resolution.places if p.resolved}
    assert found.get("Mansurah") == "t:near"
    alone = resolve_places(annotate("Syria: warplanes struck Mansurah on Monday."), "d", gazetteer)
    assert {p.text: p.gazetteer_id for p in alone.places}.get("Mansurah") == "t:far"


def test_a_facility_word_after_a_name_makes_the_facility(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Syrian state media said jets took off from Shayrat airbase on Monday."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.feature for p in resolution.places if p.resolved}
    assert found.get("Shayrat airbase") == "airbase"


def test_a_hamlet_abroad_is_weak_evidence_of_the_country() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:arbin-fr", "Arbin", 45.5, 6.1, "FR", "Auvergne", "village", 600), []),
        (Place("t:sy", "Syria", 34.8, 39.0, "SY", None, "country", 17_000_000), []),
    ])
    text = "Syrian warplanes struck Arbin in Syria on Monday, killing five."
    # Syria named (1) and a Syrian demonym (1/2) outweigh a French hamlet's name (1, not 2).
    assert resolve_places(annotate(text), "d", gazetteer).focus_country == "SY"


def test_a_district_abroad_is_no_place_of_a_report_about_another_country() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:homs", "Homs", 34.73, 36.71, "SY", "Homs", "city", 775_000), []),
        (Place("t:dist", "Bab Tadmur", 32.85, 13.2, "LY", "Tripoli", "district", 0), []),
    ])
    text = "Warplanes struck Homs and clashes broke out in Bab Tadmur on Monday."
    resolution = resolve_places(annotate(text), "d", gazetteer)
    # The city votes 2, the district beside no other place of the report 1: Syria; and the
    # Libyan district of the same name is not what a Syrian report means.
    assert resolution.focus_country == "SY"
    assert {ref.name for ref in resolution.places if ref.name} == {"Homs"}


def test_a_region_named_before_with_a_possessive_contains_the_place() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:big", "Rampur", 28.8, 79.0, "IN", "Uttar Pradesh", "city", 325_000), []),
        (Place("t:small", "Rampur", 21.9, 83.2, "IN", "Odisha", "town", 9_000), []),
        (Place("t:odisha", "Odisha", 20.3, 85.8, "IN", "Odisha", "admin1", 0), []),
    ])
    text = "Maoists attacked a police camp in Odisha's Rampur block on Monday."
    refs = {ref.text: ref for ref in resolve_places(annotate(text), "d", gazetteer).places}
    assert refs["Rampur"].gazetteer_id == "t:small"  # not the major namesake elsewhere


def test_a_region_name_many_countries_share_does_not_set_the_focus() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:bw", "North West", -20.0, 23.4, "BW", "North West", "admin1", 0), []),
        (Place("t:za", "North-West", -26.0, 25.6, "ZA", "North-West", "admin1", 0), []),
        (Place("t:cm", "North-West Province", 6.0, 10.2, "CM", "North-West Province", "admin1",
               0), ["North-West"]),
        (Place("t:kumbo", "Kumbo", 6.2, 10.67, "CM", "North-West Province", "city", 125_000),
         []),
    ])
    text = ("Fighters stormed a school near Kumbo on Sunday. Troops later searched villages in the "
            "North West region and in the North West region's highlands.")
    resolution = resolve_places(annotate(text), "d", gazetteer)
    assert resolution.focus_country == "CM"
    assert {ref.country_code for ref in resolution.places if ref.name} == {"CM"}


def test_initials_are_no_spelling_of_a_town_and_a_lone_article_is_no_name() -> None:
    from frontwatch.resolve.gazetteer import Lookup
    from frontwatch.resolve.place_names import choose_close

    durg = Place("t:durg", "Durg", 21.19, 81.28, "IN", "Chhattisgarh", "city", 280_000)
    congo = Place("t:cd", "Democratic Republic of the Congo", -2.9, 23.6, "CD", None, "country",
                  90_000_000)
    # GeoNames lists "drg" among Durg's names: the initials of a police unit are not Durg; a
    # country's initials are the country.
    assert choose_close("DRG", Lookup("exact", (durg,)), "IN", False) is None
    assert choose_close("DRC", Lookup("exact", (congo,)), None, False) == congo
    gazetteer = InMemoryGazetteer([(Place("t:al", "Ål", 60.63, 8.56, "NO", "Viken", "town",
                                          2_278), [])])
    text = "Fierce clashes shook Jam'eyyat al Zahra on Monday."
    assert not any(ref.name for ref in resolve_places(annotate(text), "d", gazetteer).places)


def test_a_possessive_inside_a_tagged_name_is_split() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:big", "Rampur", 28.8, 79.0, "IN", "Uttar Pradesh", "city", 325_000), []),
        (Place("t:small", "Rampur", 21.9, 83.2, "IN", "Odisha", "town", 9_000), []),
        (Place("t:odisha", "Odisha", 20.3, 85.8, "IN", "Odisha", "admin1", 0), []),
    ])
    text = "Troops set up a camp in the remote area of Odisha's Rampur block on Monday."
    refs = resolve_places(annotate(text), "d", gazetteer).places
    assert [(ref.text, ref.gazetteer_id) for ref in refs if ref.text.endswith("Rampur")] == [
        ("Rampur", "t:small")]


def test_words_of_institutions_are_no_towns_and_particles_join_names() -> None:
    gazetteer = InMemoryGazetteer([
        (Place("t:alliance", "Alliance", 42.1, -102.9, "US", "Nebraska", "city", 8_500), []),
        (Place("t:santander", "Santander", 43.46, -3.8, "ES", "Cantabria", "city", 180_000), []),
        (Place("t:quilichao", "Santander de Quilichao", 3.01, -76.48, "CO", "Cauca", "city",
               99_000), []),
    ])
    text = ("The Alliance of Sahel States condemned the attack. Gunmen abducted a guard in "
            "Santander de Quilichao on Sunday.")
    refs = resolve_places(annotate(text), "d", gazetteer).places
    assert [(ref.text, ref.gazetteer_id) for ref in refs if ref.name] == [
        ("Santander de Quilichao", "t:quilichao")]


def test_the_city_s_district_lies_in_the_city_just_named(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Russian drones struck Kharkiv overnight. The mayor said the drones hit the city's "
            "Kyivskyi and Saltivskyi districts shortly after 2 a.m.")
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: p.name for p in resolution.places if p.resolved}
    assert found.get("Kyivskyi") == "Kharkiv" and found.get("Saltivskyi") == "Kharkiv"


def test_a_person_s_first_name_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Regional governor Serhiy Lysak said air defence units had destroyed 17 drones. "
            "President Volodymyr Zelenskiy urged allies to send more systems.")
    resolution = resolve_places(annotate(text), "d", gazetteer)
    assert not [p.text for p in resolution.places if p.resolved and p.role == "mention"]


def test_a_country_ending_an_institution_s_name_is_no_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Police, supported by soldiers of the Armed Forces of Haiti, exchanged fire with gangs "
            "in Kenscoff on Friday.")
    roles = {p.text: p.role for p in resolve_places(annotate(text), "d", gazetteer).places}
    assert roles.get("Haiti") == "organisation" and roles.get("Kenscoff") == "mention"


def test_a_district_of_the_city_the_sentence_names_lies_in_that_city(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("In Kharkiv, the toll from a Russian missile strike on a printing house in the "
            "Kyivskyi district rose to three.")
    found = {p.text: p.name for p in resolve_places(annotate(text), "d", gazetteer).places}
    assert found.get("Kyivskyi") == "Kharkiv"


def test_a_word_of_a_group_s_name_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Daily Bulletin No. 287. The security service of Hay'at Tahrir al-Sham arrested "
            "nine people in Idlib city on Sunday.")
    found = {p.text: p.name for p in resolve_places(annotate(text), "d", gazetteer).places
             if p.resolved}
    assert "al-Sham" not in found and "Daily" not in found and found.get("Idlib") == "Idlib"


def test_names_with_an_apostrophe_inside_are_candidates(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "- Sa'dah, Friday 21 January: an air strike hit the Sa'dah remand prison."
    found = {p.text: p.country_code for p in resolve_places(annotate(text), "d", gazetteer).places
             if p.resolved}
    assert found.get("Sa'dah") == "YE"


def test_countries_whose_capital_geonames_spells_with_accents_are_placed(gazetteer) -> None:  # type: ignore[no-untyped-def]
    for name, (latitude, longitude) in (("Colombia", (4.6, -74.1)), ("Cameroon", (3.87, 11.52)),
                                        ("Brazil", (-15.8, -47.9))):
        place = gazetteer.lookup(name).places[0]
        assert place.feature == "country" and place.latitude is not None, name
        assert abs(place.latitude - latitude) < 0.5 and abs(place.longitude - longitude) < 0.5


def test_a_spaced_dash_ends_a_name_and_an_apostrophe_name_is_a_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("a) Looting - Rufa'a town (East Gezira locality). On 10 January, RSF fighters went "
            "from house to house in Rufa'a, taking cars.")
    found = [p.name for p in resolve_places(annotate(text), "d", gazetteer).places
             if p.resolved and p.text == "Rufa'a"]
    assert len(found) == 2


def test_the_country_adjective_before_town_of_chooses_the_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    # Palmyra is the own name of American towns and an alternate of Tadmur: "the Syrian town
    # of" decides, even under a Lebanese dateline.
    text = ("BEIRUT, Dec 11 - Islamic State fighters seized the Syrian town of Palmyra on "
            "Sunday after government forces withdrew.")
    resolution = resolve_places(annotate(text), "d", gazetteer)
    found = {p.text: (p.name, p.country_code) for p in resolution.places if p.resolved}
    assert found["Palmyra"] == ("Tadmur", "SY")
