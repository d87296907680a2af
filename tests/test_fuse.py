"""Fusion rules: one event per type × day × place × initiator; strikes folded into battles."""

import dataclasses
import datetime as dt

from frontwatch.fuse import fuse_mentions
from frontwatch.records import ActorRef, DateRef, Evidence, Mention, PlaceRef, Span

DAY = dt.date(2024, 2, 12)
PLACE = PlaceRef("d", "Karuba", 0, 6, "Karuba", "g:1", -1.6, 29.0, "CD", "North Kivu", "village")


def _actor(name: str, inter: int, country: str = "CD") -> ActorRef:
    return ActorRef("d", name, 0, 1, name, inter, country)


def _mention(n: int, sub_event_type: str, actor1: ActorRef, actor2: ActorRef | None,
             fatalities: int = 0, certainty: str = "reported") -> Mention:
    return Mention(id=f"m{n}", doc_id="d", sub_event_type=sub_event_type,
                   evidence=Evidence("d", f"sentence {n}", n * 10, n * 10 + 9),
                   trigger=Span(n * 10, n * 10 + 3, "x"), actor1=actor1, actor2=actor2,
                   place=PLACE, geo_precision=1, date=DateRef("d", "Monday", 0, 6, DAY),
                   fatalities=fatalities, certainty=certainty)  # type: ignore[arg-type]


M23, ARMY, RW = _actor("M23", 2), _actor("Military Forces of DRC", 1), _actor("Military "
                                                                               "Forces of Rwanda", 1, "RW")


def test_same_type_day_place_initiator_is_one_event_with_all_evidence() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 3),
                            _mention(2, "Armed clash", M23, None, 7)], "Wire")
    assert len(events) == 1
    assert events[0].fatalities == 7 and len(events[0].evidence) == 2
    assert events[0].source == "Wire"


def test_strike_on_a_battle_side_is_folded_into_the_battle() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 3),
                            _mention(2, "Air/drone strike", ARMY, M23, 2)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].fatalities == 3 and len(events[0].evidence) == 2


def test_foreign_state_forces_are_external_and_go_with_their_side() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY),
                            _mention(2, "Air/drone strike", RW, ARMY)])
    assert len(events) == 1
    assert events[0].assoc_actor_1 == "Military Forces of Rwanda"


def test_uncertain_mentions_are_not_events() -> None:
    assert fuse_mentions([_mention(1, "Attack", M23, None, certainty="feared")]) == []


def test_event_ids_are_stable() -> None:
    first = fuse_mentions([_mention(1, "Armed clash", M23, ARMY)])[0].event_id
    assert fuse_mentions([_mention(1, "Armed clash", M23, ARMY)])[0].event_id == first


def test_abduction_in_an_attack_is_part_of_the_attack() -> None:
    civilians = _actor("Civilians (DRC)", 7)
    events = fuse_mentions([_mention(1, "Attack", M23, civilians, 4),
                            _mention(2, "Abduction/forced disappearance", M23, civilians)])
    assert [e.sub_event_type for e in events] == ["Attack"] and len(events[0].evidence) == 2


def test_a_mention_without_initiator_joins_the_named_event() -> None:
    events = fuse_mentions([_mention(1, "Disrupted weapons use", ARMY, M23),
                            _mention(2, "Disrupted weapons use", None, M23)])  # type: ignore[arg-type]
    assert len(events) == 1 and events[0].actor1 == "Military Forces of DRC"


def test_withdrawal_after_a_battle_ends_the_battle() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 4),
                            _mention(2, "Non-violent transfer of territory", M23, None)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]


REGION = PlaceRef("d", "North Kivu", 0, 10, "North Kivu", "admin1:cd:north-kivu", -0.8, 29.2,
                  "CD", "North Kivu", "admin1")
OTHER_TOWN = PlaceRef("d", "Goma", 0, 4, "Goma", "g:2", -1.68, 29.22, "CD", "North Kivu", "city")
UNIDENTIFIED = _actor("Unidentified Armed Group (DRC)", 3)
CIVILIANS = _actor("Civilians (DRC)", 7)


def _at(mention: Mention, place: PlaceRef) -> Mention:
    import dataclasses

    return dataclasses.replace(mention, place=place)


def test_an_unidentified_initiator_joins_the_group_the_report_names() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", UNIDENTIFIED, ARMY, 15),
                            _mention(2, "Armed clash", ARMY, UNIDENTIFIED),
                            _mention(3, "Armed clash", M23, ARMY, 60, certainty="claimed")])
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == ("M23", "Military Forces of DRC")
    assert events[0].fatalities == 15  # the claimed 60 yields to the reported figure


def test_two_named_initiators_stay_two_events() -> None:
    events = fuse_mentions([_mention(1, "Attack", M23, CIVILIANS),
                            _mention(2, "Attack", _actor("ADF", 2), CIVILIANS)])
    assert len(events) == 2


def test_a_region_and_a_place_inside_it_are_one_event_at_the_place() -> None:
    events = fuse_mentions([_at(_mention(1, "Air/drone strike", ARMY, CIVILIANS, 24), REGION),
                            _mention(2, "Air/drone strike", ARMY, CIVILIANS)])
    assert len(events) == 1 and events[0].location == "Karuba" and events[0].fatalities == 24


def test_two_places_are_two_events() -> None:
    events = fuse_mentions([_at(_mention(1, "Air/drone strike", ARMY, CIVILIANS), OTHER_TOWN),
                            _mention(2, "Air/drone strike", ARMY, CIVILIANS)])
    assert len(events) == 2


def _told(mention: Mention, text: str) -> Mention:
    import dataclasses

    return dataclasses.replace(mention, fatalities_text=text)


def test_the_most_conservative_whole_toll_is_kept() -> None:
    # Two sources' tolls for one event: the lower (ACLED).
    events = fuse_mentions([_told(_mention(1, "Attack", M23, CIVILIANS, 9), "killing at least nine"),
                            _told(_mention(2, "Attack", M23, CIVILIANS, 16), "16 people were killed")])
    assert [e.fatalities for e in events] == [9]
    # A partial count and the default for unnumbered deaths never lower a toll.
    events = fuse_mentions([_told(_mention(1, "Attack", M23, CIVILIANS, 12), "killed 12"),
                            _told(_mention(2, "Attack", M23, CIVILIANS, 2),
                                  "two children were among the dead"),
                            _told(_mention(3, "Attack", M23, CIVILIANS, 3), "killed")])
    assert [e.fatalities for e in events] == [12]


def test_two_parts_of_one_town_are_one_event() -> None:
    # "clashes erupted in the Birere district ... fighters exchanged fire near the airport"
    district = PlaceRef("d", "Birere", 0, 6, "Birere", "curated:birere", -1.68, 29.23, "CD",
                        "North Kivu", "neighbourhood")
    airport = PlaceRef("d", "Goma airport", 0, 12, "Goma International Airport", "curated:gia",
                       -1.67, 29.24, "CD", "North Kivu", "airport")
    events = fuse_mentions([_at(_mention(1, "Armed clash", M23, ARMY, 4), district),
                            _at(_mention(2, "Armed clash", M23, ARMY), airport)])
    assert len(events) == 1 and events[0].fatalities == 4
    # Two towns 10 km apart stay two events.
    events = fuse_mentions([_at(_mention(1, "Armed clash", M23, ARMY), OTHER_TOWN),
                            _mention(2, "Armed clash", M23, ARMY)])
    assert len(events) == 2


def test_capture_absorbs_the_battle_for_the_town_and_its_deaths() -> None:
    events = fuse_mentions([_mention(1, "Non-state actor overtakes territory", M23, ARMY),
                            _mention(2, "Armed clash", M23, ARMY, 12),
                            _mention(3, "Non-violent transfer of territory", ARMY, None)])
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
    assert events[0].fatalities == 12


def test_specific_types_absorb_their_generic_facets() -> None:
    rioters, police = _actor("Rioters (DRC)", 5), _actor("Police Forces of DRC", 1)
    riot = fuse_mentions([_mention(1, "Violent demonstration", rioters, police),
                          _mention(2, "Protest with intervention", None, police)])  # type: ignore[arg-type]
    chemical = fuse_mentions([_mention(1, "Chemical weapon", ARMY, CIVILIANS),
                              _mention(2, "Air/drone strike", ARMY, CIVILIANS)])
    assert [e.sub_event_type for e in riot] == ["Violent demonstration"]
    assert [e.sub_event_type for e in chemical] == ["Chemical weapon"]


def test_a_raid_that_killed_no_one_is_the_abduction() -> None:
    events = fuse_mentions([_mention(1, "Attack", UNIDENTIFIED, CIVILIANS),
                            _mention(2, "Abduction/forced disappearance", UNIDENTIFIED, CIVILIANS)])
    assert [e.sub_event_type for e in events] == ["Abduction/forced disappearance"]


def test_a_claim_of_the_attack_is_no_second_event() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", UNIDENTIFIED, ARMY, 26),
                            _mention(2, "Attack", M23, None, certainty="claimed")])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].actor1 == "M23"


def test_a_chemical_attack_absorbs_the_grenade_that_delivered_it() -> None:
    events = fuse_mentions([_mention(1, "Chemical weapon", ARMY, M23),
                            _mention(2, "Grenade", ARMY, None)])
    assert [e.sub_event_type for e in events] == ["Chemical weapon"]


def test_a_group_s_own_account_of_a_grenade_attack_is_its_claim() -> None:
    events = fuse_mentions([_mention(1, "Grenade", UNIDENTIFIED, CIVILIANS, 1),
                            _mention(2, "Armed clash", M23, ARMY, 3, certainty="claimed")])
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [("Grenade", "M23", 1)]


def test_a_capture_absorbs_the_shelling_of_its_fighting_and_the_weapons_seized() -> None:
    events = fuse_mentions([_mention(1, "Non-state actor overtakes territory", M23, ARMY),
                            _mention(2, "Shelling/artillery/missile attack", UNIDENTIFIED,
                                     CIVILIANS, 7),
                            _mention(3, "Disrupted weapons use", M23, None)])
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory"]
    assert events[0].fatalities == 7


def test_weapons_found_in_an_arrest_raid_are_the_raids() -> None:
    events = fuse_mentions([_mention(1, "Arrests", ARMY, CIVILIANS),
                            _mention(2, "Disrupted weapons use", ARMY, None)])
    assert [e.sub_event_type for e in events] == ["Arrests"]


def test_what_a_bomb_or_a_strike_destroyed_is_its_damage_not_a_second_event() -> None:
    for violence in ("Remote explosive/landmine/IED", "Air/drone strike", "Armed clash"):
        events = fuse_mentions([_mention(1, violence, UNIDENTIFIED, ARMY, 2),
                                _mention(2, "Looting/property destruction", UNIDENTIFIED, None)])
        assert [e.sub_event_type for e in events] == [violence]


def test_a_battle_absorbs_the_devices_used_in_it_but_a_claim_absorbs_nothing() -> None:
    events = fuse_mentions([_mention(1, "Armed clash", ARMY, M23, 3),
                            _mention(2, "Remote explosive/landmine/IED", M23, ARMY)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    events = fuse_mentions([_mention(1, "Grenade", UNIDENTIFIED, CIVILIANS, 1),
                            _mention(2, "Armed clash", M23, ARMY, certainty="claimed")])
    assert [e.sub_event_type for e in events] == ["Grenade"]


def test_a_riot_absorbs_the_shooting_of_its_crowd_and_its_arson() -> None:
    rioters = _actor("Rioters (Kenya)", 5, "KE")
    events = fuse_mentions([_mention(1, "Violent demonstration", rioters, None),
                            _mention(2, "Attack", UNIDENTIFIED, CIVILIANS, 5),
                            _mention(3, "Looting/property destruction", rioters, None)])
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Violent demonstration", 5)]


def test_what_a_strike_s_side_says_it_targeted_is_the_strike() -> None:
    strike = _mention(1, "Air/drone strike", UNIDENTIFIED, CIVILIANS, 11)
    told = dataclasses.replace(_mention(2, "Armed clash", ARMY, M23),
                               trigger=Span(20, 28, "targeted"))
    events = fuse_mentions([strike, told])
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 11)]


def test_a_raid_that_became_a_firefight_is_the_battle() -> None:
    events = fuse_mentions([_mention(1, "Attack", ARMY, None),
                            _mention(2, "Armed clash", M23, ARMY, 1)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    events = fuse_mentions([_mention(1, "Attack", ARMY, CIVILIANS, 2),
                            _mention(2, "Armed clash", M23, ARMY, 1)])
    assert sorted(e.sub_event_type for e in events) == ["Armed clash", "Attack"]


def test_a_summary_over_a_week_is_no_event_beside_the_days_it_sums() -> None:
    week = DateRef("d", "this week", 0, 9, DAY - dt.timedelta(days=DAY.weekday()),
                   DAY + dt.timedelta(days=6 - DAY.weekday()), time_precision=2)
    summary = dataclasses.replace(_mention(1, "Air/drone strike", ARMY, None, 9), date=week)
    strike = _mention(2, "Air/drone strike", ARMY, M23, 2)
    events = fuse_mentions([summary, strike])
    assert [(e.event_date, e.fatalities) for e in events] == [(DAY, 2)]
    # Alone, a week's strikes are still coded (at the week's start, precision 2).
    assert len(fuse_mentions([summary])) == 1
    # A summary of another type's days sums nothing.
    shelling = _mention(3, "Shelling/artillery/missile attack", ARMY, M23, 1)
    assert len(fuse_mentions([summary, shelling])) == 2


def test_a_strike_on_unidentified_attackers_is_part_of_the_battle() -> None:
    attackers = _actor("Unidentified Armed Group (DRC)", 3)
    events = fuse_mentions([_mention(1, "Armed clash", M23, ARMY, 3),
                            _mention(2, "Air/drone strike", ARMY, attackers, 0)])
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_generic_actors_take_the_country_of_the_event() -> None:
    bujumbura = PlaceRef("d", "Bujumbura", 0, 9, "Bujumbura", "g:2", -3.38, 29.36, "BI", None,
                         "city")
    gunmen = _actor("Unidentified Armed Group (Democratic Republic of Congo)", 3)
    civilians = _actor("Civilians (Democratic Republic of Congo)", 7)
    event, = fuse_mentions([_at(_mention(1, "Grenade", gunmen, civilians, 2), bujumbura)])
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group (Burundi)",
                                            "Civilians (Burundi)")


def test_a_claim_told_days_later_without_its_own_day_is_the_earlier_event_s_claim() -> None:
    battle = _mention(1, "Armed clash", M23, ARMY, 3)
    later = DateRef("d", "Thursday", 500, 508, DAY + dt.timedelta(days=2))  # the telling's day
    claim = dataclasses.replace(_mention(2, "Armed clash", M23, ARMY, 10, "claimed"), date=later)
    events = fuse_mentions([battle, claim])
    assert [(e.event_date, e.fatalities) for e in events] == [(DAY, 3)]
    # A claim that tells its own day is of that day.
    told = dataclasses.replace(claim, date=DateRef("d", "Thursday", 20, 28,
                                                   DAY + dt.timedelta(days=2)))
    assert len(fuse_mentions([battle, told])) == 2


def test_a_march_the_police_broke_up_is_one_protest_with_intervention() -> None:
    """ACLED: one demonstration, one day, one place: coded at the step it escalated to."""
    crowd, police = _actor("Protesters (DRC)", 6), _actor("Police Forces of DRC", 1)
    events = fuse_mentions([_mention(1, "Peaceful protest", crowd, None),
                            _mention(2, "Protest with intervention", crowd, police)])
    assert [event.sub_event_type for event in events] == ["Protest with intervention"]
    assert len(events[0].evidence) == 2
