"""Event location read from a report's layout: item labels, heading lines, roundup headings,
origins, speakers' places and distances from a town (issue #4)."""

import datetime as dt

import frontwatch


def _events(text: str, gazetteer, published: str):  # type: ignore[no-untyped-def]
    document = frontwatch.make_document(text, source="t",
                                        published=dt.date.fromisoformat(published))
    return frontwatch.extract(document, gazetteer)


def _where(events, sub_event_type: str) -> str | None:  # type: ignore[no-untyped-def]
    found = [e for e in events if e.sub_event_type == sub_event_type]
    assert found, sub_event_type
    return found[0].location


def test_an_item_label_names_its_place_and_yields_to_a_nearer_one(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "REGIONAL SECURITY NOTES | 3-9 March 2025\n\nKENYA\n- Kisumu: On Tuesday 4 March, "
        "about two hundred teachers marched peacefully to the county offices to demand unpaid "
        "salaries.\n\nCOLOMBIA\n- Cauca: On Thursday 6 March, FARC dissidents kidnapped two "
        "engineers on a rural road near Suarez.", gazetteer, "2025-03-10")
    assert _where(events, "Peaceful protest") == "Kisumu"
    kidnap = [e for e in events if e.sub_event_type == "Abduction/forced disappearance"]
    assert kidnap and kidnap[0].country == "Colombia" and kidnap[0].location == "Suárez"


def test_a_heading_line_sets_the_scene_of_the_paragraph_below(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "MONITORING NOTE No. 12\n\n1. KUMBO (Bui division, North-West)\n\nOn Monday 3 June, "
        "soldiers burned about a dozen houses in the town, residents said.\n\n"
        "2. LIMBE (Fako division, South-West)\n\nOn 5 June, gendarmes arrested nine young men "
        "during a night raid.", gazetteer, "2024-06-07")
    assert _where(events, "Looting/property destruction") == "Kumbo"
    assert _where(events, "Arrests") == "Limbe"


def test_town_headings_of_a_roundup_are_scenes_not_datelines(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "DAILY ROUNDUP - Friday\n\nPESHAWAR - Unknown gunmen shot dead a police constable near "
        "a bus stand yesterday.\n\nMULTAN - Police baton-charged and tear-gassed farmers "
        "protesting against wheat prices outside the commissioner's office today.",
        gazetteer, "2024-04-19")
    assert _where(events, "Protest with intervention") == "Multan"


def test_where_a_convoy_left_and_where_a_spokesman_spoke_are_no_scenes(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "A supply convoy that had left Mopti two days earlier was ambushed by jihadists near "
        "Douentza on Sunday, killing four soldiers, an army officer said on Monday in Bamako.",
        gazetteer, "2023-10-10")
    assert events and {e.location for e in events} == {"Douentza"}


def test_a_distance_after_a_named_place_only_says_where_that_place_is(gazetteer) -> None:  # type: ignore[no-untyped-def]
    named = _events("In Kutum, about 110 km (68 miles) north-west of El Fasher, an air strike "
                    "hit the town's market on Monday, killing six people.", gazetteer,
                    "2024-06-12")
    assert _where(named, "Air/drone strike") == "Kutum"
    unnamed = _events("Rebels killed seven civilians on Sunday in a village about 25 km south "
                      "of Butembo, in Lubero territory, local officials said.", gazetteer,
                      "2024-05-07")
    attack = [e for e in unnamed if e.sub_event_type == "Attack"]
    assert attack and attack[0].geo_precision == 2 and attack[0].latitude is not None
    assert attack[0].latitude < 0.14 - 0.15  # south of Butembo (0.14 N), not Lubero
