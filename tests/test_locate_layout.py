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


def test_a_weekday_in_a_section_heading_dates_the_items_below(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "KAMPALA, Thursday — A tense calm returned after a day of unrest.\n\nWHAT HAPPENED ON "
        "MONDAY\n\n• Gulu: Police fired tear gas and rubber bullets to disperse students "
        "protesting against fee rises.\n\n• Mbarara: Several hundred traders marched peacefully "
        "to the district offices.", gazetteer, "2024-05-16")
    assert events and {e.event_date for e in events} == {dt.date(2024, 5, 13)}


def test_country_headings_with_a_title_split_a_digest(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "WEST AFRICA WEEKLY (2-8 June)\n\nMALI — Convoy hit\nA roadside bomb struck an army "
        "convoy near Douentza on Tuesday, killing three soldiers.\n\nNIGER — Capital\nOn "
        "Wednesday, police in Niamey arrested two opposition activists over a planned rally.",
        gazetteer, "2025-06-09")
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].country == "Niger"


def test_a_part_of_a_town_found_only_far_away_yields_to_the_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "| Date | Location | Incident |\n|---|---|---|\n| 17 Jan | Marib city – Al-Rawdah "
        "neighbourhood | A Houthi ballistic missile struck a residential street, killing three "
        "civilians |", gazetteer, "2022-01-20")
    strikes = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert strikes and strikes[0].location == "Ma'rib"


def test_a_direction_names_the_scene_unless_set_off_after_a_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    bare = _events("In Al Hudaydah governorate, a landmine exploded in farmland east of Hays "
                   "on Tuesday, killing a shepherd.", gazetteer, "2022-01-20")
    assert _where(bare, "Remote explosive/landmine/IED") == "Ḩays"
    apposed = _events("A roadside bomb hit an army patrol in the Tarmiyah district, north of "
                      "Baghdad, on Saturday, wounding two soldiers.", gazetteer, "2024-06-03")
    assert _where(apposed, "Remote explosive/landmine/IED") != "Baghdad"


def test_a_dated_heading_sets_the_day_and_place_of_its_paragraph(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "SITUATION REPORT #4\n\n2–3 March — a farming hamlet about 20 km south of Wad Madani\n"
        "Residents report that militiamen who had controlled the area since January raped at "
        "least three women between 2 and 3 March.\n\n5 March — Wad Madani\nArmy units, with "
        "allied fighters, re-entered Wad Madani, which the militia had held for a year.",
        gazetteer, "2025-03-08")
    rape = [e for e in events if e.sub_event_type == "Sexual violence"]
    assert rape and rape[0].event_date in (dt.date(2025, 3, 2), dt.date(2025, 3, 3))
    assert rape[0].geo_precision == 2
    assert rape[0].latitude is not None and rape[0].latitude < 14.40 - 0.1
    assert _where(events, "Government regains territory") == "Wad Medani"


def test_a_date_alone_on_its_line_dates_the_bullets_below(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "FLASH UPDATE\nIssued: Friday 10 May 2024\n\nRUTSHURU TERRITORY\n6 May\n• Rebels "
        "clashed with the army near Kiwanja. No casualties reported.\n\n8 May (night)\n• Shells "
        "landed on a displacement site west of Goma, killing four people.", gazetteer,
        "2024-05-10")
    assert {e.sub_event_type: e.event_date for e in events} == {
        "Armed clash": dt.date(2024, 5, 6),
        "Shelling/artillery/missile attack": dt.date(2024, 5, 8)}
    assert all(e.certainty == "reported" for e in events)


def test_the_day_of_a_weekly_rite_is_the_day_when_only_the_telling_is_dated(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Gunmen abducted 20 worshippers during Sunday service at a church in "
                     "Kajuru, a church official said on Tuesday.", gazetteer, "2024-03-20")
    assert events and events[0].event_date == dt.date(2024, 3, 17)


def test_markdown_headings_split_a_digest_and_name_its_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "WEEKLY BRIEF\n\n## SYRIA\n\n### Idlib\nOn 2 April, a car bomb exploded near the main "
        "market, killing three civilians.\n\n## SUDAN - Darfur\nShelling hit a displacement "
        "camp north of El Fasher on 3 April, killing five people.", gazetteer, "2025-04-06")
    bomb = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert bomb and bomb[0].location == "Idlib"
    shelling = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].country == "Sudan"


def test_a_title_of_address_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    document = frontwatch.make_document(
        "PARLIAMENTARY QUESTION\n\nHon. Perera asked the minister about the shooting of "
        "protesters in Kegalle on Tuesday.", source="t", published=dt.date(2022, 4, 21))
    analysis = frontwatch.analyse(document, gazetteer)
    assert all(place.text != "Hon" for place in analysis.places.places if place.resolved)


def test_the_capital_a_spokesman_spoke_in_is_no_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        "N'DJAMENA, Nov 5 (Wire) - Soldiers fought Boko Haram militants on Sunday about 30 km "
        "northwest of Baga Sola, the army said.\n\nArmy spokesman General Ali Mahamat told "
        "reporters in the capital that a patrol was ambushed in the reeds. Seven soldiers were "
        "killed.", gazetteer, "2024-11-05")
    assert events and all(e.location != "N'Djamena" for e in events)


def test_a_street_named_after_a_man_is_no_town(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("On Sunday, several hundred people marched peacefully along Habib Bourguiba "
                     "Avenue in central Tunis.", gazetteer, "2023-02-27")
    assert events and events[0].location == "Tunis"


def test_a_name_repeated_is_one_vote_for_the_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """"Bor" three times (Russia's Bor is larger) against Pibor and Jonglei once each: the
    report is about South Sudan."""
    events = _events(
        "At least 17 killed in raid near Bor town\n\nJonglei state authorities say at least 17 "
        "people were killed in yesterday's attack on a cattle camp near Bor town. The Bor County "
        "commissioner said the raiders stormed the camp at dawn. Local youth pursued the "
        "attackers towards Pibor.", gazetteer, "2023-02-09")
    assert {event.country for event in events} == {"South Sudan"}


def test_a_major_city_in_a_loose_spelling_contains_its_district(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """"Hodeidah" is Al Hudaydah (a loose spelling of a major city), and "Hays district of
    Hodeidah" is Yemen's Hays, not Kansas's."""
    events = _events("Fighting killed 11 fighters in Hays district of Hodeidah on Thursday, "
                     "military sources said.", gazetteer, "2021-07-09")
    assert [(event.location, event.country) for event in events] == [("Ḩays", "Yemen")]


def test_an_agreement_named_after_a_city_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Houthi fighters and government forces clashed in Hays district of Hodeidah "
                     "on Thursday. The front has been largely static since the 2018 Stockholm "
                     "Agreement.", gazetteer, "2021-07-09")
    assert events and all(event.country == "Yemen" for event in events)


def test_a_land_cruiser_is_no_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Two police officers died when an explosive device hit their Land Cruiser "
                     "near Mandera town on Thursday.", gazetteer, "2021-10-15")
    assert [event.location for event in events] == ["Mandera"]


def test_a_town_named_with_its_town_word_is_found(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("Insurgents attacked Macomia town in Mozambique's Cabo Delgado province on "
                     "Saturday, exchanging fire with soldiers for several hours.", gazetteer,
                     "2022-08-21")
    assert [event.location for event in events] == ["Macomia"]


def test_a_region_in_brackets_contains_the_village(gazetteer) -> None:  # type: ignore[no-untyped-def]
    events = _events("FIELD BULLETIN\n\n3. Turmus Ayya (Ramallah) - Settlers set fire to three "
                     "cars and beat two residents on Tuesday 18 July.", gazetteer, "2023-07-20")
    assert events and {event.location for event in events} == {"Turmus‘ayyā"}


def test_a_neighbourhood_far_from_the_reports_town_is_a_namesake(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """The gazetteer's only al-Rawdah of Yemen lies in Sanaa; the report is about Taiz."""
    events = _events("Shelling kills children in Taizz\n\nOfficials in Taizz said shelling by "
                     "the Houthis on Saturday killed four children in the northern neighbourhood "
                     "of al-Rawdah.", gazetteer, "2023-07-24")
    assert [event.location for event in events] == ["Taiz"]


def test_a_demonym_before_a_place_word_names_the_scenes_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A report filed from Jerusalem about a strike in Lebanon: "the southern Lebanese village
    of X" puts the scene in Lebanon, so the town named near it (Bint Jbeil) is the place, not
    the dateline's country's city quoted later; the attacker's demonym ("an Israeli drone
    strike") names no scene."""
    events = _events(
        "JERUSALEM (AP) — An Israeli drone strike on a house in the southern Lebanese village "
        "of Qaryat Zawiyeh, near the border town of Bint Jbeil, killed two fighters on "
        "Wednesday, security officials said.\n\nThe group mourned the two men, who it said had "
        "died \"on the road to Jerusalem.\" The Israeli military said its aircraft had struck a "
        "cell in the area.\n\nEarlier on Wednesday, the group fired guided missiles at an "
        "Israeli army post near the northern town of Metula. Israel's defense minister warned "
        "that Israel would respond.", gazetteer, "2024-01-18")
    strike = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert strike and strike[0].country == "Lebanon" and strike[0].location != "Jerusalem"


def test_a_region_in_neighbouring_is_the_container_not_the_scene(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """"near Ilaga in neighbouring Puncak regency": Puncak only says where Ilaga lies (and the
    gazetteer's Puncak is a town in Java)."""
    events = _events(
        "JAYAPURA, Indonesia — On Wednesday, soldiers raiding a suspected rebel camp near Ilaga "
        "in neighbouring Puncak regency came under fire, sparking a gunbattle. The military "
        "said one soldier was killed.", gazetteer, "2022-03-05")
    assert _where(events, "Armed clash") == "Ilaga"


def test_a_notebooks_capital_headings_are_its_sections_scenes(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A notebook from two capitals, mostly about Armenia: "TBILISI — Riot police ..." is the
    scene of its paragraph, and riot police pushing back demonstrators is an intervention in a
    protest, not a riot."""
    events = _events(
        "Caucasus notebook — Tuesday, 14 May 2024\n\nTBILISI — Riot police used pepper spray "
        "and water cannon late on Monday to push back several thousand demonstrators who had "
        "blocked the entrances to parliament.\n\nYEREVAN — On Sunday, tens of thousands of "
        "people marched peacefully through central Yerevan to demand the resignation of the "
        "prime minister over the handover of border villages in Tavush province. Police "
        "monitored the rally in Yerevan.", gazetteer, "2024-05-14")
    assert _where(events, "Protest with intervention") == "Tbilisi"
    assert _where(events, "Peaceful protest") == "Yerevan"
